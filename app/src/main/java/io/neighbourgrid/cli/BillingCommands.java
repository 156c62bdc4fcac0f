package io.neighbourgrid.cli;

import io.neighbourgrid.agent.KeyStoreFile;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.audit.ChainEvidence;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.bench.BillingBench;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.billing.HomeBilling;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The billing commands of the command line: {@code bill} prints a home's bill from the ledger and checks every
 * line, {@code audit} audits a window or a home's period, {@code bench-billing} runs the billing benchmark. The
 * first two read the ledger of an earlier {@code run --bills} (the embedded ledger in {@code OUT/ledger}, or the
 * Fabric network of {@code --network}).
 */
final class BillingCommands {
    private static final Set<String> LEDGER_OPTIONS = Set.of("out", "ledger", "network", "keys");

    private BillingCommands() {
    }

    static String usage() {
        return String.join("\n",
                "  bill --home H --period FROM-TO [--out DIR] [--ledger embedded|fabric] [--network DIR] [--keys DIR]",
                "      the home's bill from the ledger, every line re-checked (and compared with the home's own",
                "      records when its key store is in --keys); exit 1 if a check fails",
                "  audit (--window T | --home H --period FROM-TO) [--out DIR] [--ledger ...] [--json FILE]",
                "      who submitted what, every aggregate recomputed, every proof re-verified, the chain checked;",
                "      exit 1 on a failing line",
                "  bench-billing --out DIR [--quick] [--homes N] [--windows T] [--key-bits B] [--threads N]",
                "      bills of 1,000 homes over 96 windows computed, proven and verified -> DIR/billing.json");
    }

    /** {@code bill --home H --period FROM-TO}. */
    static int bill(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, IOException, LedgerException {
        Options o = Options.parse(args, union(Set.of("home", "period")), Set.of());
        o.noPositional();
        String home = o.required("home");
        long[] period = period(o.required("period"));
        try (LedgerProvider provider = open(o); Ledger ledger = provider.connectOperator()) {
            MarketClient market = new MarketClient(ledger, provider.channel());
            BillingClient billing = new BillingClient(ledger, provider.channel());
            Optional<Bill> bill = billing.bill(home, period[0], period[1]);
            if (bill.isEmpty()) {
                err.println("error: home " + home + " has no bill for windows " + period[0] + "-" + period[1]);
                return 1;
            }
            print(bill.get(), out);
            HomeRecord record = market.home(home).orElseThrow();
            PaillierPrivateKey key = homeKey(o, home, record.keyBits());
            HomeBilling homeBilling = new HomeBilling(home, billing, PaillierPublicKey.fromBase64(
                    record.paillierKey()), key, new SecureRandom());
            List<Finding> findings;
            if (key != null) {
                findings = homeBilling.checkBill(period[0], period[1], null);
            } else {
                findings = new ArrayList<>(homeBilling.checkBillOnLedger(period[0], period[1]));
                findings.add(Finding.note("own records", "no key store of " + home + " in " + keysDir(o)
                        + ": the lines are checked against the ledger only"));
            }
            out.println("checks:");
            for (Finding f : findings) {
                out.printf(Locale.ROOT, "  %-4s %s: %s%n", f.status(), f.check(), f.detail());
            }
            boolean ok = findings.stream().noneMatch(Finding::failed);
            out.println("verdict: " + (ok ? "PASS" : "FAIL"));
            return ok ? 0 : 1;
        }
    }

    /** {@code audit --window T} or {@code audit --home H --period FROM-TO}. */
    static int audit(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, IOException, LedgerException {
        Options o = Options.parse(args, union(Set.of("window", "home", "period", "json")), Set.of());
        o.noPositional();
        if (o.has("window") == o.has("home")) {
            throw new Options.UsageException("audit takes either --window T or --home H --period FROM-TO");
        }
        long window = o.longValue("window", 0, Limits.WINDOW_INDEX);
        long[] auditPeriod = o.has("home") ? period(o.required("period")) : null;
        try (LedgerProvider provider = open(o); Ledger ledger = provider.connectOperator()) {
            ChainEvidence chain = provider instanceof EmbeddedLedgerProvider e
                    ? new EmbeddedChainEvidence(e.ledger().engine()) : ChainEvidence.historyOnly();
            Auditor auditor = new Auditor(new MarketClient(ledger, provider.channel()),
                    new BillingClient(ledger, provider.channel()), chain);
            AuditReport report;
            if (o.has("window")) {
                report = auditor.auditWindow(window);
            } else {
                report = auditor.auditHome(o.required("home"), auditPeriod[0], auditPeriod[1]);
            }
            out.print(report.toText());
            if (o.has("json")) {
                Path file = Path.of(o.get("json", ""));
                Files.writeString(file, report.toJson() + "\n", StandardCharsets.UTF_8);
                out.println("report: " + file.toAbsolutePath());
            }
            return report.passed() ? 0 : 1;
        }
    }

    /** {@code bench-billing --out DIR}. */
    static int bench(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, IOException, InterruptedException {
        Options o = Options.parse(args, Set.of("out", "homes", "windows", "key-bits", "threads", "deviation-rate"),
                Set.of("quick"));
        o.noPositional();
        boolean quick = o.has("quick");
        double rate = o.doubleValue("deviation-rate", 0.1, Limits.MIN_DEVIATION_RATE, Limits.MAX_DEVIATION_RATE);
        BillingBench.Settings settings = new BillingBench.Settings(
                o.intValue("homes", quick ? 50 : 1000, Limits.BENCH_HOMES),
                o.intValue("windows", 96, Limits.BENCH_WINDOWS),
                o.keyBits("key-bits", 2048, KeyPolicy.Use.BILLING),
                o.intValue("threads", Runtime.getRuntime().availableProcessors(), Limits.THREADS),
                rate, 1);
        BillingBench.run(settings, o.path("out", "bench"), err);
        return 0;
    }

    /** Prints a bill's lines in natural units. */
    static void print(Bill bill, PrintStream out) {
        BillLines l = bill.lines();
        out.printf(Locale.ROOT, "bill of %s for windows %s (transaction %s at %s)%n", bill.homeId(), bill.period(),
                bill.txId(), bill.postedAt());
        line(out, "market energy sold", l.soldEnergy(), l.soldAmount(), "received");
        line(out, "market energy bought", l.boughtEnergy(), l.boughtAmount(), "paid");
        line(out, "grid import", l.importEnergy(), l.importAmount(), "paid");
        line(out, "grid export", l.exportEnergy(), l.exportAmount(), "received");
        BigInteger balance = l.balance();
        out.printf(Locale.ROOT, "  %-22s %s cents (%s)%n", "balance", cents(balance.abs()),
                balance.signum() >= 0 ? "the home receives" : "the home pays");
        out.printf(Locale.ROOT, "  windows: %d (%d in the market); missing meter reports %s (billed from the "
                        + "home's record); missing records %s (grid only at metered values); unbilled %s%n",
                bill.windows().windows(), bill.windows().marketWindows(), bill.windows().missingReportWindows(),
                bill.windows().missingRecordWindows(), bill.windows().unbilledWindows());
        out.printf(Locale.ROOT, "  deviation check: metered net minus (committed + grid export - grid import) = %s "
                + "energy units%s%n", l.residual(), l.consistentWithMeters() ? "" : "  <-- records disagree with "
                + "the meter");
    }

    private static void line(PrintStream out, String name, String energy, String amount, String direction) {
        out.printf(Locale.ROOT, "  %-22s %14s kWh  %14s cents %s%n", name,
                new BigDecimal(new BigInteger(energy), 6).toPlainString(), cents(BillLines.money(amount)), direction);
    }

    private static String cents(BigInteger money) {
        return new BigDecimal(money, 6).setScale(2, RoundingMode.FLOOR).toPlainString();
    }

    private static LedgerProvider open(Options o) throws Options.UsageException, IOException, LedgerException {
        String kind = o.get("ledger", "embedded");
        if (kind.equals("fabric")) {
            return FabricLedgerProvider.fromDirectory(Path.of(o.get("network", "network/generated")));
        }
        if (!kind.equals("embedded")) {
            throw new Options.UsageException("--ledger must be embedded or fabric, got '" + kind + "'");
        }
        Path dir = Path.of(o.get("out", "out")).resolve("ledger");
        if (!Files.isDirectory(dir)) {
            throw new Options.UsageException("no embedded ledger in " + dir + " (run 'run --bills --out "
                    + o.get("out", "out") + "' first)");
        }
        return new EmbeddedLedgerProvider(dir, new SimulationClock(Instant.now()));
    }

    /** The home's private key from its key store, or {@code null} when there is none. */
    private static PaillierPrivateKey homeKey(Options o, String homeId, int bits) throws IOException {
        Path file = keysDir(o).resolve(homeId + "-" + bits + ".key");
        if (!Files.exists(file)) {
            return null;
        }
        String env = System.getenv("NEIGHBOURGRID_KEY_PASSPHRASE");
        char[] passphrase = (env == null || env.isEmpty() ? "simulated-homes" : env).toCharArray();
        return KeyStoreFile.read(file, homeId, passphrase);
    }

    private static Path keysDir(Options o) {
        Path defaultKeys = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME",
                System.getProperty("user.home") + "/.cache"), "neighbourgrid", "keys");
        return Path.of(o.get("keys", defaultKeys.toString()));
    }

    private static long[] period(String text) throws Options.UsageException {
        String[] parts = text.split("-", -1);
        try {
            if (parts.length == 2) {
                long from = Long.parseLong(parts[0].strip());
                long to = Long.parseLong(parts[1].strip());
                if (from >= 0 && from <= to) {
                    return new long[] {from, to};
                }
            }
        } catch (NumberFormatException e) {
            throw new Options.UsageException("--period must be FROM-TO, two window indices, got '" + text + "'");
        }
        throw new Options.UsageException("--period must be FROM-TO with FROM <= TO, got '" + text + "'");
    }

    private static Set<String> union(Set<String> extra) {
        Set<String> all = new TreeSet<>(LEDGER_OPTIONS);
        all.addAll(extra);
        return all;
    }
}
