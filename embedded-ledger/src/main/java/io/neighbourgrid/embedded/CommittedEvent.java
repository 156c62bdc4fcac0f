package io.neighbourgrid.embedded;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chaincode event of a valid committed transaction, as delivered to {@link EmbeddedLedgerEngine#subscribe}
 * listeners in block order.
 *
 * @param blockNumber the block that committed the transaction
 * @param txId        the transaction id
 * @param name        the event name
 * @param payload     the event payload
 */
public record CommittedEvent(long blockNumber, String txId, String name, byte[] payload) {
    public CommittedEvent {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommittedEvent e && blockNumber == e.blockNumber && txId.equals(e.txId)
                && name.equals(e.name) && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(blockNumber, txId, name) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "CommittedEvent[block " + blockNumber + ", " + txId + ", " + name + ", " + payload.length + " bytes]";
    }
}
