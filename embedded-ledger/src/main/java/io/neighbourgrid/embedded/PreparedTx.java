package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import java.time.Instant;
import java.util.List;

/**
 * A simulated ("endorsed") transaction that has not been committed yet: its id, timestamp, response payload, event
 * and the read-write set its simulation recorded. {@link EmbeddedLedgerEngine#commit} validates the read set
 * against the state current at commit, so two prepared transactions that read the same key conflict the way they
 * would on Fabric. A prepared transaction belongs to the engine that prepared it.
 */
public final class PreparedTx {
    final EmbeddedLedgerEngine engine;
    final TransactionRecord record;
    private final byte[] payload;

    PreparedTx(EmbeddedLedgerEngine engine, TransactionRecord record, byte[] payload) {
        this.engine = engine;
        this.record = record;
        this.payload = payload.clone();
    }

    /** The transaction id. */
    public String txId() {
        return record.txId();
    }

    /** The transaction timestamp the contract saw. */
    public Instant timestamp() {
        return record.timestamp();
    }

    /** The identity that signed the proposal. */
    public Creator creator() {
        return record.creator();
    }

    /** The transaction name. */
    public String function() {
        return record.function();
    }

    /** The transaction arguments. */
    public List<String> args() {
        return record.args();
    }

    /** The contract's response payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The event the transaction set, or {@code null}. */
    public ChaincodeEvent event() {
        return record.event();
    }

    @Override
    public String toString() {
        return "PreparedTx[" + record.txId() + ", " + record.function() + "]";
    }
}
