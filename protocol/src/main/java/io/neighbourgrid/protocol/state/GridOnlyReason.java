package io.neighbourgrid.protocol.state;

/** Why a window ended without a market. */
public enum GridOnlyReason {
    /** A coalition had fewer members than the minimum size, at the close of roles or after dropping silent members. */
    COALITION_TOO_SMALL,
    /** Fewer than two homes that declared a role are selectable (registered and not suspended). */
    TOO_FEW_SELECTABLE_HOMES,
    /** A selected home (r1 or r2) that is a member did not contribute; the silent home is suspended. */
    SELECTED_HOME_DID_NOT_CONTRIBUTE,
    /** r2 did not post its proven mask transfer by the deadline; it is named and suspended. */
    MASK_TRANSFER_NOT_POSTED,
    /** r1 did not post its proven outcome by the deadline; it is named and suspended. */
    OUTCOME_NOT_POSTED,
    /**
     * A claim showed that a member's contribution proof fails, either after the window was cleared and before it
     * settled, or during the evaluation when the member is r1 or r2: the member is excluded and suspended, and the
     * window trades with the grid.
     */
    INVALID_CONTRIBUTION
}
