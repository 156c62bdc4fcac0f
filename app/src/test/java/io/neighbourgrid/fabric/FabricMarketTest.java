package io.neighbourgrid.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.state.HistoryEntry;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.EndorseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The market on a real Fabric network (native orderer and peers, one chaincode service per organisation), run by
 * the unmodified home agents and simulator, checked against the embedded ledger and the plaintext reference; then
 * under faults: chaincode services restarted between and within phases, identities acting for homes that are not
 * theirs, and a tampered outcome proof.
 *
 * <p>Runs only when {@value FabricNetwork#CONNECTION_PROPERTY} names the {@code connection.json} of a network that
 * {@code test-network/network.sh up && deploy} started ({@code scripts/fabric-test.sh} does all of this). The
 * nested groups share one network and one registered community, so they use disjoint windows: the day's
 * {@value #WINDOWS} slots repeat every {@value #WINDOWS} windows, and window {@code t} of every group has the
 * inputs (and so the outcome) of the embedded run's window {@code t mod }{@value #WINDOWS}.
 */
@EnabledIfSystemProperty(named = FabricNetwork.CONNECTION_PROPERTY, matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class FabricMarketTest {
    private static final int HOMES = 12;
    private static final int WINDOWS = 5;
    private static final int KEY_BITS = 2048;
    private static final long SEED = 3;
    /** Phase deadlines long enough to ride out a chaincode restart (about ten seconds here) within a phase. */
    private static final long PHASE_SECONDS = 180;
    private static final int THREADS = 2;
    /** How often the day repeats on the ledger: one block of windows per group that runs the market. */
    private static final int BLOCKS = 3;

    private FabricNetwork network;
    private CommunityDay day;
    private MarketParameters params;
    private MarketConfig config;
    private KeyCache keys;
    private RunReport embedded;
    private FabricLedgerProvider fabric;
    private HookedLedgerProvider provider;
    private Community community;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startCommunity() throws Exception {
        network = FabricNetwork.fromSystemProperties();
        day = RepeatedDay.of(SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).seed(SEED).build()
                .generate(), BLOCKS);
        params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        MarketConfig defaults = MarketConfig.of(params, KEY_BITS, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS);
        config = new MarketConfig(defaults.retailPrice(), defaults.feedInPrice(), defaults.lowPrice(),
                defaults.highPrice(), defaults.windowSeconds(), defaults.minimumCoalitionSize(), KEY_BITS,
                PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS, defaults.selectionEpochWindows(),
                defaults.maxEnergyPerWindow(), defaults.minPreference(), defaults.maxPreference());
        keys = FabricNetwork.keyCache();
        embedded = runEmbedded();
        fabric = network.provider();
        provider = new HookedLedgerProvider(fabric);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        community = new Community(provider, day, KEY_BITS, keys, clock, agentErrors(), THREADS);
    }

    @AfterAll
    void closeCommunity() {
        if (community != null) {
            community.close();
        }
    }

    /** The same day, the same keys and configuration on the embedded ledger, in memory. */
    private RunReport runEmbedded() throws Exception {
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        List<String> embeddedErrors = new CopyOnWriteArrayList<>();
        AgentListener listener = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                embeddedErrors.add(homeId + " in window " + window + ": " + error);
            }
        };
        try (EmbeddedLedgerProvider ledger = new EmbeddedLedgerProvider(null, clock);
             Community homes = new Community(ledger, day, KEY_BITS, keys, clock, listener, THREADS)) {
            RunReport report = new Simulator(homes, day, config, THREADS, simulatorErrors(embeddedErrors))
                    .run(RunReport.builder(params), 0, WINDOWS);
            assertEquals(List.of(), embeddedErrors, "the embedded run reported errors");
            return report;
        }
    }

    private AgentListener agentErrors() {
        return new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(homeId + " in window " + window + ": " + error);
            }
        };
    }

    private static Simulator.SimulationListener simulatorErrors(List<String> sink) {
        return new Simulator.SimulationListener() {
            @Override
            public void error(String who, long window, Exception error) {
                sink.add(who + " in window " + window + ": " + error);
            }
        };
    }

    /** Runs {@code windows} windows from window {@code first} on Fabric (day inputs 0, 1, ...). */
    private RunReport runOnFabric(long first, int windows) throws Exception {
        int errorsBefore = errors.size();
        RunReport report = new Simulator(community, day, config, THREADS, simulatorErrors(errors))
                .run(RunReport.builder(params), (int) first, windows);
        assertEquals(List.of(), errors.subList(errorsBefore, errors.size()),
                "homes or the operator reported errors on Fabric");
        return report;
    }

    private MarketClient operator() {
        return community.operator().client();
    }

    private List<HistoryEntry> history(String key) throws LedgerException {
        return CanonicalJson.fromJson(operator().history(key), new TypeToken<List<HistoryEntry>>() { }.getType());
    }

    private WindowView window(long t) throws LedgerException {
        return operator().window(t).orElseThrow(() -> new AssertionError("window " + t + " is not on the ledger"));
    }

    /** Fabric's windows have the embedded run's market type, price, fill ratio, totals and every settlement. */
    private void assertSameMarket(RunReport onFabric, long first) {
        for (int i = 0; i < onFabric.windows().size(); i++) {
            WindowOutcome e = embedded.windows().get(i).outcome();
            WindowOutcome f = onFabric.windows().get(i).outcome();
            String w = "window " + (first + i) + " (embedded window " + i + ")";
            assertEquals(first + i, f.window(), w);
            assertEquals(e.clearing(), f.clearing(), w + ": market type");
            assertEquals(e.price(), f.price(), w + ": price");
            assertEquals(e.fillRatio(), f.fillRatio(), w + ": fill ratio");
            assertEquals(e.sellers(), f.sellers(), w + ": sellers");
            assertEquals(e.buyers(), f.buyers(), w + ": buyers");
            assertEquals(e.supply(), f.supply(), w + ": supply");
            assertEquals(e.demand(), f.demand(), w + ": demand");
            assertEquals(e.residual(), f.residual(), w + ": residual");
            assertEquals(e.homes(), f.homes(), w + ": settlements of the homes");
        }
    }

    private static void assertMatchesReference(RunReport report) {
        for (WindowReport w : report.windows()) {
            assertTrue(w.matchesReference(), "window " + w.index() + " deviates from the plaintext reference: "
                    + w.outcome() + " vs " + w.reference());
        }
    }

    /** The contract's error code arrived through the gateway: the peers refused to endorse. */
    private static LedgerException rejectedAtEndorsement(String expectedCode, Executable call) {
        LedgerException e = assertThrows(LedgerException.class, call::run);
        assertEquals(expectedCode, e.errorCode(), e.getMessage());
        assertInstanceOf(EndorseException.class, e.getCause(), "rejected at endorsement: " + e.getMessage());
        return e;
    }

    @FunctionalInterface
    private interface Executable {
        void run() throws Exception;
    }

    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ATradingDay {
        private static final long FIRST = 0;
        private RunReport report;

        @BeforeAll
        void run() throws Exception {
            report = runOnFabric(FIRST, WINDOWS);
        }

        @Test
        void everyWindowHasTheEmbeddedLedgersMarketTypePriceFillRatioAndSettlements() {
            assertEquals(WINDOWS, report.windows().size());
            assertSameMarket(report, FIRST);
        }

        @Test
        void everyWindowMatchesThePlaintextReference() {
            assertMatchesReference(report);
        }

        @Test
        void theDayClearsMarketsNotOnlyTheGrid() {
            assertTrue(report.windows().stream().filter(w -> w.clearing() != Clearing.GRID_ONLY).count() >= 2,
                    "fewer than two windows cleared a market: the day does not exercise the protocol");
        }

        @Test
        void theHistoryOfEachWindowRecordListsTheTransactionsThatWroteIt() throws Exception {
            for (long t = FIRST; t < FIRST + WINDOWS; t++) {
                long window = t;
                List<HookedLedgerProvider.Submitted> ours = provider.submitted().stream()
                        .filter(s -> !s.args().isEmpty() && s.args().get(0).equals(Long.toString(window)))
                        .toList();
                Map<String, HookedLedgerProvider.Submitted> byTx = ours.stream()
                        .collect(Collectors.toMap(HookedLedgerProvider.Submitted::txId, s -> s));
                List<HistoryEntry> entries = history("WINDOW/" + t);
                List<String> names = new ArrayList<>();
                long block = -1;
                for (HistoryEntry h : entries) {
                    HookedLedgerProvider.Submitted s = byTx.get(h.txId());
                    assertTrue(s != null, "window " + t + ": history entry " + h.txId()
                            + " is not one of this window's transactions");
                    assertTrue(s.blockNumber() >= block, "window " + t + ": history out of block order");
                    block = s.blockNumber();
                    names.add(s.transaction());
                }
                assertEquals(entries.size(), entries.stream().map(HistoryEntry::txId).distinct().count());
                assertEquals("openWindow", names.get(0), "window " + t + ": " + names);
                assertEquals("settleWindow", names.get(names.size() - 1), "window " + t + ": " + names);
                assertTrue(names.contains("closeRoles"), "window " + t + ": " + names);
                WindowView view = window(t);
                assertEquals(WindowPhase.SETTLED, view.window().phase());
                assertEquals(view.window().openedTxId(), entries.get(0).txId());
                if (view.window().outcome() != null && view.window().outcome().clearing() != Clearing.GRID_ONLY) {
                    // The contributions closed apart, or with the roles when every member contributed with its
                    // declaration under the keys of the homes the window selected.
                    var selection = view.window().coalitions().selection();
                    boolean withRoles = view.declarations().stream().filter(d -> d.role() != Role.OFF)
                            .allMatch(d -> d.contributedUnder() != null && d.contributedUnder().matches(selection));
                    assertTrue(names.contains("closeContributions") || withRoles, "window " + t + ": " + names);
                    // r2's mask transfer, then r1's proven outcome, once each.
                    assertEquals(1, Collections.frequency(names, "postMaskTransfer"), "window " + t + ": " + names);
                    assertEquals(1, Collections.frequency(names, "postOutcome"), "window " + t + ": " + names);
                }
            }
        }
    }

    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ChaincodeRestarts {
        private static final long FIRST = WINDOWS;
        private final List<String> restarts = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Duration>> pending = new CopyOnWriteArrayList<>();
        private RunReport report;
        private long retries;

        @BeforeAll
        void runThroughRestarts() throws Exception {
            long retriesBefore = fabric.homeTimings().retries() + fabric.operatorTimings().retries();
            // Between phases: every home declared; both services restart before the roles are closed.
            provider.addHook(HookedLedgerProvider.once(1,
                    c -> c.transaction().equals("closeRoles") && c.window() >= FIRST,
                    c -> restartNow(c, "operator", "community")));
            // While members are contributing (with their declarations): the community's service goes down.
            provider.addHook(HookedLedgerProvider.once(3,
                    c -> c.transaction().equals("declareAndContribute") && c.window() >= FIRST + 1,
                    c -> restartUnderneath(c, "community")));
            // Within the evaluation: the operator's service goes down before r1 posts the outcome.
            provider.addHook(HookedLedgerProvider.once(1,
                    c -> c.transaction().equals("postOutcome") && c.window() >= FIRST + 2,
                    c -> restartUnderneath(c, "operator")));
            // Within the role phase: both services go down while homes are declaring.
            provider.addHook(HookedLedgerProvider.once(5,
                    c -> c.transaction().startsWith("declare") && c.window() >= FIRST + 3,
                    c -> restartUnderneath(c, "operator", "community")));
            try {
                report = runOnFabric(FIRST, WINDOWS);
            } finally {
                provider.clearHooks();
                for (CompletableFuture<Duration> f : pending) {
                    f.get(5, TimeUnit.MINUTES);
                }
            }
            retries = fabric.homeTimings().retries() + fabric.operatorTimings().retries() - retriesBefore;
        }

        private void restartNow(HookedLedgerProvider.Call call, String... orgs) {
            Duration took = network.restartChaincode(orgs);
            note("window " + call.window() + " before " + call.transaction() + ": " + String.join("+", orgs)
                    + " restarted in " + took.toMillis() + " ms");
        }

        private void note(String restart) {
            restarts.add(restart);
            System.out.println("[fabric-test] chaincode restart, " + restart);
        }

        /**
         * Starts the restart and returns once the old services are gone, so the call that triggered it and the
         * calls of the other homes meet a missing chaincode service.
         */
        private void restartUnderneath(HookedLedgerProvider.Call call, String... orgs) {
            List<Long> old = new ArrayList<>();
            for (String org : orgs) {
                old.add(network.chaincodePid(org).orElseThrow(() -> new AssertionError(org
                        + " chaincode service is not running")));
            }
            pending.add(CompletableFuture.supplyAsync(() -> network.restartChaincode(orgs)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (long pid : old) {
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("chaincode service " + pid + " did not stop within 60 s");
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
            }
            note("window " + call.window() + " during " + call.transaction() + " of " + call.actor() + ": "
                    + String.join("+", orgs) + " stopped, restarting underneath");
        }

        @Test
        void everyRestartHappenedAndTransactionsMetAMissingService() {
            assertEquals(4, restarts.size(), "restarts: " + restarts);
            assertTrue(retries > 0, "no endorsement or query had to wait for a chaincode service: " + restarts);
        }

        @Test
        void theDayStillHasTheEmbeddedLedgersOutcomesAndMatchesTheReference() {
            assertEquals(WINDOWS, report.windows().size());
            assertSameMarket(report, FIRST);
            assertMatchesReference(report);
        }

        @Test
        void everyWindowIsSettledExactlyOnce() throws Exception {
            for (long t = FIRST; t < FIRST + WINDOWS; t++) {
                long window = t;
                assertEquals(WindowPhase.SETTLED, window(t).window().phase());
                assertEquals(1, history("SETTLEMENT/" + t).size(), "settlement records of window " + t);
                rejectedAtEndorsement("ALREADY_SETTLED", () -> operator().settleWindow(window));
                assertEquals(1, history("SETTLEMENT/" + t).size(), "settlement records of window " + t);
            }
        }

        @Test
        void noDeclarationOrContributionIsLostOrRecordedTwice() throws Exception {
            for (long t = FIRST; t < FIRST + WINDOWS; t++) {
                WindowView view = window(t);
                List<String> declared = view.declarations().stream().map(RoleDeclaration::homeId).sorted().toList();
                assertEquals(day.homes().stream().map(h -> h.homeId()).sorted().toList(), declared,
                        "declarations of window " + t);
                for (String home : declared) {
                    assertEquals(1, history("ROLE/" + t + "/" + home).size(), "declarations of " + home + " in " + t);
                }
                if (view.window().aggregation() != null) {
                    List<String> members = new ArrayList<>(view.window().coalitions().sellers());
                    members.addAll(view.window().coalitions().buyers());
                    Collections.sort(members);
                    assertEquals(members, view.contributions().stream().map(c -> c.homeId()).sorted().toList(),
                            "contributions of window " + t);
                    assertEquals(List.of(), view.window().aggregation().silentMembers(), "silent members of " + t);
                    for (String home : members) {
                        assertEquals(1, history("CONTRIB/" + t + "/" + home).size(),
                                "contributions of " + home + " in " + t);
                    }
                }
            }
        }
    }

    @Nested
    @Order(3)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TamperedOutcome {
        private static final long FIRST = 2 * WINDOWS;
        private static final int RUN = 2;
        private final List<LedgerException> rejections = new CopyOnWriteArrayList<>();
        private final List<String> rejectedTxIds = new CopyOnWriteArrayList<>();
        private long tamperedWindow = -1;
        private String recordBefore;
        private String recordAfter;
        private List<HistoryEntry> historyBefore;
        private List<HistoryEntry> historyAfter;
        private RunReport report;

        @BeforeAll
        void runWithATamperedOutcome() throws Exception {
            provider.addHook(HookedLedgerProvider.once(1,
                    c -> c.transaction().equals("postOutcome") && c.window() >= FIRST, this::tamper));
            try {
                report = runOnFabric(FIRST, RUN);
            } finally {
                provider.clearHooks();
            }
        }

        /**
         * Before r1 posts its honest outcome bundle, it posts two forged ones: the bundle with one bit flipped in its
         * middle, and the bundle without its last byte.
         */
        private void tamper(HookedLedgerProvider.Call call) throws LedgerException {
            Ledger home = call.ledger();
            long t = call.window();
            tamperedWindow = t;
            recordBefore = new String(home.evaluate("getWindow", Long.toString(t)), StandardCharsets.UTF_8);
            historyBefore = CanonicalJson.fromJson(new String(home.evaluate("getHistory", "WINDOW/" + t),
                    StandardCharsets.UTF_8), new TypeToken<List<HistoryEntry>>() { }.getType());
            byte[] honest = Bytes.fromBase64(call.args().get(1), "outcome bundle");
            byte[] flipped = honest.clone();
            flipped[flipped.length / 2] ^= 0x01;
            byte[] truncated = Arrays.copyOf(honest, honest.length - 1);
            for (byte[] forged : List.of(flipped, truncated)) {
                try {
                    home.submit("postOutcome", Long.toString(t), Bytes.toBase64(forged));
                    rejections.add(new LedgerException("COMMITTED: a forged outcome was accepted"));
                } catch (LedgerException e) {
                    rejections.add(e);
                    if (e.getCause() instanceof EndorseException endorse) {
                        rejectedTxIds.add(endorse.getTransactionId());
                    }
                }
            }
            recordAfter = new String(home.evaluate("getWindow", Long.toString(t)), StandardCharsets.UTF_8);
            historyAfter = CanonicalJson.fromJson(new String(home.evaluate("getHistory", "WINDOW/" + t),
                    StandardCharsets.UTF_8), new TypeToken<List<HistoryEntry>>() { }.getType());
        }

        @Test
        void bothForgeriesAreRejectedAtEndorsementWithInvalidProof() {
            assertTrue(tamperedWindow >= FIRST, "no window reached its outcome");
            assertEquals(2, rejections.size());
            for (LedgerException e : rejections) {
                assertEquals("INVALID_PROOF", e.errorCode(), e.getMessage());
                assertInstanceOf(EndorseException.class, e.getCause(), e.getMessage());
            }
            assertEquals(2, rejectedTxIds.size());
        }

        @Test
        void nothingWasCommittedForTheForgeries() throws Exception {
            assertEquals(recordBefore, recordAfter, "the window record changed");
            assertEquals(historyBefore, historyAfter, "the window's history changed");
            List<String> committed = history("WINDOW/" + tamperedWindow).stream().map(HistoryEntry::txId).toList();
            for (String tx : rejectedTxIds) {
                assertFalse(committed.contains(tx), "forged transaction " + tx + " is in the window's history");
            }
        }

        @Test
        void theHonestOutcomeStillClearsTheWindowAsTheEmbeddedLedgerDid() throws Exception {
            assertEquals(WindowPhase.SETTLED, window(tamperedWindow).window().phase());
            assertSameMarket(report, FIRST);
            assertMatchesReference(report);
        }
    }

    @Nested
    @Order(4)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class IdentitiesActingForOtherHomes {
        /** A window after every block of the day: no agent steps it, the test acts by hand. */
        private static final long T = BLOCKS * WINDOWS;
        private Ledger stranger;
        private HomeAgent first;
        private HomeAgent second;

        @BeforeAll
        void openAWindowAndConnectAStranger() throws Exception {
            community.operator().open(T);
            // The community identity after the homes' own, bound to no home.
            stranger = fabric.connectHome(HOMES, "stranger");
            first = community.agents().get(0);
            second = community.agents().get(1);
        }

        @AfterAll
        void closeStranger() {
            if (stranger != null) {
                stranger.close();
            }
        }

        @Test
        void aStrangerCannotTakeOverARegisteredHomeEvenWithItsKeyAndProof() throws Exception {
            HomeRecord before = operator().home(first.homeId()).orElseThrow();
            rejectedAtEndorsement("HOME_ALREADY_REGISTERED", () -> new MarketClient(stranger, operator().channel())
                    .registerHome(first.homeId(), before.paillierKey(),
                            operator().keyProof(first.homeId()).keyProof(),
                            operator().keyProof(first.homeId()).factorProof()));
            assertEquals(before, operator().home(first.homeId()).orElseThrow());
        }

        @Test
        void aHomesIdentityCannotRegisterASecondHome() throws Exception {
            HomeRecord own = operator().home(first.homeId()).orElseThrow();
            String other = "home-" + (HOMES + 50);
            rejectedAtEndorsement("IDENTITY_ALREADY_BOUND",
                    () -> first.client().registerHome(other, own.paillierKey(),
                            operator().keyProof(first.homeId()).keyProof(),
                            operator().keyProof(first.homeId()).factorProof()));
            assertEquals(Optional.empty(), operator().home(other));
        }

        @Test
        void anIdentityBoundToNoHomeCannotDeclareForAny() throws Exception {
            rejectedAtEndorsement("NOT_REGISTERED",
                    () -> new MarketClient(stranger, operator().channel()).declareRole(T, Role.SELLER));
        }

        @Test
        void aSecondDeclarationFromOneHomesIdentityIsItsOwnDuplicateNeverTheOtherHomes() throws Exception {
            first.client().declareRole(T, Role.BUYER);
            // declareRole names no home: the contract takes it from the signing identity, so the first home's
            // connection cannot declare for the second; a second try is the first home's duplicate.
            rejectedAtEndorsement("DUPLICATE_SUBMISSION", () -> first.client().declareRole(T, Role.SELLER));
            WindowView view = window(T);
            assertEquals(List.of(first.homeId()), view.declarations().stream().map(RoleDeclaration::homeId).toList());
            assertEquals(Role.BUYER, view.declarations().get(0).role());
            second.client().declareRole(T, Role.SELLER);
            Map<String, Role> roles = window(T).declarations().stream()
                    .collect(Collectors.toMap(RoleDeclaration::homeId, RoleDeclaration::role));
            assertEquals(Map.of(first.homeId(), Role.BUYER, second.homeId(), Role.SELLER), roles);
        }

        @Test
        void theOperatorCannotDeclareAndAHomeCannotOpenOrCloseWindows() throws Exception {
            rejectedAtEndorsement("UNAUTHORIZED_ORG", () -> operator().declareRole(T, Role.SELLER));
            rejectedAtEndorsement("UNAUTHORIZED_ORG", () -> first.client().openWindow(T + 1));
            assertEquals(Optional.empty(), operator().window(T + 1));
            // Homes have not all declared, so only the operator may close the roles (after the deadline).
            rejectedAtEndorsement("UNAUTHORIZED_ORG", () -> first.client().closeRoles(T));
            assertEquals(WindowPhase.ROLES, window(T).window().phase());
        }
    }
}
