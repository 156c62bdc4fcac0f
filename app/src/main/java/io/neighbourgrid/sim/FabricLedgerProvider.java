package io.neighbourgrid.sim;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.FabricLedger;
import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections to the Fabric network that {@code test-network/network.sh up} starts, described by the
 * {@code connection.json} it writes: the operator signs as a client identity of the operator organisation and
 * home i as the i-th client identity of the community organisation, each through its own organisation's peer
 * gateway.
 *
 * <p>An organisation may have several peers (the homes' has two): a home's connection knows them all, starts at
 * peer {@code index mod n} (so the homes are spread over their peers) and moves to the next one when the peer in
 * use cannot be reached ({@link FabricLedger#connect(List, Identity, Duration, FabricLedger.CommitBarrier)}).
 *
 * <p>A submission through any of these connections returns only once every live peer has committed its block
 * ({@link FabricLedger.CommitBarrier}): the operator and the homes talk to different peers, and a home that queries
 * its own peer right after the operator's transaction returned must see it, as every driver of the market (the
 * simulator, the agents' phase-by-phase steps) assumes. The provider follows each peer's committed blocks through
 * one filtered block event stream per peer, shared by all connections, and falls back to asking the peer's query
 * system chaincode for its height while a stream is down. A peer that cannot be reached is not waited for: no
 * client uses it, since their connections fail over to another peer of their organisation, and once it runs again
 * it catches up from the ordering service. A live peer is waited for at most {@link #VISIBILITY_TIMEOUT} (a peer
 * whose orderer died takes a while to fetch its blocks from another one).
 *
 * <p>The provider remembers the connections it opened, so a benchmark can sum where their time went
 * ({@link #operatorTimings()}, {@link #homeTimings()}).
 */
public final class FabricLedgerProvider implements LedgerProvider {
    /** The operator organisation's MSP id on the test network. */
    public static final String OPERATOR_MSP = "OperatorMSP";
    /** The community organisation's MSP id on the test network. */
    public static final String COMMUNITY_MSP = "CommunityMSP";

    /** The parts of {@code connection.json} the SDK reads. */
    record Connection(String channel, String chaincode, List<Organization> organizations) {
    }

    record Organization(String name, String mspId, List<Peer> peers, List<User> users) {
    }

    record Peer(String name, String endpoint, String hostOverride, String tlsCaCert) {
    }

    record User(String name, String cert, String key) {
    }

    /** How long a submission waits for the other peers to commit its block before it reports them unavailable. */
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** Pause between height queries while a peer's block stream is down. */
    private static final long POLL_MILLIS = 5;
    /** Longest wait for a block event before a waiter looks again. */
    private static final long WAIT_MILLIS = 50;
    /** A stream that brought no block for this long while a waiter waits is double-checked with a height query. */
    private static final long SILENT_STREAM_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Least time between two attempts to open a peer's block stream. */
    private static final long RESTREAM_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Connection connection;
    private final Path file;
    private final List<PeerHeight> peers = new ArrayList<>();
    private final FabricLedger.CommitBarrier barrier = this::awaitEveryPeer;
    private final List<FabricLedger> operatorConnections = new CopyOnWriteArrayList<>();
    private final List<FabricLedger> homeConnections = new CopyOnWriteArrayList<>();
    private final List<FabricLedger> representativeConnections = new CopyOnWriteArrayList<>();

    private FabricLedgerProvider(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
        for (Organization org : connection.organizations()) {
            if (org.peers() != null) {
                for (Peer peer : org.peers()) {
                    peers.add(new PeerHeight(org, peer));
                }
            }
        }
    }

    /**
     * Reads {@code DIR/connection.json}.
     *
     * @throws IOException naming the file when it is missing (the network is not up) or malformed
     */
    public static FabricLedgerProvider fromDirectory(Path directory) throws IOException {
        Path file = directory.resolve("connection.json");
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("no Fabric connection description at " + file
                    + ": start the network with test-network/network.sh up && test-network/network.sh deploy", e);
        }
        Connection c;
        try {
            c = CanonicalJson.fromJson(json, Connection.class);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a valid connection description: " + e.getMessage(), e);
        }
        if (c.channel() == null || c.chaincode() == null || c.organizations() == null) {
            throw new IOException(file + " lacks channel, chaincode or organizations");
        }
        return new FabricLedgerProvider(c, file);
    }

    @Override
    public String channel() {
        return connection.channel();
    }

    /** The file the network was described by. */
    public Path file() {
        return file;
    }

    @Override
    public Ledger connectOperator() throws LedgerException {
        FabricLedger ledger = connect(OPERATOR_MSP, 0);
        operatorConnections.add(ledger);
        return ledger;
    }

    /**
     * A connection signing as the {@code index}-th client identity of the community organisation
     * ({@code User<index + 1>}), whether or not a home is bound to it yet: registration binds the identity to the
     * home id it registers.
     */
    @Override
    public Ledger connectHome(int index, String homeId) throws LedgerException {
        FabricLedger ledger = connect(COMMUNITY_MSP, index);
        homeConnections.add(ledger);
        return ledger;
    }

    /**
     * A connection signing as a client identity of the community organisation taken from its last one down, one per
     * representative in the order asked, so that a representative never gets an identity that a home of an earlier,
     * larger day is bound to ({@code index} is not used).
     */
    @Override
    public Ledger connectRepresentative(int index, String representativeId) throws LedgerException {
        Organization org = connection.organizations().stream().filter(o -> COMMUNITY_MSP.equals(o.mspId()))
                .findFirst().orElseThrow(() -> new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: "
                        + file + " has no organisation " + COMMUNITY_MSP, null));
        int users = org.users() == null ? 0 : org.users().size();
        FabricLedger ledger = connect(COMMUNITY_MSP, users - 1 - representativeConnections.size());
        representativeConnections.add(ledger);
        return ledger;
    }

    /** Where the time of every operator connection this provider opened went, summed. */
    public FabricLedger.Timings operatorTimings() {
        return sum(operatorConnections);
    }

    /** Where the time of every home connection this provider opened went, summed. */
    public FabricLedger.Timings homeTimings() {
        return sum(homeConnections);
    }

    /** Where the time of every representative connection this provider opened went, summed. */
    public FabricLedger.Timings representativeTimings() {
        return sum(representativeConnections);
    }

    /**
     * How often the home connections this provider opened moved to another peer of their organisation because the
     * one in use could not be reached.
     */
    public long homeFailOvers() {
        return homeConnections.stream().mapToLong(FabricLedger::failOvers).sum();
    }

    private static FabricLedger.Timings sum(List<FabricLedger> connections) {
        FabricLedger.Timings total = FabricLedger.Timings.NONE;
        for (FabricLedger l : connections) {
            total = total.plus(l.timings());
        }
        return total;
    }

    private FabricLedger connect(String mspId, int userIndex) throws LedgerException {
        Organization org = connection.organizations().stream().filter(o -> mspId.equals(o.mspId())).findFirst()
                .orElseThrow(() -> new LedgerException(LedgerException.UNAVAILABLE,
                        "UNAVAILABLE: " + file + " has no organisation " + mspId, null));
        if (org.users() == null || userIndex >= org.users().size()) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: organisation " + mspId + " has "
                    + (org.users() == null ? 0 : org.users().size()) + " client identities, identity "
                    + (userIndex + 1) + " was asked for (raise the user count of network/crypto-config.yaml)", null);
        }
        User user = org.users().get(userIndex);
        List<Peer> orgPeers = Objects.requireNonNull(org.peers(), "peers");
        if (orgPeers.isEmpty()) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: organisation " + mspId + " in "
                    + file + " has no peer", null);
        }
        // Client identity i starts at peer i mod n and fails over to the next ones in turn.
        List<FabricLedger.Endpoint> endpoints = new ArrayList<>();
        for (int k = 0; k < orgPeers.size(); k++) {
            endpoints.add(endpoint(orgPeers.get((userIndex + k) % orgPeers.size())));
        }
        Identity identity = identity(org, user);
        return FabricLedger.connect(endpoints, identity, FabricLedger.DEFAULT_PATIENCE, barrier);
    }

    private FabricLedger.Endpoint endpoint(Peer peer) {
        return new FabricLedger.Endpoint(peer.endpoint(), Path.of(peer.tlsCaCert()), peer.hostOverride(),
                connection.channel(), connection.chaincode());
    }

    private static Identity identity(Organization org, User user) throws LedgerException {
        try {
            return Identity.fromPemFiles(org.mspId(), Path.of(user.cert()), Path.of(user.key()));
        } catch (IOException e) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: cannot read identity " + user.name()
                    + " of " + org.mspId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The chain head of every peer of the network (the auditor's included), by peer name: the same head on every
     * peer means every organisation holds the same chain, block for block.
     *
     * @throws LedgerException when a peer cannot be reached
     */
    public Map<String, FabricLedger.ChainHead> chainHeads() throws LedgerException {
        Map<String, FabricLedger.ChainHead> heads = new java.util.TreeMap<>();
        for (PeerHeight p : peers) {
            heads.put(p.peer.name(), p.head());
        }
        return heads;
    }

    /** Returns once every live peer has committed block {@code blockNumber} (see the class comment). */
    private void awaitEveryPeer(long blockNumber, String gatewayPeer) throws LedgerException {
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        for (PeerHeight p : peers) {
            if (p.peer.endpoint().equals(gatewayPeer)) {
                p.atLeast(blockNumber + 1);
            } else {
                p.await(blockNumber + 1, deadline);
            }
        }
    }

    /**
     * What is known of one peer's ledger height. The provider follows the peer's committed blocks (one filtered
     * block event stream per peer, opened at the first wait) and wakes the waiters as blocks arrive; while the
     * stream is down (the peer restarted), or when it has been silent for a while, a waiter asks the peer's query
     * system chaincode for its height instead, one caller at a time.
     */
    private final class PeerHeight {
        private final Organization org;
        private final Peer peer;
        private final AtomicLong known = new AtomicLong();
        private final Object monitor = new Object();
        private FabricLedger probe;
        private LedgerSubscription stream;
        private volatile boolean streaming;
        private long lastStreamAttemptNanos;
        private boolean closed;

        PeerHeight(Organization org, Peer peer) {
            this.org = org;
            this.peer = peer;
        }

        void atLeast(long height) {
            if (known.get() < height) {
                known.accumulateAndGet(height, Math::max);
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        }

        /**
         * Waits until the peer's height is at least {@code height}; returns as soon as the peer turns out to be
         * unreachable (its block stream ended and it does not answer a height query).
         */
        void await(long height, long deadlineNanos) throws LedgerException {
            follow();
            long lastProgress = System.nanoTime();
            long seen = known.get();
            while (known.get() < height) {
                long now = System.nanoTime();
                if (now > deadlineNanos) {
                    throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: peer " + peer.name()
                            + " has " + known.get() + " blocks; block " + (height - 1) + " was not committed there"
                            + " within " + VISIBILITY_TIMEOUT.toSeconds() + " s", null);
                }
                if (known.get() != seen) {
                    seen = known.get();
                    lastProgress = now;
                }
                if (!streaming || now - lastProgress > SILENT_STREAM_NANOS) {
                    follow();
                    if (!poll()) {
                        return;   // down: its organisation's clients go through another peer
                    }
                    lastProgress = System.nanoTime();
                }
                synchronized (monitor) {
                    if (known.get() < height) {
                        try {
                            monitor.wait(streaming ? WAIT_MILLIS : POLL_MILLIS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: interrupted while "
                                    + "waiting for peer " + peer.name(), e);
                        }
                    }
                }
            }
        }

        /** The peer's chain head. */
        synchronized FabricLedger.ChainHead head() throws LedgerException {
            FabricLedger.ChainHead head = probe().chainHead();
            atLeast(head.height());
            return head;
        }

        /**
         * Asks the peer for its height (one caller at a time; the others wait for the answer).
         *
         * @return false when the peer cannot be reached
         */
        private synchronized boolean poll() throws LedgerException {
            try {
                atLeast(probe().blockHeight());
                return true;
            } catch (LedgerException e) {
                if (LedgerException.UNAVAILABLE.equals(e.errorCode())
                        || LedgerException.DEADLINE_EXCEEDED.equals(e.errorCode())) {
                    return false;
                }
                throw e;
            }
        }

        /** Opens the block stream if it is not open, at most once a second. */
        private synchronized void follow() {
            if (streaming || closed || System.nanoTime() - lastStreamAttemptNanos < RESTREAM_NANOS) {
                return;
            }
            lastStreamAttemptNanos = System.nanoTime();
            try {
                long height = probe().blockHeight();
                atLeast(height);
                streaming = true;
                stream = probe().followBlocks(height, block -> atLeast(block + 1), () -> streaming = false);
            } catch (LedgerException e) {
                // The peer cannot be reached now; waiters poll until the stream can be opened again.
                streaming = false;
            }
        }

        /** Asks as the organisation's first client identity (reading the chain needs no more). */
        private synchronized FabricLedger probe() throws LedgerException {
            if (probe == null) {
                if (org.users() == null || org.users().isEmpty()) {
                    throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: organisation "
                            + org.mspId() + " in " + file + " has no client identity to query its peer with", null);
                }
                probe = FabricLedger.connect(endpoint(peer), identity(org, org.users().get(0)),
                        FabricLedger.DEFAULT_PATIENCE, FabricLedger.CommitBarrier.NONE);
            }
            return probe;
        }

        synchronized void close() {
            closed = true;
            streaming = false;
            if (stream != null) {
                stream.close();
                stream = null;
            }
            if (probe != null) {
                probe.close();
                probe = null;
            }
        }
    }

    @Override
    public String describe() {
        return "fabric (" + file + ")";
    }

    /** Closes the provider's own peer queries; the connections it handed out are closed by their owners. */
    @Override
    public void close() {
        for (PeerHeight p : peers) {
            p.close();
        }
    }
}
