package io.neighbourgrid.market;

/**
 * The two market cases of PEM Section III-D, decided by comparing the market supply {@code E_s} with the market
 * demand {@code E_b} (PEM Eq. 2).
 */
public enum MarketType {

    /**
     * Supply below demand ({@code E_s < E_b}): the price is the Stackelberg price (PEM Eq. 13, 14), sellers are the
     * short side and sell all their net energy, buyers are the long side and share the supply in proportion to
     * their demand.
     */
    GENERAL,

    /**
     * Supply at or above demand ({@code E_s >= E_b}, PEM Section III-C): the price is the lower bound {@code p_l},
     * buyers are the short side and buy all their demand, sellers are the long side and share the demand in
     * proportion to their supply.
     */
    EXTREME;

    /**
     * The coalition that trades all of its net energy in the market.
     *
     * @return {@link Role#SELLER} in a general market, {@link Role#BUYER} in an extreme market
     */
    public Role shortSide() {
        return this == GENERAL ? Role.SELLER : Role.BUYER;
    }

    /**
     * The coalition that trades the fraction rho of its net energy in the market and the rest with the grid.
     *
     * @return {@link Role#BUYER} in a general market, {@link Role#SELLER} in an extreme market
     */
    public Role longSide() {
        return this == GENERAL ? Role.BUYER : Role.SELLER;
    }
}
