package io.neighbourgrid.report;

import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.WindowOutcome;
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
 * report.precomputationMs(precomputeMs);
 * RunReport done = report.build();
 * }</pre>
 */
public final class RunReport {

    private final MarketParameters parameters;
    private final Map<String, Object> configuration;
    private final List<WindowReport> windows;
    private final List<HomeSummary> homes;
    private final RunSummary summary;

    private RunReport(Builder b) {
        this.parameters = b.parameters;
        this.configuration = Collections.unmodifiableMap(new LinkedHashMap<>(b.configuration));
        this.windows = List.copyOf(b.windows);
        this.homes = List.copyOf(b.homes.values());
        this.summary = RunSummary.of(windows, homes.size(), b.precomputationMs);
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

    /** Collects a run's windows; not thread-safe. */
    public static final class Builder {

        private final MarketParameters parameters;
        private final Map<String, Object> configuration = new LinkedHashMap<>();
        private final List<WindowReport> windows = new ArrayList<>();
        private final Map<String, HomeSummary> homes = new TreeMap<>();
        private final Set<Long> indices = new HashSet<>();
        private double precomputationMs;

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
