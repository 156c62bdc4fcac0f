package io.neighbourgrid.embedded;

/**
 * The ledger cannot take the request: it was closed, or an earlier block could not be appended to its log (the log
 * may then end in a partial record, so nothing more is written until the ledger is reopened and verified).
 */
public final class LedgerUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what made the ledger unavailable */
    public LedgerUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what made the ledger unavailable
     * @param cause   the storage failure behind it
     */
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
