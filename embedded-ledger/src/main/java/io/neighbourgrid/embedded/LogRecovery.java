package io.neighbourgrid.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The block log as a source of truth: creating a persisted log with its genesis block, rebuilding the committed
 * state from a verified log without running the contract ({@link #replay}), re-verifying the stored chain against
 * the ledger's head, and removing a torn final record when an operator asks for it.
 */
final class LogRecovery {
    private final CommittedState committed;
    private final MvccValidator validator;

    LogRecovery(CommittedState committed, MvccValidator validator) {
        this.committed = committed;
        this.validator = validator;
    }

    /** The first block of a chain: a configuration block naming the channel, with no organisation. */
    static Block genesis(String channelId, Clock clock) {
        return new Block(0, new byte[BlockCodec.HASH_LENGTH], clock.instant(), new Block.Config(channelId,
                List.of()));
    }

    /** Creates a log holding the genesis block of {@code channelId} unless {@code directory} holds one already. */
    static void createIfMissing(Path directory, String channelId, Clock clock) throws IOException {
        if (!FileBlockStore.exists(directory)) {
            byte[] encoding = BlockCodec.encode(genesis(channelId, clock));
            FileBlockStore.create(directory, BlockCodec.frame(encoding, BlockCodec.sha256(encoding)));
        }
    }

    /** Replays a whole log into the committed state; closes {@code store} when the log fails. */
    void replayLog(BlockStore store, String channelId) throws IOException {
        try (InputStream in = store.openLog()) {
            ChainReader.read(in, channelId, this::replay);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Replays one verified block from the log: the recorded validation codes must be the ones the committer would
     * assign, and transaction ids must derive from their nonce and creator; then the block is applied from its
     * write sets. The contract is not executed.
     */
    void replay(Block block, byte[] hash) throws LedgerCorruptedException {
        if (block.body() instanceof Block.Config config) {
            for (Block.Organisation org : config.organisations()) {
                try {
                    Membership.requireCaCertificate(org.mspId(), org.caCertificate());
                } catch (IllegalArgumentException e) {
                    throw new LedgerCorruptedException(block.number(), e.getMessage());
                }
                if (committed.membership().organisations().containsKey(org.mspId())) {
                    throw new LedgerCorruptedException(block.number(), "organisation " + org.mspId()
                            + " registered twice");
                }
            }
        } else if (block.body() instanceof Block.Transactions txs) {
            if (txs.transactions().isEmpty()) {
                throw new LedgerCorruptedException(block.number(), "transaction block holds no transaction");
            }
            TreeMap<String, Version> overlay = new TreeMap<>(KeyOrder.INSTANCE);
            Set<String> blockTxIds = new HashSet<>();
            for (int i = 0; i < txs.transactions().size(); i++) {
                TransactionRecord tx = txs.transactions().get(i);
                if (!TransactionIds.compute(tx.nonce(), tx.creator()).equals(tx.txId())) {
                    throw new LedgerCorruptedException(block.number(), "transaction " + i + " has id " + tx.txId()
                            + " that does not derive from its nonce and creator");
                }
                ValidationCode expected = validator.validate(tx, overlay, blockTxIds);
                if (expected != tx.validationCode()) {
                    throw new LedgerCorruptedException(block.number(), "transaction " + tx.txId()
                            + " is recorded as " + tx.validationCode() + " but validates as " + expected);
                }
                blockTxIds.add(tx.txId());
                if (expected == ValidationCode.VALID) {
                    MvccValidator.overlay(overlay, tx, block.number(), i);
                }
            }
        }
        committed.apply(block, hash);
    }

    /**
     * Re-reads the whole stored log and checks that it ends at the ledger's head; the caller holds the commit lock.
     *
     * @throws LedgerCorruptedException at the first block that fails, or when the stored chain does not end at the
     *                                  head
     */
    static ChainSummary verify(BlockStore store, String channelId, CommittedState committed) throws IOException {
        return verify(store, channelId, committed, null);
    }

    /**
     * As {@link #verify(BlockStore, String, CommittedState)}, and the chain must still hold the head that
     * {@code checkpoint} (when not {@code null}) vouches for: at least its height, and the same hash at its last
     * block. A validly signed checkpoint the log falls short of is a rollback.
     *
     * @throws HeadCheckpoint.CheckpointException when the checkpoint is not validly signed or names another channel
     */
    static ChainSummary verify(BlockStore store, String channelId, CommittedState committed,
                               HeadCheckpoint checkpoint) throws IOException {
        if (checkpoint != null) {
            if (!checkpoint.channel().equals(channelId)) {
                throw new HeadCheckpoint.CheckpointException("checkpoint is of channel " + checkpoint.channel()
                        + ", not " + channelId);
            }
            checkpoint.verifySignature(committed.membership());
        }
        long wanted = checkpoint == null ? -1 : checkpoint.height() - 1;
        byte[][] atCheckpoint = new byte[1][];
        ChainSummary summary;
        try (InputStream in = store.openLog()) {
            summary = ChainReader.read(in, channelId, (block, hash) -> {
                if (block.number() == wanted) {
                    atCheckpoint[0] = hash;
                }
            });
        }
        if (checkpoint != null) {
            if (atCheckpoint[0] == null) {
                throw new LedgerCorruptedException(summary.blockCount(), "rolled back: the log ends at block "
                        + (summary.blockCount() - 1) + " but the checkpoint of " + checkpoint.publishedAt()
                        + " signed by " + checkpoint.signerMsp() + " vouches for " + checkpoint.height()
                        + " blocks ending in " + checkpoint.headHash() + " (" + (checkpoint.height()
                        - summary.blockCount()) + " blocks missing)");
            }
            if (!ChainReader.hex(atCheckpoint[0]).equals(checkpoint.headHash())) {
                throw new LedgerCorruptedException(wanted, "history rewritten: block " + wanted + " hashes to "
                        + ChainReader.hex(atCheckpoint[0]) + " but the checkpoint of " + checkpoint.publishedAt()
                        + " signed by " + checkpoint.signerMsp() + " records " + checkpoint.headHash());
            }
        }
        long height = committed.nextBlockNumber();
        String head = ChainReader.hex(committed.headHashBytes());
        if (summary.blockCount() != height || !summary.headHash().equals(head)) {
            throw new LedgerCorruptedException(Math.min(summary.blockCount(), height), "stored chain has "
                    + summary.blockCount() + " blocks ending in " + summary.headHash()
                    + " but the ledger's head is block " + (height - 1) + " with hash " + head);
        }
        return summary;
    }

    /** See {@link EmbeddedLedgerEngine#truncateTornTail}. */
    static long truncateTornTail(Path directory) throws IOException {
        return FileBlockStore.truncate(directory, log -> {
            try {
                ChainReader.read(log, null, (block, hash) -> { });
                return -1;
            } catch (LedgerCorruptedException e) {
                if (!e.isTornTail() || e.blockNumber() == 0) {
                    // A log is created atomically with its genesis block, so a torn genesis is not a crash trace.
                    throw e;
                }
                return e.tornTailOffset();
            }
        });
    }
}
