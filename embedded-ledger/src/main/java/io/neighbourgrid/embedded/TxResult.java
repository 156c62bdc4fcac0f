package io.neighbourgrid.embedded;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of one submitted, committed or evaluated transaction.
 *
 * @param txId           the transaction id (SHA-256 of nonce and serialized creator, hex, as in Fabric)
 * @param timestamp      the transaction timestamp the contract saw
 * @param blockNumber    the block that records the transaction, or {@code -1} for an evaluation
 * @param payload        the contract's response payload
 * @param event          the transaction's event, or {@code null} when it set none
 * @param validationCode the committer's verdict; {@link ValidationCode#NOT_VALIDATED} for an evaluation
 */
public record TxResult(String txId, Instant timestamp, long blockNumber, byte[] payload, ChaincodeEvent event,
                       ValidationCode validationCode) {
    public TxResult {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(validationCode, "validationCode");
        payload = payload.clone();
    }

    /** Whether the transaction was committed as valid. */
    public boolean isValid() {
        return validationCode == ValidationCode.VALID;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxResult r && txId.equals(r.txId) && timestamp.equals(r.timestamp)
                && blockNumber == r.blockNumber && Arrays.equals(payload, r.payload)
                && Objects.equals(event, r.event) && validationCode == r.validationCode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, timestamp, blockNumber, event, validationCode) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "TxResult[" + txId + ", block " + blockNumber + ", " + validationCode + ", " + payload.length
                + " bytes" + (event == null ? "" : ", " + event) + "]";
    }
}
