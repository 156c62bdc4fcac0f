package io.neighbourgrid.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.WindowPhase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's Prometheus metrics (Micrometer), scraped at {@code /metrics}. Window counters count each window of
 * the ledger once, when the console first sees it decided: a console started on a ledger that already holds a day
 * counts that day's windows as it reads them, so the totals are the ledger's, not only those decided while it ran.
 * Latencies are from the ledger's own timestamps (the opening transaction to the deciding one).
 *
 * <table>
 *   <caption>metrics</caption>
 *   <tr><th>name</th><th>type</th><th>labels</th></tr>
 *   <tr><td>{@code neighbourgrid_windows_decided_total}</td><td>counter</td><td>{@code clearing}: GENERAL,
 *       EXTREME, GRID_ONLY</td></tr>
 *   <tr><td>{@code neighbourgrid_window_latency_seconds}</td><td>histogram (+ {@code _max})</td>
 *       <td>{@code clearing}</td></tr>
 *   <tr><td>{@code neighbourgrid_windows_grid_only_total}</td><td>counter</td><td>{@code reason}: a
 *       {@link GridOnlyReason}</td></tr>
 *   <tr><td>{@code neighbourgrid_suspensions_total}</td><td>counter</td><td>{@code reason}: the grid-only reason
 *       that suspended a selected home</td></tr>
 *   <tr><td>{@code neighbourgrid_homes_registered}, {@code neighbourgrid_homes_suspended}</td><td>gauge</td>
 *       <td></td></tr>
 *   <tr><td>{@code neighbourgrid_window_latest}</td><td>gauge</td><td>the highest window index (-1: none)</td></tr>
 *   <tr><td>{@code neighbourgrid_windows_open}</td><td>gauge</td><td>known windows not settled yet</td></tr>
 *   <tr><td>{@code neighbourgrid_window_phase}</td><td>gauge</td><td>{@code phase}: 1 for the latest window's
 *       phase, 0 for the others</td></tr>
 *   <tr><td>{@code neighbourgrid_console_ledger_errors_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code neighbourgrid_console_audits_total}</td><td>counter</td><td>{@code verdict}: PASS, FAIL</td></tr>
 * </table>
 */
public final class ConsoleMetrics {
    /** The grid-only reasons that suspend the home they name (silent or cheating). */
    static final List<GridOnlyReason> SUSPENDING = List.of(GridOnlyReason.SELECTED_HOME_DID_NOT_CONTRIBUTE,
            GridOnlyReason.MASK_TRANSFER_NOT_POSTED, GridOnlyReason.OUTCOME_NOT_POSTED,
            GridOnlyReason.INVALID_CONTRIBUTION);

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Clearing, Counter> decided = new EnumMap<>(Clearing.class);
    private final Map<Clearing, Timer> latency = new EnumMap<>(Clearing.class);
    private final Map<GridOnlyReason, Counter> gridOnly = new EnumMap<>(GridOnlyReason.class);
    private final Map<GridOnlyReason, Counter> suspensions = new EnumMap<>(GridOnlyReason.class);
    private final Map<WindowPhase, AtomicLong> phase = new EnumMap<>(WindowPhase.class);
    private final AtomicLong homes = new AtomicLong();
    private final AtomicLong suspended = new AtomicLong();
    private final AtomicLong latest = new AtomicLong(-1);
    private final AtomicLong open = new AtomicLong();
    private final Counter ledgerErrors;
    private final Counter auditsPassed;
    private final Counter auditsFailed;

    /** A registry with every meter registered, at zero. */
    public ConsoleMetrics() {
        for (Clearing c : Clearing.values()) {
            decided.put(c, Counter.builder("neighbourgrid.windows.decided")
                    .description("Windows whose outcome is decided, by clearing")
                    .tag("clearing", c.name()).register(registry));
            latency.put(c, Timer.builder("neighbourgrid.window.latency")
                    .description("Time from a window's opening transaction to the transaction that decided it "
                            + "(ledger timestamps)")
                    .tag("clearing", c.name())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry));
        }
        for (GridOnlyReason r : GridOnlyReason.values()) {
            gridOnly.put(r, Counter.builder("neighbourgrid.windows.grid.only")
                    .description("Windows that ended with the grid only, by reason")
                    .tag("reason", r.name()).register(registry));
        }
        for (GridOnlyReason r : SUSPENDING) {
            suspensions.put(r, suspensionCounter(r));
        }
        for (WindowPhase p : WindowPhase.values()) {
            AtomicLong v = new AtomicLong();
            phase.put(p, v);
            Gauge.builder("neighbourgrid.window.phase", v, AtomicLong::doubleValue)
                    .description("1 for the phase of the latest window, 0 for the other phases")
                    .tag("phase", p.name()).register(registry);
        }
        Gauge.builder("neighbourgrid.homes.registered", homes, AtomicLong::doubleValue)
                .description("Registered homes").register(registry);
        Gauge.builder("neighbourgrid.homes.suspended", suspended, AtomicLong::doubleValue)
                .description("Homes currently suspended from selection").register(registry);
        Gauge.builder("neighbourgrid.window.latest", latest, AtomicLong::doubleValue)
                .description("The highest window index opened on the ledger (-1 before the first)")
                .register(registry);
        Gauge.builder("neighbourgrid.windows.open", open, AtomicLong::doubleValue)
                .description("Known windows that are not settled yet").register(registry);
        ledgerErrors = Counter.builder("neighbourgrid.console.ledger.errors")
                .description("Failed reads of the ledger by the console").register(registry);
        auditsPassed = auditCounter("PASS");
        auditsFailed = auditCounter("FAIL");
    }

    private Counter suspensionCounter(GridOnlyReason r) {
        return Counter.builder("neighbourgrid.suspensions")
                .description("Selected homes suspended from selection for their silence, by the window's reason")
                .tag("reason", r.name()).register(registry);
    }

    private Counter auditCounter(String verdict) {
        return Counter.builder("neighbourgrid.console.audits")
                .description("Window audits run from the console, by verdict")
                .tag("verdict", verdict).register(registry);
    }

    /**
     * Counts a decided window (call once per window).
     *
     * @param summary the window, decided
     */
    void windowDecided(Views.WindowSummary summary) {
        Clearing c = summary.clearing();
        decided.get(c).increment();
        if (summary.latencyMillis() != null && summary.latencyMillis() >= 0) {
            latency.get(c).record(Duration.ofMillis(summary.latencyMillis()));
        }
        if (summary.reason() != null) {
            gridOnly.get(summary.reason()).increment();
            int silent = summary.silentHomes() == null ? 0 : summary.silentHomes().size();
            if (silent > 0) {
                synchronized (suspensions) {
                    suspensions.computeIfAbsent(summary.reason(), this::suspensionCounter).increment(silent);
                }
            }
        }
    }

    /** Sets the gauges of the latest state. */
    void state(int registeredHomes, int suspendedHomes, long latestWindow, int openWindows, WindowPhase latestPhase) {
        homes.set(registeredHomes);
        suspended.set(suspendedHomes);
        latest.set(latestWindow);
        open.set(openWindows);
        for (Map.Entry<WindowPhase, AtomicLong> e : phase.entrySet()) {
            e.getValue().set(e.getKey() == latestPhase ? 1 : 0);
        }
    }

    void ledgerError() {
        ledgerErrors.increment();
    }

    void audited(boolean passed) {
        (passed ? auditsPassed : auditsFailed).increment();
    }

    /** The registry, for callers that add meters of their own. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Windows counted as decided with {@code clearing} so far. */
    public long decidedCount(Clearing clearing) {
        return (long) decided.get(clearing).count();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ConsoleMetrics[decided %d/%d/%d]", decidedCount(Clearing.GENERAL),
                decidedCount(Clearing.EXTREME), decidedCount(Clearing.GRID_ONLY));
    }
}
