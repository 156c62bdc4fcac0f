package io.neighbourgrid.embedded;

import io.neighbourgrid.ledger.LedgerEvent;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commit step: validates a batch of prepared transactions in block order ({@link MvccValidator}), records
 * every one of them, valid or not, in the next hash-chained block, appends the block to the log, applies it to the
 * committed state and queues the events of the valid ones for delivery. Callers hold the engine's commit lock.
 *
 * <p>When an append fails the log may end in a partial record; the committer then remembers the failure
 * ({@link #failure()}) and the engine refuses every later write until the ledger is reopened and verified.
 *
 * <p>Durability: a block is either appended and synced at once ({@link #commit(List)}), or written now and synced
 * later together with every block written before it ({@link #write(List)}, then {@link #sync()}: group commit, one
 * {@code fsync} for several blocks). {@link #durableHeight()} is the height below which every block is synced;
 * events of later blocks wait for it.
 */
final class BlockCommitter {
    private final String channelId;
    private final Clock clock;
    private final BlockStore store;
    private final CommittedState committed;
    private final MvccValidator validator;
    private final EventDispatcher events;
    /** Set when an append failed: the log may end in a partial record, so nothing more is written to it. */
    private volatile String failure;
    /** Next block number after the last block written, and first block not yet synced (MAX_VALUE: none). */
    private long writtenHeight;
    private long firstUnsynced = Long.MAX_VALUE;

    BlockCommitter(String channelId, Clock clock, BlockStore store, CommittedState committed,
                   MvccValidator validator, EventDispatcher events) {
        this.channelId = channelId;
        this.clock = clock;
        this.store = store;
        this.committed = committed;
        this.validator = validator;
        this.events = events;
    }

    /** Why the log may not be written any more, or {@code null} while it may. */
    String failure() {
        return failure;
    }

    /**
     * Validates and commits a batch in one block; the caller holds the commit lock and has checked that the ledger
     * is writable.
     *
     * @return one result per transaction, in order
     * @throws LedgerUnavailableException when the block cannot be appended
     */
    List<TxResult> commit(List<PreparedTx> batch) {
        return commit(batch, true);
    }

    /**
     * Validates a batch and writes it in one block without syncing it; the caller holds the commit lock and has
     * checked that the ledger is writable. The block is applied to the committed state at once (later simulations
     * build on it, and their blocks are synced after it, so nothing acknowledged can depend on a lost block); its
     * transactions count as committed only after a {@link #sync()} that started after this returned.
     */
    List<TxResult> write(List<PreparedTx> batch) {
        return commit(batch, false);
    }

    /**
     * Syncs every block written so far, with one {@code fsync}; may run concurrently with {@link #write}.
     *
     * @throws LedgerUnavailableException when the sync fails (the committer then refuses every later write)
     */
    void sync() {
        long upTo;
        synchronized (this) {
            if (firstUnsynced == Long.MAX_VALUE) {
                return;
            }
            upTo = writtenHeight;
        }
        try {
            store.sync();
        } catch (IOException e) {
            failure = "syncing the blocks below " + upTo + " failed: " + e.getMessage();
            throw new LedgerUnavailableException("syncing the ledger log failed", e);
        }
        synchronized (this) {
            if (firstUnsynced < upTo) {
                firstUnsynced = upTo >= writtenHeight ? Long.MAX_VALUE : upTo;
            }
        }
    }

    /** Every block below this height is synced to storage. */
    synchronized long durableHeight() {
        return firstUnsynced;
    }

    private List<TxResult> commit(List<PreparedTx> batch, boolean sync) {
        long number = committed.nextBlockNumber();
        TreeMap<String, Version> overlay = new TreeMap<>(KeyOrder.INSTANCE);
        Set<String> blockTxIds = new HashSet<>();
        List<TransactionRecord> records = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            TransactionRecord tx = batch.get(i).record;
            ValidationCode code = validator.validate(tx, overlay, blockTxIds);
            blockTxIds.add(tx.txId());
            if (code == ValidationCode.VALID) {
                MvccValidator.overlay(overlay, tx, number, i);
            }
            records.add(tx.withValidationCode(code));
        }
        Block block = new Block(number, committed.headHashBytes(), clock.instant(), new Block.Transactions(records));
        try {
            appendBlock(block, sync);
        } catch (IOException e) {
            failure = "appending block " + number + " failed: " + e.getMessage();
            throw new LedgerUnavailableException("appending block " + number + " to the ledger log failed", e);
        }
        List<TxResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < records.size(); i++) {
            TransactionRecord r = records.get(i);
            results.add(new TxResult(r.txId(), r.timestamp(), number, batch.get(i).payload(), r.event(),
                    r.validationCode()));
            if (r.validationCode() == ValidationCode.VALID && r.event() != null) {
                events.enqueue(new LedgerEvent(number, r.txId(), r.event().name(), r.event().payload()));
            }
        }
        return results;
    }

    /**
     * Writes a configuration block registering one organisation; the caller holds the commit lock and has checked
     * that the ledger is writable and the organisation new.
     *
     * @throws LedgerUnavailableException when the block cannot be appended
     */
    void register(String mspId, X509Certificate caCertificate) {
        Block block = new Block(committed.nextBlockNumber(), committed.headHashBytes(), clock.instant(),
                new Block.Config(channelId, List.of(new Block.Organisation(mspId, caCertificate))));
        try {
            appendBlock(block);
        } catch (IOException e) {
            failure = "appending block " + block.number() + " failed: " + e.getMessage();
            throw new LedgerUnavailableException("appending configuration block " + block.number()
                    + " to the ledger log failed", e);
        }
    }

    /** Appends and syncs a block, then applies it; the caller holds the commit lock (or is constructing). */
    void appendBlock(Block block) throws IOException {
        appendBlock(block, true);
    }

    private void appendBlock(Block block, boolean sync) throws IOException {
        byte[] encoding = BlockCodec.encode(block);
        if (encoding.length > BlockCodec.MAX_BLOCK_LENGTH) {
            // Refused before anything is written: the reader would reject such a record as implausible.
            throw new IllegalArgumentException("block " + block.number() + " would take " + encoding.length
                    + " bytes, more than the " + BlockCodec.MAX_BLOCK_LENGTH + " a block may take");
        }
        byte[] hash = BlockCodec.sha256(encoding);
        byte[] record = BlockCodec.frame(encoding, hash);
        if (sync) {
            store.append(record);
        } else {
            store.write(record);
        }
        synchronized (this) {
            writtenHeight = block.number() + 1;
            if (sync) {
                // The append's fsync covered every block written before this one too.
                firstUnsynced = Long.MAX_VALUE;
            } else if (firstUnsynced == Long.MAX_VALUE) {
                firstUnsynced = block.number();
            }
        }
        committed.apply(block, hash);
    }
}
