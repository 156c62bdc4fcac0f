package io.neighbourgrid.market.paper;

/**
 * How a window cleared: the two market cases of PEM Section III-D (Protocol 1 lines 6-9) or, when a coalition is
 * empty or below the market's minimum size, with the grid alone (Section IV-C: "If the seller coalition is empty
 * ... all the buyers should buy energy from the main grid").
 */
public enum PaperClearing {

    /** {@code E_s < E_b}: the Stackelberg price (Eq. 13, 14); sellers short, buyers long. */
    GENERAL,

    /** {@code E_s >= E_b}: the price {@code p_l} (Section III-C); buyers short, sellers long. */
    EXTREME,

    /** No market: every home trades {@code |sn|} with the grid. */
    GRID_ONLY;

    /**
     * The coalition that trades all of its net energy in the market.
     *
     * @return sellers in a general market, buyers in an extreme market
     * @throws IllegalStateException for {@link #GRID_ONLY}
     */
    public PaperRole shortSide() {
        return switch (this) {
            case GENERAL -> PaperRole.SELLER;
            case EXTREME -> PaperRole.BUYER;
            case GRID_ONLY -> throw new IllegalStateException("a grid-only window has no market sides");
        };
    }

    /**
     * The coalition that trades a share of its net energy in the market.
     *
     * @return buyers in a general market, sellers in an extreme market
     * @throws IllegalStateException for {@link #GRID_ONLY}
     */
    public PaperRole longSide() {
        return shortSide() == PaperRole.SELLER ? PaperRole.BUYER : PaperRole.SELLER;
    }
}
