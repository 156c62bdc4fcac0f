package io.neighbourgrid.console;

import io.neighbourgrid.ledger.ForwardingLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;

/**
 * A view of a connection that evaluates queries and listens to events but refuses every submission: the console
 * only reads, whatever identity its connection signs as. Closing the view leaves the connection open (its owner
 * closes it).
 */
final class ReadOnlyLedger extends ForwardingLedger {
    ReadOnlyLedger(Ledger ledger) {
        super(ledger);
    }

    @Override
    public SubmitResult submit(String transaction, String... args) throws LedgerException {
        throw new LedgerException(LedgerException.ACCESS_DENIED, "ACCESS_DENIED: the operator console is read-only ("
                + transaction + " was not submitted)", null);
    }

    @Override
    public void close() {
        // The connection belongs to the caller.
    }
}
