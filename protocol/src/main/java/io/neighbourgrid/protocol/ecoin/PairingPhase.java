package io.neighbourgrid.protocol.ecoin;

/** The steps of Procedure 6 (pairing and payment) a pairing has passed. */
public enum PairingPhase {
    /** Paired by the substation (6(a)). */
    PAIRED,
    /** Paid: the encrypted coin and the receipt hash are posted (6(c)). */
    PAID,
    /** The payee's coin check recorded the coin as spent (6(d)). */
    CHECKED,
    /** The payee asked for its fresh coin (6(e)). */
    FRESH_REQUESTED,
    /** The substation signed the fresh coin. */
    FRESH_ISSUED,
    /** The receipt matched: the transaction is complete (6(g)-(h)). */
    CLOSED,
    /** Cancelled by the substation before the coin was checked (the payer never paid, or paid a used coin). */
    CANCELLED
}
