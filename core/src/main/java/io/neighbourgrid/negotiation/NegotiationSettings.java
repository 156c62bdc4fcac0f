package io.neighbourgrid.negotiation;

/**
 * The tuning of the negotiation (seed 002, Sections 3.1.2-3.1.4).
 *
 * @param rho           proximal weight of the local problem (USD/kW^2)
 * @param alpha         innovation step of the pair-price update, Eq. 17 (USD/kW^2)
 * @param gamma         step of the line prices, Eq. 18 (USD/kW^2)
 * @param tolerance     stopping criterion, Eq. 19: largest reciprocity mismatch {@code |P_nm + P_mn|}, largest trade
 *                      change and largest line overload, all in kW
 * @param maxIterations the iteration budget
 */
public record NegotiationSettings(double rho, double alpha, double gamma, double tolerance, int maxIterations) {
    public NegotiationSettings {
        if (!(rho > 0) || !(alpha > 0) || !(gamma > 0) || !(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("steps, tolerance and budget must be positive");
        }
    }

    /** The settings used for seed 002's case. */
    public static NegotiationSettings defaults() {
        return new NegotiationSettings(0.2, 0.08, 0.06, 1e-5, 20_000);
    }
}
