package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.Scales;
import java.util.Random;

/**
 * A home's utility parameters: the preference {@code k} and the battery loss coefficient {@code epsilon} of PEM
 * Eq. 4, in the units of {@link Scales}. They are constant over a simulated day.
 *
 * <p>The default range of {@code k} is [60, 130] rather than PEM's fixed 20 or 40 (Section VII-C). With one-minute
 * windows a seller's pricing term {@code d = g + 1 + eps b - b} is dominated by its constant one kWh, so the
 * Stackelberg price of Eq. 13 is about {@code sqrt(ps * mean k)}: with {@code ps = 120} and {@code k = 20} or 40 it
 * is 49-69 cents, below {@code p_l = 90} in every window, and the market would always clear at the lower bound.
 * With {@code k} in [60, 130] the unclamped price spreads over roughly 85-125 cents, so the clamp of Eq. 14 is met
 * at both ends and the price is often interior to [90, 110].
 *
 * @param preference {@code k > 0}, preference units
 * @param epsilon    {@code 0 < epsilon < 1}, epsilon units
 */
public record HomeTraits(long preference, long epsilon) {

    /** Default lower bound of {@code k}, utility units. */
    public static final double DEFAULT_MIN_PREFERENCE = 60.0;

    /** Default upper bound of {@code k}, utility units. */
    public static final double DEFAULT_MAX_PREFERENCE = 130.0;

    /** Default lower bound (exclusive) of epsilon. */
    public static final double DEFAULT_MIN_EPSILON = 0.5;

    /** Default upper bound (exclusive) of epsilon. */
    public static final double DEFAULT_MAX_EPSILON = 0.95;

    /**
     * Validates the traits.
     *
     * @throws IllegalArgumentException if {@code k <= 0} or epsilon is outside (0, 1)
     */
    public HomeTraits {
        if (preference <= 0) {
            throw new IllegalArgumentException("preference k must be positive, got " + preference);
        }
        if (epsilon <= 0 || epsilon >= Scales.EPSILON) {
            throw new IllegalArgumentException("battery loss coefficient must be in (0, " + Scales.EPSILON
                    + ") epsilon units, got " + epsilon);
        }
    }

    /**
     * Draws traits with {@code k} uniform in [minK, maxK] and epsilon uniform in the open interval
     * (minEps, maxEps).
     *
     * @param random the source of randomness
     * @param minK   lowest k, utility units, positive
     * @param maxK   highest k, utility units, at least minK
     * @param minEps lowest epsilon (exclusive), in [0, 1)
     * @param maxEps highest epsilon (exclusive), in (minEps, 1]
     * @return the traits
     * @throws IllegalArgumentException if a range is invalid
     */
    public static HomeTraits sample(Random random, double minK, double maxK, double minEps, double maxEps) {
        if (!(minK > 0) || !(maxK >= minK) || !(minEps >= 0) || !(maxEps > minEps) || !(maxEps <= 1)) {
            throw new IllegalArgumentException("invalid trait ranges k in [" + minK + ", " + maxK + "], eps in ("
                    + minEps + ", " + maxEps + ")");
        }
        long k = Math.max(1L, Math.round((minK + random.nextDouble() * (maxK - minK)) * Scales.PREFERENCE));
        long lo = (long) Math.floor(minEps * Scales.EPSILON) + 1;
        long hi = (long) Math.ceil(maxEps * Scales.EPSILON) - 1;
        long eps = lo >= hi ? lo : lo + (long) Math.floor(random.nextDouble() * (hi - lo + 1));
        return new HomeTraits(k, Math.max(1L, Math.min(Scales.EPSILON - 1, eps)));
    }

    /**
     * Draws traits from the default ranges.
     *
     * @param random the source of randomness
     * @return the traits
     */
    public static HomeTraits sample(Random random) {
        return sample(random, DEFAULT_MIN_PREFERENCE, DEFAULT_MAX_PREFERENCE, DEFAULT_MIN_EPSILON,
                DEFAULT_MAX_EPSILON);
    }
}
