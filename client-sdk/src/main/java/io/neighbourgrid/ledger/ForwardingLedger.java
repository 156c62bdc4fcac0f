package io.neighbourgrid.ledger;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A connection that hands every call to another one; a subclass changes the calls it is about (a read-only view that
 * refuses submissions, a test connection that records or alters them) and inherits the rest.
 */
public abstract class ForwardingLedger implements Ledger {
    private final Ledger delegate;

    /**
     * A connection forwarding to {@code delegate}.
     *
     * @param delegate the connection that does the work
     */
    protected ForwardingLedger(Ledger delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The connection this one forwards to. */
    protected final Ledger delegate() {
        return delegate;
    }

    @Override
    public SubmitResult submit(String transaction, String... args) throws LedgerException {
        return delegate.submit(transaction, args);
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws LedgerException {
        return delegate.evaluate(transaction, args);
    }

    @Override
    public LedgerSubscription subscribe(Consumer<LedgerEvent> listener) throws LedgerException {
        return delegate.subscribe(listener);
    }

    @Override
    public Identity identity() {
        return delegate.identity();
    }

    @Override
    public LedgerTraffic traffic() {
        return delegate.traffic();
    }

    /** Closes the connection forwarded to; a subclass whose delegate belongs to someone else overrides it. */
    @Override
    public void close() {
        delegate.close();
    }
}
