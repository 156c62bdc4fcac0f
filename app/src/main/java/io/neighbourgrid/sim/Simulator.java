package io.neighbourgrid.sim;

import io.neighbourgrid.agent.AgentAction;
import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.OperatorAgent;
import io.neighbourgrid.agent.Representative;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.ContributionCoupons;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Selection;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowMetrics;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.bids.BidAccounting;
import io.neighbourgrid.sim.partners.PartnerDay;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.coalitions.CoalitionFormation;
import io.neighbourgrid.sim.data.CommunityDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntBiFunction;

/**
 * Runs a community's trading day: every home is a {@link HomeAgent} with its own identity, key pair and ledger
 * connection; the operator's {@link OperatorAgent} opens, closes and settles each window. Windows run phase by
 * phase (the homes of a phase act concurrently on a thread pool), and each window is measured from its opening
 * to its recorded settlement. Next to the private run, the same window is cleared in plaintext by the
 * {@link ReferenceMarket}; the report states every deviation.
 *
 * <p>Randomizers for the keys of each selection epoch's selected homes are computed before the epoch starts
 * (homes do this during idle time) and reported separately as precomputation.
 */
public final class Simulator {
    /** Phases of a window as the report names them. */
    public static final List<String> PHASES = List.of("open", "roles", "contributions", "evaluation", "settlement");
    private static final int MAX_EVALUATION_ROUNDS = 12;

    private final Community community;
    private final CommunityDay day;
    private final MarketConfig config;
    private final int threads;
    private final SimulationListener progress;
    private final Bidding bidding;
    private final OptionalInt coalitionBlock;
    private PartnerDay partners;

    /** Progress of a run, for a progress bar; called on the simulator's thread. */
    public interface SimulationListener {
        /** A stage of the set-up (key generation, registration, precomputation). */
        default void stage(String message) {
        }

        /** Window {@code index} (0-based) of {@code total} is done. */
        default void windowDone(int index, int total, WindowReport report) {
        }

        /** A home or the operator reported a failure (the run goes on; the window may end grid-only). */
        default void error(String who, long window, Exception error) {
        }
    }

    /**
     * @param community the homes, their agents and the operator, connected to a ledger
     * @param day       the homes' private inputs
     * @param config    the market configuration the operator sets
     * @param threads   threads on which the homes of a phase act
     * @param progress  progress callbacks
     */
    public Simulator(Community community, CommunityDay day, MarketConfig config, int threads,
                     SimulationListener progress) {
        this(community, day, config, threads, progress, Bidding.realised(day, config));
    }

    /**
     * As {@link #Simulator(Community, CommunityDay, MarketConfig, int, SimulationListener)}, with the homes bidding
     * as {@code bidding} says (the community's agents must read the same bids). The plaintext reference clears the
     * bids; unless they are the realised, truthful values the report also settles them against the metered values
     * ({@link BidAccounting}).
     */
    public Simulator(Community community, CommunityDay day, MarketConfig config, int threads,
                     SimulationListener progress, Bidding bidding) {
        this(community, day, config, threads, progress, bidding, OptionalInt.empty());
    }

    /**
     * As {@link #Simulator(Community, CommunityDay, MarketConfig, int, SimulationListener, Bidding)}; with
     * {@code coalitionBlock}, after the day the homes also form coalitions by merge-and-split for every block of that
     * many windows, and each coalition's market is cleared on the block's bids ({@link CoalitionFormation}, an
     * analysis beside the ledger's run of the single community).
     */
    public Simulator(Community community, CommunityDay day, MarketConfig config, int threads,
                     SimulationListener progress, Bidding bidding, OptionalInt coalitionBlock) {
        this.coalitionBlock = Objects.requireNonNull(coalitionBlock, "coalitionBlock");
        this.bidding = Objects.requireNonNull(bidding, "bidding");
        this.community = Objects.requireNonNull(community, "community");
        this.day = Objects.requireNonNull(day, "day");
        this.config = Objects.requireNonNull(config, "config");
        this.threads = Math.max(1, threads);
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Makes the homes record {@code day}'s agreements on the ledger once they are registered, and clears them after
     * every settled window ({@code docs/partners.md}); the report gains its partners section.
     *
     * @param day the agreements
     * @return this simulator
     */
    public Simulator withPartners(PartnerDay day) {
        this.partners = Objects.requireNonNull(day, "day");
        return this;
    }

    /**
     * Configures the market (and the proof parameters), registers every home, and runs {@code windows} windows from
     * window {@code first}.
     *
     * @param builder the report to fill (its configuration is the caller's)
     */
    public RunReport run(RunReport.Builder builder, int first, int windows) throws LedgerException, InterruptedException {
        // The report shows the replayed day: each window's clock time, the inputs, their origin and assumptions.
        builder.inputs(day);
        OperatorAgent operator = community.operator();
        // The operator's agent also registers the proof parameters the homes' no-small-factor proofs need.
        progress.stage("configuring the market and its proof parameters");
        operator.configure(config);
        MarketParameters params = config.parameters();
        ReferenceMarket reference = new ReferenceMarket(params);
        PaperReferenceCheck paper = new PaperReferenceCheck(params);
        double precomputationMs = 0;
        BidAccounting accounting = bidding.plain() ? null : new BidAccounting(bidding, day, params);
        // Homes are independent controllers: they act concurrently, so a phase's transactions reach the ledger
        // together (the embedded ledger then cuts them into few blocks, as an orderer would).
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(threads, Math.min(64,
                community.agents().size())));
        try {
            register(pool);
            if (partners != null) {
                progress.stage("recording " + partners.size() + " partner agreements");
                partners.record(community);
            }
            long epoch = -1;
            for (int i = 0; i < windows; i++) {
                long t = first + i;
                long e = Selection.epoch(t, config.selectionEpochWindows());
                if (e != epoch) {
                    epoch = e;
                    int remaining = (int) Math.min(windows - i,
                            (e + 1) * config.selectionEpochWindows() - t);
                    precomputationMs += precompute(e, t, remaining, pool);
                }
                WindowRun run = runWindow(t, params, reference, paper, pool);
                WindowReport report = run.report();
                builder.addWindow(report.outcome(), report.reference().orElse(null), report.metrics());
                builder.paperCheck(t, run.paperDeviations());
                bidding.observe(report.outcome());
                if (accounting != null) {
                    accounting.add(report.outcome());
                }
                if (partners != null) {
                    partners.add(report.outcome(), settledAt(t));
                }
                progress.windowDone(i, windows, report);
                for (HomeAgent a : community.agents()) {
                    a.forgetBefore(t);
                }
                community.representatives().forEach(r -> r.forgetBefore(t));
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        builder.precomputationMs(precomputationMs);
        if (accounting != null) {
            builder.bidding(accounting.report());
        }
        if (coalitionBlock.isPresent()) {
            progress.stage("forming coalitions by merge-and-split");
            builder.coalitions(CoalitionFormation.run(reference, bidding::bids, first, windows,
                    coalitionBlock.getAsInt()));
        }
        if (partners != null) {
            builder.partners(partners.report());
        }
        return builder.build();
    }

    private void register(ExecutorService pool) throws LedgerException, InterruptedException {
        progress.stage("registering " + community.agents().size() + " homes (key proofs)");
        List<Future<?>> jobs = new ArrayList<>();
        for (HomeAgent agent : community.agents()) {
            jobs.add(pool.submit(() -> {
                agent.register(community.registrationProof(agent));
                return null;
            }));
        }
        await(jobs);
        if (!community.representatives().isEmpty()) {
            progress.stage("registering " + community.representatives().size() + " representatives and the homes' "
                    + "delegations");
            community.registerRepresentatives(pool);
        }
    }

    /**
     * Every representative submits the batches of window {@code t} its homes handed it, concurrently: the
     * declarations ({@link Representative#submit}) or the contributions made once the roles closed
     * ({@link Representative#submitContributions}).
     *
     * @return whether a batch was refused (its homes then act themselves)
     */
    private boolean submitBatches(long t, ExecutorService pool, ToIntBiFunction<Representative, Long> submit)
            throws InterruptedException {
        List<Future<?>> jobs = new ArrayList<>();
        for (Representative r : community.representatives()) {
            jobs.add(pool.submit(() -> submit.applyAsInt(r, t)));
        }
        await(jobs);
        return community.representatives().stream().anyMatch(r -> r.refused(t));
    }

    /**
     * Computes what every home needs for the windows of epoch {@code epoch} from {@code from} on, as homes do in their
     * idle time: the randomizers of the selected keys (two ciphertexts and two proof announcements per home and
     * window, split over the two keys) and the value-independent randomness of one contribution proof per home and
     * window of the role its data gives it. Returns the time spent, in milliseconds.
     */
    private double precompute(long epoch, long from, int windowsInEpoch, ExecutorService pool)
            throws LedgerException, InterruptedException {
        MarketClient client = community.operator().client();
        List<Selection.Candidate> candidates = new ArrayList<>();
        Map<String, HomeRecord> records = new LinkedHashMap<>();
        for (HomeRecord h : client.homes()) {
            if (!h.suspended()) {
                candidates.add(new Selection.Candidate(h.homeId(), h.txId()));
                records.put(h.homeId(), h);
            }
        }
        List<String> ranked = Selection.rank(client.channel(), epoch, candidates);
        int perKey = 2 * community.agents().size() * windowsInEpoch;
        int[] roles = rolesIn(from, windowsInEpoch);
        progress.stage("precomputing " + 2 * perKey + " randomizers and " + (roles[0] + roles[1])
                + " proofs' randomness for epoch " + epoch);
        long start = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (String selected : ranked.subList(0, Math.min(2, ranked.size()))) {
            PaillierPublicKey key = PaillierPublicKey.fromBase64(records.get(selected).paillierKey());
            // Split each key's share over the pool's threads; the pool is thread-safe.
            for (int w = 0; w < threads; w++) {
                jobs.add(pool.submit(() -> community.pools().precompute(key, perKey)));
            }
        }
        ContributionCoupons coupons = community.pools().coupons(client.proofParametersParsed().orElseThrow(
                () -> new IllegalStateException("the market has no proof parameters")));
        ContributionRanges ranges = ContributionRanges.of(config);
        for (int w = 0; w < threads; w++) {
            jobs.add(pool.submit(() -> coupons.precompute(ranges.spansOf(Role.SELLER), roles[0])));
            jobs.add(pool.submit(() -> coupons.precompute(ranges.spansOf(Role.BUYER), roles[1])));
        }
        await(jobs);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Sellers' and buyers' contributions over {@code count} windows from {@code from}, from the day's data. */
    private int[] rolesIn(long from, int count) {
        int[] roles = new int[2];
        for (long t = from; t < from + count && t < day.windows(); t++) {
            for (HomeInput in : day.inputs(Math.toIntExact(t))) {
                Role role = MarketMath.role(in.netEnergy());
                roles[0] += role == Role.SELLER ? 1 : 0;
                roles[1] += role == Role.BUYER ? 1 : 0;
            }
        }
        return roles;
    }

    /** A window's report and what the paper's reference found wrong with it. */
    private record WindowRun(WindowReport report, List<String> paperDeviations) {
    }

    private WindowRun runWindow(long t, MarketParameters params, ReferenceMarket reference, PaperReferenceCheck paper,
                             ExecutorService pool) throws LedgerException, InterruptedException {
        OperatorAgent operator = community.operator();
        Map<String, Double> phaseMs = new LinkedHashMap<>();
        long bytesBefore = community.submittedBytes();
        long transactionsBefore = community.submittedTransactions();
        long windowStart = System.nanoTime();
        long cpuStart = ProcessCpu.nanos();
        // Window t replays slot t of the day, as the agents' inputs do.
        int slot = Math.toIntExact(t);
        community.clock().startWindow(day.windowStart(slot));

        // Each operator step returns the window record its transaction wrote; the homes act on it as they would on
        // the chaincode event of that transaction, without each reading the window first.
        long phaseStart = System.nanoTime();
        WindowRecord w = operator.open(t);
        phaseMs.put("open", ms(phaseStart));

        phaseStart = System.nanoTime();
        all(t, w, pool);
        if (!community.representatives().isEmpty() && submitBatches(t, pool, Representative::submit)) {
            // The homes of a refused batch declare (and contribute) themselves.
            all(t, w, pool);
        }
        w = operator.advance(t, w);
        phaseMs.put("roles", ms(phaseStart));

        phaseStart = System.nanoTime();
        if (w.phase() == WindowPhase.CONTRIBUTIONS) {
            all(t, w, pool);
            if (!community.representatives().isEmpty()
                    && submitBatches(t, pool, Representative::submitContributions)) {
                all(t, w, pool);
            }
            w = operator.advance(t, w);
        }
        phaseMs.put("contributions", ms(phaseStart));

        phaseStart = System.nanoTime();
        for (int round = 0; round < MAX_EVALUATION_ROUNDS && w.phase() == WindowPhase.EVALUATION; round++) {
            var selection = w.coalitions().selection();
            // Both selected homes step at once: r1 checks the contribution proofs while r2 transfers the masks.
            List<Future<List<AgentAction>>> steps = new ArrayList<>();
            for (String selected : List.of(selection.initiator(), selection.responder())) {
                HomeAgent agent = community.agent(selected);
                if (agent != null) {
                    steps.add(pool.submit(() -> agent.step(t)));
                }
            }
            boolean acted = false;
            for (Future<List<AgentAction>> f : steps) {
                acted |= !get(f).isEmpty();
            }
            if (!acted) {
                // A selected home is silent: let the deadline pass and end the window grid-only.
                community.clock().skip(config.transferSeconds() + config.outcomeSeconds() + 1);
                w = operator.advance(t, w);
            } else {
                w = status(t);
            }
        }
        phaseMs.put("evaluation", ms(phaseStart));

        phaseStart = System.nanoTime();
        WindowRecord settled = operator.advance(t, w);
        phaseMs.put("settlement", ms(phaseStart));
        double onlineMs = ms(windowStart);
        double cpuMs = (ProcessCpu.nanos() - cpuStart) / 1e6;
        long bytes = community.submittedBytes() - bytesBefore;
        long transactions = community.submittedTransactions() - transactionsBefore;

        // The homes settle from the settled record, as from the settling transaction's event.
        all(t, settled, pool);
        WindowView view = community.operator().client().windowStatus(t).orElseThrow();
        // What the homes contributed: their bids (the realised values unless bids are forecasts or strategic).
        List<HomeInput> inputs = bidding.bids(slot);
        WindowOutcome privateRun = privateOutcome(t, view, params, inputs);
        WindowOutcome ref = referenceOutcome(t, view, inputs, reference);
        WindowMetrics metrics = new WindowMetrics(onlineMs, phaseMs, bytes, Math.max(0, cpuMs), transactions);
        return new WindowRun(new WindowReport(privateRun, java.util.Optional.of(ref), metrics),
                paper.deviations(privateRun, view, inputs));
    }

    /**
     * The private run's outcome: the public record (type, price, fill ratio) plus each home's own settlement. The
     * ledger keeps the totals hidden; the researcher's harness, which holds every home's inputs, sums what the
     * aggregated members contributed (their values clamped into the market's ranges, as their agents did).
     */
    private WindowOutcome privateOutcome(long t, WindowView view, MarketParameters params, List<HomeInput> inputs) {
        Outcome outcome = view.window().outcome();
        List<HomeSettlement> homes = new ArrayList<>();
        for (HomeAgent a : community.agents()) {
            homes.add(a.settlement(t).orElseThrow(() -> new IllegalStateException(
                    "home " + a.homeId() + " has no settlement for window " + t)));
        }
        homes.sort((x, y) -> x.homeId().compareTo(y.homeId()));
        if (outcome == null || outcome.clearing() == Clearing.GRID_ONLY) {
            int sellers = (int) homes.stream().filter(h -> h.role() == Role.SELLER).count();
            int buyers = (int) homes.stream().filter(h -> h.role() == Role.BUYER).count();
            return new WindowOutcome(t, Clearing.GRID_ONLY, OptionalLong.empty(), sellers, buyers,
                    0, 0, 0, 0, 0, 0, homes);
        }
        MarketType type = outcome.clearing().marketType().orElseThrow();
        long longSide = 0;
        int sellers = view.window().aggregation().sellers().size();
        int buyers = view.window().aggregation().buyers().size();
        for (HomeSettlement h : homes) {
            if (h.marketEnergy() > 0 && h.role() == type.longSide()) {
                longSide += h.marketEnergy();
            }
        }
        ContributedTotals totals = ContributedTotals.of(view.window(), inputs);
        long shortTotal = type == MarketType.GENERAL ? totals.supply() : totals.demand();
        return new WindowOutcome(t, outcome.clearing(), OptionalLong.of(outcome.price()), sellers, buyers,
                totals.supply(), totals.demand(), totals.preference(), totals.pricingTerm(), outcome.fillRatio(),
                shortTotal - longSide, homes);
    }

    /** The same window in plaintext, with the homes the ledger kept out (silent members) kept out here too. */
    private static WindowOutcome referenceOutcome(long t, WindowView view, List<HomeInput> inputs,
                                                  ReferenceMarket reference) {
        Outcome outcome = view.window().outcome();
        if (outcome == null || outcome.clearing() == Clearing.GRID_ONLY) {
            if (view.window().coalitions() != null && view.window().aggregation() == null) {
                return reference.clear(t, inputs, Set.of());
            }
            return reference.gridOnly(t, inputs);
        }
        Set<String> out = new HashSet<>(view.window().aggregation().silentMembers());
        out.addAll(view.window().aggregation().excludedMembers());
        return reference.clear(t, inputs, out);
    }


    /** The settlement timestamp of a settled window, which decides the partner agreements in force for it. */
    private java.time.Instant settledAt(long t) throws LedgerException {
        return java.time.Instant.parse(community.operator().client().windowStatus(t).orElseThrow().settlement()
                .settledAt());
    }

    private WindowRecord status(long t) throws LedgerException {
        return community.operator().client().windowStatus(t).orElseThrow().window();
    }

    /** Every home steps window {@code t} concurrently; from {@code latest} when given (see {@link HomeAgent}). */
    private void all(long t, WindowRecord latest, ExecutorService pool) throws InterruptedException {
        List<Future<?>> jobs = new ArrayList<>();
        for (HomeAgent a : community.agents()) {
            jobs.add(pool.submit(() -> a.step(t, latest)));
        }
        await(jobs);
    }

    private static void await(List<Future<?>> jobs) throws InterruptedException {
        for (Future<?> f : jobs) {
            get(f);
        }
    }

    private static <T> T get(Future<T> job) throws InterruptedException {
        try {
            return job.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a home's step failed: " + e.getCause(), e.getCause());
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
