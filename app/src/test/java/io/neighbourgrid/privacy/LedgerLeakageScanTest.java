package io.neighbourgrid.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.embedded.EmbeddedLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.privacy.BlockLog.LoggedBlock;
import io.neighbourgrid.privacy.LeakageScanner.Hit;
import io.neighbourgrid.privacy.LeakageScanner.Secret;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.DayBilling;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import io.neighbourgrid.testing.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every block of a billed day's ledger and searches it for every private input and settlement value of every
 * home and window, in every encoding of {@link LeakageScanner}: none may appear. A companion test plants a home's
 * value in clear through a leaky contract, once per encoding, and checks that the scanner finds each.
 */
class LedgerLeakageScanTest {
    private static final int KEY_BITS = 1024;
    private static final int HOMES = 10;
    private static final int WINDOWS = 6;
    /** Quarter-hour windows, so that a home's energy per window has the five or more digits the scanner needs. */
    private static final long WINDOW_SECONDS = 900;

    @Test
    void noPrivateValueOfABilledDayIsOnTheLedger(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        Path ledgerDir = dir.resolve("ledger");
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).windowSeconds(WINDOW_SECONDS)
                .seed(3).build().generate();
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        MarketConfig config = MarketConfig.of(params, KEY_BITS, 60);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        List<Exception> errors = new ArrayList<>();
        AgentListener agents = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        List<Secret> secrets;
        Map<Long, List<String>> publicValues;
        long height;
        EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(ledgerDir, clock);
        try (Community community = new Community(provider, day, KEY_BITS,
                new KeyCache(null, "x".toCharArray(), new SecureRandom()), clock, agents, 2)) {
            RunReport report = new Simulator(community, day, config, 2, new Simulator.SimulationListener() { })
                    .run(RunReport.builder(params), 0, WINDOWS);
            DayBilling.Summary billing = DayBilling.run(community, day, WINDOWS, TestKeys.paillier(1024, 0),
                    new DayBilling.Options(0.5, 11, 2));
            assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
            assertEquals(HOMES, billing.bills());
            assertEquals(HOMES * WINDOWS, billing.records());
            assertTrue(billing.reports() > 0, "no meter reports");
            secrets = secrets(day, report, params);
            publicValues = publicValues(params, report, provider, community);
            height = provider.ledger().engine().verifyChain().blockCount();
        }
        long dayMs = (System.nanoTime() - started) / 1_000_000;

        long scanStarted = System.nanoTime();
        List<LoggedBlock> blocks = BlockLog.read(ledgerDir.resolve("blocks.log"));
        assertEquals(height, blocks.size(), "blocks read from the log");
        LeakageScanner scanner = new LeakageScanner(secrets);
        List<Hit> hits = new ArrayList<>();
        blocks.forEach(b -> hits.addAll(scanner.scan(b)));
        long scanMs = (System.nanoTime() - scanStarted) / 1_000_000;
        long logBytes = Files.size(ledgerDir.resolve("blocks.log"));
        assertEquals(logBytes, BlockLog.HEADER + (long) BlockLog.FRAMING * blocks.size() + scanner.bytesScanned(),
                "every byte of every block is scanned");

        List<String> coincidences = new ArrayList<>();
        for (Secret s : secrets) {
            if (Math.abs(s.units()) >= LeakageScanner.MIN_UNITS && publicValues.containsKey(s.units())) {
                coincidences.add(s + " equals " + publicValues.get(s.units()));
            }
        }
        List<Hit> explained = hits.stream().filter(h -> publicValues.containsKey(h.needle().units())).toList();
        List<Hit> leaks = hits.stream().filter(h -> !publicValues.containsKey(h.needle().units())).toList();

        System.out.printf(Locale.ROOT, "Ledger leakage scan: %d private values (%d distinct, %d under %d units "
                        + "skipped), %d encodings, %d needles (%d value-encoding pairs too short), %d blocks, %d "
                        + "bytes scanned (log file %d bytes), %d hits (%d of values that equal a public value), "
                        + "%d coincidences; day %d ms, scan %d ms%n",
                secrets.size(), scanner.values(), scanner.skippedSecrets(), LeakageScanner.MIN_UNITS,
                LeakageScanner.ENCODINGS.size(), scanner.needles(), scanner.skippedNeedles(), blocks.size(),
                scanner.bytesScanned(), logBytes, hits.size(), explained.size(),
                coincidences.size(), dayMs, scanMs);
        System.out.println("  values skipped (under " + LeakageScanner.MIN_UNITS + " units), by quantity: "
                + secrets.stream().filter(s -> Math.abs(s.units()) < LeakageScanner.MIN_UNITS).collect(
                        Collectors.groupingBy(Secret::quantity, TreeMap::new, Collectors.counting())));
        System.out.println("  needles per encoding: " + scanner.needlesPerEncoding());
        coincidences.forEach(c -> System.out.println("  coincidence: " + c));
        explained.forEach(h -> System.out.println("  hit of a value equal to a public value: " + h));
        leaks.forEach(h -> System.out.println("  LEAK: " + h));

        assertTrue(scanner.values() > HOMES * WINDOWS, "too few values searched: " + scanner.values());
        assertTrue(leaks.isEmpty(), leaks.size() + " private values found on the ledger:\n" + String.join("\n",
                leaks.stream().map(Hit::toString).toList()));
    }

    /**
     * Every home's private inputs of every window (g, l, b, k, eps, sn, |sn|, d) and its own settlement (market and
     * grid energy and money, and the exact amounts {@code energy x price} in 10^-12 cent that bills add up), as the
     * home computed it from the public outcome.
     */
    private static List<Secret> secrets(CommunityDay day, RunReport report, MarketParameters params) {
        List<Secret> out = new ArrayList<>();
        for (int t = 0; t < WINDOWS; t++) {
            // A window's totals are private too: only r1 opens them (docs/protocol.md, section 8).
            WindowOutcome w = report.windows().get(t).outcome();
            if (w.clearing() != io.neighbourgrid.market.Clearing.GRID_ONLY) {
                out.add(new Secret("window", t, "supply E_s", w.supply(), Scales.ENERGY));
                out.add(new Secret("window", t, "demand E_b", w.demand(), Scales.ENERGY));
                out.add(new Secret("window", t, "sum k", w.sumPreference(), Scales.PREFERENCE));
                out.add(new Secret("window", t, "sum d", w.sumPricingTerm(), Scales.ENERGY));
            }
            for (HomeInput in : day.inputs(t)) {
                String h = in.homeId();
                out.add(new Secret(h, t, "generation g", in.generation(), Scales.ENERGY));
                out.add(new Secret(h, t, "load l", in.load(), Scales.ENERGY));
                out.add(new Secret(h, t, "battery b", in.battery(), Scales.ENERGY));
                out.add(new Secret(h, t, "preference k", in.preference(), Scales.PREFERENCE));
                out.add(new Secret(h, t, "battery loss eps", in.epsilon(), Scales.EPSILON));
                out.add(new Secret(h, t, "net energy sn", in.netEnergy(), Scales.ENERGY));
                out.add(new Secret(h, t, "|sn|", Math.abs(in.netEnergy()), Scales.ENERGY));
                out.add(new Secret(h, t, "pricing term d", in.pricingTerm(), Scales.ENERGY));
                WindowOutcome outcome = report.windows().get(t).outcome();
                HomeSettlement s = outcome.home(h);
                assertEquals(in.netEnergy(), s.netEnergy(), h + " window " + t);
                out.add(new Secret(h, t, "market energy", s.marketEnergy(), Scales.ENERGY));
                out.add(new Secret(h, t, "grid energy", s.gridEnergy(), Scales.ENERGY));
                out.add(new Secret(h, t, "market money", s.marketMoney(), Scales.MONEY));
                out.add(new Secret(h, t, "grid money", s.gridMoney(), Scales.MONEY));
                long exact = Scales.ENERGY * Scales.MONEY;
                out.add(new Secret(h, t, "market amount", s.marketEnergy() * outcome.price().orElse(0), exact));
                long gridPrice = s.role() == Role.BUYER ? params.retailPrice() : params.feedInPrice();
                out.add(new Secret(h, t, "grid amount", s.gridEnergy() * gridPrice, exact));
            }
        }
        return out;
    }

    /**
     * What the ledger publishes on purpose, as numbers: the market parameters, each window's outcome (price, fill
     * ratio, the residual), its market-balance check and every home's bill. The totals E_s, E_b, sum k and sum d are
     * not published: finding one is a leak.
     */
    private static Map<Long, List<String>> publicValues(MarketParameters params, RunReport report,
                                                        EmbeddedLedgerProvider provider, Community community)
            throws Exception {
        Map<Long, List<String>> out = new TreeMap<>();
        LongSink put = (what, v) -> out.computeIfAbsent(v, k -> new ArrayList<>()).add(what);
        put.add("retail price", params.retailPrice());
        put.add("feed-in price", params.feedInPrice());
        put.add("low price", params.lowPrice());
        put.add("high price", params.highPrice());
        for (WindowReport w : report.windows()) {
            WindowOutcome o = w.outcome();
            String at = "window " + o.window() + " ";
            o.price().ifPresent(p -> put.add(at + "price", p));
            put.add(at + "fill ratio", o.fillRatio());
            put.add(at + "residual", o.residual());
        }
        try (Ledger operator = provider.connectOperator()) {
            BillingClient billing = new BillingClient(operator, provider.channel());
            for (WindowReport w : report.windows()) {
                MarketBalance b = billing.window(w.index()).balance();
                if (b != null) {
                    String at = "window " + w.index() + " balance check ";
                    put.big(at + "difference", b.difference());
                    if (b.residual() != null) {
                        put.add(at + "residual", b.residual());
                        put.add(at + "residual money", b.residualMoney());
                    }
                }
            }
            for (var agent : community.agents()) {
                for (Bill bill : billing.bills(agent.homeId())) {
                    BillLines l = bill.lines();
                    String of = "bill of " + bill.homeId() + " ";
                    put.big(of + "sold energy", l.soldEnergy());
                    put.big(of + "bought energy", l.boughtEnergy());
                    put.big(of + "import energy", l.importEnergy());
                    put.big(of + "export energy", l.exportEnergy());
                    put.big(of + "sold amount", l.soldAmount());
                    put.big(of + "bought amount", l.boughtAmount());
                    put.big(of + "import amount", l.importAmount());
                    put.big(of + "export amount", l.exportAmount());
                    put.big(of + "residual", l.residual());
                    for (String amount : List.of(l.soldAmount(), l.boughtAmount(), l.importAmount(),
                            l.exportAmount())) {
                        put.add(of + "amount " + amount + " in money units", BillLines.money(amount).longValueExact());
                    }
                    put.big(of + "balance", l.balance().toString());
                }
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface LongSink {
        void add(String what, long value);

        default void big(String what, String decimal) {
            if (decimal != null && new BigInteger(decimal).bitLength() < 64) {
                add(what, Long.parseLong(decimal));
            }
        }
    }

    // ------------------------------------------------------------------ the companion: a planted leak

    /** Where a leaky contract puts a planted value. */
    private enum Place { ARGUMENT, STATE_KEY, STATE_VALUE, EVENT }

    private record Plant(Place place, byte[] bytes) {
        static Plant text(Place place, String text) {
            return new Plant(place, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Random CONTEXT = new Random(7);

    /**
     * How a careless contract or client would write a value in each encoding, with plain JDK and Gson calls
     * rather than the scanner's own code, and with bytes around it.
     */
    private static final Map<String, LongFunction<Plant>> PLANTERS = Map.ofEntries(
            Map.entry("decimal", v -> Plant.text(Place.ARGUMENT, "{\"window\":4,\"sn\":" + v + "}")),
            Map.entry("fixed-point decimal (kWh, cents)", v -> Plant.text(Place.EVENT,
                    "net=" + new BigDecimal(BigInteger.valueOf(v), 6).toPlainString() + " kWh")),
            Map.entry("fixed-point decimal, trailing zeros dropped", v -> Plant.text(Place.STATE_VALUE,
                    "{\"kWh\":\"" + BigDecimal.valueOf(v).movePointLeft(6).stripTrailingZeros().toPlainString()
                            + "\"}")),
            Map.entry("JSON number (double)", v -> Plant.text(Place.STATE_VALUE,
                    new Gson().toJson(Map.of("kWh", v / 1e6)))),
            Map.entry("hex", v -> Plant.text(Place.STATE_KEY,
                    String.format(Locale.ROOT, "sn/%x", BigInteger.valueOf(v)))),
            Map.entry("HEX", v -> Plant.text(Place.ARGUMENT, String.format(Locale.ROOT, "%X", BigInteger.valueOf(v)))),
            Map.entry("0x hex", v -> Plant.text(Place.EVENT, String.format(Locale.ROOT, "value %#x.", v))),
            Map.entry("hex of the minimal bytes", v -> Plant.text(Place.STATE_VALUE, "[" + hexBytes("%02x", v) + "]")),
            Map.entry("HEX of the minimal bytes", v -> Plant.text(Place.STATE_KEY, "SN~" + hexBytes("%02X", v))),
            Map.entry("hex of the 8 bytes", v -> Plant.text(Place.EVENT,
                    "deadbeef" + String.format(Locale.ROOT, "%016x", v) + "c0ffee")),
            Map.entry("HEX of the 8 bytes", v -> Plant.text(Place.ARGUMENT,
                    "F00D" + String.format(Locale.ROOT, "%016X", v) + "BA5E")),
            Map.entry("minimal bytes", v -> new Plant(Place.STATE_VALUE,
                    around(2, BigInteger.valueOf(v).toByteArray(), 3))),
            Map.entry("8 bytes", v -> new Plant(Place.EVENT, around(5, longBytes(v), 1))),
            Map.entry("Base64 of the minimal bytes", v -> base64(Place.ARGUMENT, Base64.getEncoder(), 0, v)),
            Map.entry("Base64 of the minimal bytes, shifted by 1", v -> base64(Place.STATE_VALUE,
                    Base64.getEncoder(), 1, v)),
            Map.entry("Base64 of the minimal bytes, shifted by 2", v -> base64(Place.EVENT, Base64.getEncoder(), 2, v)),
            Map.entry("URL-safe Base64 of the minimal bytes", v -> base64(Place.STATE_KEY,
                    Base64.getUrlEncoder(), 0, v)),
            Map.entry("URL-safe Base64 of the minimal bytes, shifted by 1", v -> base64(Place.ARGUMENT,
                    Base64.getUrlEncoder(), 1, v)),
            Map.entry("URL-safe Base64 of the minimal bytes, shifted by 2", v -> base64(Place.STATE_VALUE,
                    Base64.getUrlEncoder(), 2, v)),
            Map.entry("Base64 of the 8 bytes", v -> eightBase64(Place.EVENT, Base64.getEncoder(), 0, v)),
            Map.entry("Base64 of the 8 bytes, shifted by 1", v -> eightBase64(Place.ARGUMENT,
                    Base64.getEncoder(), 1, v)),
            Map.entry("Base64 of the 8 bytes, shifted by 2", v -> eightBase64(Place.STATE_VALUE,
                    Base64.getEncoder(), 2, v)),
            Map.entry("URL-safe Base64 of the 8 bytes", v -> eightBase64(Place.STATE_KEY,
                    Base64.getUrlEncoder(), 0, v)),
            Map.entry("URL-safe Base64 of the 8 bytes, shifted by 1", v -> eightBase64(Place.EVENT,
                    Base64.getUrlEncoder(), 1, v)),
            Map.entry("URL-safe Base64 of the 8 bytes, shifted by 2", v -> eightBase64(Place.ARGUMENT,
                    Base64.getUrlEncoder(), 2, v)),
            Map.entry("Base64 of the decimal text", v -> Plant.text(Place.STATE_VALUE, Base64.getEncoder()
                    .encodeToString(("{\"sn\":" + v + "}").getBytes(StandardCharsets.US_ASCII)))),
            Map.entry("Base64 of the decimal text, shifted by 1", v -> Plant.text(Place.ARGUMENT, Base64.getEncoder()
                    .encodeToString(("sn:=" + v + ";").getBytes(StandardCharsets.US_ASCII)))),
            Map.entry("Base64 of the decimal text, shifted by 2", v -> Plant.text(Place.EVENT, Base64.getEncoder()
                    .encodeToString(("x:" + v).getBytes(StandardCharsets.US_ASCII)))));

    @Test
    void aHomesValueWrittenInClearByALeakyContractIsFoundInEveryEncoding(@TempDir Path dir) throws Exception {
        // The same day's largest net energy of any home and window, and a 56-bit value, long enough for every encoding.
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).windowSeconds(WINDOW_SECONDS)
                .seed(3).build().generate();
        Secret sn = null;
        for (int t = 0; t < WINDOWS; t++) {
            for (HomeInput in : day.inputs(t)) {
                if (sn == null || Math.abs(in.netEnergy()) > Math.abs(sn.units())) {
                    sn = new Secret(in.homeId(), t, "net energy sn", in.netEnergy(), Scales.ENERGY);
                }
            }
        }
        List<Secret> secrets = List.of(sn, new Secret(sn.home(), sn.window(), "a 56-bit value",
                0x12_3456_789A_BCDEL, Scales.MONEY));
        for (LeakageScanner.Encoding e : LeakageScanner.ENCODINGS) {
            assertNotNull(PLANTERS.get(e.name()), "no planted form for encoding " + e.name());
        }

        List<Plant> plants = new ArrayList<>();
        TransactionHandler leaky = (ctx, function, args) -> {
            Plant p = plants.get(Integer.parseInt(args.get(0)));
            switch (p.place()) {
                case STATE_KEY -> ctx.putState("LEAK~" + new String(p.bytes(), StandardCharsets.UTF_8), new byte[] {1});
                case STATE_VALUE -> ctx.putState("LEAK~" + args.get(0), p.bytes());
                case EVENT -> ctx.setEvent("Leak", p.bytes());
                default -> { } // the second argument is the planted text
            }
            return new byte[0];
        };
        Map<Long, String> plantedInBlock = new HashMap<>();
        Map<String, Integer> applicable = new TreeMap<>();
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("LeakyMSP", "Leaky");
        Path ledgerDir = dir.resolve("leaky");
        try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerDir, "leaky", leaky, Clock.systemUTC())) {
            ledger.registerOrganisation(ca);
            try (Ledger home = ledger.connect(ca.issue(sn.home()))) {
                for (Secret s : secrets) {
                    for (LeakageScanner.Encoding e : LeakageScanner.ENCODINGS) {
                        if (e.encode().apply(s) == null) {
                            continue; // too short in this encoding: the scanner does not search it
                        }
                        applicable.merge(e.name(), 1, Integer::sum);
                        Plant p = PLANTERS.get(e.name()).apply(s.units());
                        plants.add(p);
                        String text = p.place() == Place.ARGUMENT ? new String(p.bytes(), StandardCharsets.UTF_8) : "-";
                        long block = home.submit("plant", String.valueOf(plants.size() - 1), text).blockNumber();
                        plantedInBlock.put(block, s.units() + " as " + e.name());
                    }
                }
            }
        }
        assertEquals(LeakageScanner.ENCODINGS.size(), applicable.size(), "encodings no planted value exercises: "
                + LeakageScanner.ENCODINGS.stream().map(LeakageScanner.Encoding::name)
                        .filter(n -> !applicable.containsKey(n)).toList());

        LeakageScanner scanner = new LeakageScanner(secrets);
        List<LoggedBlock> blocks = BlockLog.read(ledgerDir.resolve("blocks.log"));
        List<Hit> hits = new ArrayList<>();
        blocks.forEach(b -> hits.addAll(scanner.scan(b)));
        List<String> missed = new ArrayList<>();
        plantedInBlock.forEach((block, what) -> {
            String encoding = what.substring(what.indexOf(" as ") + 4);
            long units = Long.parseLong(what.substring(0, what.indexOf(" as ")));
            boolean found = hits.stream().anyMatch(h -> h.block() == block && h.needle().units() == units
                    && h.needle().encodings().contains(encoding));
            if (!found) {
                missed.add(what + " (block " + block + ")");
            }
        });
        List<Hit> elsewhere = hits.stream().filter(h -> !plantedInBlock.containsKey(h.block())).toList();
        System.out.printf(Locale.ROOT, "Planted leak scan: %s and %d planted in %d encodings (%d plants), %d blocks, "
                        + "%d bytes scanned, %d hits, %d plants missed%n", sn, secrets.get(1).units(),
                applicable.size(), plants.size(), blocks.size(), scanner.bytesScanned(), hits.size(), missed.size());
        assertTrue(missed.isEmpty(), "planted values the scanner did not find: " + missed);
        assertTrue(elsewhere.isEmpty(), "hits outside the planted blocks: " + elsewhere);
    }

    private static String hexBytes(String format, long v) {
        StringBuilder s = new StringBuilder();
        for (byte b : BigInteger.valueOf(v).toByteArray()) {
            s.append(String.format(Locale.ROOT, format, b));
        }
        return s.toString();
    }

    private static byte[] longBytes(long v) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new DataOutputStream(bytes).writeLong(v);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code value} with {@code before} and {@code after} random bytes around it. */
    private static byte[] around(int before, byte[] value, int after) {
        byte[] out = new byte[before + value.length + after];
        CONTEXT.nextBytes(out);
        System.arraycopy(value, 0, out, before, value.length);
        return out;
    }

    private static Plant base64(Place place, Base64.Encoder encoder, int shift, long v) {
        return Plant.text(place, encoder.encodeToString(around(shift, BigInteger.valueOf(v).toByteArray(), 4)));
    }

    private static Plant eightBase64(Place place, Base64.Encoder encoder, int shift, long v) {
        return Plant.text(place, encoder.encodeToString(around(shift, longBytes(v), 4)));
    }
}
