package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.ledger.ForwardingLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Home agents that crash in the middle of a window and come back before its deadlines. A crash is simulated in
 * process: the agent object is dropped as it is (no shutdown of any kind) and a new agent for the same home is built
 * over the same state directory, opened again from disk ({@link Community#restart}); a crash inside a submission is
 * an {@link Error} thrown by the home's ledger connection before or after the transaction reaches the ledger. The
 * new agent's meter has lost the window's values, so it can only go on from what the old one saved. After every
 * crash the window must clear as it does without one: not grid-only, no home suspended, no agent error, every
 * home's settlement equal to the run without a crash, and no state file left once the window is forgotten.
 */
class AgentRestartTest {
    private static final int KEY_BITS = 1024;
    private static final char[] PASSPHRASE = "x".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path keyDirectory;
    private static KeyCache keys;
    private static CommunityDay day;
    private static Result baseline;

    @TempDir
    Path stateDirectory;

    /** Where an agent is dropped and replaced, between its steps. */
    enum Crash {
        /** Every home, once its contribution is on the ledger. */
        EVERY_HOME_AFTER_CONTRIBUTING,
        /** r1, once the contributions are closed and before r2's transfer; it returns 30 s before the deadline. */
        R1_BEFORE_TRANSFER,
        /** r2, once its mask transfer is on the ledger. */
        R2_AFTER_TRANSFER,
        /** r1, once r2's mask transfer is on the ledger and before it proves the outcome. */
        R1_AFTER_TRANSFER,
        /** r1 and r2, once the window cleared, before either computed its settlement. */
        SELECTED_AFTER_OUTCOME,
        /** Every home, once the window is settled on the ledger, before computing its settlement. */
        EVERY_HOME_BEFORE_SETTLING
    }

    /** A crash inside a submission of {@code function} by the home in role {@code who}. */
    enum Trap {
        /** A member that is not selected dies while submitting its contribution, before it reaches the ledger. */
        MEMBER_IN_CONTRIBUTION_BEFORE("member", ContractTransaction.SUBMIT_CONTRIBUTION, false),
        /** A member dies right after its contribution is committed, before its submission returns. */
        MEMBER_IN_CONTRIBUTION_AFTER("member", ContractTransaction.SUBMIT_CONTRIBUTION, true),
        /** r2 dies while submitting its mask transfer, before it reaches the ledger. */
        R2_IN_TRANSFER_BEFORE("r2", ContractTransaction.POST_MASK_TRANSFER, false),
        /** r2 dies right after its mask transfer is committed. */
        R2_IN_TRANSFER_AFTER("r2", ContractTransaction.POST_MASK_TRANSFER, true),
        /** r1 dies while submitting the outcome, before it reaches the ledger. */
        R1_IN_OUTCOME_BEFORE("r1", ContractTransaction.POST_OUTCOME, false),
        /** r1 dies right after the outcome is committed. */
        R1_IN_OUTCOME_AFTER("r1", ContractTransaction.POST_OUTCOME, true);

        final String who;
        final ContractTransaction transaction;
        final boolean afterCommit;

        Trap(String who, ContractTransaction transaction, boolean afterCommit) {
            this.who = who;
            this.transaction = transaction;
            this.afterCommit = afterCommit;
        }
    }

    /** What a run ended with. */
    record Result(WindowRecord decided, Map<String, HomeSettlement> settlements, List<String> suspended,
                  List<Exception> errors, Map<String, Long> stateFilesLeft) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        day = SyntheticCommunity.builder().homes(8).windows(1).seed(5).build().generate();
        keys = new KeyCache(keyDirectory, PASSPHRASE, RANDOM);
        baseline = new Scenario(null, null, null).run();
        assertEquals(WindowPhase.CLEARED, baseline.decided().phase(), "the window clears without a crash: "
                + baseline.decided().outcome() + " " + baseline.errors());
        assertTrue(baseline.errors().isEmpty(), "errors without a crash: " + baseline.errors());
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void anAgentDroppedBetweenStepsIsReplacedAndTheWindowClearsAsWithoutACrash(Crash crash) throws Exception {
        Result r = new Scenario(stateDirectory, crash, null).run();
        assertSameAsWithoutCrash(r);
    }

    @ParameterizedTest
    @EnumSource(Trap.class)
    void anAgentThatDiesInsideASubmissionIsReplacedAndTheWindowClearsAsWithoutACrash(Trap trap) throws Exception {
        Scenario s = new Scenario(stateDirectory, null, trap);
        Result r = s.run();
        assertTrue(s.sprung, "the trap " + trap + " was not reached");
        assertSameAsWithoutCrash(r);
    }

    @Test
    void evenWithoutAStoreARestartedSelectedHomeFinishesItsStepFromTheLedger() throws Exception {
        Scenario s = new Scenario(null, Crash.R1_AFTER_TRANSFER, null);
        Result r = s.run();
        assertSameAsWithoutCrash(r);
    }

    @Test
    void aRunnerStartedForARestartedAgentCarriesOnItsUnsettledWindowWithoutAnEvent() throws Exception {
        Scenario s = new Scenario(stateDirectory, null, null);
        s.untilEvaluation();
        HomeAgent restarted = s.restart(s.r1);
        s.step(s.r2); // the mask transfer, while r1 is down: its event is gone
        assertEquals(List.of(0L), List.copyOf(restarted.unsettledWindows()));
        try (AgentRunner runner = new AgentRunner(restarted, restarted.client(), Duration.ofHours(1))) {
            runner.start(1); // a window not open yet: only the stored window 0 can give it work
            runner.drain();
            assertEquals(WindowPhase.CLEARED, s.onLedger().phase(), "the restarted runner proved the outcome");
        }
        Result r = s.finish();
        assertSameAsWithoutCrash(r);
    }

    /**
     * The default market with two minutes for the mask transfer and the outcome, so that a home coming back 30 s
     * before the deadline still has time on a loaded machine.
     */
    private static MarketConfig config() {
        MarketConfig d = MarketConfig.of(MarketParameters.defaults(), KEY_BITS, 60);
        return new MarketConfig(d.retailPrice(), d.feedInPrice(), d.lowPrice(), d.highPrice(), d.windowSeconds(),
                d.minimumCoalitionSize(), d.keyBits(), d.roleSeconds(), d.contributionSeconds(), 120, 120,
                d.selectionEpochWindows(), d.maxEnergyPerWindow(), d.minPreference(), d.maxPreference());
    }

    private static void assertSameAsWithoutCrash(Result r) {
        assertTrue(r.errors().isEmpty(), "agents reported errors: " + r.errors());
        assertEquals(WindowPhase.CLEARED, r.decided().phase(), "the window is not grid-only");
        Outcome expected = baseline.decided().outcome();
        Outcome actual = r.decided().outcome();
        assertEquals(expected.clearing(), actual.clearing());
        assertEquals(expected.price(), actual.price());
        assertEquals(expected.fillRatio(), actual.fillRatio());
        assertEquals(List.of(), r.suspended(), "no home is suspended");
        assertEquals(baseline.settlements(), r.settlements(), "every home settles as without a crash");
        assertEquals(Map.of(), r.stateFilesLeft(), "forgetting the window deletes its state files");
    }

    /** One window of the community, driven phase by phase, with a crash where the scenario says. */
    private static final class Scenario {
        final Path states;
        final Crash crash;
        final Trap trap;
        final List<Exception> errors = new CopyOnWriteArrayList<>();
        final AtomicReference<Trap> armed = new AtomicReference<>();
        final Map<String, String> trapped = new LinkedHashMap<>();
        SimulationClock clock;
        Community community;
        OperatorAgent operator;
        String r1;
        String r2;
        String member;
        boolean sprung;
        /** What the trapped agent had saved when it died: the contribution it must send again, if any. */
        String savedBeforeCrash;

        Scenario(Path states, Crash crash, Trap trap) {
            this.states = states;
            this.crash = crash;
            this.trap = trap;
        }

        Result run() throws Exception {
            untilEvaluation();
            crashIf(Crash.R1_BEFORE_TRANSFER, r1);
            step(r2);
            crashIf(Crash.R2_AFTER_TRANSFER, r2);
            crashIf(Crash.R1_AFTER_TRANSFER, r1);
            step(r1);
            return finish();
        }

        void untilEvaluation() throws Exception {
            clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
            AgentListener listener = new AgentListener() {
                @Override
                public void onError(String homeId, long window, Exception error) {
                    errors.add(error);
                }
            };
            LedgerProvider provider = new TrappingProvider(new EmbeddedLedgerProvider(null, clock), this);
            community = new Community(provider, day, KEY_BITS, keys, clock, listener, 2, states);
            // The restarts below fall in the contribution phase, which a window has when homes contribute apart.
            community.setContributesWithRole(false);
            operator = community.operator();
            operator.configure(config());
            for (HomeAgent a : community.agents()) {
                a.register(community.registrationProof(a));
            }
            WindowRecord opened = operator.open(0);
            for (HomeAgent a : community.agents()) {
                act(a.homeId(), x -> x.step(0, opened));
            }
            WindowRecord rolesClosed = operator.advance(0, opened);
            assertEquals(WindowPhase.CONTRIBUTIONS, rolesClosed.phase());
            r2 = rolesClosed.coalitions().selection().initiator();
            r1 = rolesClosed.coalitions().selection().responder();
            member = community.agents().stream().map(HomeAgent::homeId)
                    .filter(h -> !h.equals(r1) && !h.equals(r2))
                    .filter(h -> rolesClosed.coalitions().sellers().contains(h)
                            || rolesClosed.coalitions().buyers().contains(h))
                    .findFirst().orElseThrow();
            if (trap != null) {
                armed.set(trap);
            }
            for (HomeAgent a : community.agents()) {
                act(a.homeId(), x -> x.step(0, rolesClosed));
            }
            // A member that died before its contribution reached the ledger contributes once restarted.
            for (HomeAgent a : community.agents()) {
                act(a.homeId(), x -> x.step(0));
            }
            if (crash == Crash.EVERY_HOME_AFTER_CONTRIBUTING) {
                for (HomeAgent a : community.agents()) {
                    restart(a.homeId());
                }
            }
            WindowRecord closed = operator.advance(0, rolesClosed);
            assertEquals(WindowPhase.EVALUATION, closed.phase(), "contributions closed: " + closed.outcome());
        }

        Result finish() throws Exception {
            // Agents replaced after a crash inside a submission carry on in the following rounds.
            WindowRecord w = onLedger();
            for (int round = 0; round < 6 && w.phase() == WindowPhase.EVALUATION; round++) {
                step(r2);
                step(r1);
                w = onLedger();
            }
            if (w.phase() == WindowPhase.EVALUATION) {
                // Nothing more comes: the operator expires the window once the deadlines passed.
                clock.skip(w.config().transferSeconds() + w.config().outcomeSeconds() + 1);
                w = operator.advance(0, w);
            }
            WindowRecord decided = w;
            if (crash == Crash.SELECTED_AFTER_OUTCOME) {
                restart(r1);
                restart(r2);
            }
            WindowRecord settled = operator.advance(0, decided);
            assertEquals(WindowPhase.SETTLED, settled.phase());
            if (crash == Crash.EVERY_HOME_BEFORE_SETTLING) {
                for (HomeAgent a : community.agents()) {
                    restart(a.homeId());
                }
            }
            Map<String, HomeSettlement> settlements = new LinkedHashMap<>();
            for (HomeAgent a : community.agents()) {
                act(a.homeId(), x -> x.step(0, settled));
                settlements.put(a.homeId(), community.agent(a.homeId()).settlement(0).orElseThrow());
            }
            List<String> suspended = new ArrayList<>();
            for (HomeRecord h : operator.client().homes()) {
                if (h.suspended()) {
                    suspended.add(h.homeId());
                }
            }
            Map<String, Long> left = new LinkedHashMap<>();
            for (HomeAgent a : community.agents()) {
                a.forgetBefore(1);
            }
            if (states != null) {
                try (Stream<Path> files = Files.walk(states)) {
                    files.filter(p -> p.getFileName().toString().startsWith("window-"))
                            .forEach(p -> left.merge(p.getParent().getFileName().toString(), 1L, Long::sum));
                }
            }
            if (trap != null) {
                checkResent();
            }
            community.close();
            return new Result(decided, settlements, suspended, List.copyOf(errors), left);
        }

        WindowRecord onLedger() throws LedgerException {
            return view().window();
        }

        WindowView view() throws LedgerException {
            return operator.client().windowStatus(0).orElseThrow();
        }

        void step(String homeId) {
            act(homeId, a -> a.step(0));
        }

        /**
         * Replaces a home's agent as after a crash. With a state directory the new agent's meter has lost the
         * values of window 0, so it can only carry on from what the old agent saved.
         */
        HomeAgent restart(String homeId) {
            if (states == null) {
                return community.restart(homeId);
            }
            return community.restart(homeId, t -> null);
        }

        /** Runs one action of a home's agent; a simulated crash drops the agent and starts a new one. */
        void act(String homeId, Consumer<HomeAgent> action) {
            try {
                action.accept(community.agent(homeId));
            } catch (SimulatedCrash e) {
                sprung = true;
                savedBeforeCrash = savedOf(homeId);
                restart(homeId);
            }
        }

        void crashIf(Crash point, String homeId) throws LedgerException {
            if (crash != point) {
                return;
            }
            if (point == Crash.R1_BEFORE_TRANSFER) {
                // The home comes back just before the transfer deadline.
                WindowRecord w = onLedger();
                java.time.Instant first = java.time.Instant.parse(w.aggregation().transferDeadline());
                long wait = Duration.between(clock.instant(), first).toSeconds() - 30;
                assertTrue(wait > 0, "the deadline is " + first + ", the clock " + clock.instant());
                clock.skip(wait);
                assertEquals(WindowPhase.EVALUATION, operator.advance(0, w).phase(), "no deadline has passed");
            }
            restart(homeId);
        }

        /** What the trapped home's store held when it died: the contribution it must resend, if it was a member. */
        private String savedOf(String homeId) {
            if (states == null || trap.transaction != ContractTransaction.SUBMIT_CONTRIBUTION) {
                return null;
            }
            try {
                AgentStateStore.Restored r = AgentStateStore.open(states.resolve(homeId), homeId, PASSPHRASE,
                        RANDOM).claim();
                WindowState s = r.windows().get(0L);
                if (s == null) {
                    return null;
                }
                return s.contribution();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * A trapped member sent exactly the contribution it had saved before it died, not one made anew; a selected
         * home's step is made again from the ledger and the contract holds it once.
         */
        void checkResent() throws LedgerException {
            WindowView v = operator.client().window(0).orElseThrow();
            if (trap.transaction == ContractTransaction.SUBMIT_CONTRIBUTION) {
                assertTrue(savedBeforeCrash != null, "the trapped home had saved nothing");
                Contribution c = v.contributions().stream().filter(x -> x.homeId().equals(trappedHome()))
                        .findFirst().orElseThrow();
                ContributionArgs saved = ContributionArgs.parse(savedBeforeCrash);
                assertEquals(List.of(saved.totalsForResponder(), saved.totalsForInitiator(), saved.proof()),
                        List.of(c.totalsForResponder(), c.totalsForInitiator(), c.proof()));
            } else if (trap.transaction == ContractTransaction.POST_MASK_TRANSFER) {
                assertEquals(r2, v.maskTransfer().homeId());
            } else {
                assertEquals(r1, v.outcomeProof().homeId());
            }
        }

        String trappedHome() {
            return switch (trap.who) {
                case "r1" -> r1;
                case "r2" -> r2;
                default -> member;
            };
        }

        /** Called by a home's connection for every submission: springs the armed trap once. */
        void beforeSubmit(String homeId, String function, String[] args) {
            Trap t = armed.get();
            if (t != null && !t.afterCommit && matches(t, homeId, function, args) && armed.compareAndSet(t, null)) {
                throw new SimulatedCrash();
            }
        }

        void afterSubmit(String homeId, String function, String[] args) {
            Trap t = armed.get();
            if (t != null && t.afterCommit && matches(t, homeId, function, args) && armed.compareAndSet(t, null)) {
                throw new SimulatedCrash();
            }
        }

        private boolean matches(Trap t, String homeId, String function, String[] args) {
            return homeId.equals(trappedHome()) && function.equals(t.transaction.functionName());
        }
    }

    /** The process of a home controller ends here: nothing after this point runs. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    /** The embedded ledger, with every home's connection reporting its submissions to the scenario. */
    private static final class TrappingProvider implements LedgerProvider {
        private final EmbeddedLedgerProvider delegate;
        private final Scenario scenario;

        TrappingProvider(EmbeddedLedgerProvider delegate, Scenario scenario) {
            this.delegate = delegate;
            this.scenario = scenario;
        }

        @Override
        public String channel() {
            return delegate.channel();
        }

        @Override
        public Ledger connectOperator() throws LedgerException {
            return delegate.connectOperator();
        }

        @Override
        public Ledger connectHome(int index, String homeId) throws LedgerException {
            Ledger ledger = delegate.connectHome(index, homeId);
            return new ForwardingLedger(ledger) {
                @Override
                public SubmitResult submit(String transaction, String... args) throws LedgerException {
                    scenario.beforeSubmit(homeId, transaction, args);
                    SubmitResult result = ledger.submit(transaction, args);
                    scenario.afterSubmit(homeId, transaction, args);
                    return result;
                }
            };
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
