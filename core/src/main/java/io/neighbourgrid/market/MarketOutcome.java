package io.neighbourgrid.market;

import java.util.Objects;

/**
 * What the channel learns of a cleared window and nothing more (PEM Theorem 1): the market type, the price and the
 * long side's fill ratio. The responder claims it; {@link OutcomeInequalities} lists the inequalities on the hidden
 * totals that make the claim true.
 *
 * @param type      general or extreme market
 * @param price     the market price in price units
 * @param fillRatio rho in units of {@code 2^-40}
 */
public record MarketOutcome(MarketType type, long price, long fillRatio) {
    /**
     * Validates the claim's shape (not whether it follows from any totals).
     *
     * @throws IllegalArgumentException if the type is missing, the price not positive or rho outside [0, 2^40]
     */
    public MarketOutcome {
        Objects.requireNonNull(type, "market type");
        if (price <= 0) {
            throw new IllegalArgumentException("market price must be positive, got " + price);
        }
        if (fillRatio < 0 || fillRatio > Scales.RATIO_ONE) {
            throw new IllegalArgumentException("fill ratio " + fillRatio + " is outside [0, 2^" + Scales.RATIO_BITS
                    + "]");
        }
    }
}
