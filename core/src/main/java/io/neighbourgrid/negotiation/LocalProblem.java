package io.neighbourgrid.negotiation;

/**
 * A trader's local problem, the primal update of the negotiation (seed 002, Section 3.1.1-3.1.2, Eq. 15; Sorin,
 * Bobo and Pinson 2018, Eq. 13). Trader {@code n} chooses its trades {@code P_nm} with every partner {@code m}:
 *
 * <pre>
 *   min  C_n(sum_m P_nm) + sum_m [ (c_nm - lambda_nm) P_nm + (rho / 2) (P_nm - P_nm^k)^2 ]
 *   s.t. P_min &lt;= sum_m P_nm &lt;= P_max
 * </pre>
 *
 * where {@code lambda_nm} is the pair's price, {@code c_nm = 1/2 sum_l PTDF_l,nm (rho_l^up - rho_l^down)} the
 * trader's half of the line charge of the trade, and the proximal term keeps the step small. Stationarity gives
 * {@code P_nm = P_nm^k + (lambda_nm - c_nm - g_n) / rho} with one marginal value {@code g_n} for all of the trader's
 * trades, which is found in closed form: solve for the injection without bounds, clamp it, and read {@code g_n}
 * back.
 */
public final class LocalProblem {
    private LocalProblem() {
    }

    /**
     * One primal update.
     *
     * @param trader   the trader's private data
     * @param previous its trades {@code P_nm^k}, one per partner (kW)
     * @param prices   the pair prices {@code lambda_nm^k}, in the same order (USD/kW)
     * @param charges  its line charges {@code c_nm}, in the same order (USD/kW)
     * @param rho      the proximal weight (USD/kW^2), positive
     * @return the trades {@code P_nm^k+1}
     */
    public static double[] update(Trader trader, double[] previous, double[] prices, double[] charges, double rho) {
        int k = previous.length;
        if (prices.length != k || charges.length != k || k == 0) {
            throw new IllegalArgumentException("need one previous trade, price and charge per partner");
        }
        if (!(rho > 0)) {
            throw new IllegalArgumentException("rho must be positive");
        }
        double[] base = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            base[i] = previous[i] + (prices[i] - charges[i]) / rho;
            s += base[i];
        }
        // Without bounds: P_n = s - k (a P_n + b) / rho.
        double free = (s - k * trader.b() / rho) / (1 + k * trader.a() / rho);
        double injection = trader.clamp(free);
        double g = (s - injection) * rho / k;
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = base[i] - g / rho;
        }
        return out;
    }
}
