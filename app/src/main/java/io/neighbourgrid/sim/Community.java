package io.neighbourgrid.sim;

import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.AgentStateStore;
import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.OperatorAgent;
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

    /** Bytes submitted by the homes' connections so far (the operator's excluded). */
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
