package io.neighbourgrid.market;

import java.util.Optional;

/**
 * How a trading window was cleared: as one of the two market cases, or entirely with the grid (a coalition below
 * the minimum size, or a window that expired).
 */
public enum Clearing {

    /** Cleared as a general market ({@link MarketType#GENERAL}). */
    GENERAL,

    /** Cleared as an extreme market ({@link MarketType#EXTREME}). */
    EXTREME,

    /** No market: every home buys from the grid at the retail price and sells to it at the feed-in price. */
    GRID_ONLY;

    /**
     * The clearing of a window in which the market ran.
     *
     * @param type the market type
     * @return {@link #GENERAL} or {@link #EXTREME}
     */
    public static Clearing of(MarketType type) {
        return type == MarketType.GENERAL ? GENERAL : EXTREME;
    }

    /**
     * The market type, if the market ran.
     *
     * @return the market type, or empty for {@link #GRID_ONLY}
     */
    public Optional<MarketType> marketType() {
        switch (this) {
            case GENERAL:
                return Optional.of(MarketType.GENERAL);
            case EXTREME:
                return Optional.of(MarketType.EXTREME);
            default:
                return Optional.empty();
        }
    }
}
