package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.CompositeKeys;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The embedded ledger's {@link TxContext}: simulates one transaction against committed state, recording its
 * read-write set. As in Fabric, reads see committed state only, never the transaction's own pending writes, and a
 * put of an empty value is recorded as a delete (Fabric's {@code rwsetutil} treats a zero-length value that way).
 * Only valid for the duration of one simulation; the engine holds the state read lock meanwhile.
 */
final class SimulationContext implements TxContext {
    /** Fabric substitutes this key for an empty range start so simple-key ranges skip composite keys. */
    static final String EMPTY_KEY_SUBSTITUTE = "\u0001";

    private final WorldState state;
    private final String channelId;
    private final String txId;
    private final Instant timestamp;
    private final Creator creator;
    private final Map<String, RwSet.KeyRead> reads = new LinkedHashMap<>();
    private final List<RwSet.RangeRead> rangeReads = new ArrayList<>();
    private final TreeMap<String, RwSet.KeyWrite> writes = new TreeMap<>(KeyOrder.INSTANCE);
    private ChaincodeEvent event;
    private boolean finished;

    SimulationContext(WorldState state, String channelId, String txId, Instant timestamp, Creator creator) {
        this.state = state;
        this.channelId = channelId;
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public String txId() {
        return txId;
    }

    @Override
    public Instant txTimestamp() {
        return timestamp;
    }

    @Override
    public Creator creator() {
        return creator;
    }

    @Override
    public byte[] getState(String key) {
        checkActive();
        validateKey(key);
        WorldState.Entry e = state.get(key);
        reads.putIfAbsent(key, new RwSet.KeyRead(key, e == null ? null : e.version()));
        return e == null ? null : e.value().clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        checkActive();
        validateKey(key);
        Objects.requireNonNull(value, "value");
        writes.put(key, value.length == 0 ? new RwSet.KeyWrite(key, true, null)
                : new RwSet.KeyWrite(key, false, value.clone()));
    }

    @Override
    public void deleteState(String key) {
        checkActive();
        validateKey(key);
        writes.put(key, new RwSet.KeyWrite(key, true, null));
    }

    @Override
    public List<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        checkActive();
        String prefix = CompositeKeys.create(objectType, attributes);
        Utf8.requireWellFormed(prefix, "composite key");
        return rangeQuery(prefix, prefix + WorldState.MAX_UNICODE_RUNE);
    }

    @Override
    public List<KeyValue> getStateByRange(String startKey, String endKey) {
        checkActive();
        String start = startKey == null || startKey.isEmpty() ? EMPTY_KEY_SUBSTITUTE : startKey;
        String end = endKey == null ? "" : endKey;
        requireSimpleKey(start);
        requireSimpleKey(end);
        Utf8.requireWellFormed(start, "range start key");
        Utf8.requireWellFormed(end, "range end key");
        return rangeQuery(start, end);
    }

    private List<KeyValue> rangeQuery(String start, String end) {
        List<KeyValue> out = new ArrayList<>();
        List<RwSet.KeyRead> seen = new ArrayList<>();
        for (Map.Entry<String, WorldState.Entry> e : state.range(start, end).entrySet()) {
            out.add(new KeyValue(e.getKey(), e.getValue().value().clone()));
            seen.add(new RwSet.KeyRead(e.getKey(), e.getValue().version()));
        }
        rangeReads.add(new RwSet.RangeRead(start, end, seen));
        return out;
    }

    @Override
    public List<KeyModification> getHistoryForKey(String key) {
        checkActive();
        validateKey(key);
        return state.history(key);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        checkActive();
        Objects.requireNonNull(name, "event name");
        Utf8.requireWellFormed(name, "event name");
        event = new ChaincodeEvent(name, payload == null ? new byte[0] : payload);
    }

    /** Ends the simulation: the context rejects further use and hands over what it recorded. */
    RwSet finish() {
        finished = true;
        return new RwSet(new ArrayList<>(reads.values()), rangeReads, new ArrayList<>(writes.values()));
    }

    ChaincodeEvent event() {
        return event;
    }

    private void checkActive() {
        if (finished) {
            throw new IllegalStateException("transaction " + txId + " has finished; its context cannot be used");
        }
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        Utf8.requireWellFormed(key, "key");
    }

    private static void requireSimpleKey(String key) {
        if (!key.isEmpty() && key.charAt(0) == '\u0000') {
            throw new IllegalArgumentException(
                    "range query keys must be simple keys; use getStateByPartialCompositeKey for composite keys");
        }
    }
}
