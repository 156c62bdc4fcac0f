package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for the embedded ledger, in the roles Fabric gives its peers and orderer: each submitting thread
 * simulates its transaction concurrently with the others ({@link EmbeddedLedgerEngine#prepare}, the endorsement),
 * then hands it to one committer thread that cuts every transaction waiting at that moment into one block
 * ({@link EmbeddedLedgerEngine#writeBlock}: MVCC validation and one append for the whole block).
 *
 * <p>Group commit: the committer does not wait for the block's {@code fsync}. It hands the written block to a
 * syncer thread and cuts the next block from the transactions that arrived meanwhile; the syncer makes every block
 * written so far durable with one {@code fsync} ({@link EmbeddedLedgerEngine#syncWritten}) and only then
 * acknowledges their transactions, in block order. So a transaction is acknowledged only once its block is on
 * storage (a {@code kill -9} or a power loss never loses it), while the fsync of one block overlaps the validation
 * and writing of the next, and a burst of blocks shares one fsync.
 *
 * <p>No transaction waits for a timer: a block is cut as soon as the committer is free, so a lone transaction
 * commits at once and a burst of concurrent ones shares the cost of a block. Transactions of one block that read
 * what an earlier one wrote are invalidated ({@code MVCC_READ_CONFLICT}) exactly as on Fabric.
 */
public final class BlockCutter implements AutoCloseable {
    private final EmbeddedLedgerEngine engine;
    private final int maxTransactionsPerBlock;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Written blocks waiting for their sync, in block order. */
    private final LinkedBlockingQueue<Written> written = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final Thread syncer;
    private volatile boolean closed;

    private record Pending(PreparedTx tx, CompletableFuture<TxResult> result) {
    }

    /** A block written but not yet synced: its transactions and their results, acknowledged after the sync. */
    private record Written(List<Pending> batch, List<TxResult> results) {
    }

    /**
     * @param engine                  the ledger
     * @param maxTransactionsPerBlock most transactions cut into one block (at least 1)
     */
    public BlockCutter(EmbeddedLedgerEngine engine, int maxTransactionsPerBlock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (maxTransactionsPerBlock < 1) {
            throw new IllegalArgumentException("a block holds at least one transaction");
        }
        this.maxTransactionsPerBlock = maxTransactionsPerBlock;
        this.committer = new Thread(this::commitLoop, "block-cutter-" + engine.channelId());
        committer.setDaemon(true);
        this.syncer = new Thread(this::syncLoop, "block-syncer-" + engine.channelId());
        syncer.setDaemon(true);
        syncer.start();
        committer.start();
    }

    /**
     * Simulates a transaction on the caller's thread, then waits until the committer has committed it in a block.
     * A contract rejection is thrown by the simulation, before anything is queued.
     *
     * @return the committed (valid or invalidated) transaction
     * @throws LedgerUnavailableException when the cutter or the ledger is closed
     */
    public TxResult submit(Creator creator, String function, List<String> args) {
        if (closed) {
            throw new LedgerUnavailableException("the ledger's block cutter is closed");
        }
        PreparedTx tx = engine.prepare(creator, function, args);
        CompletableFuture<TxResult> result = new CompletableFuture<>();
        queue.add(new Pending(tx, result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for the commit of " + tx.txId());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LedgerUnavailableException("commit of " + tx.txId() + " failed: " + e.getCause());
        }
    }

    private void commitLoop() {
        while (!closed) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxTransactionsPerBlock - 1);
            try {
                written.add(new Written(batch, engine.writeBlock(batch.stream().map(Pending::tx).toList())));
            } catch (RuntimeException e) {
                batch.forEach(p -> p.result().completeExceptionally(e));
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result().completeExceptionally(
                new LedgerUnavailableException("the ledger closed before the commit of " + p.tx().txId())));
    }

    /**
     * Syncs whatever blocks are written, then acknowledges their transactions in block order; one fsync for all of
     * them. Runs until the committer has stopped and every written block is synced.
     */
    private void syncLoop() {
        while (true) {
            List<Written> blocks = new ArrayList<>();
            try {
                Written first = written.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && !committer.isAlive() && written.isEmpty()) {
                        return;
                    }
                    continue;
                }
                blocks.add(first);
            } catch (InterruptedException e) {
                return;
            }
            written.drainTo(blocks);
            try {
                engine.syncWritten();
            } catch (RuntimeException e) {
                blocks.forEach(b -> b.batch().forEach(p -> p.result().completeExceptionally(e)));
                continue;
            }
            for (Written b : blocks) {
                for (int i = 0; i < b.batch().size(); i++) {
                    b.batch().get(i).result().complete(b.results().get(i));
                }
            }
        }
    }

    /**
     * Stops the committer, then the syncer once every written block is synced and acknowledged; transactions still
     * waiting to be cut fail with {@link LedgerUnavailableException}.
     */
    @Override
    public void close() {
        // No interrupt: it would close the block log's file channel in the middle of an append or a sync.
        closed = true;
        try {
            committer.join(5000);
            syncer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
