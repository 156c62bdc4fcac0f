package io.neighbourgrid.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * A {@link Ledger} connection to a Fabric network through the Fabric Gateway of one peer (fabric-gateway 1.10):
 * the peer's gateway collects endorsements from the organisations the chaincode's policy needs, submits the
 * endorsed transaction to the ordering service and reports its commit status.
 *
 * <p>The contract's failure message reaches the client only inside the gateway's error details
 * ("chaincode response 500, CODE: message"); {@code GatewayErrors} extracts the contract's error code from there, so
 * callers see the same {@link LedgerException#errorCode()} as on the embedded ledger.
 *
 * <p>A peer that cannot reach its organisation's chaincode service (the service is restarting, or was killed and
 * not yet restarted) fails the endorsement with "could not launch chaincode". Such a failure is reported as
 * {@code UNAVAILABLE}, and the connection retries the endorsement, or the evaluation, with a growing pause until its
 * patience ({@link #DEFAULT_PATIENCE} unless given) runs out. That is safe because a failed endorsement never
 * reached the orderer: nothing was committed, so the retry cannot apply the transaction twice. Discovery that has
 * not yet learnt the endorsers after a peer's restart is retried the same way. The submission of the endorsed
 * transaction to the ordering service and the wait for its commit status are retried too, on the same signed
 * transaction: its id commits at most once, so a second submission can only be invalidated as a duplicate. Every
 * failure that is not the contract's names the component that failed (the gateway peer, a chaincode service,
 * discovery, the ordering service, the commit status) and the gateway.
 *
 * <p>A connection may know several gateway peers of its organisation ({@link #connect(List, Identity, Duration,
 * CommitBarrier)}): it uses one at a time and moves to the next when the one in use cannot be reached (a gRPC
 * transport failure, not a failure the peer reports), at once and without a pause; only when every one of them
 * failed in a row does it pause as above. An endorsement or evaluation is made again through the new peer; a
 * transaction endorsed through the old one is sent, as the same signed bytes, through the new one, and its commit
 * status is asked there.
 *
 * <p>The gateway reports a transaction committed once its own peer has committed the block; the other
 * organisations' peers commit the same block a moment later. A connection made with a {@link CommitBarrier} waits in
 * {@link #submit} until the block is on those peers too, so that whatever a caller does after a submission returns
 * (a query through another organisation's peer, a transaction endorsed there) sees it, as on the embedded ledger.
 * Without it, a home's query right after the operator opened a window can find no window.
 *
 * <p>Each connection keeps the time its calls spent in each stage ({@link #timings()}): endorsement (the gateway
 * simulates the transaction on a peer of every organisation the policy needs and collects their signatures),
 * submission to the ordering service, the wait for the commit status, the wait until the other peers have the
 * block, and evaluation.
 *
 * <p>Error translation ({@code GatewayErrors}), the retries ({@code GatewayRetry}), the event and block streams
 * ({@code PeerStreams}) and the counters ({@code CallCounters}) live in classes of their own.
 */
public final class FabricLedger implements Ledger {
    /** How long a connection keeps retrying while a chaincode service or a peer cannot be reached. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(90);

    private final Identity identity;
    private final GatewaySessions sessions;
    private final String chaincodeName;
    private final CallCounters counters = new CallCounters();
    private final GatewayRetry retry;
    private final PeerStreams streams;
    private final CommitBarrier barrier;

    /**
     * Where to connect.
     *
     * @param target        host:port of the peer's gateway endpoint, e.g. {@code 127.0.0.1:7051}
     * @param tlsCaCert     PEM file of the CA that issued the peer's TLS certificate
     * @param tlsHostOverride the host name in the peer's TLS certificate, e.g. {@code peer0.operator.example.com}
     * @param channelName   the channel, e.g. {@code market}
     * @param chaincodeName the chaincode, e.g. {@code market}
     */
    public record Endpoint(String target, Path tlsCaCert, String tlsHostOverride, String channelName,
            String chaincodeName) {
        public Endpoint {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(tlsCaCert, "tlsCaCert");
            Objects.requireNonNull(tlsHostOverride, "tlsHostOverride");
            Objects.requireNonNull(channelName, "channelName");
            Objects.requireNonNull(chaincodeName, "chaincodeName");
        }
    }

    /**
     * Waits until a block is committed on every peer that later calls may reach.
     */
    @FunctionalInterface
    public interface CommitBarrier {
        /** Does not wait: a transaction is visible where the gateway's peer committed it. */
        CommitBarrier NONE = (blockNumber, gatewayPeer) -> {
        };

        /**
         * Returns once block {@code blockNumber} is committed on every peer.
         *
         * @param blockNumber the block that holds a transaction just committed
         * @param gatewayPeer the endpoint ({@code host:port}) of the peer that reported the commit, which has it
         * @throws LedgerException {@code UNAVAILABLE} when a peer does not reach the block in time; the submission
         *                         still returns its committed result (counted in {@link Timings#lagging()})
         */
        void await(long blockNumber, String gatewayPeer) throws LedgerException;
    }

    /**
     * Where the time of a connection's calls went, summed over every thread that used it (concurrent calls add
     * up, so the sums can exceed the wall-clock time).
     *
     * @param submissions  transactions submitted (failed ones included)
     * @param evaluations  queries evaluated (failed ones included)
     * @param endorseNanos building, signing and endorsing proposals, retries and their pauses included
     * @param submitNanos  signing endorsed transactions and handing them to the ordering service
     * @param commitNanos  waiting for the commit status of submitted transactions (from the gateway's peer)
     * @param visibleNanos waiting, after the commit status, until every peer has the block ({@link CommitBarrier})
     * @param evaluateNanos evaluating queries, retries and their pauses included
     * @param retries      endorsements and evaluations repeated because a chaincode service or peer was unreachable
     * @param lagging      committed submissions that returned although some peer had not reached their block when
     *                     the {@link CommitBarrier} gave up
     */
    public record Timings(long submissions, long evaluations, long endorseNanos, long submitNanos, long commitNanos,
                          long visibleNanos, long evaluateNanos, long retries, long lagging) {
        /** Nothing measured. */
        public static final Timings NONE = new Timings(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The field-wise sum of two measurements. */
        public Timings plus(Timings o) {
            return new Timings(submissions + o.submissions, evaluations + o.evaluations,
                    endorseNanos + o.endorseNanos, submitNanos + o.submitNanos, commitNanos + o.commitNanos,
                    visibleNanos + o.visibleNanos, evaluateNanos + o.evaluateNanos, retries + o.retries,
                    lagging + o.lagging);
        }

        /** The field-wise difference {@code this - earlier}, for the calls made between two measurements. */
        public Timings minus(Timings earlier) {
            return new Timings(submissions - earlier.submissions, evaluations - earlier.evaluations,
                    endorseNanos - earlier.endorseNanos, submitNanos - earlier.submitNanos,
                    commitNanos - earlier.commitNanos, visibleNanos - earlier.visibleNanos,
                    evaluateNanos - earlier.evaluateNanos, retries - earlier.retries, lagging - earlier.lagging);
        }
    }

    private FabricLedger(Identity identity, GatewaySessions sessions, Duration patience, CommitBarrier barrier) {
        this.identity = identity;
        this.sessions = sessions;
        this.retry = new GatewayRetry(patience, sessions);
        this.barrier = barrier;
        this.chaincodeName = sessions.first().chaincodeName();
        this.streams = new PeerStreams(() -> sessions.current().network());
    }

    /**
     * Opens a gRPC connection to the peer and a gateway session signed by {@code identity}, retrying unreachable
     * chaincode services for {@link #DEFAULT_PATIENCE}; a submission returns once the gateway's peer committed it.
     *
     * @throws LedgerException with code {@code UNAVAILABLE} when the TLS CA file cannot be read
     */
    public static FabricLedger connect(Endpoint endpoint, Identity identity) throws LedgerException {
        return connect(endpoint, identity, DEFAULT_PATIENCE, CommitBarrier.NONE);
    }

    /**
     * Opens a gRPC connection to the peer and a gateway session signed by {@code identity}.
     *
     * @param patience how long an endorsement or evaluation is retried while a chaincode service or the peer is
     *                 unreachable; zero reports the first failure
     * @param barrier  what a submission waits for after the commit status, before it returns
     * @throws LedgerException with code {@code UNAVAILABLE} when the TLS CA file cannot be read
     */
    public static FabricLedger connect(Endpoint endpoint, Identity identity, Duration patience,
                                       CommitBarrier barrier) throws LedgerException {
        Objects.requireNonNull(endpoint, "endpoint");
        return connect(List.of(endpoint), identity, patience, barrier);
    }

    /**
     * Opens a connection that goes through the first of {@code endpoints}, gateway peers of the client's own
     * organisation, and moves to the next one (round robin) whenever the one in use cannot be reached: a home
     * whose peer dies goes on through another peer of its organisation. Endorsements and evaluations are simply
     * repeated there; a transaction endorsed through a peer that died is sent, as the same signed transaction,
     * through the next one, and its commit status is asked there (its id commits at most once).
     *
     * @param endpoints the gateway peers, in order of preference; all name the same channel and chaincode
     * @param patience  how long a call is retried while a chaincode service or every gateway peer is unreachable
     * @param barrier   what a submission waits for after the commit status, before it returns
     * @throws LedgerException with code {@code UNAVAILABLE} when a TLS CA file cannot be read
     */
    public static FabricLedger connect(List<Endpoint> endpoints, Identity identity, Duration patience,
                                       CommitBarrier barrier) throws LedgerException {
        Objects.requireNonNull(endpoints, "endpoints");
        endpoints.forEach(e -> Objects.requireNonNull(e, "endpoint"));
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(patience, "patience");
        Objects.requireNonNull(barrier, "barrier");
        if (patience.isNegative()) {
            throw new IllegalArgumentException("patience must not be negative, got " + patience);
        }
        return new FabricLedger(identity, new GatewaySessions(endpoints, identity), patience, barrier);
    }

    @Override
    public SubmitResult submit(String transaction, String... args) throws LedgerException {
        counters.submitted(transaction, args);
        EndorsedTransaction endorsed = endorse(transaction, args);
        long start = System.nanoTime();
        SubmittedTransaction tx;
        AtomicReference<GatewaySessions.Session> submittedThrough = new AtomicReference<>();
        try {
            // The same signed transaction each time: its id commits at most once, however often it is sent.
            tx = retry.call(GatewayErrors.Component.ORDERER, () -> endorsed.submitThrough(sessions, submittedThrough));
        } finally {
            CallCounters.since(counters.submitNanos, start);
        }
        start = System.nanoTime();
        Status status;
        AtomicReference<SubmittedTransaction> latest = new AtomicReference<>(tx);
        try {
            status = retry.call(GatewayErrors.Component.COMMIT, () -> {
                if (submittedThrough.get() != sessions.current()) {
                    // The peer it was sent through went away, perhaps before it reached the orderers: send it
                    // again through the peer now in use (a duplicate is invalidated) and ask that peer.
                    latest.set(endorsed.submitThrough(sessions, submittedThrough));
                }
                return latest.get().getStatus();
            });
        } finally {
            CallCounters.since(counters.commitNanos, start);
        }
        if (!status.isSuccessful()) {
            String code = status.getCode().name();
            throw new LedgerException(code, code + ": transaction " + status.getTransactionId() + " ("
                    + transaction + ") was invalidated in block " + status.getBlockNumber(), null);
        }
        awaitVisible(status.getBlockNumber(), submittedThrough.get().target());
        return new SubmitResult(status.getTransactionId(), status.getBlockNumber(), tx.getResult());
    }

    /** Waits at the {@link CommitBarrier} until every peer has {@code blockNumber}. */
    private void awaitVisible(long blockNumber, String committedOn) {
        long start = System.nanoTime();
        try {
            barrier.await(blockNumber, committedOn);
        } catch (LedgerException lagging) {
            // The transaction is committed, so the submission succeeded: reporting a failure would make callers
            // submit it again. A peer that lags this far behind is down; calls through it fail on their own.
            counters.barrierTimeouts.incrementAndGet();
        } finally {
            CallCounters.since(counters.visibleNanos, start);
        }
    }

    /**
     * Builds, signs and endorses a proposal, retrying while a chaincode service or the peer is unreachable: a
     * failed endorsement was never ordered, so a new proposal cannot commit the transaction twice.
     */
    private EndorsedTransaction endorse(String transaction, String... args) throws LedgerException {
        long start = System.nanoTime();
        try {
            return retry.call(() -> {
                GatewaySessions.Session session = sessions.current();
                return new EndorsedTransaction(session,
                        session.contract().newProposal(transaction).addArguments(args).build().endorse());
            });
        } finally {
            CallCounters.since(counters.endorseNanos, start);
        }
    }

    /** An endorsed, signed transaction and the gateway session it was endorsed through. */
    private record EndorsedTransaction(GatewaySessions.Session endorsedThrough, Transaction transaction) {
        /**
         * Sends the transaction through the session in use, rebuilt from its signed bytes when that is not the one
         * it was endorsed through; records the session in {@code through}.
         */
        SubmittedTransaction submitThrough(GatewaySessions sessions,
                                           AtomicReference<GatewaySessions.Session> through) throws Exception {
            GatewaySessions.Session session = sessions.current();
            Transaction tx = session == endorsedThrough ? transaction
                    : session.gateway().newTransaction(transaction.getBytes());
            through.set(session);
            return tx.submitAsync();
        }
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws LedgerException {
        counters.evaluated(transaction, args);
        long start = System.nanoTime();
        try {
            return retry.call(() -> sessions.current().contract().evaluateTransaction(transaction, args));
        } finally {
            CallCounters.since(counters.evaluateNanos, start);
        }
    }

    /**
     * The number of blocks the peer behind this connection has committed on the channel (its ledger height), from
     * the query system chaincode.
     *
     * @throws LedgerException {@code UNAVAILABLE} when the peer cannot be reached, {@code ACCESS_DENIED} when the
     *                         identity may not read the channel
     */
    public long blockHeight() throws LedgerException {
        return chainHead().height();
    }

    /**
     * The height of this connection's peer's chain and the hash of its last block, from the query system
     * chaincode. Two peers with the same head hold the same chain: every block's header carries the hash of the
     * one before.
     *
     * @param height     the number of blocks the peer has committed
     * @param headHash   lower-case hex hash of the last block's header
     */
    public record ChainHead(long height, String headHash) {
    }

    /**
     * The peer's chain head (see {@link ChainHead}).
     *
     * @throws LedgerException {@code UNAVAILABLE} when the peer cannot be reached
     */
    public ChainHead chainHead() throws LedgerException {
        byte[] info;
        GatewaySessions.Session session = sessions.current();
        String target = session.target();
        try {
            info = session.network().getContract("qscc").evaluateTransaction("GetChainInfo",
                    session.network().getName());
        } catch (GatewayException e) {
            throw GatewayErrors.translate(e, GatewayErrors.Component.GATEWAY_PEER, target);
        } catch (GatewayRuntimeException e) {
            throw GatewayErrors.translate(e, GatewayErrors.Component.GATEWAY_PEER, target);
        }
        try {
            BlockchainInfo chain = BlockchainInfo.parseFrom(info);
            return new ChainHead(chain.getHeight(), java.util.HexFormat.of().formatHex(
                    chain.getCurrentBlockHash().toByteArray()));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException(LedgerException.UNKNOWN, "UNKNOWN: the chain information of " + target
                    + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Follows the blocks the peer behind this connection commits on the channel: calls {@code committed} with the
     * number of each block from {@code startBlock} on, in order, on a thread of its own (filtered block events:
     * block numbers and transaction ids, no payloads). The stream ends when the returned subscription is closed, or
     * when the peer goes away; then {@code ended} is called, unless the subscription was closed first.
     *
     * @throws LedgerException when the events cannot be requested
     */
    public LedgerSubscription followBlocks(long startBlock, LongConsumer committed, Runnable ended)
            throws LedgerException {
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(ended, "ended");
        return streams.blocks(startBlock, committed, ended, "fabric-blocks-" + target());
    }

    /** The peer endpoint ({@code host:port}) this connection's gateway runs on now. */
    public String target() {
        return sessions.target();
    }

    @Override
    public LedgerSubscription subscribe(Consumer<LedgerEvent> listener) throws LedgerException {
        Objects.requireNonNull(listener, "listener");
        return streams.chaincodeEvents(chaincodeName, listener, "fabric-events-" + identity.mspId());
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public LedgerTraffic traffic() {
        return counters.traffic();
    }

    /** How often this connection moved to another gateway peer because the one in use could not be reached. */
    public long failOvers() {
        return retry.failOvers();
    }

    /** Where this connection's time went so far. */
    public Timings timings() {
        return counters.timings(retry.retries());
    }

    @Override
    public void close() {
        streams.closeEventStreams();
        sessions.close();
    }
}
