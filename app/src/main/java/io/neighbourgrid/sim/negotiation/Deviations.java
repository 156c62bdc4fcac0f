package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.negotiation.NegotiatedTrade;
import io.neighbourgrid.negotiation.NegotiationResult;

/**
 * How far a negotiation's outcome is from the centralised reference.
 *
 * @param maxTradeKw largest {@code |(P_nm - P_mn) / 2 - t_nm|} over the pairs (kW)
 * @param maxPrice   largest {@code |lambda_nm - (pi_n + pi_m) / 2|} over the pairs (USD/kW)
 */
public record Deviations(double maxTradeKw, double maxPrice) {
    /**
     * The deviations of a result from the reference of the same case.
     *
     * @param r   the negotiation's result
     * @param ref the centralised reference
     * @return the largest deviations
     */
    public static Deviations of(NegotiationResult r, CentralisedWelfare.Reference ref) {
        double trade = 0;
        double price = 0;
        for (int p = 0; p < ref.pairs().size(); p++) {
            NegotiatedTrade t = r.trade(ref.pairs().get(p).producer(), ref.pairs().get(p).consumer());
            trade = Math.max(trade, Math.max(Math.abs(t.producerKw() - ref.trades()[p]),
                    Math.abs(-t.consumerKw() - ref.trades()[p])));
            price = Math.max(price, Math.abs(t.price() - ref.prices()[p]));
        }
        return new Deviations(trade, price);
    }
}
