package io.neighbourgrid.negotiation;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a negotiation.
 *
 * @param caseName   the case
 * @param converged  whether the stopping criterion was met within the budget
 * @param iterations iterations run
 * @param trades     every pair's trade and price
 * @param injections every trader's net injection {@code P_n = sum_m P_nm}, in trader order (kW)
 * @param flows      line flows of the injections (kW)
 * @param linePrices the line prices at the end
 * @param history    every iteration's convergence measures
 * @param prices     the pairs' prices after every iteration (USD/kW), for the convergence plot
 */
public record NegotiationResult(String caseName, boolean converged, int iterations, List<NegotiatedTrade> trades,
                                double[] injections, double[] flows, LinePrices linePrices,
                                List<IterationRecord> history, List<double[]> prices) {
    public NegotiationResult {
        Objects.requireNonNull(caseName, "caseName");
        trades = List.copyOf(trades);
        injections = injections.clone();
        flows = flows.clone();
        history = List.copyOf(history);
        prices = List.copyOf(prices);
    }

    @Override
    public double[] injections() {
        return injections.clone();
    }

    @Override
    public double[] flows() {
        return flows.clone();
    }

    /** The trade of a pair. */
    public NegotiatedTrade trade(String producer, String consumer) {
        return trades.stream().filter(t -> t.pair().producer().equals(producer)
                && t.pair().consumer().equals(consumer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pair " + producer + "/" + consumer));
    }
}
