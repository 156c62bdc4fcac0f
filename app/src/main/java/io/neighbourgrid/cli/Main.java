package io.neighbourgrid.cli;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.HtmlReportWriter;
import io.neighbourgrid.report.InputsCsv;
import io.neighbourgrid.report.JsonReportWriter;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.RunSummary;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.DayBilling;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.AusgridLoader;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataFormatException;
import io.neighbourgrid.sim.data.MeterCommunity;
import io.neighbourgrid.sim.data.MeterSeries;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import io.neighbourgrid.sim.data.UciHouseholdLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command line: {@code run} replays a trading day and writes the report, {@code bench-market} measures days
 * of several community sizes. Exit codes: 0 success, 2 bad usage or input, 1 failure.
 */
public final class Main {
    private static final Set<String> RUN_OPTIONS = Set.of("homes", "windows", "window-seconds", "key-bits", "seed",
            "data", "out", "ledger", "keys", "threads", "min-coalition", "epoch-windows", "start", "date",
            "network", "deviation-rate");
    private static final Set<String> RUN_FLAGS = Set.of("in-memory", "quiet", "help", "bills");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.println(usage());
            return 0;
        }
        String command = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "run" -> runDay(rest, out, err);
                case "bench-market" -> MarketBench.run(rest, out, err);
                case "bill" -> BillingCommands.bill(rest, out, err);
                case "audit" -> BillingCommands.audit(rest, out, err);
                case "bench-billing" -> BillingCommands.bench(rest, out, err);
                default -> {
                    err.println("unknown command '" + command + "'\n" + usage());
                    yield 2;
                }
            };
        } catch (Options.UsageException e) {
            err.println("error: " + e.getMessage() + "\n(see --help)");
            return 2;
        } catch (DataFormatException e) {
            err.println("error: bad input data: " + e.getMessage());
            return 2;
        } catch (LedgerException e) {
            err.println("error: ledger: [" + e.errorCode() + "] " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: scripts/run.sh [options]          a trading day with a report (command 'run')",
                "",
                "  --homes N             homes in the community (default 50)",
                "  --windows T           trading windows (default 60)",
                "  --window-seconds S    window length in seconds (default 60)",
                "  --key-bits B          Paillier modulus length (default 2048)",
                "  --seed S              seed of the generated day (default 1)",
                "  --data FILE           real data: Ausgrid solar-home CSV or UCI household power file",
                "  --date YYYY-MM-DD     first day to take from --data (default: its first full day)",
                "  --start HH:MM         time of day of window 0 (default 11:00)",
                "  --out DIR             where report.json, report.html, inputs.csv and the ledger go (default out)",
                "  --ledger KIND         embedded (default) or fabric (the network of test-network/)",
                "  --network DIR         Fabric connection material (default network/generated)",
                "  --keys DIR            key stores of the simulated homes (default ~/.cache/neighbourgrid/keys)",
                "  --threads N           threads the homes of a phase act on (default: cores)",
                "  --min-coalition N     minimum coalition size (default 2)",
                "  --epoch-windows N     windows per selection epoch (default 60)",
                "  --in-memory           keep the embedded ledger in memory instead of OUT/ledger",
                "  --quiet               no progress bar",
                "  --bills               after the day: meter reports, settlement records, balance checks and",
                "                        every home's bill for the day, checked by each home (docs/billing.md)",
                "  --deviation-rate R    with --bills: share of home-windows whose metered energy deviates",
                "                        from the plan (default 0.1)",
                "",
                "other commands: bench-market --out DIR [--quick]",
                BillingCommands.usage());
    }

    /** Settings of one run, from the command line. */
    record RunSettings(int homes, int windows, long windowSeconds, int keyBits, long seed, Path data, LocalDate date,
                       LocalTime start, Path out, String ledger, Path network, Path keys, int threads,
                       int minCoalition, int epochWindows, boolean inMemory, boolean quiet, boolean bills,
                       double deviationRate) {
        static RunSettings parse(String[] args) throws Options.UsageException {
            Options o = Options.parse(args, RUN_OPTIONS, RUN_FLAGS);
            if (!o.positional().isEmpty()) {
                throw new Options.UsageException("unexpected argument '" + o.positional().get(0) + "'");
            }
            String ledger = o.get("ledger", "embedded");
            if (!ledger.equals("embedded") && !ledger.equals("fabric")) {
                throw new Options.UsageException("--ledger must be embedded or fabric, got '" + ledger + "'");
            }
            int keyBits = o.intValue("key-bits", 2048, 512, 4096);
            if (keyBits % 2 != 0) {
                throw new Options.UsageException("--key-bits must be even, got " + keyBits);
            }
            LocalDate date = null;
            LocalTime start = LocalTime.of(11, 0);
            try {
                if (o.has("date")) {
                    date = LocalDate.parse(o.get("date", ""));
                }
                if (o.has("start")) {
                    start = LocalTime.parse(o.get("start", ""));
                }
            } catch (DateTimeParseException e) {
                throw new Options.UsageException("--date must be YYYY-MM-DD and --start HH:MM: " + e.getMessage());
            }
            Path data = o.has("data") ? Path.of(o.get("data", "")) : null;
            if (data != null && !Files.isReadable(data)) {
                throw new Options.UsageException("--data file " + data + " does not exist or is not readable");
            }
            double deviationRate;
            try {
                deviationRate = Double.parseDouble(o.get("deviation-rate", "0.1"));
            } catch (NumberFormatException e) {
                throw new Options.UsageException("--deviation-rate must be a number in [0, 1]");
            }
            if (deviationRate < 0 || deviationRate > 1) {
                throw new Options.UsageException("--deviation-rate must be in [0, 1], got " + deviationRate);
            }
            Path defaultKeys = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME",
                    System.getProperty("user.home") + "/.cache"), "neighbourgrid", "keys");
            return new RunSettings(
                    o.intValue("homes", 50, 2, 100_000),
                    o.intValue("windows", 60, 1, 1_000_000),
                    o.intValue("window-seconds", 60, 1, 86_400),
                    keyBits,
                    o.longValue("seed", 1),
                    data, date, start,
                    Path.of(o.get("out", "out")),
                    ledger,
                    Path.of(o.get("network", "network/generated")),
                    Path.of(o.get("keys", defaultKeys.toString())),
                    o.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 256),
                    o.intValue("min-coalition", 2, 2, 100_000),
                    o.intValue("epoch-windows", 60, 1, 1_000_000),
                    o.has("in-memory"),
                    o.has("quiet"),
                    o.has("bills"),
                    deviationRate);
        }
    }

    private static int runDay(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, IOException, DataFormatException, LedgerException, InterruptedException {
        if (List.of(args).contains("--help")) {
            out.println(usage());
            return 0;
        }
        RunSettings s = RunSettings.parse(args);
        RunReport report = simulate(s, s.quiet() ? null : err);
        RunSummary summary = report.summary();
        out.printf(Locale.ROOT, "%d homes x %d windows on the %s ledger, %d-bit keys%n", s.homes(), s.windows(),
                s.ledger(), s.keyBits());
        out.printf(Locale.ROOT, "windows: %d general, %d extreme, %d grid only%n", summary.generalWindows(),
                summary.extremeWindows(), summary.gridOnlyWindows());
        out.printf(Locale.ROOT, "buyer cost reduction %s %%, seller revenue gain %s %%, grid exchange reduction %s %%%n",
                fmt(summary.buyerCostReductionPct()), fmt(summary.sellerRevenueGainPct()),
                fmt(summary.gridExchangeReductionPct()));
        out.printf(Locale.ROOT, "window latency median %s ms, p95 %s ms; %s bytes per home per window; "
                        + "precomputation %.0f ms%n", fmt(summary.medianWindowLatencyMs()),
                fmt(summary.p95WindowLatencyMs()), fmt(summary.bytesPerHomePerWindow()), summary.precomputationMs());
        out.printf(Locale.ROOT, "plaintext reference: %d mismatched windows, largest price deviation %s cents/kWh; "
                        + "individually rational: %s%n", summary.referenceMismatches(),
                fmt(summary.referenceMaxDeviationCents()), summary.individuallyRational());
        out.println("report: " + s.out().resolve("report.html").toAbsolutePath());
        if (s.bills()) {
            Path file = s.out().resolve("billing-day.json");
            com.google.gson.JsonObject b = com.google.gson.JsonParser.parseString(Files.readString(file,
                    StandardCharsets.UTF_8)).getAsJsonObject();
            out.printf(Locale.ROOT, "billing: %d bills, %d verified by their homes; %d cleared windows balanced, %d "
                            + "not; %d deviating home-windows; %s%n", b.get("bills").getAsInt(),
                    b.get("billsVerified").getAsInt(), b.get("balanced").getAsInt(), b.get("unbalanced").getAsInt(),
                    b.get("deviatingWindows").getAsInt(), file.toAbsolutePath());
        }
        return summary.referenceMismatches() == 0 ? 0 : 1;
    }

    /** Runs one simulated day as configured and writes its report files. */
    static RunReport simulate(RunSettings s, PrintStream progressOut)
            throws IOException, DataFormatException, LedgerException, InterruptedException {
        CommunityDay day = loadDay(s);
        Files.createDirectories(s.out());
        InputsCsv.write(day, s.out().resolve("inputs.csv"));
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(s.windowSeconds())
                .withMinimumCoalitionSize(s.minCoalition());
        MarketConfig config = MarketConfig.of(params, s.keyBits(), s.epochWindows());
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        ProgressBar bar = new ProgressBar(progressOut, s.windows());
        Map<String, Long> actionNanos = new ConcurrentHashMap<>();
        KeyCache keys = new KeyCache(s.keys(), passphrase(), new java.security.SecureRandom());
        bar.stage("keys for " + s.homes() + " homes (" + s.keyBits() + " bits; cached in " + s.keys() + ")");
        try (LedgerProvider provider = provider(s, clock);
             Community community = new Community(provider, day, s.keyBits(), keys, clock,
                     bar.agentListener(actionNanos), s.threads())) {
            RunReport.Builder builder = RunReport.builder(params);
            builder.configuration("homes", s.homes())
                    .configuration("windows", s.windows())
                    .configuration("windowSeconds", s.windowSeconds())
                    .configuration("keyBits", s.keyBits())
                    .configuration("seed", s.seed())
                    .configuration("data", day.source())
                    .configuration("ledger", provider.describe())
                    .configuration("threads", s.threads())
                    .configuration("minimumCoalitionSize", s.minCoalition())
                    .configuration("selectionEpochWindows", s.epochWindows())
                    .configuration("retailCentsPerKWh", 120)
                    .configuration("feedInCentsPerKWh", 80)
                    .configuration("priceRangeCentsPerKWh", List.of(90, 110));
            Simulator simulator = new Simulator(community, day, config, s.threads(), bar);
            RunReport report = simulator.run(builder, 0, s.windows());
            bar.finish();
            JsonReportWriter.write(report, s.out().resolve("report.json"));
            HtmlReportWriter.write(report, s.out().resolve("report.html"));
            if (s.bills()) {
                bar.stage("billing the day: meter reports, settlement records, balance checks, bills");
                DayBilling.Summary billing = DayBilling.run(community, day, s.windows(),
                        keys.keyPair(DayBilling.BILLING_KEY_ID, Math.max(s.keyBits(), BillLayout.MIN_KEY_BITS)),
                        new DayBilling.Options(s.deviationRate(), s.seed(), s.threads()));
                Files.writeString(s.out().resolve("billing-day.json"), new com.google.gson.GsonBuilder()
                        .setPrettyPrinting().create().toJson(billing) + "\n", StandardCharsets.UTF_8);
            }
            return report;
        }
    }

    private static LedgerProvider provider(RunSettings s, SimulationClock clock) throws IOException, LedgerException {
        if (s.ledger().equals("fabric")) {
            return FabricLedgerProvider.fromDirectory(s.network());
        }
        if (s.inMemory()) {
            return new EmbeddedLedgerProvider(null, clock);
        }
        Path dir = s.out().resolve("ledger");
        deleteTree(dir);
        return new EmbeddedLedgerProvider(dir, clock);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String fmt(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "n/a";
    }

    private static char[] passphrase() {
        String env = System.getenv("NEIGHBOURGRID_KEY_PASSPHRASE");
        return (env == null || env.isEmpty() ? "simulated-homes" : env).toCharArray();
    }

    /** The day's inputs: the generator by default, else the --data file. */
    static CommunityDay loadDay(RunSettings s) throws IOException, DataFormatException {
        if (s.data() == null) {
            return SyntheticCommunity.builder()
                    .homes(s.homes())
                    .windows(s.windows())
                    .windowSeconds(s.windowSeconds())
                    .startTime(s.start())
                    .seed(s.seed())
                    .build()
                    .generate();
        }
        List<MeterSeries> series = isUci(s.data()) ? List.of(UciHouseholdLoader.load(s.data()))
                : AusgridLoader.load(s.data());
        if (series.isEmpty()) {
            throw new DataFormatException(s.data().toString(), 0, "no meter series found");
        }
        LocalDate first = s.date() != null ? s.date() : series.get(0).start().toLocalDate().plusDays(
                series.get(0).start().toLocalTime().equals(LocalTime.MIDNIGHT) ? 0 : 1);
        try {
            return MeterCommunity.build(series, s.homes(), first, s.start(), s.windows(), s.windowSeconds(),
                    new MeterCommunity.Options(s.seed(), 0.0, 0.3));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(s.data().toString(), 0, e.getMessage());
        }
    }

    private static boolean isUci(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.contains(";") && first.toLowerCase(Locale.ROOT).contains("global_active_power");
        }
    }

    /** Prints one line per window on a terminal-friendly progress bar. */
    static final class ProgressBar implements Simulator.SimulationListener {
        private final PrintStream out;
        private final int total;
        private final long started = System.nanoTime();

        ProgressBar(PrintStream out, int total) {
            this.out = out;
            this.total = total;
        }

        @Override
        public void stage(String message) {
            if (out != null) {
                out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
            }
        }

        @Override
        public void windowDone(int index, int windows, WindowReport report) {
            if (out == null) {
                return;
            }
            int width = 30;
            int filled = (int) ((long) (index + 1) * width / Math.max(1, windows));
            String price = report.price().isPresent()
                    ? String.format(Locale.ROOT, "%6.2f", report.price().getAsLong() / 1e6) : "  grid";
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  %-9s price %s  %5.0f ms", "#".repeat(filled),
                    " ".repeat(width - filled), index + 1, windows, report.clearing(), price,
                    report.metrics().onlineLatencyMs());
            out.flush();
        }

        @Override
        public void error(String who, long window, Exception error) {
            if (out != null) {
                out.printf(Locale.ROOT, "%nwindow %d: %s: %s%n", window, who, error.getMessage());
            }
        }

        void finish() {
            if (out != null) {
                out.println();
            }
        }

        io.neighbourgrid.agent.AgentListener agentListener(Map<String, Long> nanos) {
            ProgressBar self = this;
            return new io.neighbourgrid.agent.AgentListener() {
                @Override
                public void onAction(String homeId, long window, io.neighbourgrid.agent.AgentAction action, long n) {
                    nanos.merge(action.name(), n, Long::sum);
                }

                @Override
                public void onError(String homeId, long window, Exception error) {
                    self.error(homeId, window, error);
                }
            };
        }
    }
}
