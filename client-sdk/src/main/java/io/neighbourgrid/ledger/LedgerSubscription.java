package io.neighbourgrid.ledger;

/** A registered event listener; closing it stops delivery. Closing twice is harmless. */
public interface LedgerSubscription extends AutoCloseable {
    @Override
    void close();
}
