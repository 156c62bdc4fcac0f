package io.neighbourgrid.protocol.state;

/**
 * The phases of a trading window, in order. A window moves forward only; {@link #GRID_ONLY} and {@link #CLEARED}
 * both lead to {@link #SETTLED}.
 */
public enum WindowPhase {
    /** Opened; homes declare seller, buyer or off market. */
    ROLES,
    /** Coalitions and the selected homes r1 and r2 fixed; members submit their encrypted contributions. */
    CONTRIBUTIONS,
    /** Aggregates fixed; r2 posts its proven mask transfer, then r1 its proven outcome. */
    EVALUATION,
    /** The market ran: price and fill ratio recorded. */
    CLEARED,
    /** No market in this window: every home trades with the grid at {@code ps} / {@code pb}; the reason is recorded. */
    GRID_ONLY,
    /** The settlement record is written. */
    SETTLED
}
