package io.neighbourgrid.protocol.state;

/** Why a window ended without a market. */
public enum GridOnlyReason {
    /** A coalition had fewer members than the minimum size, at the close of roles or after dropping silent members. */
    COALITION_TOO_SMALL,
    /** Fewer than two homes that declared a role are selectable (registered and not suspended). */
    TOO_FEW_SELECTABLE_HOMES,
    /** A selected home (r1 or r2) that is a member did not contribute; the silent home is suspended. */
    SELECTED_HOME_DID_NOT_CONTRIBUTE,
    /** The comparison was not finished by its deadline; the home whose step was due is named and suspended. */
    COMPARISON_NOT_FINISHED,
    /** A selected home did not post its decryption of the totals by the deadline; it is named and suspended. */
    DECRYPTIONS_NOT_POSTED,
    /** The comparison's result disagrees with {@code E_s < E_b} of the verified totals. */
    COMPARISON_MISMATCH,
    /**
     * The verified totals are not what honest contributions produce: their sum does not unpack into four in-range
     * slots, or a total is below one unit per member (a malformed contribution).
     */
    MALFORMED_TOTALS
}
