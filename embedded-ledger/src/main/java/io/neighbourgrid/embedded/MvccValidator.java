package io.neighbourgrid.embedded;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fabric's committer checks of one transaction against committed state and the writes of the earlier valid
 * transactions of its block: duplicate transaction id, MVCC read versions, then range queries for phantom reads.
 * Used by the committer (under the engine's commit lock) and when a log is replayed.
 */
final class MvccValidator {
    private final CommittedState committed;

    MvccValidator(CommittedState committed) {
        this.committed = committed;
    }

    /**
     * Fabric's committer checks, in its order: duplicate transaction id, then every key read at the version it had
     * during simulation, then every range query returning the same keys at the same versions. {@code overlay} holds
     * the versions written by earlier valid transactions of the same block ({@code null}: deleted).
     */
    ValidationCode validate(TransactionRecord tx, NavigableMap<String, Version> overlay, Set<String> blockTxIds) {
        if (committed.isRecorded(tx.txId()) || blockTxIds.contains(tx.txId())) {
            return ValidationCode.DUPLICATE_TXID;
        }
        for (RwSet.KeyRead read : tx.rwSet().reads()) {
            if (!Objects.equals(currentVersion(read.key(), overlay), read.version())) {
                return ValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (RwSet.RangeRead range : tx.rwSet().rangeReads()) {
            if (!rangeStillReturns(range, overlay)) {
                return ValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        return ValidationCode.VALID;
    }

    /**
     * Records a valid transaction's writes in the block's overlay at version ({@code blockNumber}, {@code index}).
     */
    static void overlay(NavigableMap<String, Version> overlay, TransactionRecord tx, long blockNumber, int index) {
        Version v = new Version(blockNumber, index);
        for (RwSet.KeyWrite w : tx.rwSet().writes()) {
            overlay.put(w.key(), w.delete() ? null : v);
        }
    }

    private Version currentVersion(String key, Map<String, Version> overlay) {
        if (overlay.containsKey(key)) {
            return overlay.get(key);
        }
        WorldState.Entry e = committed.state().get(key);
        return e == null ? null : e.version();
    }

    private boolean rangeStillReturns(RwSet.RangeRead range, NavigableMap<String, Version> overlay) {
        TreeMap<String, Version> now = new TreeMap<>(KeyOrder.INSTANCE);
        for (Map.Entry<String, WorldState.Entry> e : committed.state().range(range.startKey(), range.endKey())
                .entrySet()) {
            now.put(e.getKey(), e.getValue().version());
        }
        for (Map.Entry<String, Version> o : overlay.entrySet()) {
            if (WorldState.inRange(o.getKey(), range.startKey(), range.endKey())) {
                if (o.getValue() == null) {
                    now.remove(o.getKey());
                } else {
                    now.put(o.getKey(), o.getValue());
                }
            }
        }
        if (now.size() != range.results().size()) {
            return false;
        }
        Iterator<Map.Entry<String, Version>> it = now.entrySet().iterator();
        for (RwSet.KeyRead r : range.results()) {
            Map.Entry<String, Version> e = it.next();
            if (!e.getKey().equals(r.key()) || !e.getValue().equals(r.version())) {
                return false;
            }
        }
        return true;
    }
}
