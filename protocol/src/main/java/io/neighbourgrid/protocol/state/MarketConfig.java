package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.KeyPolicy;

/**
 * The market's configuration, set by the operator organisation with {@code configureMarket}; stored under
 * {@code MARKET}. Each window copies the configuration in force when it opens, so a later change never alters a
 * running window.
 *
 * @param retailPrice           {@code ps}, price units (10^-6 cent per kWh)
 * @param feedInPrice           {@code pb}, price units
 * @param lowPrice              {@code p_l}, price units
 * @param highPrice             {@code p_h}, price units
 * @param windowSeconds         length of one trading window in seconds
 * @param minimumCoalitionSize  the market runs only when both coalitions have at least this many homes; at least
 *                              {@value #MIN_COALITION_SIZE}, because a sum over one home is that home's value
 * @param keyBits               the exact modulus length every registered Paillier key must have, at least
 *                              {@value #MIN_KEY_BITS}
 * @param roleSeconds           how long after the window opens homes may declare their role
 * @param contributionSeconds   how long after the roles close members may contribute
 * @param transferSeconds       how long after the contributions close r2 has to post its mask transfer
 * @param outcomeSeconds        how long r1 has to post the proven outcome, counted from the transfer deadline (the
 *                              close of contributions plus {@code transferSeconds})
 * @param selectionEpochWindows how many consecutive windows share one selection ranking (an epoch; default
 *                              {@value #DEFAULT_SELECTION_EPOCH_WINDOWS}); at least 1
 * @param maxEnergyPerWindow    the largest net energy |sn| one home may offer or ask for in a window, energy units;
 *                              every contribution proves its energy in [1, maxEnergyPerWindow]
 *                              ({@link io.neighbourgrid.protocol.ContributionRanges})
 * @param minPreference         the smallest preference k a seller may state, preference units, at least 1
 * @param maxPreference         the largest preference k a seller may state, preference units
 */
public record MarketConfig(long retailPrice, long feedInPrice, long lowPrice, long highPrice, long windowSeconds,
                           int minimumCoalitionSize, int keyBits, long roleSeconds, long contributionSeconds,
                           long transferSeconds, long outcomeSeconds, long selectionEpochWindows,
                           long maxEnergyPerWindow, long minPreference, long maxPreference) {

    /** Smallest accepted minimum coalition size: a coalition of one would reveal its member's value in every sum. */
    public static final int MIN_COALITION_SIZE = 2;

    /** Longest accepted phase duration, one week; it keeps every deadline far inside the timestamp range. */
    public static final long MAX_PHASE_SECONDS = 7L * 24 * 3600;

    /**
     * Smallest accepted key size, {@link KeyPolicy#MARKET_MIN_BITS}: smaller keys cannot carry the masked totals
     * (the derivation is in {@link KeyPolicy}).
     */
    public static final int MIN_KEY_BITS = KeyPolicy.MARKET_MIN_BITS;

    /** Selection epoch length when a deployment has no reason to choose another: 60 windows (an hour of minutes). */
    public static final long DEFAULT_SELECTION_EPOCH_WINDOWS = 60;

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException naming the first field out of range: the prices must satisfy PEM Eq. 3
     *                                  ({@code 0 < pb < p_l <= p_h < ps}, see {@link MarketParameters}), the key size
     *                                  must be accepted by {@link KeyPolicy} for {@link KeyPolicy.Use#MARKET} (even,
     *                                  within [{@value #MIN_KEY_BITS}, {@value KeyPolicy#MAX_BITS}]), every
     *                                  phase must last 1 s to one week, an epoch must have at least one window
     */
    public MarketConfig {
        parametersOf(retailPrice, feedInPrice, lowPrice, highPrice, windowSeconds, minimumCoalitionSize);
        if (minimumCoalitionSize < MIN_COALITION_SIZE) {
            throw new IllegalArgumentException("minimumCoalitionSize must be at least " + MIN_COALITION_SIZE
                    + ", got " + minimumCoalitionSize);
        }
        KeyPolicy.require(keyBits, KeyPolicy.Use.MARKET, "keyBits");
        requirePhase(roleSeconds, "roleSeconds");
        requirePhase(contributionSeconds, "contributionSeconds");
        requirePhase(transferSeconds, "transferSeconds");
        requirePhase(outcomeSeconds, "outcomeSeconds");
        if (selectionEpochWindows < 1) {
            throw new IllegalArgumentException("selectionEpochWindows must be at least 1, got "
                    + selectionEpochWindows);
        }
        if (maxEnergyPerWindow < 2 || maxEnergyPerWindow > MAX_ENERGY_PER_WINDOW) {
            throw new IllegalArgumentException("maxEnergyPerWindow must be in [2, " + MAX_ENERGY_PER_WINDOW
                    + "] energy units, got " + maxEnergyPerWindow);
        }
        if (minPreference < 1 || maxPreference < minPreference || maxPreference > MAX_PREFERENCE) {
            throw new IllegalArgumentException("the preference range must satisfy 1 <= minPreference <= "
                    + "maxPreference <= " + MAX_PREFERENCE + ", got [" + minPreference + ", " + maxPreference + "]");
        }
    }

    /**
     * Largest accepted {@code maxEnergyPerWindow}, 2^40 energy units (about 1.1 GWh): with it every slot of a
     * contribution spans less than 2^44 ({@link io.neighbourgrid.protocol.ContributionRanges}).
     */
    public static final long MAX_ENERGY_PER_WINDOW = 1L << 40;
    /** Largest accepted {@code maxPreference}, 2^43 preference units. */
    public static final long MAX_PREFERENCE = 1L << 43;
    /** Default {@code maxEnergyPerWindow}: 100 kWh, far above what a home trades in a window of an hour or less. */
    public static final long DEFAULT_MAX_ENERGY_PER_WINDOW = 100 * Scales.ENERGY;
    /** Default {@code minPreference}: one preference unit, the least a seller's k may be. */
    public static final long DEFAULT_MIN_PREFERENCE = 1;
    /** Default {@code maxPreference}: k = 1,000 (PEM's homes use 20 and 40). */
    public static final long DEFAULT_MAX_PREFERENCE = 1_000 * Scales.PREFERENCE;

    /**
     * The market parameters of this configuration, as the market arithmetic takes them.
     *
     * @return the parameters
     */
    public MarketParameters parameters() {
        return parametersOf(retailPrice, feedInPrice, lowPrice, highPrice, windowSeconds, minimumCoalitionSize);
    }

    /**
     * This configuration with every phase given {@code seconds}: what a community too large for the default
     * deadlines on its hardware configures (a phase must fit every home's transaction).
     *
     * @param seconds the role, contribution, transfer and outcome phases' length
     * @return the configuration
     * @throws IllegalArgumentException for a length outside [1, {@value #MAX_PHASE_SECONDS}]
     */
    public MarketConfig withPhaseSeconds(long seconds) {
        return new MarketConfig(retailPrice, feedInPrice, lowPrice, highPrice, windowSeconds, minimumCoalitionSize,
                keyBits, seconds, seconds, seconds, seconds, selectionEpochWindows, maxEnergyPerWindow,
                minPreference, maxPreference);
    }

    private static MarketParameters parametersOf(long retailPrice, long feedInPrice, long lowPrice, long highPrice,
                                                 long windowSeconds, int minimumCoalitionSize) {
        return new MarketParameters(retailPrice, feedInPrice, lowPrice, highPrice, windowSeconds,
                minimumCoalitionSize);
    }

    private static void requirePhase(long seconds, String name) {
        if (seconds < 1 || seconds > MAX_PHASE_SECONDS) {
            throw new IllegalArgumentException(name + " must be in [1, " + MAX_PHASE_SECONDS + "], got " + seconds);
        }
    }

    /** Default phase durations, in seconds: long enough for a controller on a slow link, short enough to keep a
     * one-minute window moving when a selected home is silent. */
    public static final long DEFAULT_ROLE_SECONDS = 20;
    /** See {@link #DEFAULT_ROLE_SECONDS}. */
    public static final long DEFAULT_CONTRIBUTION_SECONDS = 20;
    /** See {@link #DEFAULT_ROLE_SECONDS}. */
    public static final long DEFAULT_TRANSFER_SECONDS = 15;
    /** See {@link #DEFAULT_ROLE_SECONDS}. */
    public static final long DEFAULT_OUTCOME_SECONDS = 15;

    /**
     * The configuration of market parameters with the default phase durations and contribution ranges.
     *
     * @param parameters            prices, window length and minimum coalition size
     * @param keyBits               the Paillier modulus length every home must register
     * @param selectionEpochWindows windows per selection epoch
     * @return the configuration
     */
    public static MarketConfig of(MarketParameters parameters, int keyBits, long selectionEpochWindows) {
        return new MarketConfig(parameters.retailPrice(), parameters.feedInPrice(), parameters.lowPrice(),
                parameters.highPrice(), parameters.windowSeconds(), parameters.minimumCoalitionSize(), keyBits,
                DEFAULT_ROLE_SECONDS, DEFAULT_CONTRIBUTION_SECONDS, DEFAULT_TRANSFER_SECONDS,
                DEFAULT_OUTCOME_SECONDS, selectionEpochWindows, DEFAULT_MAX_ENERGY_PER_WINDOW,
                DEFAULT_MIN_PREFERENCE, DEFAULT_MAX_PREFERENCE);
    }
}
