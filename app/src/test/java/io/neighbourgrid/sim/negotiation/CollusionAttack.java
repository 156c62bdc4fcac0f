package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.negotiation.LocalProblem;
import io.neighbourgrid.negotiation.PriceEncoding;
import io.neighbourgrid.negotiation.Trader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The collusion attack of seed 002, Section 4.1: the consumers that trade with a producer walk the pair prices up
 * level by level, hold each level until the producer's answer settles, and add up what each reads of its trade with
 * the producer. Where the sum stops changing between two levels the producer sits at a bound; two levels inside
 * the bounds give its coefficients, {@code a = dLambda / dP} and {@code b = lambda - a P}.
 *
 * <p>The colluders drive the prices exactly (the strongest colluders); what differs between the variants is only
 * what they can read of the target's trade, {@link Reading}.
 */
final class CollusionAttack {
    /** Iterations each price level is held, enough for the target's proximal updates to settle. */
    static final int HOLD = 60;
    /** Two readings closer than this (kW) count as unchanged. */
    static final double UNCHANGED = 1e-6;

    /** What the colluders read of the target's trade with one of them at an iteration. */
    interface Reading {
        /**
         * @param consumer the colluder
         * @param k        the iteration
         * @param price    the pair price the colluders drove, encoded
         * @param power    the target's trade with the colluder {@code P_nm}, encoded, as the target computed it
         * @return the colluder's reading of {@code P_nm} (kW)
         */
        double read(String consumer, int k, long price, long power) throws Exception;
    }

    /** What the attack found. */
    record Findings(List<Double> levels, List<Double> readings, Optional<Double> lowerBound,
                    Optional<Double> upperBound, double a, double b) {
    }

    private CollusionAttack() {
    }

    /**
     * Runs the attack against one producer.
     *
     * @param target     the producer (its data are the target's own, used only by its own update)
     * @param colluders  its partners, all colluding
     * @param levels     the price levels to walk (USD/kW), increasing
     * @param rho        the proximal weight of the target's local problem
     * @param reading    what the colluders can read
     */
    static Findings run(Trader target, List<String> colluders, double[] levels, double rho, Reading reading)
            throws Exception {
        int n = colluders.size();
        double[] trades = new double[n];
        List<Double> sums = new ArrayList<>();
        List<Double> walked = new ArrayList<>();
        int k = 0;
        for (double level : levels) {
            long price = PriceEncoding.price(level);
            double[] prices = new double[n];
            java.util.Arrays.fill(prices, PriceEncoding.priceValue(price));
            for (int h = 0; h < HOLD; h++) {
                trades = LocalProblem.update(target, trades, prices, new double[n], rho);
            }
            double sum = 0;
            for (int m = 0; m < n; m++) {
                sum += reading.read(colluders.get(m), k, price, PriceEncoding.power(trades[m]));
            }
            k++;
            sums.add(sum);
            walked.add(level);
        }
        Optional<Double> lower = Optional.empty();
        Optional<Double> upper = Optional.empty();
        int firstInterior = -1;
        int lastInterior = -1;
        for (int i = 1; i < sums.size(); i++) {
            boolean unchanged = Math.abs(sums.get(i) - sums.get(i - 1)) < UNCHANGED;
            if (unchanged && firstInterior < 0) {
                lower = Optional.of(sums.get(i));
            } else if (unchanged && upper.isEmpty()) {
                upper = Optional.of(sums.get(i));
                lastInterior = i - 1;
            } else if (!unchanged && firstInterior < 0) {
                firstInterior = i;
            }
        }
        if (lastInterior < 0) {
            lastInterior = sums.size() - 1;
        }
        if (firstInterior < 0 || firstInterior >= lastInterior) {
            firstInterior = 0;
        }
        // Two levels strictly inside the bounds: the first and the last level that moved the answer.
        double a = (walked.get(lastInterior) - walked.get(firstInterior))
                / (sums.get(lastInterior) - sums.get(firstInterior));
        double b = walked.get(firstInterior) - a * sums.get(firstInterior);
        return new Findings(walked, sums, lower, upper, a, b);
    }
}
