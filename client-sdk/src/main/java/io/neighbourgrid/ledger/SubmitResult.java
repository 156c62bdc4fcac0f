package io.neighbourgrid.ledger;

import java.util.Arrays;
import java.util.Objects;

/**
 * A committed, valid transaction.
 *
 * @param txId        the transaction id
 * @param blockNumber the block that committed it
 * @param payload     the contract's response payload
 */
public record SubmitResult(String txId, long blockNumber, byte[] payload) {
    public SubmitResult {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubmitResult r && txId.equals(r.txId) && blockNumber == r.blockNumber
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, blockNumber) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SubmitResult[" + txId + ", block " + blockNumber + ", " + payload.length + " bytes]";
    }
}
