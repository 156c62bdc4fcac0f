package io.neighbourgrid.negotiation;

/**
 * What the market operator sees of one iteration when it checks the stopping criterion (seed 002, Eq. 19).
 *
 * @param iteration       the iteration (from 1)
 * @param reciprocity     largest {@code |P_nm + P_mn|} over the pairs (kW)
 * @param tradeChange     largest {@code |P_nm^k+1 - P_nm^k|} (kW)
 * @param lineOverload    largest {@code |F_l| - F_max}, or 0 (kW)
 * @param linePriceChange largest change of a line price (USD/kW)
 */
public record IterationRecord(int iteration, double reciprocity, double tradeChange, double lineOverload,
                              double linePriceChange) {
    /** Whether every measure is within {@code tolerance} (line prices within {@code gamma * tolerance}). */
    public boolean converged(double tolerance, double gamma) {
        return reciprocity <= tolerance && tradeChange <= tolerance && lineOverload <= tolerance
                && linePriceChange <= gamma * tolerance;
    }
}
