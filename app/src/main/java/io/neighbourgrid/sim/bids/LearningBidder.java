package io.neighbourgrid.sim.bids;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simple learning bidder (seed 003, SNIPPET, step 2 "strategic bidding" and its "adaptable" bids, which change
 * with market conditions; the seed names no algorithm, so this one is ours, {@code docs/strategies.md}): an
 * epsilon-greedy bandit whose arms are multiples of the home's true {@code k}. Each window it sells in, it reports
 * its true {@code k} times the chosen arm's multiple; the reward of the arm is the price it then sold at, in price
 * units, observed in general-market windows only (in an extreme or grid-only window the report has no effect on
 * the price, PEM Section III-C). It explores an untried arm first, then with probability {@link #EXPLORATION} a
 * random one, else the arm of best mean reward (ties to the smaller multiple).
 *
 * <p>Not thread-safe per window; a home's choice and its reward come from one thread at a time.
 */
public final class LearningBidder {
    /** The arms: multiples of the true {@code k}, in tenths. */
    static final int[] MULTIPLES_TENTHS = {10, 15, 20, 30, 50, 80};
    /** Probability of a random arm once every arm was tried. */
    public static final double EXPLORATION = 0.1;

    private final SplittableRandom random;
    private final long[] pulls = new long[MULTIPLES_TENTHS.length];
    private final double[] rewardSums = new double[MULTIPLES_TENTHS.length];
    private final Map<Long, Integer> chosen = new HashMap<>();

    /**
     * @param seed seed of the exploration
     */
    public LearningBidder(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * The report for a window the home sells in.
     *
     * @param window        the window
     * @param truthful      the home's true {@code k}, preference units
     * @param minPreference the smallest report the range proof accepts
     * @param maxPreference the largest
     * @return the report, clamped into the range
     */
    public synchronized long report(long window, long truthful, long minPreference, long maxPreference) {
        int arm = chosen.computeIfAbsent(window, w -> choose());
        long report = Math.multiplyExact(truthful, MULTIPLES_TENTHS[arm]) / 10;
        return Math.max(minPreference, Math.min(maxPreference, report));
    }

    /**
     * What the home learned from a window it reported in.
     *
     * @param window the window
     * @param price  the price it sold at, price units; ignored if it made no report in the window
     */
    public synchronized void reward(long window, long price) {
        Integer arm = chosen.remove(window);
        if (arm != null) {
            pulls[arm]++;
            rewardSums[arm] += price;
        }
    }

    /** Forgets the choice of a window whose report had no effect on the price. */
    public synchronized void noReward(long window) {
        chosen.remove(window);
    }

    /** The multiple of the arm of best mean reward so far (1 before any reward). */
    public synchronized double bestMultiple() {
        int best = bestArm();
        return best < 0 ? 1.0 : MULTIPLES_TENTHS[best] / 10.0;
    }

    private int choose() {
        for (int a = 0; a < pulls.length; a++) {
            if (pulls[a] == 0) {
                return a;
            }
        }
        if (random.nextDouble() < EXPLORATION) {
            return random.nextInt(pulls.length);
        }
        return bestArm();
    }

    private int bestArm() {
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < pulls.length; a++) {
            if (pulls[a] > 0 && rewardSums[a] / pulls[a] > bestMean) {
                best = a;
                bestMean = rewardSums[a] / pulls[a];
            }
        }
        return best;
    }
}
