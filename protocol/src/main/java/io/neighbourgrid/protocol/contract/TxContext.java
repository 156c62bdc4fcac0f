package io.neighbourgrid.protocol.contract;

import java.time.Instant;
import java.util.List;

/**
 * What the market contract needs from the ledger while it executes one transaction. Two implementations exist:
 * the Fabric adapter over the chaincode shim's {@code Context}, and the embedded ledger's transaction
 * executor. Keeping the contract on this narrow interface is what lets the same contract classes run unchanged on
 * a Fabric peer and inside one JVM.
 *
 * <p>Every query returns a fully materialised list sorted by key (the underlying iterators are closed before the
 * call returns), so the contract never iterates in an unspecified order.
 */
public interface TxContext {
    /** The channel the transaction runs on. */
    String channelId();

    /** The transaction id, unique on the channel. */
    String txId();

    /** The transaction timestamp chosen by the client and signed in the proposal; the only clock chaincode uses. */
    Instant txTimestamp();

    /** The identity that signed the proposal. */
    Creator creator();

    /** The current value of {@code key}, or {@code null} when the key does not exist. */
    byte[] getState(String key);

    /** Writes {@code value} to {@code key} when the transaction commits. */
    void putState(String key, byte[] value);

    /** Deletes {@code key} when the transaction commits. */
    void deleteState(String key);

    /**
     * Builds a composite key exactly as Fabric does: U+0000, the object type, then each attribute followed by
     * U+0000. Attributes must not contain U+0000 or U+10FFFF.
     */
    default String compositeKey(String objectType, String... attributes) {
        return CompositeKeys.create(objectType, attributes);
    }

    /** All keys of the composite-key prefix ({@code objectType}, {@code attributes}...), sorted by key. */
    List<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes);

    /** All keys in [{@code startKey}, {@code endKey}), sorted by key. */
    List<KeyValue> getStateByRange(String startKey, String endKey);

    /** Every committed modification of {@code key}, oldest first. */
    List<KeyModification> getHistoryForKey(String key);

    /** Sets this transaction's single chaincode event (a later call replaces an earlier one, as in Fabric). */
    void setEvent(String name, byte[] payload);

    /** A key and its value. */
    record KeyValue(String key, byte[] value) {
    }

    /**
     * One committed modification of a key.
     *
     * @param txId      the transaction that wrote it
     * @param timestamp that transaction's timestamp
     * @param deleted   whether the transaction deleted the key
     * @param value     the value written ({@code null} when deleted)
     */
    record KeyModification(String txId, Instant timestamp, boolean deleted, byte[] value) {
    }
}
