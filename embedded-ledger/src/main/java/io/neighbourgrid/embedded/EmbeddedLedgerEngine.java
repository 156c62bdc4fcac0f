package io.neighbourgrid.embedded;

import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.protocol.contract.CompositeKeys;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A single-process ledger that runs a contract the way a Fabric peer does: each transaction is simulated on
 * committed state, producing a read-write set; the committer validates the read set by MVCC (a key read whose
 * version changed since the simulation invalidates the transaction, as does a range query that would now return
 * different keys or versions), records the transaction in a hash-chained block whether valid or not, and applies
 * only valid write sets. History per key and one event per transaction are kept as Fabric keeps them.
 *
 * <p>Thread safety: commits ({@link #submit}, {@link #commit}, {@link #commitBlock},
 * {@link #registerOrganisation}) are serialised by one lock, so a {@link #submit} simulates and commits with no
 * other commit in between and is deterministic. Simulations ({@link #prepare}, {@link #evaluate}) and queries run
 * concurrently with each other under a state read lock; a commit applies its block under the write lock, so every
 * simulation sees one consistent committed state.
 *
 * <p>Persistence: {@link #open} appends every block to {@code blocks.log} in its directory (length-prefixed
 * records, each block's SHA-256 over its canonical binary encoding, {@link BlockCodec}); on start the log is
 * verified block by block and state is rebuilt from the recorded write sets without running the contract again.
 * A damaged log raises {@link LedgerCorruptedException} naming the block, and is never repaired silently.
 *
 * <p>Membership: until an organisation is registered the channel accepts any creator; afterwards every creator
 * must belong to a registered organisation and hold a certificate issued by its CA and valid at the transaction
 * timestamp. Registrations are configuration blocks of the chain and survive restarts.
 *
 * <p>Events: listeners receive the events of valid transactions in block order, on the committing thread, after
 * the commit has released its locks.
 *
 * <p>The steps live in their own classes: {@code Endorser} simulates, {@code MvccValidator} and
 * {@code BlockCommitter} validate and commit, {@code CommittedState} holds what the blocks add up to and answers
 * queries, {@code LogRecovery} rebuilds state from the log and audits it, {@code EventDispatcher} delivers events.
 */
public final class EmbeddedLedgerEngine implements AutoCloseable {
    private final String channelId;
    private final BlockStore store;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final CommittedState committed = new CommittedState();
    private final MvccValidator validator = new MvccValidator(committed);
    private final EventDispatcher events = new EventDispatcher();
    private final Endorser endorser;
    private final BlockCommitter committer;
    private volatile boolean closed;

    private EmbeddedLedgerEngine(String channelId, Clock clock, TransactionHandler handler, BlockStore store) {
        this.channelId = channelId;
        this.store = store;
        this.endorser = new Endorser(channelId, clock, handler, committed);
        this.committer = new BlockCommitter(channelId, clock, store, committed, validator, events);
    }

    /**
     * A ledger whose blocks live on the heap; it starts with a genesis block naming {@code channelId}.
     *
     * @param channelId the channel name the contract sees
     * @param clock     the source of transaction and block timestamps
     * @param handler   the contract
     */
    public static EmbeddedLedgerEngine inMemory(String channelId, Clock clock, TransactionHandler handler) {
        EmbeddedLedgerEngine engine = new EmbeddedLedgerEngine(requireChannel(channelId),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(handler, "handler"),
                new MemoryBlockStore());
        try {
            engine.committer.appendBlock(LogRecovery.genesis(engine.channelId, clock));
        } catch (IOException e) {
            throw new UncheckedIOException("appending to memory cannot fail", e);
        }
        return engine;
    }

    /**
     * Opens, or creates, a ledger persisted in {@code directory}, syncing every block to storage before its commit
     * returns ({@link Durability#SYNC_EACH_BLOCK}).
     *
     * @throws LedgerCorruptedException when the existing log fails verification
     * @throws IOException              when the directory cannot be read or written, or another ledger holds it
     */
    public static EmbeddedLedgerEngine open(Path directory, String channelId, Clock clock,
                                            TransactionHandler handler) throws IOException {
        return open(directory, channelId, clock, handler, Durability.SYNC_EACH_BLOCK);
    }

    /**
     * Opens, or creates, a ledger persisted in {@code directory}: a new directory gets a log holding the genesis
     * block; an existing log is verified block by block and the state, history and membership are rebuilt from it.
     *
     * @param directory  the directory holding {@code blocks.log}
     * @param channelId  the channel; must match the one the log was created for
     * @param clock      the source of transaction and block timestamps
     * @param handler    the contract
     * @param durability how far each block is pushed to storage before its commit returns
     * @throws LedgerCorruptedException when the existing log fails verification or belongs to another channel
     * @throws IOException              when the directory cannot be read or written, or another ledger holds it
     */
    public static EmbeddedLedgerEngine open(Path directory, String channelId, Clock clock,
                                            TransactionHandler handler, Durability durability) throws IOException {
        Objects.requireNonNull(directory, "directory");
        requireChannel(channelId);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(durability, "durability");
        LogRecovery.createIfMissing(directory, channelId, clock);
        FileBlockStore store = FileBlockStore.open(directory, durability);
        EmbeddedLedgerEngine engine = new EmbeddedLedgerEngine(channelId, clock, handler, store);
        try {
            new LogRecovery(engine.committed, engine.validator).replayLog(store, channelId);
        } catch (LedgerCorruptedException e) {
            throw e.inFile(directory.resolve(FileBlockStore.LOG_FILE));
        }
        return engine;
    }

    /**
     * Opens a persisted ledger for an audit: the log is verified and the state rebuilt as by {@link #open}, but
     * nothing in {@code directory} is created, locked, modified or removed. Transactions and registrations of new
     * organisations fail with {@link LedgerUnavailableException}; evaluations and queries work.
     *
     * @throws java.nio.file.NoSuchFileException when the directory holds no block log
     * @throws LedgerCorruptedException          when the log fails verification (its message names the file)
     */
    public static EmbeddedLedgerEngine openReadOnly(Path directory, String channelId, Clock clock,
                                                    TransactionHandler handler) throws IOException {
        Objects.requireNonNull(directory, "directory");
        requireChannel(channelId);
        FileBlockStore store = FileBlockStore.openReadOnly(directory);
        EmbeddedLedgerEngine engine = new EmbeddedLedgerEngine(channelId, Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(handler, "handler"), store);
        try {
            new LogRecovery(engine.committed, engine.validator).replayLog(store, channelId);
        } catch (LedgerCorruptedException e) {
            throw e.inFile(directory.resolve(FileBlockStore.LOG_FILE));
        }
        return engine;
    }

    /**
     * Repairs the one kind of damage that has an innocent cause: a final block record cut short because the process
     * or machine stopped during its append. Such a block was never acknowledged as committed, so removing it loses
     * nothing a client was told. Every other damage is left in place and reported. Opening a ledger never does this
     * by itself; an operator decides to.
     *
     * @param directory the ledger directory, not open in any ledger
     * @return the number of bytes removed, {@code 0} when the log ends cleanly
     * @throws LedgerCorruptedException when the log is damaged in any other way (nothing is changed then)
     * @throws IOException              when the log cannot be read or written, or is in use
     */
    public static long truncateTornTail(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return LogRecovery.truncateTornTail(directory);
    }

    private static String requireChannel(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        if (channelId.isEmpty()) {
            throw new IllegalArgumentException("channel id must not be empty");
        }
        Utf8.requireWellFormed(channelId, "channel id");
        return channelId;
    }

    /** The channel name. */
    public String channelId() {
        return channelId;
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Simulates and commits one transaction in its own block, with no other commit in between.
     *
     * @param creator  the signer
     * @param function the transaction name
     * @param args     its arguments
     * @return the committed result; its validation code is {@link ValidationCode#VALID} unless the transaction id
     *         was already recorded
     * @throws CreatorRejectedException when the creator is not accepted by the channel's membership
     * @throws RuntimeException         whatever the contract threw; nothing is recorded then
     * @throws LedgerUnavailableException when the ledger is closed or the block cannot be appended
     */
    public TxResult submit(Creator creator, String function, List<String> args) {
        List<TxResult> results;
        commitLock.lock();
        try {
            ensureWritable();
            PreparedTx tx = prepare(creator, function, args);
            results = commitLocked(List.of(tx));
        } finally {
            commitLock.unlock();
        }
        events.drain(committer.durableHeight());
        return results.get(0);
    }

    /**
     * Simulates a transaction on committed state without committing it; its writes are discarded, as a Fabric
     * gateway's evaluate discards them. Runs concurrently with other evaluations.
     *
     * @return the result with block number {@code -1} and {@link ValidationCode#NOT_VALIDATED}
     * @throws CreatorRejectedException when the creator is not accepted by the channel's membership
     * @throws RuntimeException         whatever the contract threw
     */
    public TxResult evaluate(Creator creator, String function, List<String> args) {
        PreparedTx tx = prepare(creator, function, args);
        return new TxResult(tx.txId(), tx.timestamp(), -1, tx.payload(), tx.event(), ValidationCode.NOT_VALIDATED);
    }

    /**
     * Simulates a transaction and returns its read-write set for a later {@link #commit}; this is the endorsement
     * step. Several transactions may be prepared concurrently and committed in any order, which is how tests
     * provoke MVCC conflicts.
     *
     * @throws CreatorRejectedException when the creator is not accepted by the channel's membership
     * @throws RuntimeException         whatever the contract threw
     */
    public PreparedTx prepare(Creator creator, String function, List<String> args) {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(function, "function");
        List<String> arguments = List.copyOf(args);
        Utf8.requireWellFormed(function, "function");
        for (String a : arguments) {
            Utf8.requireWellFormed(a, "argument");
        }
        Utf8.requireWellFormed(creator.mspId(), "MSP id");
        ensureOpen();
        return endorser.simulate(this, creator, function, arguments);
    }

    /**
     * Validates and commits one prepared transaction in its own block.
     *
     * @return the result; {@link ValidationCode#MVCC_READ_CONFLICT} or
     *         {@link ValidationCode#PHANTOM_READ_CONFLICT} when state it read changed since it was prepared (nothing
     *         is written then, but the transaction is recorded in the block, as in Fabric)
     */
    public TxResult commit(PreparedTx tx) {
        return commitBlock(List.of(tx)).get(0);
    }

    /**
     * Validates and commits prepared transactions together in one block, in the given order: a transaction that
     * read a key written by an earlier valid transaction of the same block is invalidated, as Fabric's committer
     * does.
     *
     * @param txs at least one prepared transaction of this engine
     * @return one result per transaction, in order
     */
    public List<TxResult> commitBlock(List<PreparedTx> txs) {
        List<PreparedTx> batch = checkedBatch(txs);
        List<TxResult> results;
        commitLock.lock();
        try {
            results = commitLocked(batch);
        } finally {
            commitLock.unlock();
        }
        events.drain(committer.durableHeight());
        return results;
    }

    private List<PreparedTx> checkedBatch(List<PreparedTx> txs) {
        List<PreparedTx> batch = List.copyOf(txs);
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a block needs at least one transaction");
        }
        for (PreparedTx tx : batch) {
            if (tx.engine != this) {
                throw new IllegalArgumentException("transaction " + tx.txId() + " was prepared by another ledger");
            }
        }
        return batch;
    }

    /**
     * {@link #commitBlock} without the sync: the results may be acknowledged, and the events are delivered, only
     * after a {@link #syncWritten()} begun after this returned. While one sync runs the next block is written, and
     * one sync covers both (the block cutter's group commit).
     */
    public List<TxResult> writeBlock(List<PreparedTx> txs) {
        List<PreparedTx> batch = checkedBatch(txs);
        commitLock.lock();
        try {
            ensureWritable();
            return committer.write(batch);
        } finally {
            commitLock.unlock();
        }
    }

    /** Syncs every block written so far with one {@code fsync}, then delivers their events. */
    public void syncWritten() {
        committer.sync();
        events.drain(committer.durableHeight());
    }

    private List<TxResult> commitLocked(List<PreparedTx> batch) {
        ensureWritable();
        return committer.commit(batch);
    }

    // ------------------------------------------------------------------ membership

    /**
     * Registers an organisation of the channel with the certificate of its CA, in a configuration block. From the
     * first registration on, only creators whose certificates that CA issued are accepted. Registering an
     * organisation again with the same certificate does nothing (so a ledger reopened from its directory can be
     * configured by the same code that created it).
     *
     * @return {@code true} when a configuration block was written, {@code false} when already registered
     * @throws IllegalArgumentException when {@code caCertificate} is not a CA certificate
     * @throws IllegalStateException    when {@code mspId} is registered with a different certificate
     */
    public boolean registerOrganisation(String mspId, X509Certificate caCertificate) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(caCertificate, "caCertificate");
        if (mspId.isEmpty()) {
            throw new IllegalArgumentException("MSP id must not be empty");
        }
        Utf8.requireWellFormed(mspId, "MSP id");
        Membership.requireCaCertificate(mspId, caCertificate);
        commitLock.lock();
        try {
            ensureOpen();
            if (committed.membership().isRegistered(mspId, caCertificate)) {
                return false;
            }
            ensureWritable();
            committer.register(mspId, caCertificate);
            return true;
        } finally {
            commitLock.unlock();
        }
    }

    /** The registered organisations and their CA certificates, in registration order. */
    public Map<String, X509Certificate> organisations() {
        return committed.membership().organisations();
    }

    /**
     * Checks that {@code creator} would be accepted for a transaction at {@code at}.
     *
     * @throws CreatorRejectedException naming why not
     */
    public void checkCreator(Creator creator, Instant at) {
        committed.membership().check(Objects.requireNonNull(creator, "creator"), Objects.requireNonNull(at, "at"));
    }

    // ------------------------------------------------------------------ queries and audit

    /** The committed value of {@code key}, or {@code null}. */
    public byte[] getState(String key) {
        return committed.value(key);
    }

    /**
     * Committed keys in [{@code startKey}, {@code endKey}) in Fabric's order (UTF-8 byte order); an empty
     * {@code endKey} means no upper bound. Unlike the contract's range query this also returns composite keys when
     * the range covers them.
     */
    public List<TxContext.KeyValue> getStateByRange(String startKey, String endKey) {
        return committed.range(startKey, endKey);
    }

    /** Committed keys with the composite-key prefix ({@code objectType}, {@code attributes}...), sorted. */
    public List<TxContext.KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        String prefix = CompositeKeys.create(objectType, attributes);
        return getStateByRange(prefix, prefix + WorldState.MAX_UNICODE_RUNE);
    }

    /** Every valid modification of {@code key}, oldest first. */
    public List<TxContext.KeyModification> getHistoryForKey(String key) {
        return committed.history(key);
    }

    /** The number of blocks, genesis included; the next block's number. */
    public long height() {
        return committed.height();
    }

    /** Lower-case hex SHA-256 of the last block. */
    public String headHash() {
        return committed.headHash();
    }

    /**
     * Audits the chain as stored: re-reads the whole log (the file, for a persisted ledger), verifies every
     * block's hash, numbering and link, and checks that it ends where this ledger's head is.
     *
     * @return the block count and head hash
     * @throws LedgerCorruptedException at the first block that fails, or when the stored chain does not end at
     *                                  this ledger's head
     */
    public ChainSummary verifyChain() throws IOException {
        commitLock.lock();
        try {
            ensureOpen();
            return LogRecovery.verify(store, channelId, committed);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * As {@link #verifyChain()}, and the stored chain must still hold the head {@code checkpoint} vouches for: its
     * signer's certificate issued by a CA registered in this chain, its signature valid, at least its height, and
     * its last block hashing as it records. A log cut back at a record boundary verifies block by block; against a
     * checkpoint published before the cut it fails here.
     *
     * @throws LedgerCorruptedException           when the chain fails, or falls short of or contradicts the checkpoint
     * @throws HeadCheckpoint.CheckpointException when the checkpoint is not validly signed for this channel
     */
    public ChainSummary verifyChain(HeadCheckpoint checkpoint) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        commitLock.lock();
        try {
            ensureOpen();
            return LogRecovery.verify(store, channelId, committed, checkpoint);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * A checkpoint of the current head signed by {@code signer}, to be published outside the log (next to a run's
     * report) so that a later audit can tell when the log was cut back.
     */
    public HeadCheckpoint checkpoint(Identity signer, Instant at) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(at, "at");
        commitLock.lock();
        try {
            committer.sync(); // a checkpoint names only blocks on storage
            return HeadCheckpoint.sign(channelId, new ChainSummary(committed.height(), committed.headHash()), at,
                    signer);
        } finally {
            commitLock.unlock();
        }
    }

    // ------------------------------------------------------------------ events and lifecycle

    /**
     * Registers a listener for the events of valid committed transactions, delivered in block order from the next
     * commit on.
     *
     * @return a subscription whose {@code close} stops delivery
     */
    public Subscription subscribe(Consumer<LedgerEvent> listener) {
        return events.subscribe(listener);
    }

    /** Closes the log (and releases the directory); later calls fail with {@link LedgerUnavailableException}. */
    @Override
    public void close() throws IOException {
        commitLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            store.close();
        } finally {
            commitLock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerUnavailableException("ledger of channel " + channelId + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (store instanceof FileBlockStore f && f.readOnly()) {
            throw new LedgerUnavailableException("ledger of channel " + channelId
                    + " was opened read-only for an audit");
        }
        String f = committer.failure();
        if (f != null) {
            throw new LedgerUnavailableException("ledger log is unusable since " + f
                    + "; reopen the ledger to verify it");
        }
    }
}
