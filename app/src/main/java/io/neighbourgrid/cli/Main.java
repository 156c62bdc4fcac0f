package io.neighbourgrid.cli;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.KeyPolicy;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command line: {@code run} replays a trading day and writes the report, {@code bench-market} measures days
 * of several community sizes, {@code bill}, {@code audit} and {@code bench-billing} are the billing commands.
 *
 * <p>Exit codes: 0 success (and {@code --help}); 2 bad usage or input: an unknown command or option, a missing
 * value, a value outside what the option accepts ({@link Limits}, {@link KeyPolicy}), a {@code --data} file that is
 * missing, a directory or malformed; 1 a failed check (windows deviating from the plaintext reference, a failing
 * audit or bill check) or a failure (the ledger, the file system, anything unexpected). Every error is one line on
 * standard error starting with {@code error: }; a stack trace is printed only with {@code --debug} (anywhere on the
 * command line) or the environment variable {@value #DEBUG_ENV} set.
 */
public final class Main {
    /** Environment variable that, set to anything but empty or {@code 0}, turns on stack traces. */
    static final String DEBUG_ENV = "NEIGHBOURGRID_DEBUG";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command and its options; {@code --debug} anywhere turns on stack traces
     * @return the exit code: {@value #OK}, {@value #FAILED} or {@value #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String env = System.getenv(DEBUG_ENV);
        boolean debug = env != null && !env.isEmpty() && !env.equals("0");
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--debug")) {
                debug = true;
            } else {
                rest.add(a);
            }
        }
        try {
            return dispatch(rest, out, err);
        } catch (Options.UsageException e) {
            err.println("error: " + oneLine(e.getMessage()) + " (see --help)");
            return USAGE;
        } catch (DataFormatException e) {
            err.println("error: bad input data: " + oneLine(e.getMessage()));
            return USAGE;
        } catch (LedgerException e) {
            return fail(err, "ledger: [" + e.errorCode() + "] " + e.getMessage(), e, debug);
        } catch (IOException e) {
            return fail(err, describe(e), e, debug);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, "interrupted", e, debug);
        } catch (RuntimeException e) {
            return fail(err, "unexpected failure: " + e + (debug ? "" : " (--debug prints the stack trace)"), e,
                    debug);
        }
    }

    private static int dispatch(List<String> args, PrintStream out, PrintStream err) throws Options.UsageException,
            IOException, DataFormatException, LedgerException, InterruptedException {
        if (args.isEmpty() || args.get(0).equals("help") || args.contains("--help")) {
            out.println(usage());
            return OK;
        }
        String command = args.get(0);
        String[] rest = args.subList(1, args.size()).toArray(String[]::new);
        return switch (command) {
            case "run" -> runDay(rest, out, err);
            case "bench-market" -> MarketBench.run(rest, out, err);
            case "bill" -> BillingCommands.bill(rest, out, err);
            case "audit" -> BillingCommands.audit(rest, out, err);
            case "bench-billing" -> BillingCommands.bench(rest, out, err);
            default -> throw new Options.UsageException("unknown command '" + command
                    + "' (commands: run, bench-market, bill, audit, bench-billing)");
        };
    }

    private static int fail(PrintStream err, String message, Exception e, boolean debug) {
        err.println("error: " + oneLine(message));
        if (debug) {
            e.printStackTrace(err);
        }
        return FAILED;
    }

    /** An I/O failure in words: file system failures name the file. */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() != null ? f.getFile() + ": " + reason : reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** {@code message} on one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String usage() {
        return String.join("\n",
                "usage: scripts/run.sh [options]          a trading day with a report (command 'run')",
                "",
                "  --homes N             homes in the community, " + range(Limits.HOMES) + " (default 50)",
                "  --windows T           trading windows, " + range(Limits.WINDOWS) + " (default 60)",
                "  --window-seconds S    window length in seconds, " + range(Limits.WINDOW_SECONDS) + " (default 60)",
                "  --key-bits B          Paillier modulus length, even, " + KeyPolicy.MARKET_MIN_BITS + " to "
                        + KeyPolicy.MAX_BITS + " (default " + RunSettings.DEFAULT_KEY_BITS + ")",
                "  --seed S              seed of the generated day, any 64-bit integer (default 1)",
                "  --data FILE           real data: Ausgrid solar-home CSV or UCI household power file",
                "  --date YYYY-MM-DD     first day to take from --data (default: its first full day)",
                "  --start HH:MM         time of day of window 0 (default 11:00)",
                "  --out DIR             where report.json, report.html, inputs.csv and the ledger go (default out)",
                "  --ledger KIND         embedded (default) or fabric (the network of test-network/)",
                "  --network DIR         Fabric connection material (default network/generated)",
                "  --keys DIR            key stores of the simulated homes (default ~/.cache/neighbourgrid/keys)",
                "  --threads N           threads the homes of a phase act on, " + range(Limits.THREADS)
                        + " (default: cores)",
                "  --min-coalition N     minimum coalition size, " + range(Limits.MIN_COALITION) + " (default 2)",
                "  --epoch-windows N     windows per selection epoch, " + range(Limits.EPOCH_WINDOWS)
                        + " (default 60)",
                "  --in-memory           keep the embedded ledger in memory instead of OUT/ledger",
                "  --quiet               no progress bar",
                "  --bills               after the day: meter reports, settlement records, balance checks and",
                "                        every home's bill for the day, checked by each home (docs/billing.md)",
                "  --deviation-rate R    with --bills: share of home-windows whose metered energy deviates",
                "                        from the plan, 0 to 1 (default 0.1)",
                "  --debug               print the stack trace of a failure (or set " + DEBUG_ENV + "=1)",
                "",
                "exit codes: 0 success, 1 a failed check or a failure, 2 bad usage or input",
                "",
                "other commands: bench-market --out DIR [--quick]",
                BillingCommands.usage());
    }

    private static String range(Options.Range r) {
        return r.min() + " to " + r.max();
    }

    private static int runDay(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, IOException, DataFormatException, LedgerException, InterruptedException {
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
        if (summary.referenceMismatches() != 0) {
            err.println("error: " + summary.referenceMismatches() + " of " + s.windows()
                    + " windows deviate from the plaintext reference");
            return FAILED;
        }
        return OK;
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
                        keys.keyPair(DayBilling.BILLING_KEY_ID, KeyPolicy.billingBits(s.keyBits()),
                                KeyPolicy.Use.BILLING),
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
}
