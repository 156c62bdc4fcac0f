package io.neighbourgrid.console;

import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import io.neighbourgrid.ledger.LedgerTraffic;
import io.neighbourgrid.ledger.SubmitResult;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A view of a connection that evaluates queries and listens to events but refuses every submission: the console
 * only reads, whatever identity its connection signs as. Closing the view leaves the connection open (its owner
 * closes it).
 */
final class ReadOnlyLedger implements Ledger {
    private final Ledger ledger;

    ReadOnlyLedger(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public SubmitResult submit(String transaction, String... args) throws LedgerException {
        throw new LedgerException(LedgerException.ACCESS_DENIED, "ACCESS_DENIED: the operator console is read-only ("
                + transaction + " was not submitted)", null);
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws LedgerException {
        return ledger.evaluate(transaction, args);
    }

    @Override
    public LedgerSubscription subscribe(Consumer<LedgerEvent> listener) throws LedgerException {
        return ledger.subscribe(listener);
    }

    @Override
    public Identity identity() {
        return ledger.identity();
    }

    @Override
    public LedgerTraffic traffic() {
        return ledger.traffic();
    }

    @Override
    public void close() {
        // The connection belongs to the caller.
    }
}
