package io.neighbourgrid.ledger;

import java.util.function.Consumer;

/**
 * A connection to the market channel as one identity: submits and evaluates contract transactions and listens to
 * chaincode events. Two implementations exist: the embedded ledger's {@code EmbeddedLedger.connect} (the contract runs in-process) and a
 * Fabric Gateway connection. Both report contract failures the same way, as a {@link LedgerException} whose
 * {@link LedgerException#errorCode()} is the contract's error code.
 *
 * <p>{@code
 * try (Ledger ledger = embedded.connect(home)) {
 *     SubmitResult r = ledger.submit("declareRole", "7", "SELLER");
 * }
 * }
 */
public interface Ledger extends AutoCloseable {
    /**
     * Submits a transaction and waits until it is committed.
     *
     * @param transaction the contract transaction name
     * @param args        its arguments
     * @return the committed, valid transaction
     * @throws LedgerException when the contract rejects the transaction (its error code), the transaction is
     *                         invalidated at commit ({@code MVCC_READ_CONFLICT}, {@code PHANTOM_READ_CONFLICT}),
     *                         the identity is refused ({@code ACCESS_DENIED}) or the ledger is unreachable
     *                         ({@code UNAVAILABLE})
     */
    SubmitResult submit(String transaction, String... args) throws LedgerException;

    /**
     * Evaluates a query transaction on committed state, without committing anything.
     *
     * @return the contract's response payload
     * @throws LedgerException as for {@link #submit}, minus the commit-time codes
     */
    byte[] evaluate(String transaction, String... args) throws LedgerException;

    /**
     * Listens to the chaincode events of valid committed transactions of every identity, in block order, from the
     * next commit on. The delivering thread is the implementation's; listeners must not block for long.
     *
     * @return a subscription whose {@code close} stops delivery
     * @throws LedgerException when the event stream cannot be opened
     */
    LedgerSubscription subscribe(Consumer<LedgerEvent> listener) throws LedgerException;

    /** The identity transactions are signed as. */
    Identity identity();

    /** What this connection has sent so far. */
    LedgerTraffic traffic();

    /** Closes the connection and its subscriptions. */
    @Override
    void close();
}
