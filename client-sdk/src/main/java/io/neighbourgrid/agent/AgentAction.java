package io.neighbourgrid.agent;

/** What a home agent did in one step of a window. */
public enum AgentAction {
    /** Bound its identity and Paillier key to its home id. */
    REGISTERED,
    /** Declared its role for the window. */
    DECLARED_ROLE,
    /** Submitted its encrypted contribution. */
    CONTRIBUTED,
    /** Posted a message of the secure comparison (selected homes only). */
    COMPARISON_MESSAGE,
    /** Decrypted its aggregate of masked totals and posted it with a proof (selected homes only). */
    POSTED_DECRYPTION,
    /** Computed what it delivers or receives from the window's public outcome. */
    SETTLED
}
