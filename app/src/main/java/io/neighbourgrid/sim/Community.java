package io.neighbourgrid.sim;

import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.AgentStateStore;
import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.OperatorAgent;
import io.neighbourgrid.agent.Representative;
import io.neighbourgrid.agent.SelectionForecast;
import io.neighbourgrid.agent.RandomizerPools;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * A simulated community: one {@link HomeAgent} per home of a {@link CommunityDay}, each with its own ledger
 * connection (its own identity) and key pair, and the operator's agent. In a deployment every agent runs on its
 * own home controller with its own randomizer pools; here the agents share one JVM, so they share one pool per
 * key, which costs the same computation.
 *
 * <p>By default the agents keep their per-window state in memory, as a controller that never restarts would, so
 * the run's figures are the market's alone. With a state directory every home keeps it in an encrypted
 * {@link AgentStateStore} of its own ({@code <directory>/<homeId>}, under the key cache's passphrase), and
 * {@link #restart(String)} replaces a home's agent by a fresh one over the same store, as a controller restarted
 * after a crash would run.
 */
public final class Community implements AutoCloseable {
    private final LedgerProvider provider;
    private final OperatorAgent operator;
    private final Map<String, HomeAgent> agents = new LinkedHashMap<>();
    private final Map<String, PaillierKeyPair> keyPairs = new LinkedHashMap<>();
    private final List<Ledger> connections = new ArrayList<>();
    private final RandomizerPools pools;
    private final SimulationClock clock;
    private final KeyCache keyCache;
    private final Path stateDirectory;
    private final AgentListener listener;
    private final SecureRandom random;
    private final Map<String, MarketClient> clients = new LinkedHashMap<>();
    private final Map<String, HomeProfile> profiles = new LinkedHashMap<>();
    private final Bidding bids;
    /** The selection the homes expect, shared by their agents (one ranking read per epoch); null: two steps. */
    private volatile SelectionForecast forecast;
    /** The representatives acting for the homes, and the one each represented home delegates to. */
    private final List<Representative> representatives = new ArrayList<>();
    private final Map<String, Representative> representativeOf = new LinkedHashMap<>();

    /**
     * Creates the agents, generating (or loading) every home's key pair on {@code threads} threads.
     *
     * @param keyBits the homes' key size, one {@link KeyPolicy} accepts for {@link KeyPolicy.Use#MARKET}
     * @throws IllegalArgumentException with the policy's message when {@code keyBits} is not accepted
     */
    public Community(LedgerProvider provider, CommunityDay day, int keyBits, KeyCache keyCache, SimulationClock clock,
                     AgentListener listener, int threads) throws LedgerException, InterruptedException {
        this(provider, day, keyBits, keyCache, clock, listener, threads, null);
    }

    /**
     * As {@link #Community(LedgerProvider, CommunityDay, int, KeyCache, SimulationClock, AgentListener, int)}, with
     * every home's agent state in an encrypted store under {@code stateDirectory} (null: in memory).
     *
     * @throws UncheckedIOException if a home's state store cannot be opened
     */
    public Community(LedgerProvider provider, CommunityDay day, int keyBits, KeyCache keyCache, SimulationClock clock,
                     AgentListener listener, int threads, Path stateDirectory)
            throws LedgerException, InterruptedException {
        this(provider, day, keyBits, keyCache, clock, listener, threads, stateDirectory, null);
    }

    /**
     * As {@link #Community(LedgerProvider, CommunityDay, int, KeyCache, SimulationClock, AgentListener, int, Path)},
     * with every home's agent contributing its {@link Bidding bid} of each window instead of its realised values
     * (null: the realised values).
     */
    public Community(LedgerProvider provider, CommunityDay day, int keyBits, KeyCache keyCache, SimulationClock clock,
                     AgentListener listener, int threads, Path stateDirectory, Bidding bids)
            throws LedgerException, InterruptedException {
        KeyPolicy.require(keyBits, KeyPolicy.Use.MARKET, "keyBits");
        this.bids = bids;
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyCache = Objects.requireNonNull(keyCache, "keyCache");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stateDirectory = stateDirectory;
        SecureRandom random = new SecureRandom();
        this.random = random;
        this.pools = new RandomizerPools(1 << 20, random);
        Ledger operatorLedger = provider.connectOperator();
        connections.add(operatorLedger);
        this.operator = new OperatorAgent(new MarketClient(operatorLedger, provider.channel()));
        this.forecast = new SelectionForecast(operator.client());

        List<HomeProfile> homes = day.homes();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<PaillierKeyPair>> pending = new ArrayList<>();
            for (HomeProfile h : homes) {
                pending.add(pool.submit(() -> keyCache.keyPair(h.homeId(), keyBits, KeyPolicy.Use.MARKET)));
            }
            for (int i = 0; i < homes.size(); i++) {
                keyPairs.put(homes.get(i).homeId(), get(pending.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < homes.size(); i++) {
            HomeProfile h = homes.get(i);
            Ledger ledger = provider.connectHome(i, h.homeId());
            connections.add(ledger);
            clients.put(h.homeId(), new MarketClient(ledger, provider.channel()));
            profiles.put(h.homeId(), h);
            agents.put(h.homeId(), newAgent(h.homeId()));
        }
    }

    private HomeAgent newAgent(String homeId) {
        return newAgent(homeId, inputs(homeId));
    }

    /** What a home's agent contributes in each window: its bid, or without bids its realised values. */
    private LongFunction<HomeInput> inputs(String homeId) {
        HomeProfile h = profiles.get(homeId);
        return bids == null ? t -> h.input((int) t) : t -> bids.bid(homeId, (int) t);
    }

    private HomeAgent newAgent(String homeId, LongFunction<HomeInput> meter) {
        AgentStateStore store = null;
        if (stateDirectory != null) {
            char[] passphrase = keyCache.passphrase();
            try {
                store = AgentStateStore.open(stateDirectory.resolve(homeId), homeId, passphrase, random);
            } catch (IOException e) {
                throw new UncheckedIOException("agent state of " + homeId + ": " + e.getMessage(), e);
            } finally {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }
        HomeAgent agent = new HomeAgent(homeId, clients.get(homeId), keyPairs.get(homeId), meter, pools, random,
                listener, store);
        agent.setSelectionForecast(forecast);
        return agent;
    }

    /**
     * Whether the homes contribute with their role declarations, under the keys of the homes they expect the window
     * to select (the default), or declare and contribute in two transactions.
     */
    public void setContributesWithRole(boolean withRole) {
        forecast = withRole ? new SelectionForecast(operator.client()) : null;
        agents.values().forEach(a -> a.setSelectionForecast(forecast));
    }

    /**
     * Lets {@code count} representatives act for the homes, each with its own identity and connection; home
     * {@code i} (in home order) is represented by representative {@code i mod count}. They take effect when
     * {@link #registerRepresentatives} has put them and the homes' delegations on the ledger. Once per community.
     *
     * @param count 0 for none, at most one per home
     * @throws IllegalArgumentException for a count outside [0, homes]
     * @throws IllegalStateException    if representatives were set before
     */
    public void setRepresentatives(int count) throws LedgerException {
        if (count < 0 || count > agents.size()) {
            throw new IllegalArgumentException("between 0 and " + agents.size() + " representatives, got " + count);
        }
        if (!representatives.isEmpty()) {
            throw new IllegalStateException("the community has its representatives already");
        }
        for (int j = 0; j < count; j++) {
            String id = String.format(java.util.Locale.ROOT, "representative-%03d", j + 1);
            Ledger ledger = provider.connectRepresentative(agents.size() + j, id);
            connections.add(ledger);
            representatives.add(new Representative(id, new MarketClient(ledger, provider.channel()), listener));
        }
        int i = 0;
        for (String homeId : agents.keySet()) {
            if (count > 0) {
                representativeOf.put(homeId, representatives.get(i++ % count));
            }
        }
    }

    /**
     * Registers the representatives, then every represented home's delegation (after the homes registered), the
     * homes concurrently on {@code pool}.
     */
    public void registerRepresentatives(ExecutorService pool) throws LedgerException, InterruptedException {
        for (Representative r : representatives) {
            r.register();
        }
        List<Future<Void>> jobs = new ArrayList<>();
        for (Map.Entry<String, Representative> e : representativeOf.entrySet()) {
            HomeAgent agent = agents.get(e.getKey());
            jobs.add(pool.submit(() -> {
                agent.delegateTo(e.getValue());
                return null;
            }));
        }
        for (Future<Void> job : jobs) {
            try {
                job.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LedgerException le) {
                    throw le;
                }
                throw new IllegalStateException("a delegation failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The representatives acting for the homes (none unless {@link #setRepresentatives} was called). */
    public List<Representative> representatives() {
        return Collections.unmodifiableList(representatives);
    }

    /** Transactions submitted by every connection so far: the homes', the representatives' and the operator's. */
    public long submittedTransactions() {
        long sum = 0;
        for (Ledger l : connections) {
            sum += l.traffic().submissions();
        }
        return sum;
    }

    /**
     * Simulates a home controller that crashed and started again: the home's agent is dropped as it is, without
     * any shutdown, and a new one takes its place with the same identity, keys and meter, over the same state
     * store (opened again from disk). Without a state directory the new agent starts with nothing.
     *
     * @return the new agent
     * @throws IllegalArgumentException if the community has no such home
     */
    public HomeAgent restart(String homeId) {
        if (!profiles.containsKey(homeId)) {
            throw new IllegalArgumentException("no home " + homeId + " in this community");
        }
        return restart(homeId, inputs(homeId));
    }

    /**
     * As {@link #restart(String)}, with the new agent reading its meter values from {@code meter} (for instance a
     * meter that lost the values of the windows before the crash, so that the agent has only what it saved).
     */
    public HomeAgent restart(String homeId, LongFunction<HomeInput> meter) {
        if (!agents.containsKey(homeId)) {
            throw new IllegalArgumentException("no home " + homeId + " in this community");
        }
        HomeAgent fresh = newAgent(homeId, Objects.requireNonNull(meter, "meter"));
        agents.put(homeId, fresh);
        Representative r = representativeOf.get(homeId);
        if (r != null) {
            try {
                fresh.delegateTo(r);
            } catch (LedgerException e) {
                throw new IllegalStateException("home " + homeId + " cannot rejoin its representative "
                        + r.representativeId() + ": " + e.getMessage(), e);
            }
        }
        return fresh;
    }

    /** Where the homes' agent state is kept, if not in memory. */
    public java.util.Optional<Path> stateDirectory() {
        return java.util.Optional.ofNullable(stateDirectory);
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("key generation failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The operator's agent. */
    public OperatorAgent operator() {
        return operator;
    }

    /** The homes' agents in home order. */
    public List<HomeAgent> agents() {
        return Collections.unmodifiableList(new ArrayList<>(agents.values()));
    }

    /** The agent of {@code homeId}, or {@code null}. */
    public HomeAgent agent(String homeId) {
        return agents.get(homeId);
    }

    /** The key pair of {@code homeId} (the simulation holds every home's keys), or {@code null}. */
    public PaillierKeyPair keyPair(String homeId) {
        return keyPairs.get(homeId);
    }

    /** The shared randomizer pools. */
    public RandomizerPools pools() {
        return pools;
    }

    /** The simulation clock. */
    public SimulationClock clock() {
        return clock;
    }

    /** The registration proof of an agent's key, cached with its key store. */
    public KeyCorrectnessProof registrationProof(HomeAgent agent) {
        return keyCache.registrationProof(agent.homeId(), keyPairs.get(agent.homeId()), provider.channel(),
                agent::registrationProof);
    }

    /** Bytes submitted by the homes' and representatives' connections so far (the operator's excluded). */
    public long submittedBytes() {
        long sum = 0;
        for (int i = 1; i < connections.size(); i++) {
            sum += connections.get(i).traffic().submittedBytes();
        }
        return sum;
    }

    /** The ledger provider. */
    public LedgerProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        for (Ledger l : connections) {
            l.close();
        }
        pools.close();
        provider.close();
    }
}
