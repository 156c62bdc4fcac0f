package io.neighbourgrid.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.agent.Passphrases;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.HtmlReportWriter;
import io.neighbourgrid.report.InputsCsv;
import io.neighbourgrid.report.JsonReportWriter;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.RunSummary;
import io.neighbourgrid.sim.CheckpointPublisher;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.DayResume;
import io.neighbourgrid.sim.DayBilling;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.coalitions.CoalitionGame;
import io.neighbourgrid.sim.partners.PartnerDay;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataFormatException;
import io.neighbourgrid.sim.data.MeterCommunity;
import io.neighbourgrid.sim.data.MeterFiles;
import io.neighbourgrid.sim.data.MeterSeries;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import io.neighbourgrid.sim.ecoin.EcoinOptions;
import io.neighbourgrid.sim.negotiation.NegotiationMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code run}: a trading day for a community of homes, with a report (and, with {@code --bills}, its bills). */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "A trading day for a community of homes, with a report.",
        description = {"Replays a trading day (generated, or from --data) on the ledger and writes report.json, "
                + "report.html and inputs.csv to --out, the embedded ledger to OUT/ledger; with --bills, the day's "
                + "bills too. scripts/run.sh runs this command."},
        footerHeading = "%n",
        footer = "Exit codes: 0 success, 1 windows deviating from the plaintext reference or a failure, 2 bad usage "
                + "or input.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private NeighbourgridCommand top;

    @Spec
    private CommandSpec spec;

    @Option(names = "--homes", paramLabel = "N", defaultValue = "50", converter = Converters.Homes.class,
            description = "homes in the community, " + Limits.HOMES_MIN + " to " + Limits.HOMES_MAX
                    + " (default ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--windows", paramLabel = "T", defaultValue = "60", converter = Converters.Windows.class,
            description = "trading windows, " + Limits.WINDOWS_MIN + " to " + Limits.WINDOWS_MAX
                    + " (default ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-seconds", paramLabel = "S", defaultValue = "60",
            converter = Converters.WindowSeconds.class,
            description = "window length in seconds, " + Limits.WINDOW_SECONDS_MIN + " to "
                    + Limits.WINDOW_SECONDS_MAX + " (default ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--key-bits", paramLabel = "B", defaultValue = "" + RunSettings.DEFAULT_KEY_BITS,
            converter = Converters.MarketKeyBits.class,
            description = "Paillier modulus length, " + Limits.MARKET_KEY_BITS_TEXT
                    + " (default ${DEFAULT-VALUE})")
    int keyBits;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", converter = Converters.Seed.class,
            description = "seed of the generated day, any 64-bit integer (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", paramLabel = "FILE", converter = Converters.ReadableFile.class,
            description = "real data: an Ausgrid solar-home CSV or the UCI household power file")
    Path data;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
            description = "first day to take from --data (default: its first full day)")
    LocalDate date;

    @Option(names = "--start", paramLabel = "HH:MM", defaultValue = "11:00", converter = Converters.TimeOfDay.class,
            description = "time of day of window 0 (default ${DEFAULT-VALUE})")
    LocalTime start;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", converter = Converters.PathValue.class,
            description = "where report.json, report.html, inputs.csv and the ledger go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--ledger", paramLabel = "KIND", defaultValue = "embedded",
            converter = Converters.LedgerKindValue.class,
            description = "embedded (default) or fabric (the network of test-network/)")
    Converters.LedgerKind ledger;

    @Option(names = "--network", paramLabel = "DIR", defaultValue = "network/generated",
            converter = Converters.PathValue.class,
            description = "Fabric connection material (default ${DEFAULT-VALUE})")
    Path network;

    @Option(names = "--keys", paramLabel = "DIR", converter = Converters.PathValue.class,
            description = "key stores of the simulated homes (default $XDG_CACHE_HOME/neighbourgrid/keys, "
                    + "else ~/.cache/neighbourgrid/keys)")
    Path keys;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.Threads.class,
            description = "threads the homes of a phase act on, " + Limits.THREADS_MIN + " to " + Limits.THREADS_MAX
                    + " (default: one per core)")
    Integer threads;

    @Option(names = "--min-coalition", paramLabel = "N", defaultValue = "2", converter = Converters.MinCoalition.class,
            description = "minimum coalition size, " + Limits.MIN_COALITION_MIN + " to " + Limits.MIN_COALITION_MAX
                    + " (default ${DEFAULT-VALUE})")
    int minCoalition;

    @Option(names = "--epoch-windows", paramLabel = "N", defaultValue = "60",
            converter = Converters.EpochWindows.class,
            description = "windows per selection epoch, " + Limits.EPOCH_WINDOWS_MIN + " to "
                    + Limits.EPOCH_WINDOWS_MAX + " (default ${DEFAULT-VALUE})")
    int epochWindows;

    @Option(names = "--in-memory", description = "keep the embedded ledger in memory instead of OUT/ledger")
    boolean inMemory;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--market", paramLabel = "KIND", defaultValue = "pem",
            description = "pem (default: the private energy market), ecoin (the anonymous e-coin microgrid, "
                    + "docs/ecoin.md) or negotiation (seed 002's bilateral negotiation with line prices: --out, "
                    + "--key-bits, --in-memory apply; docs/negotiation.md)")
    String market;

    @Mixin
    EcoinOptions ecoin;

    @Option(names = "--bills", description = {"after the day: meter reports, settlement records, balance checks and "
            + "every home's bill for the day, checked by each home (docs/billing.md); writes OUT/billing-day.json"})
    boolean bills;

    @Option(names = "--deviation-rate", paramLabel = "R", defaultValue = "0.1", converter = Converters.Share.class,
            description = "with --bills: share of home-windows whose metered energy deviates from the plan, 0 to 1 "
                    + "(default ${DEFAULT-VALUE})")
    double deviationRate;

    @Mixin
    StrategyOptions strategy;

    @Option(names = "--representatives", paramLabel = "N", defaultValue = "0",
            converter = Converters.Representatives.class, description = {"N representatives (aggregators) act for "
            + "the homes, assigned round-robin: each submits one batch of its homes' declarations and contributions "
            + "per window (default ${DEFAULT-VALUE}: every home acts itself; docs/representatives.md)"})
    int representatives;

    @Option(names = "--resume", description = {"continue the day stopped (crash, kill) in OUT/ledger: settled windows "
            + "are kept, the window left open is ended by the operator (grid only when its homes' state is lost), "
            + "the homes rejoin, and the day goes on from the next window; the report covers the resumed windows"})
    boolean resume;

    @Option(names = "--force", description = "delete an existing OUT/ledger and start the day afresh (without "
            + "--resume or --force an existing ledger is never touched: the run refuses)")
    boolean force;

    @Option(names = "--day", description = {"PEM's day: " + DayPreset.HOMES + " homes, " + DayPreset.WINDOWS
            + " one-minute windows from midnight, " + DayPreset.KEY_BITS + "-bit keys, precomputation included; "
            + "writes OUT/day.json with the day's wall time (options given beside it win)"})
    boolean day;

    /** The settings of a run with these options. */
    RunSettings settings() {
        return new RunSettings(homes, windows, windowSeconds, keyBits, seed, data, date, start, out, ledger, network,
                keys != null ? keys : RunSettings.defaultKeys(),
                threads != null ? threads : RunSettings.defaultThreads(),
                minCoalition, epochWindows, inMemory, quiet, bills, deviationRate, strategy.bids, strategy.strategic,
                strategy.coalitions, strategy.coalitionBlock, strategy.partners, strategy.donations,
                representatives);
    }

    /**
     * The settings of {@code run} with {@code args}, parsed and checked as on the command line.
     *
     * @throws CommandLine.ParameterException naming the first option that is unknown, lacks its value, or has a
     *                                        value outside what it accepts
     */
    static RunSettings parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(DayPreset.withPreset(args));
        return command.settings();
    }

    @Override
    public Integer call() throws IOException, DataFormatException, LedgerException, InterruptedException {
        long started = System.nanoTime();
        RunSettings s = settings();
        PrintStream out = top.out();
        PrintStream err = top.err();
        if ("negotiation".equals(market)) {
            return NegotiationMain.run(s.out(), s.keyBits(), s.inMemory(), out, s.quiet() ? null : err);
        }
        if (!market.equals("pem")) {
            if (market.equals("ecoin")) {
                if (resume) {
                    err.println("error: --resume continues a PEM day; an e-coin day starts afresh (--force replaces"
                            + " an earlier one)");
                    return Main.USAGE;
                }
                return EcoinRun.run(ecoin, s, out, err, force ? Start.REPLACE : Start.FRESH);
            }
            err.println("error: --market is pem, ecoin or negotiation, not " + market);
            return Main.USAGE;
        }
        if (resume && force) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--resume and --force exclude each other");
        }
        if (s.coalitions() != null && s.homes() > CoalitionGame.MAX_HOMES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--coalitions takes at most "
                    + CoalitionGame.MAX_HOMES + " homes, the community has " + s.homes());
        }
        if (s.strategic() != null && s.strategic().homes() > s.homes()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--strategic names "
                    + s.strategic().homes() + " homes, the community has " + s.homes());
        }
        if (resume && (s.partners() != null || s.donations() != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partners and --donations start a day");
        }
        RunReport report = simulate(s, s.quiet() ? null : err, resume ? Start.RESUME : force ? Start.REPLACE
                : Start.FRESH);
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
        out.printf(Locale.ROOT, "%d representatives; %d transactions per window (median)%n", s.representatives(),
                report.medianTransactionsPerWindow());
        out.printf(Locale.ROOT, "plaintext reference: %d mismatched windows, largest price deviation %s cents/kWh; "
                        + "individually rational: %s%n", summary.referenceMismatches(),
                fmt(summary.referenceMaxDeviationCents()), summary.individuallyRational());
        out.printf(Locale.ROOT, "paper reference (exact arithmetic, PEM Eq. 1-14, Protocol 4): %d of %d windows "
                + "checked deviate%n", report.paperMismatches(), report.paperChecked());
        report.bidding().ifPresent(b -> b.summaryLines().forEach(out::println));
        report.coalitions().ifPresent(c -> c.summaryLines().forEach(out::println));
        report.partners().ifPresent(p -> p.summaryLines().forEach(out::println));
        out.println("report: " + s.out().resolve("report.html").toAbsolutePath());
        if (day) {
            double wallMs = (System.nanoTime() - started) / 1e6;
            out.printf(Locale.ROOT, "the day took %.1f minutes, precomputation included: %s%n", wallMs / 60e3,
                    DayPreset.write(s, report, wallMs).toAbsolutePath());
        }
        if (s.bills()) {
            Path file = s.out().resolve("billing-day.json");
            JsonObject b = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            out.printf(Locale.ROOT, "billing: %d bills, %d verified by their homes; %d cleared windows balanced, %d "
                            + "not; %d deviating home-windows; %s%n", b.get("bills").getAsInt(),
                    b.get("billsVerified").getAsInt(), b.get("balanced").getAsInt(), b.get("unbalanced").getAsInt(),
                    b.get("deviatingWindows").getAsInt(), file.toAbsolutePath());
        }
        if (summary.referenceMismatches() != 0) {
            err.println("error: " + summary.referenceMismatches() + " of " + s.windows()
                    + " windows deviate from the plaintext reference");
            return Main.FAILED;
        }
        if (report.paperMismatches() != 0) {
            err.println("error: " + report.paperMismatches() + " of " + s.windows()
                    + " windows deviate from the market written from the paper (report.json lists how)");
            return Main.FAILED;
        }
        return Main.OK;
    }

    /** What a run does with a ledger already in {@code OUT/ledger}. */
    enum Start {
        /** Refuse to touch it. */
        FRESH,
        /** Delete it and start afresh ({@code --force}). */
        REPLACE,
        /** Continue the day it holds ({@code --resume}). */
        RESUME
    }

    /** Runs one simulated day as configured and writes its report files. */
    static RunReport simulate(RunSettings s, PrintStream progressOut, Start start)
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
        KeyCache keys = new KeyCache(s.keys(), passphrase(s.keys()), new SecureRandom());
        bar.stage("keys for " + s.homes() + " homes (" + s.keyBits() + " bits; cached in " + s.keys() + ")");
        Bidding bidding = new Bidding(day, s.bids(), Optional.ofNullable(s.strategic()), config, s.seed());
        PartnerDay partners;
        try {
            partners = PartnerDay.of(day, s.windows(), s.partners(), s.donations(), params);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        try (LedgerProvider provider = provider(s, clock, start);
             Community community = new Community(provider, day, s.keyBits(), keys, clock,
                     bar.agentListener(actionNanos), s.threads(), null, bidding)) {
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
                    .configuration("priceRangeCentsPerKWh", List.of(90, 110))
                    .configuration("bids", s.bids().label());
            if (s.strategic() != null) {
                builder.configuration("strategic", s.strategic().label());
            }
            community.setRepresentatives(s.representatives());
            builder.configuration("representatives", s.representatives());
            if (s.coalitions() != null) {
                builder.configuration("coalitions", s.coalitions().label())
                        .configuration("coalitionBlockWindows", s.coalitionBlock());
            }
            int first = 0;
            if (start == Start.RESUME) {
                DayResume resumed = DayResume.prepare(community.operator(), clock, day, config);
                first = resumed.firstWindow();
                if (first >= s.windows()) {
                    throw new IOException("the day in " + s.out().resolve("ledger") + " is complete ("
                            + resumed.settledBefore() + " windows settled): nothing to resume");
                }
                builder.configuration("resumedFromWindow", first)
                        .configuration("windowEndedAtResume", resumed.expiredWindow());
                bar.stage("resuming at window " + first + " (" + resumed.settledBefore() + " settled before"
                        + (resumed.expiredWindow() >= 0 ? ", window " + resumed.expiredWindow() + " ended" : "")
                        + ")");
            }
            CheckpointPublisher checkpoints = provider instanceof EmbeddedLedgerProvider e && !s.inMemory()
                    ? new CheckpointPublisher(bar, e, s.out().resolve(CHECKPOINT_FILE)) : null;
            Simulator simulator = new Simulator(community, day, config, s.threads(),
                    checkpoints != null ? checkpoints : bar, bidding, s.coalitions() == null ? OptionalInt.empty()
                    : OptionalInt.of(s.coalitionBlock()));
            if (partners != null) {
                builder.configuration("partners", s.partners() == null ? "none" : s.partners().label())
                        .configuration("donations", s.donations() == null ? "none" : s.donations().label());
                simulator.withPartners(partners);
            }
            RunReport report = simulator.run(builder, first, s.windows() - first);
            bar.finish();
            if (checkpoints != null) {
                JsonReportWriter.write(report, s.out().resolve("report.json"), checkpoints.publish().toJson());
            } else {
                JsonReportWriter.write(report, s.out().resolve("report.json"));
            }
            HtmlReportWriter.write(report, s.out().resolve("report.html"));
            if (s.bills()) {
                bar.stage("billing the day: meter reports, settlement records, balance checks, bills");
                DayBilling.Summary billing = DayBilling.run(community, day, bidding, s.windows(),
                        keys.keyPair(DayBilling.BILLING_KEY_ID, KeyPolicy.billingBits(s.keyBits()),
                                KeyPolicy.Use.BILLING),
                        new DayBilling.Options(s.deviationRate(), s.seed(), s.threads()), partners);
                Files.writeString(s.out().resolve("billing-day.json"), new GsonBuilder()
                        .setPrettyPrinting().create().toJson(billing) + "\n", StandardCharsets.UTF_8);
            }
            return report;
        }
    }

    /** Where a run publishes the signed checkpoint of its ledger's head, next to the report. */
    static final String CHECKPOINT_FILE = LedgerOptions.CHECKPOINT_FILE;

    static LedgerProvider provider(RunSettings s, SimulationClock clock, Start start)
            throws IOException, LedgerException {
        if (s.ledger() == Converters.LedgerKind.FABRIC) {
            return FabricLedgerProvider.fromDirectory(s.network());
        }
        if (s.inMemory()) {
            return new EmbeddedLedgerProvider(null, clock);
        }
        Path dir = s.out().resolve("ledger");
        boolean exists = Files.exists(dir);
        switch (start) {
            case FRESH -> {
                if (exists) {
                    throw new IOException(dir + " holds the ledger of an earlier day: continue it with --resume, or "
                            + "delete it with --force (nothing was changed)");
                }
            }
            case REPLACE -> {
                deleteTree(dir);
                Files.deleteIfExists(s.out().resolve(CHECKPOINT_FILE));
            }
            case RESUME -> {
                return EmbeddedLedgerProvider.forResume(dir, s.out().resolve(CHECKPOINT_FILE), clock);
            }
        }
        return new EmbeddedLedgerProvider(dir, clock);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String fmt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "n/a";
    }

    /**
     * The passphrase of the simulated homes' key stores: {@value Passphrases#ENVIRONMENT} when set, else the
     * community's random one in {@code keys/passphrase} (mode 0600), made on first use. Never a built-in constant.
     */
    static char[] passphrase(Path keys) throws IOException {
        Optional<char[]> env = Passphrases.fromEnvironment(Passphrases.ENVIRONMENT);
        return env.isPresent() ? env.get() : Passphrases.simulatorPassphrase(keys, new SecureRandom());
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
        List<MeterSeries> series = MeterFiles.load(s.data());
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
}
