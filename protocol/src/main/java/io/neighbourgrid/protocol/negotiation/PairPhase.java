package io.neighbourgrid.protocol.negotiation;

/** Where a pair's price update of one iteration stands (seed 002, Section 4.3). */
public enum PairPhase {
    /** The producer posted its encrypted step and share. */
    PRODUCER_POSTED,
    /** The consumer posted its share; the contract combined the two into the encrypted masked price. */
    COMBINED,
    /** The producer posted the masked price with a proof of correct decryption, and the contract verified it. */
    DECRYPTED
}
