package io.neighbourgrid.report;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketTotals;
import io.neighbourgrid.market.WindowOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The headline figures of a run, computed from the private run's settlements (PEM Section VII-C reports the same
 * kind of figures: the buyer coalition's cost against buying everything from the grid, seller utility, and
 * exchange with the grid).
 *
 * @param windows                    number of windows
 * @param generalWindows             windows cleared as a general market
 * @param extremeWindows             windows cleared as an extreme market
 * @param gridOnlyWindows            windows settled with the grid only
 * @param totals                     energy and money totals by side
 * @param gridImport                 energy bought from the grid, energy units
 * @param gridExport                 energy sold to the grid, energy units
 * @param marketEnergy               energy that changed hands between homes, energy units
 * @param buyerCostReductionPct      buyers' cost saving against buying all their deficit from the grid, percent
 * @param sellerRevenueGainPct       sellers' revenue gain against selling all their surplus to the grid, percent
 * @param gridExchangeReductionPct   reduction of energy exchanged with the grid (import + export) against trading
 *                                   every home's net energy with the grid, percent
 * @param medianWindowLatencyMs      median online latency per window (over all windows, grid-only ones included)
 * @param p95WindowLatencyMs         95th percentile (nearest rank) of the online latency per window
 * @param bytesPerHomePerWindow      bytes submitted per home and window
 * @param referenceMaxDeviationCents largest price deviation from the reference, cents per kWh
 * @param referenceMismatches        windows whose outcome differs from the reference (or has none)
 * @param individuallyRational       whether no home ended any window worse off than with the grid alone
 * @param precomputationMs           time spent preparing encryption randomness before the run
 */
public record RunSummary(int windows, int generalWindows, int extremeWindows, int gridOnlyWindows,
                         MarketTotals totals, long gridImport, long gridExport, long marketEnergy,
                         OptionalDouble buyerCostReductionPct, OptionalDouble sellerRevenueGainPct,
                         OptionalDouble gridExchangeReductionPct, OptionalDouble medianWindowLatencyMs,
                         OptionalDouble p95WindowLatencyMs, OptionalDouble bytesPerHomePerWindow,
                         OptionalDouble referenceMaxDeviationCents, int referenceMismatches,
                         boolean individuallyRational, double precomputationMs) {

    /**
     * Computes the summary of a run.
     *
     * @param windows          the run's windows
     * @param homes            number of homes in the community
     * @param precomputationMs precomputation time, milliseconds
     * @return the summary
     */
    public static RunSummary of(List<WindowReport> windows, int homes, double precomputationMs) {
        int general = 0;
        int extreme = 0;
        int gridOnly = 0;
        MarketTotals totals = MarketTotals.ZERO;
        long gridImport = 0;
        long gridExport = 0;
        long market = 0;
        long bytes = 0;
        boolean rational = true;
        int mismatches = 0;
        OptionalDouble maxDeviation = OptionalDouble.empty();
        double[] latencies = new double[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            WindowReport w = windows.get(i);
            WindowOutcome o = w.outcome();
            if (o.clearing() == Clearing.GENERAL) {
                general++;
            } else if (o.clearing() == Clearing.EXTREME) {
                extreme++;
            } else {
                gridOnly++;
            }
            totals = totals.plus(o.totals());
            gridImport = Math.addExact(gridImport, o.gridImport());
            gridExport = Math.addExact(gridExport, o.gridExport());
            market = Math.addExact(market, o.marketEnergy());
            bytes = Math.addExact(bytes, w.metrics().bytesSubmitted());
            latencies[i] = w.metrics().onlineLatencyMs();
            for (HomeSettlement s : o.homes()) {
                rational &= s.savings() >= 0;
            }
            if (!w.matchesReference()) {
                mismatches++;
            }
            OptionalDouble d = w.referenceDeviationCents();
            if (d.isPresent() && (maxDeviation.isEmpty() || d.getAsDouble() > maxDeviation.getAsDouble())) {
                maxDeviation = d;
            }
        }
        long exchangeWithout = Math.addExact(totals.buyerEnergy(), totals.sellerEnergy());
        long exchangeWith = Math.addExact(gridImport, gridExport);
        Arrays.sort(latencies);
        long cells = (long) homes * windows.size();
        return new RunSummary(windows.size(), general, extreme, gridOnly, totals, gridImport, gridExport, market,
                reduction(totals.buyerGridOnlyCost(), totals.buyerCost()),
                gain(totals.sellerRevenue(), totals.sellerGridOnlyRevenue()),
                reduction(exchangeWithout, exchangeWith), percentile(latencies, 50), percentile(latencies, 95),
                cells == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bytes / cells), maxDeviation,
                mismatches, rational, precomputationMs);
    }

    /** {@code 100 * (before - after) / before}, or empty when {@code before} is zero. */
    private static OptionalDouble reduction(long before, long after) {
        return before == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * (before - after) / before);
    }

    /** {@code 100 * (value - base) / base}, or empty when {@code base} is zero. */
    private static OptionalDouble gain(long value, long base) {
        return base == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * (value - base) / base);
    }

    /** Nearest-rank percentile of sorted values. */
    static OptionalDouble percentile(double[] sorted, int pct) {
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(0, rank - 1)]);
    }
}
