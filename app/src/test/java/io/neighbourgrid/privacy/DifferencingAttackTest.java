package io.neighbourgrid.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.paper.Rational;
import io.neighbourgrid.privacy.BlockLog.LoggedBlock;
import io.neighbourgrid.privacy.DifferencingAttacker.Equation;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differencing attack on a day of 50 homes whose preferences k are steady: an outsider reads every block of the
 * ledger, takes every published number of a window as a sum over its seller coalition and solves for each seller's
 * k (and tries supply and demand the same way). On the ledger this design writes it recovers nothing; on the
 * publication of the earlier design (every window's four totals in clear) the same attacker recovers sellers' k
 * exactly, so the test can fail.
 */
class DifferencingAttackTest {
    private static final int HOMES = 50;
    private static final int WINDOWS = 8;
    private static final int KEY_BITS = 1024;

    @Test
    void anOutsiderWithEveryBlockRecoversNoSellersPreferenceWhereTheOldTotalsGaveThemAway(@TempDir Path dir)
            throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(60).windowSeconds(900).seed(23).build()
                .generate();
        Map<String, Long> trueK = new TreeMap<>();
        for (HomeInput in : day.inputs(0)) {
            trueK.put(in.homeId(), in.preference());
        }
        for (int t = 1; t < 60; t++) {
            for (HomeInput in : day.inputs(t)) {
                assertEquals(trueK.get(in.homeId()), in.preference(), "k is steady over the day");
            }
        }

        // The earlier design's publication: each window's sellers and their sum k, in clear (60 windows).
        List<Equation> legacy = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            Set<String> sellers = new TreeSet<>();
            long sumK = 0;
            for (HomeInput in : day.inputs(t)) {
                if (in.role() == Role.SELLER) {
                    sellers.add(in.homeId());
                    sumK += in.preference();
                }
            }
            if (sellers.size() >= 2) {
                legacy.add(new Equation("sum k", sellers, BigInteger.valueOf(sumK)));
            }
        }
        int legacyRecovered = exact(DifferencingAttacker.solve(legacy), trueK);
        System.out.println("Differencing attack on the earlier publication (60 windows): " + legacyRecovered + " of "
                + legacy.stream().flatMap(e -> e.members().stream()).distinct().count() + " sellers' k recovered");
        assertTrue(legacyRecovered > 0, "the attacker recovers k from published coalition sums");

        // This design's ledger, read block by block.
        Path ledgerDir = dir.resolve("ledger");
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        List<Exception> errors = new ArrayList<>();
        AgentListener agents = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        try (Community community = new Community(new EmbeddedLedgerProvider(ledgerDir, clock), day, KEY_BITS,
                new KeyCache(null, "x".toCharArray(), new SecureRandom()), clock, agents, 2)) {
            new Simulator(community, day, MarketConfig.of(params, KEY_BITS, 60), 2,
                    new Simulator.SimulationListener() { }).run(RunReport.builder(params), 0, WINDOWS);
        }
        assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
        List<LoggedBlock> blocks = BlockLog.read(ledgerDir.resolve("blocks.log"));
        Map<String, List<Equation>> published = DifferencingAttacker.equations(blocks);
        assertTrue(published.keySet().stream().anyMatch(p -> p.contains("price")),
                "the attacker reads the windows' numbers: " + published.keySet());
        int recovered = 0;
        List<Equation> everything = new ArrayList<>();
        for (Map.Entry<String, List<Equation>> source : published.entrySet()) {
            recovered += exact(DifferencingAttacker.solve(source.getValue()), trueK);
            everything.addAll(source.getValue());
        }
        System.out.println("Differencing attack on this ledger (" + WINDOWS + " windows, " + blocks.size()
                + " blocks, " + published.size() + " number sources): " + recovered + " sellers' k recovered");
        assertEquals(0, recovered, "no published number is a coalition sum of k");
        // Nor is any published number of a window one of its totals: E_s, E_b, sum k, sum d.
        for (int t = 0; t < WINDOWS; t++) {
            long supply = 0;
            long demand = 0;
            long sumK = 0;
            for (HomeInput in : day.inputs(t)) {
                if (in.role() == Role.SELLER) {
                    supply += in.netEnergy();
                    sumK += in.preference();
                } else if (in.role() == Role.BUYER) {
                    demand -= in.netEnergy();
                }
            }
            for (Equation e : everything) {
                long v = e.value().longValue();
                boolean small = e.value().bitLength() < 20;
                assertTrue(small || (v != supply && v != demand && v != sumK),
                        "window " + t + " total published as " + e.source());
            }
        }
    }

    private static int exact(Map<String, Rational> solved, Map<String, Long> truth) {
        int n = 0;
        for (Map.Entry<String, Rational> e : solved.entrySet()) {
            Rational v = e.getValue();
            if (v.isInteger() && v.floor().equals(BigInteger.valueOf(truth.get(e.getKey())))) {
                n++;
            }
        }
        return n;
    }
}
