package io.neighbourgrid.protocol.partners;

/** Where a partner agreement stands: proposed by one party, in force once the other accepts, revoked by either. */
public enum AgreementStatus {
    /** One party proposed it; the other has not accepted yet. Nothing is cleared under it. */
    PROPOSED,
    /** Both parties consented; cleared in every window settled from its acceptance until it is revoked. */
    ACTIVE,
    /** Either party revoked it; never cleared again, never re-activated. */
    REVOKED
}
