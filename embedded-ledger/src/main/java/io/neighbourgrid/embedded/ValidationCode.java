package io.neighbourgrid.embedded;

/**
 * The committer's verdict on a transaction, named after Fabric's {@code TxValidationCode} values that the embedded
 * ledger can produce. Only {@link #VALID} transactions change state, history or emit events; invalid ones are still
 * recorded in their block, as in Fabric.
 */
public enum ValidationCode {
    /** The transaction's reads were current at commit; its writes were applied. */
    VALID,
    /** A key the transaction read was changed by a transaction committed after its simulation. */
    MVCC_READ_CONFLICT,
    /** A range or partial composite-key query would return different keys or versions at commit. */
    PHANTOM_READ_CONFLICT,
    /** A transaction with the same id was already committed. */
    DUPLICATE_TXID,
    /** The transaction was only evaluated and never went through validation. */
    NOT_VALIDATED;

    /** Whether this code marks a transaction that may succeed when simulated again on newer state. */
    public boolean isRetryable() {
        return this == MVCC_READ_CONFLICT || this == PHANTOM_READ_CONFLICT;
    }
}
