package io.neighbourgrid.negotiation;

import io.neighbourgrid.ledger.LedgerException;

/**
 * A ledger failure inside a step the negotiation loop calls (a price update, a line-price posting); unchecked
 * because the loop's callbacks are; {@link #getCause()} is the ledger's typed failure.
 */
public final class NegotiationLedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what  the step that failed
     * @param cause the ledger's failure
     */
    public NegotiationLedgerException(String what, LedgerException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }

    @Override
    public synchronized LedgerException getCause() {
        return (LedgerException) super.getCause();
    }
}
