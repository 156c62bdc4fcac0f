package io.neighbourgrid.protocol.state;

import com.google.gson.JsonElement;
import java.util.Objects;

/**
 * One committed modification of a state key, as {@code getHistory} returns it.
 *
 * @param txId      the transaction that wrote it
 * @param timestamp that transaction's timestamp (ISO-8601, UTC)
 * @param deleted   whether the transaction deleted the key
 * @param value     the JSON record written; absent when deleted
 */
public record HistoryEntry(String txId, String timestamp, boolean deleted, JsonElement value) {
    public HistoryEntry {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
