package io.neighbourgrid.agent;

/** What a home agent did in one step of a window. */
public enum AgentAction {
    /** Bound its identity and Paillier key to its home id. */
    REGISTERED,
    /** Declared its role for the window. */
    DECLARED_ROLE,
    /** Handed its role (and a member's contribution) to the representative it delegated to. */
    HANDED_TO_REPRESENTATIVE,
    /** Submitted its encrypted contribution. */
    CONTRIBUTED,
    /** Transferred the masks' sum to r1's key with its proof (r2 only). */
    MASK_TRANSFER,
    /** Opened the packed totals and posted the outcome with its proofs (r1 only). */
    POSTED_OUTCOME,
    /** Found a member's contribution proof invalid and claimed against it. */
    CLAIMED_INVALID_CONTRIBUTION,
    /** Computed what it delivers or receives from the window's public outcome. */
    SETTLED
}
