package io.neighbourgrid.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.BiddingReport;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.bids.BidMode;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.bids.StrategicHomes;
import io.neighbourgrid.sim.bids.Strategy;
import io.neighbourgrid.sim.data.AusgridLoader;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.MeterCommunity;
import io.neighbourgrid.sim.data.MeterSeries;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole trading days through the home agents and the embedded ledger, checked against the plaintext reference. */
class SimulatorTest {
    private static final int KEY_BITS = 1024;

    static RunReport run(CommunityDay day, Path ledgerDir, int windows) throws Exception {
        return run(day, ledgerDir, windows, config -> Bidding.realised(day, config));
    }

    static RunReport run(CommunityDay day, Path ledgerDir, int windows,
                         java.util.function.Function<MarketConfig, Bidding> bids) throws Exception {
        return run(day, ledgerDir, windows, bids, 0, simulator -> { }, community -> { });
    }

    /** What a test does with the community after its day, while the ledger is still open. */
    interface AfterDay {
        void accept(Community community) throws Exception;
    }

    /** A day with the simulator set up by {@code setUp} before it and {@code after} run once it is over. */
    static RunReport run(CommunityDay day, Path ledgerDir, int windows,
                         java.util.function.Function<MarketConfig, Bidding> bids,
                         java.util.function.Consumer<Simulator> setUp, AfterDay after) throws Exception {
        return run(day, ledgerDir, windows, bids, 0, setUp, after);
    }

    /** A day with {@code representatives} representatives acting for the homes; {@code after} runs on its end. */
    static RunReport run(CommunityDay day, Path ledgerDir, int windows,
                         java.util.function.Function<MarketConfig, Bidding> bids, int representatives,
                         AfterDay after) throws Exception {
        return run(day, ledgerDir, windows, bids, representatives, simulator -> { }, after);
    }

    /**
     * A day as {@link #run(CommunityDay, Path, int, java.util.function.Function)} runs it, with
     * {@code representatives} representatives acting for the homes, the simulator set up by {@code setUp} before
     * the day and the community handed to {@code after} once it is over.
     */
    static RunReport run(CommunityDay day, Path ledgerDir, int windows,
                         java.util.function.Function<MarketConfig, Bidding> bids, int representatives,
                         java.util.function.Consumer<Simulator> setUp, AfterDay after) throws Exception {
        return runPrepared(day, ledgerDir, windows, bids, representatives, community -> { }, setUp, after);
    }

    /**
     * As {@link #run(CommunityDay, Path, int, java.util.function.Function, int, java.util.function.Consumer,
     * AfterDay)}, with the community set up by {@code prepare} before its representatives.
     */
    static RunReport runPrepared(CommunityDay day, Path ledgerDir, int windows,
                                 java.util.function.Function<MarketConfig, Bidding> bids, int representatives,
                                 java.util.function.Consumer<Community> prepare,
                                 java.util.function.Consumer<Simulator> setUp, AfterDay after) throws Exception {
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        MarketConfig config = MarketConfig.of(params, KEY_BITS, 60);
        Bidding bidding = bids.apply(config);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        List<Exception> errors = new ArrayList<>();
        Simulator.SimulationListener listener = new Simulator.SimulationListener() {
            @Override
            public void error(String who, long window, Exception error) {
                errors.add(error);
            }
        };
        AgentListener agents = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        KeyCache keys = new KeyCache(null, "x".toCharArray(), new SecureRandom());
        try (LedgerProvider provider = new EmbeddedLedgerProvider(ledgerDir, clock);
             Community community = new Community(provider, day, KEY_BITS, keys, clock, agents, 2, null, bidding)) {
            prepare.accept(community);
            community.setRepresentatives(representatives);
            Simulator simulator = new Simulator(community, day, config, 2, listener, bidding);
            setUp.accept(simulator);
            RunReport report = simulator.run(RunReport.builder(params), 0, windows);
            assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
            after.accept(community);
            return report;
        }
    }

    static void assertMatchesReferenceAndBalances(RunReport report) {
        for (WindowReport w : report.windows()) {
            assertTrue(w.matchesReference(), "window " + w.index() + " deviates from the plaintext reference: "
                    + w.outcome() + " vs " + w.reference());
            assertEquals(java.util.Optional.of(java.util.List.of()), report.paperDeviations(w.index()),
                    "window " + w.index() + " deviates from the market written from the paper");
            if (w.clearing() == Clearing.GRID_ONLY) {
                continue;
            }
            MarketType type = w.clearing().marketType().orElseThrow();
            long sold = 0;
            long bought = 0;
            int longSide = 0;
            for (HomeSettlement h : w.settlements()) {
                if (h.role() == Role.SELLER) {
                    sold += h.marketEnergy();
                } else if (h.role() == Role.BUYER) {
                    bought += h.marketEnergy();
                }
                if (h.role() == type.longSide() && h.marketEnergy() > 0) {
                    longSide++;
                }
            }
            long residual = w.outcome().residual();
            long shortTotal = type == MarketType.GENERAL ? sold : bought;
            long longTotal = type == MarketType.GENERAL ? bought : sold;
            assertEquals(shortTotal, longTotal + residual, "energy balance of window " + w.index());
            assertTrue(residual >= 0 && residual <= longSide, "residual of window " + w.index() + " is " + residual);
        }
        assertTrue(report.summary().individuallyRational(), "some home is worse off than with the grid alone");
        assertEquals(0, report.summary().referenceMismatches());
        assertEquals(report.windows().size(), report.paperChecked());
        assertEquals(0, report.paperMismatches());
    }

    @Nested
    class Bids {
        /** Forecast bids and strategic reports go through the agents, the proofs and the ledger unchanged. */
        @Test
        void forecastAndStrategicBidsClearAsThePlaintextMarketOfTheBids(@TempDir Path dir) throws Exception {
            CommunityDay day = SyntheticCommunity.builder().homes(8).windows(4).windowSeconds(900)
                    .startTime(LocalTime.of(9, 0)).seed(3).build().generate();
            RunReport report = run(day, dir.resolve("ledger"), 4, config -> new Bidding(day, BidMode.PERSISTENCE,
                    java.util.Optional.of(new StrategicHomes(2, Strategy.BEST_RESPONSE)), config, 1));
            assertMatchesReferenceAndBalances(report);
            BiddingReport b = report.bidding().orElseThrow();
            assertEquals(8, b.homes().size());
            assertEquals(2, b.homes().stream().filter(BiddingReport.HomeBids::strategic).count());
            assertTrue(b.prices().inRange());
            assertTrue(b.communityMeanAbsError() > 0);
        }
    }

    @Nested
    class GeneratedDay {
        @Test
        void everyWindowMatchesThePlaintextReferenceAndBalances(@TempDir Path dir) throws Exception {
            CommunityDay day = SyntheticCommunity.builder().homes(10).windows(6).seed(3).build().generate();
            RunReport report = run(day, dir.resolve("ledger"), 6);
            assertEquals(6, report.windows().size());
            assertMatchesReferenceAndBalances(report);
            assertTrue(report.windows().stream().anyMatch(w -> w.clearing() != Clearing.GRID_ONLY),
                    "no window cleared a market");
            assertTrue(report.summary().bytesPerHomePerWindow().orElseThrow() > 0);
        }

        @Test
        void thePersistedLedgerReopensWithTheSameChain(@TempDir Path dir) throws Exception {
            CommunityDay day = SyntheticCommunity.builder().homes(6).windows(2).seed(5).build().generate();
            Path ledger = dir.resolve("ledger");
            run(day, ledger, 2);
            SimulationClock clock = new SimulationClock(java.time.Instant.parse("2030-01-01T00:00:00Z"));
            try (EmbeddedLedgerProvider reopened = new EmbeddedLedgerProvider(ledger, clock)) {
                var summary = reopened.ledger().engine().verifyChain();
                assertTrue(summary.blockCount() > 2 * 6, "too few blocks: " + summary.blockCount());
                assertFalse(reopened.ledger().engine().getHistoryForKey(
                        io.neighbourgrid.chaincode.StateKeys.settlement(1)).isEmpty(),
                        "the settlement of window 1 has no history after a restart");
            }
        }
    }

    @Nested
    class RealData {
        @Test
        void aDayOfAusgridHomesMatchesThePlaintextReference() throws Exception {
            Path file = Path.of("..", "..", "shared", "data", "ausgrid",
                    "customer1_2012-07-01_to_2012-12-13_original_wide_format_noheader.csv");
            if (!Files.exists(file)) {
                file = Path.of("..", "shared", "data", "ausgrid",
                        "customer1_2012-07-01_to_2012-12-13_original_wide_format_noheader.csv");
            }
            Assumptions.assumeTrue(Files.exists(file), "Ausgrid sample not present");
            List<MeterSeries> series = AusgridLoader.load(file);
            // Eight December days of one customer as eight homes, half of them with a battery, around noon.
            CommunityDay day = MeterCommunity.build(series, 8, LocalDate.of(2012, 12, 1), LocalTime.of(12, 0), 4, 300,
                    new MeterCommunity.Options(7, 0.0, 0.5));
            RunReport report = run(day, null, 4);
            assertMatchesReferenceAndBalances(report);
        }
    }
}
