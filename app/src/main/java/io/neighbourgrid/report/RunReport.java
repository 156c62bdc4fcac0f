package io.neighbourgrid.report;

import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataOrigin;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The results of one simulated run: its configuration, every window, a summary and every home's savings. Written
 * out by {@link JsonReportWriter} ({@code report.json}) and {@link HtmlReportWriter} ({@code report.html}).
 *
 * <p>Build it window by window while the run progresses:
 * <pre>{@code
 * RunReport.Builder report = RunReport.builder(params).configuration("homes", 20).configuration("keyBits", 2048);
 * for (int t = 0; t < windows; t++) {
 *     WindowOutcome privateRun = ...;                      // from the ledger and the home agents
 *     WindowOutcome reference = referenceMarket.clear(t, community.inputs(t));
 *     report.addWindow(privateRun, reference, new WindowMetrics(latencyMs, phases, bytes));
 * }
 * report.inputs(community);                                // the replayed day: clock times, inputs, assumptions
 * report.precomputationMs(precomputeMs);
 * RunReport done = report.build();
 * }</pre>
 *
 * <p>With the community's inputs attached ({@link Builder#inputs}), window {@code t} of the report is slot
 * {@code t} of that day: the report gives each window its clock time, charts the inputs, and lists where the data
 * comes from and what was assumed.
 */
public final class RunReport {

    private final MarketParameters parameters;
    private final Map<String, Object> configuration;
    private final List<WindowReport> windows;
    private final List<HomeSummary> homes;
    private final RunSummary summary;
    private final CommunityDay inputs;
    private final Map<Long, List<String>> paperDeviations;
    private final BiddingReport bidding;
    private final CoalitionReport coalitions;
    private final PartnersReport partners;

    private RunReport(Builder b) {
        this.bidding = b.bidding;
        this.coalitions = b.coalitions;
        this.partners = b.partners;
        this.inputs = b.inputs;
        this.paperDeviations = Collections.unmodifiableMap(new TreeMap<>(b.paperDeviations));
        this.parameters = b.parameters;
        this.configuration = Collections.unmodifiableMap(new LinkedHashMap<>(b.configuration));
        this.windows = List.copyOf(b.windows);
        this.homes = List.copyOf(b.homes.values());
        this.summary = RunSummary.of(windows, homes.size(), b.precomputationMs);
    }

    /**
     * What the market written from the paper in exact arithmetic found wrong with a window.
     *
     * @param window the window
     * @return one line per deviation (empty when the window is exactly the paper's), or empty when the window was not
     *         checked against the paper
     */
    public Optional<List<String>> paperDeviations(long window) {
        return Optional.ofNullable(paperDeviations.get(window));
    }

    /**
     * The windows the paper's reference checked that deviate from it.
     *
     * @return their number; zero when none was checked
     */
    public int paperMismatches() {
        return (int) paperDeviations.values().stream().filter(d -> !d.isEmpty()).count();
    }

    /**
     * What forecast bids and strategic bidding did to the day, when bids were not the realised, truthful values.
     *
     * @return the bidding report, or empty
     */
    public Optional<BiddingReport> bidding() {
        return Optional.ofNullable(bidding);
    }

    /**
     * The coalitions formed among the homes and their markets, when the run formed coalitions.
     *
     * @return the coalition report, or empty
     */
    public Optional<CoalitionReport> coalitions() {
        return Optional.ofNullable(coalitions);
    }

    /**
     * What partner agreements and donations did to the day, when the homes made any ({@code docs/partners.md}).
     *
     * @return the partners report, or empty
     */
    public Optional<PartnersReport> partners() {
        return Optional.ofNullable(partners);
    }

    /**
     * How many windows were checked against the paper's reference.
     *
     * @return their number
     */
    public int paperChecked() {
        return paperDeviations.size();
    }

    /**
     * A builder for a run with the given market parameters.
     *
     * @param parameters the market parameters
     * @return a new builder
     */
    public static Builder builder(MarketParameters parameters) {
        return new Builder(parameters);
    }

    /**
     * The market parameters.
     *
     * @return the parameters
     */
    public MarketParameters parameters() {
        return parameters;
    }

    /**
     * The run's configuration, in the order it was given.
     *
     * @return name to value (strings, numbers, booleans, lists or maps of them)
     */
    public Map<String, Object> configuration() {
        return configuration;
    }

    /**
     * The windows, in the order they were added.
     *
     * @return the windows
     */
    public List<WindowReport> windows() {
        return windows;
    }

    /**
     * The median over the windows of the process CPU time each took ({@link WindowMetrics#cpuMs()}).
     *
     * @return milliseconds, 0 without windows
     */
    public double medianCpuMsPerWindow() {
        double[] cpu = windows.stream().mapToDouble(w -> w.metrics().cpuMs()).sorted().toArray();
        return cpu.length == 0 ? 0.0 : cpu[cpu.length / 2];
    }

    /**
     * The median number of transactions submitted per window (homes, representatives and the operator), 0 where
     * not measured.
     */
    public long medianTransactionsPerWindow() {
        long[] tx = windows.stream().mapToLong(w -> w.metrics().transactions()).sorted().toArray();
        return tx.length == 0 ? 0 : tx[tx.length / 2];
    }

    /**
     * Every home over the run.
     *
     * @return the homes, sorted by id
     */
    public List<HomeSummary> homes() {
        return homes;
    }

    /**
     * The summary.
     *
     * @return the summary
     */
    public RunSummary summary() {
        return summary;
    }

    /**
     * The community's inputs, when they were attached.
     *
     * @return the replayed day, or empty
     */
    public Optional<CommunityDay> inputs() {
        return Optional.ofNullable(inputs);
    }

    /**
     * What the run assumed rather than read from data.
     *
     * @return the inputs' assumptions, empty when no inputs were attached
     */
    public List<Assumption> assumptions() {
        return inputs == null ? List.of() : inputs.assumptions();
    }

    /**
     * The clock time at which a window starts in the replayed data.
     *
     * @param window the window
     * @return its start, or empty when no inputs were attached or the window lies outside them
     */
    public Optional<LocalDateTime> windowStart(WindowReport window) {
        return windowStart(window.index());
    }

    /**
     * The clock time at which a window starts in the replayed data.
     *
     * @param index the window index
     * @return its start, or empty when no inputs were attached or the window lies outside them
     */
    public Optional<LocalDateTime> windowStart(long index) {
        if (inputs == null || index < 0 || index >= inputs.windows()) {
            return Optional.empty();
        }
        return Optional.of(inputs.windowStart((int) index));
    }

    /**
     * The replayed stretch of time: from the start of the first reported window to the end of the last.
     *
     * @return {@code [start, end]}, or empty without inputs or windows
     */
    public Optional<LocalDateTime[]> span() {
        if (inputs == null || windows.isEmpty()) {
            return Optional.empty();
        }
        long first = windows.stream().mapToLong(WindowReport::index).min().orElseThrow();
        long last = windows.stream().mapToLong(WindowReport::index).max().orElseThrow();
        Optional<LocalDateTime> start = windowStart(first);
        Optional<LocalDateTime> end = windowStart(last).map(t -> t.plusSeconds(inputs.windowSeconds()));
        return start.isPresent() && end.isPresent() ? Optional.of(new LocalDateTime[] {start.get(), end.get()})
                : Optional.empty();
    }

    /**
     * Where the data comes from and which day is replayed, for titles: the file (or "generated, seed N"), the
     * date and the time span, e.g. {@code customer12.csv, 2011-07-01 11:00-12:00}.
     *
     * @return the description, or empty without inputs
     */
    public Optional<String> dataTitle() {
        if (inputs == null) {
            return Optional.empty();
        }
        DataOrigin origin = inputs.origin();
        String what = DataOrigin.FILE.equals(origin.kind()) ? origin.file() : origin.label();
        Optional<LocalDateTime[]> span = span();
        if (span.isEmpty()) {
            return Optional.of(what + ", " + inputs.start().toLocalDate() + " from " + HH_MM.format(inputs.start()));
        }
        LocalDateTime[] s = span.get();
        return Optional.of(what + ", " + s[0].toLocalDate() + " " + HH_MM.format(s[0]) + "\u2013"
                + HH_MM.format(s[1]));
    }

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** Collects a run's windows; not thread-safe. */
    public static final class Builder {

        private final MarketParameters parameters;
        private final Map<String, Object> configuration = new LinkedHashMap<>();
        private final List<WindowReport> windows = new ArrayList<>();
        private final Map<String, HomeSummary> homes = new TreeMap<>();
        private final Set<Long> indices = new HashSet<>();
        private double precomputationMs;
        private CommunityDay inputs;
        private final Map<Long, List<String>> paperDeviations = new TreeMap<>();
        private BiddingReport bidding;
        private CoalitionReport coalitions;
        private PartnersReport partners;

        private Builder(MarketParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
        }

        /**
         * Adds or replaces one configuration entry.
         *
         * @param name  the entry name
         * @param value a string, number, boolean, or a list or map of them
         * @return this builder
         */
        public Builder configuration(String name, Object value) {
            configuration.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a window compared with the reference market.
         *
         * @param privateRun the private run's outcome
         * @param reference  the reference market's outcome of the same inputs
         * @param metrics    what was measured
         * @return this builder
         * @throws IllegalArgumentException if the window indices differ or the window was added before
         */
        public Builder addWindow(WindowOutcome privateRun, WindowOutcome reference, WindowMetrics metrics) {
            return add(new WindowReport(privateRun, Optional.of(reference), metrics));
        }

        /**
         * Adds a window without reference.
         *
         * @param privateRun the private run's outcome
         * @param metrics    what was measured
         * @return this builder
         * @throws IllegalArgumentException if the window was added before
         */
        public Builder addWindow(WindowOutcome privateRun, WindowMetrics metrics) {
            return add(new WindowReport(privateRun, Optional.empty(), metrics));
        }

        private Builder add(WindowReport window) {
            if (!indices.add(window.index())) {
                throw new IllegalArgumentException("window " + window.index() + " was already added");
            }
            for (HomeSettlement s : window.settlements()) {
                homes.put(s.homeId(), homes.getOrDefault(s.homeId(), HomeSummary.empty(s.homeId())).plus(s));
            }
            windows.add(window);
            return this;
        }

        /**
         * Records what the market written from the paper in exact arithmetic found wrong with a window.
         *
         * @param window     the window
         * @param deviations one line per deviation; empty when the window is exactly the paper's
         * @return this builder
         */
        public Builder paperCheck(long window, List<String> deviations) {
            paperDeviations.put(window, List.copyOf(deviations));
            return this;
        }

        /**
         * Attaches the community's inputs: window {@code t} of the report is slot {@code t} of this day. The report
         * then gives each window its clock time, charts the inputs per window and per home, and lists the data's
         * origin and assumptions. Nothing of the market's outcome depends on it.
         *
         * @param day the replayed day
         * @return this builder
         */
        public Builder inputs(CommunityDay day) {
            this.inputs = Objects.requireNonNull(day, "day");
            return this;
        }

        /**
         * Attaches what forecast bids and strategic bidding did to the day.
         *
         * @param report the bidding report
         * @return this builder
         */
        public Builder bidding(BiddingReport report) {
            this.bidding = Objects.requireNonNull(report, "report");
            return this;
        }

        /**
         * Attaches the coalitions formed among the homes and their markets.
         *
         * @param report the coalition report
         * @return this builder
         */
        public Builder coalitions(CoalitionReport report) {
            this.coalitions = Objects.requireNonNull(report, "report");
            return this;
        }

        /**
         * Attaches what partner agreements and donations did to the day.
         *
         * @param report the partners report
         * @return this builder
         */
        public Builder partners(PartnersReport report) {
            this.partners = Objects.requireNonNull(report, "report");
            return this;
        }

        /**
         * Sets the time spent on precomputation before the run.
         *
         * @param ms milliseconds, non-negative
         * @return this builder
         */
        public Builder precomputationMs(double ms) {
            if (!(ms >= 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException("precomputation time must be non-negative, got " + ms);
            }
            this.precomputationMs = ms;
            return this;
        }

        /**
         * Number of windows added so far.
         *
         * @return the count
         */
        public int windowCount() {
            return windows.size();
        }

        /**
         * The report of the windows added so far; the builder can go on collecting.
         *
         * @return the report
         */
        public RunReport build() {
            return new RunReport(this);
        }
    }
}
