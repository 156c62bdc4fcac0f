package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.crypto.proof.RingPedersenProof;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.ProofParameters;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * A home controller's part in the market, run unattended: registers the home, and in every window declares its
 * role, submits its encrypted contribution with its range proof, and, when the ledger selects it, transfers the
 * masks' sum (r2) or proves the outcome from the hidden totals (r1); finally computes what it delivers or receives
 * from the window's public outcome and its own private net energy.
 *
 * <p>{@link #step(long)} is the only entry point of a window: it reads the window from the ledger and performs
 * every action that is due for this home and not yet recorded, so calling it again after a crash, a timeout or an
 * event is always safe (nothing is submitted twice: the contract also rejects duplicates). Drive it from ledger
 * events, from a poll, or, in the simulator, phase by phase.
 *
 * <p>Private values (generation, load, battery, preference, net energy, masks) never leave the agent except
 * encrypted; they are never logged.
 *
 * <p><b>Durable state.</b> Built over an {@link AgentStateStore}, the agent keeps on disk, encrypted, what it needs
 * to finish and settle each window ({@link WindowState}): the inputs it declared from, the exact contribution it
 * submits, and its settlement. Each is saved before the transaction that depends on it is submitted, so a new agent
 * built for the same home over the same store after a crash at any point carries the window on from the ledger and
 * that state: it sends the same contribution again if the ledger does not have it. A selected home's steps need no
 * saved state: they are computed again from the ledger and the home's key. Without a store the state lives in memory
 * only, and an agent restarted mid-window contributes from fresh inputs.
 */
public final class HomeAgent {
    private static final int SUBMIT_ATTEMPTS = 3;

    /** Proof parameters (channel, parameters, proof) whose proof an agent of this process has verified. */
    private static final Set<String> VERIFIED_PARAMETERS = ConcurrentHashMap.newKeySet();

    private final String homeId;
    private final MarketClient client;
    private final PaillierKeyPair keys;
    private final LongFunction<HomeInput> inputs;
    private final RandomizerPools pools;
    private final SecureRandom random;
    private final AgentListener listener;
    /** Where the windows' state is saved before it is relied on, or null to keep it in memory only. */
    private final AgentStateStore store;
    /** What the agent keeps of each window it acted in, until {@link #forgetBefore}. */
    private final Map<Long, WindowState> windows = new ConcurrentHashMap<>();
    private final Map<String, PaillierPublicKey> keyCache = new ConcurrentHashMap<>();
    private final MemberSteps member = new MemberSteps(this);
    private final SelectedHomeSteps evaluation = new SelectedHomeSteps(this);
    private volatile RingPedersenParameters proofParameters;
    private volatile boolean verifiesContributions = true;

    /**
     * @param homeId   the home id this agent acts for
     * @param client   the market client over a ledger connection signing as this home's identity
     * @param keys     the home's Paillier key pair
     * @param inputs   the home's private meter values per window
     * @param pools    randomizer pools for the keys it encrypts under
     * @param random   source of randomness for masks and proofs
     * @param listener where progress and failures go
     */
    public HomeAgent(String homeId, MarketClient client, PaillierKeyPair keys, LongFunction<HomeInput> inputs,
                     RandomizerPools pools, SecureRandom random, AgentListener listener) {
        this(homeId, client, keys, inputs, pools, random, listener, null);
    }

    /**
     * An agent whose per-window state survives a restart: it takes over what {@code store} held when opened (the
     * state an earlier agent of this home left there) and saves every change to it.
     *
     * @param store the home's state store, opened by {@link AgentStateStore#open}, or null to keep the state in
     *              memory only; one agent per store
     * @throws IllegalArgumentException if the store belongs to another home
     * @throws IllegalStateException    if another agent already runs over the store
     */
    public HomeAgent(String homeId, MarketClient client, PaillierKeyPair keys, LongFunction<HomeInput> inputs,
                     RandomizerPools pools, SecureRandom random, AgentListener listener, AgentStateStore store) {
        this.homeId = Objects.requireNonNull(homeId, "homeId");
        this.client = Objects.requireNonNull(client, "client");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.pools = Objects.requireNonNull(pools, "pools");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.store = store;
        member.setForecast(new SelectionForecast(client));
        if (store != null) {
            if (!store.homeId().equals(homeId)) {
                throw new IllegalArgumentException("the state store of " + store.homeId() + " cannot serve home "
                        + homeId);
            }
            AgentStateStore.Restored restored = store.claim();
            windows.putAll(restored.windows());
        }
    }

    /** The home id. */
    /** The home's Paillier keys (for the steps of a selected home). */
    PaillierKeyPair keys() {
        return keys;
    }

    /** The randomizer pools of the keys the agent encrypts under. */
    RandomizerPools pools() {
        return pools;
    }

    /** The agent's randomness. */
    SecureRandom random() {
        return random;
    }

    public String homeId() {
        return homeId;
    }

    /** The agent's market client. */
    public MarketClient client() {
        return client;
    }

    /** The home's Paillier public key. */
    public PaillierPublicKey publicKey() {
        return keys.publicKey();
    }

    /** Creates the registration proof of this home's key (the expensive part of {@link #register}). */
    public KeyCorrectnessProof registrationProof() {
        return KeyCorrectnessProof.prove(keys.privateKey(), ProofContexts.registration(client.channel(), homeId),
                random);
    }

    /**
     * Creates the no-small-factor proof of this home's key against the ledger's proof parameters, after checking
     * their proof: the proof hides the key's primes only if the parameters are well formed (docs/crypto.md).
     *
     * @throws IllegalStateException if the operator has not registered the proof parameters yet
     * @throws io.neighbourgrid.crypto.CryptoException if the registered parameters or their proof do not verify
     */
    public NoSmallFactorProof factorProof() throws LedgerException {
        ProofParameters record = client.proofParameters().orElseThrow(() -> new IllegalStateException(
                "the operator has not registered the proof parameters yet: home " + homeId + " cannot register"));
        RingPedersenParameters params = RingPedersenParameters.fromBase64(record.parameters());
        // The parameters' proof is what keeps this home's primes hidden; agents of one process verify it once.
        String verified = client.channel() + "\u0000" + record.parameters() + "\u0000" + record.parametersProof();
        if (!VERIFIED_PARAMETERS.contains(verified)) {
            RingPedersenProof.fromBase64(record.parametersProof()).verify(params,
                    ProofContexts.proofParameters(client.channel()));
            VERIFIED_PARAMETERS.add(verified);
        }
        return NoSmallFactorProof.prove(keys.privateKey(), params,
                ProofContexts.registration(client.channel(), homeId), random);
    }

    /**
     * Registers the home if the ledger does not know it yet; a home already registered with this agent's key is
     * left alone, and one registered with another key is an error. The no-small-factor proof is made here, against
     * the proof parameters on the ledger ({@link #factorProof()}).
     *
     * @param proof the key's correctness proof, from {@link #registrationProof()} (may be cached by the caller)
     * @return whether a registration was submitted
     */
    public boolean register(KeyCorrectnessProof proof) throws LedgerException {
        Optional<HomeRecord> existing = client.home(homeId);
        if (existing.isPresent()) {
            if (!existing.get().paillierKey().equals(keys.publicKey().toBase64())) {
                throw new IllegalStateException("home " + homeId + " is registered with another Paillier key");
            }
            return false;
        }
        long start = System.nanoTime();
        client.registerHome(homeId, keys.publicKey().toBase64(), proof.toBase64(), factorProof().toBase64());
        listener.onAction(homeId, -1, AgentAction.REGISTERED, System.nanoTime() - start);
        return true;
    }

    /**
     * Performs every action of window {@code t} that is due for this home and not yet on the ledger.
     *
     * @return the actions performed, in order (empty when nothing was due)
     */
    public List<AgentAction> step(long t) {
        List<AgentAction> done = new ArrayList<>();
        try {
            Optional<WindowView> maybe = client.windowFor(t, homeId);
            if (maybe.isEmpty()) {
                return done;
            }
            WindowView view = maybe.get();
            WindowPhase phase = view.window().phase();
            member.seen(t, view);
            switch (phase) {
                case ROLES -> member.declareRole(t, view.window(), done);
                case CONTRIBUTIONS -> member.contribute(t, view.window(), done);
                case EVALUATION -> evaluation.run(t, view, done);
                case CLEARED, GRID_ONLY, SETTLED -> settle(t, view.window(), done);
                default -> throw new IllegalStateException("unknown window phase " + phase);
            }
        } catch (LedgerException | RuntimeException e) {
            listener.onError(homeId, t, e);
        }
        return done;
    }

    /**
     * Like {@link #step(long)}, but acts on a record of window {@code t} the caller already holds, such as the result
     * of the transaction that opened the window, closed its roles or settled it: in the role and contribution phases
     * the agent declares or contributes straight from that record, and from a decided record (one with an outcome) it
     * settles, without reading the window first; in the evaluation, or when the record turns out to be out of date,
     * it reads the window as {@link #step(long)} does. Safe with any
     * record: the contract checks every submission against the ledger, and a declaration or contribution already
     * recorded is only rejected as a duplicate.
     *
     * @param latest a record of window {@code t}, or null to read it from the ledger
     * @return the actions performed, in order
     */
    public List<AgentAction> step(long t, WindowRecord latest) {
        if (latest == null || latest.window() != t || latest.phase() == WindowPhase.EVALUATION) {
            return step(t);
        }
        List<AgentAction> done = new ArrayList<>();
        try {
            if (latest.outcome() != null) {
                settle(t, latest, done);
            } else if (latest.phase() == WindowPhase.ROLES) {
                member.declareRole(t, latest, done);
            } else {
                member.contribute(t, latest, done);
            }
            return done;
        } catch (LedgerException e) {
            if (e.is(ErrorCode.DUPLICATE_SUBMISSION)) {
                member.onDuplicate(t, latest.phase());
                return done;
            }
            // The record was out of date (the phase moved on, a deadline passed): read the window instead.
            done.addAll(step(t));
            return done;
        } catch (RuntimeException e) {
            listener.onError(homeId, t, e);
            return done;
        }
    }

    /**
     * This home's settlement of window {@code t}, once the window has an outcome and {@link #step} has seen it
     * (with a store, also when an earlier agent of this home computed it).
     */
    public Optional<HomeSettlement> settlement(long t) {
        WindowState s = windows.get(t);
        return s == null ? Optional.empty() : Optional.ofNullable(s.settlement());
    }

    /**
     * The windows this agent holds state of but has not settled yet, in order: after a restart, the windows it must
     * carry on ({@link AgentRunner} steps them as soon as it starts).
     */
    public SortedSet<Long> unsettledWindows() {
        SortedSet<Long> out = new TreeSet<>();
        windows.forEach((w, s) -> {
            if (s.settlement() == null) {
                out.add(w);
            }
        });
        return Collections.unmodifiableSortedSet(out);
    }

    /** The store this agent saves its state to, if it has one. */
    public Optional<AgentStateStore> store() {
        return Optional.ofNullable(store);
    }

    /**
     * Forgets the per-window state of windows before {@code t} (inputs, contributions and settlements)
     * and, with a store, deletes their files. Call it once those windows are settled and their settlements read.
     */
    public void forgetBefore(long t) {
        windows.keySet().removeIf(w -> w < t);
        member.forgetBefore(t);
        if (store != null) {
            try {
                store.deleteBefore(t);
            } catch (IOException e) {
                listener.onError(homeId, t, e);
            }
        }
    }

    private void settle(long t, WindowRecord window, List<AgentAction> done) {
        if (settlement(t).isPresent()) {
            return;
        }
        long start = System.nanoTime();
        HomeSettlement mine = HomeContribution.settlement(homeId, input(t).netEnergy(), window);
        // Only the settlement is kept from now on: the inputs and the contribution are no longer needed.
        keep(WindowState.settled(t, mine));
        listener.onSettlement(homeId, t, mine);
        record(t, AgentAction.SETTLED, start, done);
    }

    /**
     * The home's inputs of window {@code t}: those the agent already acted on, if any (an earlier agent's, after a
     * restart), else the meter's.
     */
    HomeInput input(long t) {
        WindowState s = windows.get(t);
        if (s != null && s.input() != null) {
            return s.input();
        }
        HomeInput in = inputs.apply(t);
        if (in == null || !in.homeId().equals(homeId)) {
            throw new IllegalStateException("no meter values of home " + homeId + " for window " + t);
        }
        return in;
    }

    /** {@link #input}, kept in the window's state from now on. */
    HomeInput keptInput(long t) {
        WindowState s = state(t);
        if (s.input() != null) {
            return s.input();
        }
        HomeInput in = input(t);
        update(t, kept -> kept.input() != null ? kept : kept.withInput(in));
        return in;
    }

    /** What the agent keeps of window {@code t} (possibly nothing yet). */
    WindowState state(long t) {
        WindowState s = windows.get(t);
        return s != null ? s : WindowState.empty(t);
    }

    /** Changes window {@code t}'s state with {@link #keep}, one change at a time. */
    synchronized void update(long t, UnaryOperator<WindowState> change) {
        keep(change.apply(state(t)));
    }

    /**
     * Records window {@code s.window()}'s new state: saved first (with a store), then used. A state that cannot be
     * saved is not used, so nothing goes out that a restarted agent would not know about.
     */
    private synchronized void keep(WindowState s) {
        if (store != null) {
            try {
                store.save(s);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the state of window " + s.window() + " of home " + homeId
                        + ": " + e.getMessage(), e);
            }
        }
        windows.put(s.window(), s);
    }

    PaillierPublicKey keyOf(String otherHome) throws LedgerException {
        PaillierPublicKey cached = keyCache.get(otherHome);
        if (cached != null) {
            return cached;
        }
        HomeRecord record = client.home(otherHome)
                .orElseThrow(() -> new IllegalStateException("selected home " + otherHome + " is not registered"));
        PaillierPublicKey key = PaillierPublicKey.fromBase64(record.paillierKey());
        keyCache.put(otherHome, key);
        return key;
    }

    /** The market's proof parameters, read from the ledger once. */
    RingPedersenParameters proofParameters() throws LedgerException {
        RingPedersenParameters p = proofParameters;
        if (p == null) {
            p = client.proofParametersParsed().orElseThrow(() -> new IllegalStateException(
                    "the operator has not registered the proof parameters: home " + homeId + " cannot prove"));
            proofParameters = p;
        }
        return p;
    }

    /**
     * Sets where the agent learns which homes a window is expected to select, so that it contributes with its role
     * declaration; by default a forecast of its own. Agents of one process may share one. Null makes the agent
     * declare and contribute in two transactions.
     */
    public void setSelectionForecast(SelectionForecast forecast) {
        member.setForecast(forecast);
    }

    /**
     * Delegates the home's market participation to {@code representative} on the ledger (a delegation to the same
     * representative already there is kept) and from now on hands it each window's declaration and contribution.
     */
    public void delegateTo(Representative representative) throws LedgerException {
        var current = client.delegation(homeId);
        if (current.isEmpty() || !current.get().activeFor(representative.representativeId())) {
            submit(() -> client.delegate(representative.representativeId()));
        }
        member.setRepresentative(representative);
    }

    /** Whether this agent, when selected as r1, checks every member's contribution proof before it proves the outcome. */
    public boolean verifiesContributions() {
        return verifiesContributions;
    }

    /**
     * Sets whether this agent, when selected as r1, checks every member's contribution proof before it proves the
     * outcome (default true). Without the check an invalid contribution that keeps the totals in range is found only
     * by whoever else checks the window before it settles.
     */
    public void setVerifiesContributions(boolean verify) {
        verifiesContributions = verify;
    }

    void record(long t, AgentAction action, long startNanos, List<AgentAction> done) {
        done.add(action);
        listener.onAction(homeId, t, action, System.nanoTime() - startNanos);
    }

    @FunctionalInterface
    interface Submission {
        void run() throws LedgerException;
    }

    /** Submits, retrying conflicts and transport failures a few times; a contract rejection is final. */
    static void submit(Submission submission) throws LedgerException {
        for (int attempt = 1; ; attempt++) {
            try {
                submission.run();
                return;
            } catch (LedgerException e) {
                if (!e.isRetryable() || attempt >= SUBMIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "HomeAgent[" + homeId + "]";
    }
}
