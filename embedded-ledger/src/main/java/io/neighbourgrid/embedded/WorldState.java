package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.TxContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The committed key-value state with a version per key, and every key's history of valid modifications. Not
 * thread-safe: the engine reads it under its state read lock and changes it under the write lock.
 */
final class WorldState {
    /** The largest code point; Fabric ends partial composite-key ranges with it. */
    static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));

    /** A committed value and the version that wrote it. */
    record Entry(byte[] value, Version version) {
    }

    private final TreeMap<String, Entry> values = new TreeMap<>(KeyOrder.INSTANCE);
    private final Map<String, List<TxContext.KeyModification>> history = new HashMap<>();

    Entry get(String key) {
        return values.get(key);
    }

    /** Entries with keys in [{@code startKey}, {@code endKey}); an empty {@code endKey} means no upper bound. */
    NavigableMap<String, Entry> range(String startKey, String endKey) {
        if (endKey.isEmpty()) {
            return values.tailMap(startKey, true);
        }
        if (KeyOrder.INSTANCE.compare(startKey, endKey) >= 0) {
            return new TreeMap<>(KeyOrder.INSTANCE);
        }
        return values.subMap(startKey, true, endKey, false);
    }

    /** Whether {@code key} lies in [{@code startKey}, {@code endKey}) ({@code endKey} empty: unbounded). */
    static boolean inRange(String key, String startKey, String endKey) {
        return KeyOrder.INSTANCE.compare(key, startKey) >= 0
                && (endKey.isEmpty() || KeyOrder.INSTANCE.compare(key, endKey) < 0);
    }

    /** Every valid modification of {@code key}, oldest first, with copied values. */
    List<TxContext.KeyModification> history(String key) {
        List<TxContext.KeyModification> mods = history.getOrDefault(key, List.of());
        List<TxContext.KeyModification> out = new ArrayList<>(mods.size());
        for (TxContext.KeyModification m : mods) {
            out.add(new TxContext.KeyModification(m.txId(), m.timestamp(), m.deleted(),
                    m.value() == null ? null : m.value().clone()));
        }
        return out;
    }

    /** Applies a valid transaction's writes at {@code version}. */
    void apply(TransactionRecord tx, Version version) {
        for (RwSet.KeyWrite w : tx.rwSet().writes()) {
            if (w.delete()) {
                values.remove(w.key());
            } else {
                values.put(w.key(), new Entry(w.value(), version));
            }
            history.computeIfAbsent(w.key(), k -> new ArrayList<>())
                    .add(new TxContext.KeyModification(tx.txId(), tx.timestamp(), w.delete(), w.value()));
        }
    }
}
