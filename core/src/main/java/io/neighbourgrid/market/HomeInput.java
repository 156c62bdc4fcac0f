package io.neighbourgrid.market;

import java.util.Objects;

/**
 * The private inputs of one home in one trading window (PEM Section II-A and Eq. 4), in the units of
 * {@link Scales}.
 *
 * @param homeId     the home's identifier, not blank
 * @param generation {@code g >= 0}: local generation in the window, energy units
 * @param load       {@code l >= 0}: demand load in the window, energy units
 * @param battery    {@code b}: energy into the battery in the window, energy units; positive when charging,
 *                   negative when discharging, zero without a battery
 * @param preference {@code k > 0}: load-behaviour preference of the utility function (PEM Eq. 4), preference units
 * @param epsilon    battery loss coefficient in (0, 1) (PEM Eq. 4), epsilon units
 */
public record HomeInput(String homeId, long generation, long load, long battery, long preference, long epsilon) {

    /**
     * Validates the inputs.
     *
     * @throws IllegalArgumentException if the id is blank, {@code g} or {@code l} is negative, {@code k} is not
     *                                  positive or epsilon is outside (0, 1)
     * @throws NullPointerException     if the id is null
     */
    public HomeInput {
        Objects.requireNonNull(homeId, "homeId");
        if (homeId.isBlank()) {
            throw new IllegalArgumentException("home id must not be blank");
        }
        if (generation < 0) {
            throw new IllegalArgumentException("generation of home " + homeId + " must be non-negative, got "
                    + generation);
        }
        if (load < 0) {
            throw new IllegalArgumentException("load of home " + homeId + " must be non-negative, got " + load);
        }
        if (preference <= 0) {
            throw new IllegalArgumentException("preference k of home " + homeId + " must be positive, got "
                    + preference);
        }
        MarketMath.requireEpsilon(epsilon);
    }

    /**
     * Net energy {@code sn = g - l - b} (PEM Eq. 1).
     *
     * @return {@code sn} in energy units
     * @throws ArithmeticException if it overflows
     */
    public long netEnergy() {
        return MarketMath.netEnergy(generation, load, battery);
    }

    /**
     * The home's role in the window.
     *
     * @return seller, buyer or off market, from the sign of {@link #netEnergy()}
     */
    public Role role() {
        return MarketMath.role(netEnergy());
    }

    /**
     * The seller's pricing term {@code d = g + 1 + eps b - b} (PEM Eq. 13, Protocol 3).
     *
     * @return {@code d} in energy units
     * @throws ArithmeticException if it overflows
     */
    public long pricingTerm() {
        return MarketMath.pricingTerm(generation, battery, epsilon);
    }
}
