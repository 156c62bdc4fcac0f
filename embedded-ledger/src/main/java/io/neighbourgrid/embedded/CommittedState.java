package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.TxContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What the committed blocks add up to: the world state with its history, the channel's membership, the ids of every
 * recorded transaction, the height and the head hash. Blocks are applied under the write lock; simulations and
 * queries read under the read lock. The committer, which alone changes this state and holds the engine's commit
 * lock, also reads it without the read lock ({@link #state()}, {@link #isRecorded}, {@link #nextBlockNumber},
 * {@link #headHashBytes}).
 */
final class CommittedState {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final WorldState state = new WorldState();
    private final Membership membership = new Membership();
    private final Set<String> recordedTxIds = new HashSet<>();
    private long height;
    private byte[] headHash = new byte[BlockCodec.HASH_LENGTH];

    /** The read-write lock: read for simulations and queries, write for applying a block. */
    ReentrantReadWriteLock lock() {
        return lock;
    }

    /** The world state; read it under the read lock, or as the committer. */
    WorldState state() {
        return state;
    }

    /** The channel's membership. */
    Membership membership() {
        return membership;
    }

    /** Whether a committed block records {@code txId}; for the committer. */
    boolean isRecorded(String txId) {
        return recordedTxIds.contains(txId);
    }

    /** The next block's number; for the committer. */
    long nextBlockNumber() {
        return height;
    }

    /** The SHA-256 of the last block; for the committer. */
    byte[] headHashBytes() {
        return headHash;
    }

    /** Applies a block written to (or verified in) the log: membership, recorded ids, valid write sets, head. */
    void apply(Block block, byte[] hash) {
        lock.writeLock().lock();
        try {
            if (block.body() instanceof Block.Config config) {
                for (Block.Organisation org : config.organisations()) {
                    membership.add(org.mspId(), org.caCertificate());
                }
            } else if (block.body() instanceof Block.Transactions txs) {
                for (int i = 0; i < txs.transactions().size(); i++) {
                    TransactionRecord tx = txs.transactions().get(i);
                    recordedTxIds.add(tx.txId());
                    if (tx.validationCode() == ValidationCode.VALID) {
                        state.apply(tx, new Version(block.number(), i));
                    }
                }
            }
            height = block.number() + 1;
            headHash = hash;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ queries, under the read lock

    /** The committed value of {@code key}, copied, or {@code null}. */
    byte[] value(String key) {
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            WorldState.Entry e = state.get(key);
            return e == null ? null : e.value().clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Committed keys in [{@code startKey}, {@code endKey}) with copied values; {@code endKey} empty: unbounded. */
    List<TxContext.KeyValue> range(String startKey, String endKey) {
        Objects.requireNonNull(startKey, "startKey");
        Objects.requireNonNull(endKey, "endKey");
        lock.readLock().lock();
        try {
            List<TxContext.KeyValue> out = new ArrayList<>();
            for (Map.Entry<String, WorldState.Entry> e : state.range(startKey, endKey).entrySet()) {
                out.add(new TxContext.KeyValue(e.getKey(), e.getValue().value().clone()));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every valid modification of {@code key}, oldest first. */
    List<TxContext.KeyModification> history(String key) {
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            return state.history(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of blocks, genesis included. */
    long height() {
        lock.readLock().lock();
        try {
            return height;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Lower-case hex SHA-256 of the last block. */
    String headHash() {
        lock.readLock().lock();
        try {
            return ChainReader.hex(headHash);
        } finally {
            lock.readLock().unlock();
        }
    }
}
