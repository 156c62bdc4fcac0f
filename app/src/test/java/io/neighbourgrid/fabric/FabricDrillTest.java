package io.neighbourgrid.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.FabricLedger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.HistoryEntry;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fault drills on the running network, after {@link FabricMarketTest} (the same homes, keys and configuration, on
 * windows after its own): a node is killed with SIGKILL in the middle of a window and the day goes on. After each
 * drill every window is decided once and settled once, and every peer, the auditor's included, holds the same
 * chain. Each drill writes one line, {@code drill <name>: windows decided N, settled N, lost 0, double 0}, to
 * {@code app/target/fabric-drills.txt} (scripts/fabric-test.sh prints them).
 */
@EnabledIfSystemProperty(named = FabricNetwork.CONNECTION_PROPERTY, matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FabricDrillTest {
    private static final int HOMES = 12;
    private static final int WINDOWS = 5;
    private static final int KEY_BITS = 2048;
    private static final long SEED = 3;
    private static final long PHASE_SECONDS = 180;
    private static final int THREADS = 2;
    /** The windows of FabricMarketTest's blocks, and the one it opens by hand, come first. */
    private static final long FIRST = 4L * WINDOWS;
    private static final int PER_DRILL = 3;
    private static final int DRILLS = 4;
    private static final Path REPORT = Path.of("target", "fabric-drills.txt");

    private FabricNetwork network;
    private FabricLedgerProvider fabric;
    private HookedLedgerProvider provider;
    private Community community;
    private CommunityDay day;
    private MarketParameters params;
    private MarketConfig config;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    /** The drills whose fault was injected (a hook that never fired would make a drill prove nothing). */
    private final List<String> faults = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startCommunity() throws Exception {
        network = FabricNetwork.fromSystemProperties();
        int blocks = (int) ((FIRST + (long) DRILLS * PER_DRILL) / WINDOWS) + 1;
        day = RepeatedDay.of(SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).seed(SEED).build()
                .generate(), blocks);
        params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        MarketConfig defaults = MarketConfig.of(params, KEY_BITS, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS);
        config = new MarketConfig(defaults.retailPrice(), defaults.feedInPrice(), defaults.lowPrice(),
                defaults.highPrice(), defaults.windowSeconds(), defaults.minimumCoalitionSize(), KEY_BITS,
                PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS, defaults.selectionEpochWindows(),
                defaults.maxEnergyPerWindow(), defaults.minPreference(), defaults.maxPreference());
        fabric = network.provider();
        provider = new HookedLedgerProvider(fabric);
        SimulationClock clock = new SimulationClock(day.windowStart((int) FIRST).toInstant(ZoneOffset.UTC));
        AgentListener agents = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(homeId + " in window " + window + ": " + error);
            }
        };
        community = new Community(provider, day, KEY_BITS, FabricNetwork.keyCache(), clock, agents, THREADS);
        Files.deleteIfExists(REPORT);
    }

    @AfterAll
    void closeCommunity() {
        if (community != null) {
            community.close();
        }
        if (fabric != null) {
            fabric.close();
        }
    }

    @Test
    @Order(1)
    void killingAnOrdererMidWindowLeavesTheOtherTwoOrderingAndTheDayGoesOn() throws Exception {
        long first = FIRST;
        drill("orderer", first, () -> {
            provider.addHook(HookedLedgerProvider.once(4, c -> c.transaction().equals("declareAndContribute")
                    && c.window() == first + 1, c -> {
                        network.kill("orderer0");
                        faults.add("orderer");
                    }));
        });
        network.start("orderer0");
    }

    @Test
    @Order(2)
    void killingTheOperatorsPeerAndStartingItTenSecondsLaterCostsNoWindow() throws Exception {
        killAndStartLater("operator-peer", FIRST + PER_DRILL, "closeRoles", 1, "peer-operator", 10_000);
    }

    /**
     * Drill {@code drill} on the windows from {@code first}: kills {@code process} before the {@code nth}
     * {@code transaction} of the drill's second window, starts it again {@code millis} later in the background, and
     * returns once it runs again.
     */
    private void killAndStartLater(String drill, long first, String transaction, int nth, String process,
                                   long millis) throws Exception {
        List<CompletableFuture<Duration>> restart = new CopyOnWriteArrayList<>();
        drill(drill, first, () -> provider.addHook(HookedLedgerProvider.once(nth,
                c -> c.transaction().equals(transaction) && c.window() == first + 1, c -> {
                    network.kill(process);
                    faults.add(drill);
                    restart.add(CompletableFuture.supplyAsync(() -> {
                        sleep(millis);
                        return network.start(process);
                    }));
                })));
        for (CompletableFuture<Duration> f : restart) {
            f.get(5, TimeUnit.MINUTES);
        }
    }

    @Test
    @Order(3)
    void killingAChaincodeServiceMidPhaseIsRiddenOutByItsRestart() throws Exception {
        long first = FIRST + 2L * PER_DRILL;
        List<CompletableFuture<Duration>> restart = new CopyOnWriteArrayList<>();
        drill("chaincode", first, () -> {
            provider.addHook(HookedLedgerProvider.once(3, c -> c.transaction().equals("declareAndContribute")
                    && c.window() == first + 1, c -> {
                        network.kill("chaincode-community");
                        faults.add("chaincode");
                        restart.add(CompletableFuture.supplyAsync(() -> network.restartChaincode("community")));
                    }));
        });
        for (CompletableFuture<Duration> f : restart) {
            f.get(5, TimeUnit.MINUTES);
        }
    }

    @Test
    @Order(4)
    void killingAHomesPeerMidDayMovesItsHomesToTheOtherPeerAndTheRestartedPeerCatchesUp() throws Exception {
        long failOversBefore = fabric.homeFailOvers();
        killAndStartLater("community-peer", FIRST + 3L * PER_DRILL, "declareAndContribute", 2, "peer-community",
                15_000);
        // Half the homes started on peer0 of their organisation: they went on through peer1.
        assertTrue(fabric.homeFailOvers() > failOversBefore, "no home connection moved to the other peer");
        assertEveryPeerHoldsTheSameChain("community-peer (after its restart)");
        assertTrue(fabric.chainHeads().keySet().stream().filter(n -> n.contains("community")).count() >= 2,
                "both of the homes' peers are compared");
    }

    /** Something to set up before a drill's windows run (its fault hook). */
    @FunctionalInterface
    private interface Setup {
        void run() throws Exception;
    }

    /** Runs {@link #PER_DRILL} windows from {@code first} with the fault {@code setup} arms; checks and reports. */
    private void drill(String name, long first, Setup setup) throws Exception {
        setup.run();
        RunReport report;
        try {
            int errorsBefore = errors.size();
            report = new Simulator(community, day, config, THREADS, new Simulator.SimulationListener() {
                @Override
                public void error(String who, long window, Exception error) {
                    errors.add(who + " in window " + window + ": " + error);
                }
            }).run(RunReport.builder(params), (int) first, PER_DRILL);
            assertEquals(List.of(), errors.subList(errorsBefore, errors.size()), "errors during drill " + name);
        } finally {
            provider.clearHooks();
        }
        assertTrue(faults.contains(name), "the fault of drill " + name + " was never injected");
        assertEquals(PER_DRILL, report.windows().size());
        int decided = 0;
        int settled = 0;
        int lost = 0;
        int doubled = 0;
        for (long t = first; t < first + PER_DRILL; t++) {
            int decisions = decisions(t);
            int settlements = history("SETTLEMENT/" + t).size();
            decided += Math.min(decisions, 1);
            settled += Math.min(settlements, 1);
            lost += settlements == 0 ? 1 : 0;
            doubled += decisions > 1 || settlements > 1 ? 1 : 0;
        }
        String line = String.format(java.util.Locale.ROOT, "drill %s: windows decided %d, settled %d, lost %d, "
                + "double %d", name, decided, settled, lost, doubled);
        Files.writeString(REPORT, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.println("[fabric-test] " + line);
        assertEquals(PER_DRILL, decided, line);
        assertEquals(PER_DRILL, settled, line);
        assertEquals(0, lost, line);
        assertEquals(0, doubled, line);
        assertEveryPeerHoldsTheSameChain(name);
    }

    /** How many times window {@code t}'s record was written with a decision (cleared or grid only). */
    private int decisions(long t) throws LedgerException {
        int n = 0;
        for (HistoryEntry e : history("WINDOW/" + t)) {
            JsonElement value = e.value();
            WindowPhase phase = CanonicalJson.fromJson(value.toString(), WindowRecord.class).phase();
            n += phase == WindowPhase.CLEARED || phase == WindowPhase.GRID_ONLY ? 1 : 0;
        }
        return n;
    }

    /** Every peer, the auditor's included, reaches the same height with the same head block hash. */
    private void assertEveryPeerHoldsTheSameChain(String drill) throws LedgerException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, FabricLedger.ChainHead> heads = headsOrNothing();
        while ((heads.isEmpty() || new HashSet<>(heads.values()).size() > 1) && System.nanoTime() < deadline) {
            sleep(500);
            heads = headsOrNothing();
        }
        if (heads.isEmpty()) {
            heads = fabric.chainHeads();   // a peer still cannot be reached: fail naming it
        }
        Set<FabricLedger.ChainHead> distinct = new HashSet<>(heads.values());
        assertEquals(1, distinct.size(), "after drill " + drill + " the peers hold different chains: " + heads);
        assertTrue(heads.keySet().stream().anyMatch(n -> n.contains("auditor")), "the auditor's peer is compared");
    }

    /** Every peer's chain head, or nothing while some peer cannot be reached (it is being started again). */
    private Map<String, FabricLedger.ChainHead> headsOrNothing() {
        try {
            return fabric.chainHeads();
        } catch (LedgerException e) {
            return Map.of();
        }
    }

    private MarketClient operator() {
        return community.operator().client();
    }

    private List<HistoryEntry> history(String key) throws LedgerException {
        return CanonicalJson.fromJson(operator().history(key), new TypeToken<List<HistoryEntry>>() { }.getType());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
