package io.neighbourgrid.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.Representative;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day whose homes delegate to representatives: each representative submits one batch of its homes' declarations
 * and contributions per window; the windows clear as the plaintext reference and as the same day without
 * representatives, with fewer transactions.
 */
class RepresentativesDayTest {
    private static final int HOMES = 12;
    private static final int REPRESENTATIVES = 3;
    private static final int WINDOWS = 3;

    @Test
    void aDayWithRepresentativesClearsAsWithoutThemInFewerTransactions(@TempDir Path dir) throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).windowSeconds(900)
                .startTime(LocalTime.of(11, 0)).seed(5).build().generate();
        RunReport alone = SimulatorTest.run(day, dir.resolve("alone"), WINDOWS, c -> Bidding.realised(day, c));
        Map<String, Integer> byRepresentative = new HashMap<>();
        RunReport represented = SimulatorTest.run(day, dir.resolve("represented"), WINDOWS,
                c -> Bidding.realised(day, c), REPRESENTATIVES, community -> {
                    MarketClient ledger = community.operator().client();
                    for (var home : community.agents()) {
                        assertTrue(ledger.delegation(home.homeId()).orElseThrow().isActive());
                    }
                    for (Representative r : community.representatives()) {
                        byRepresentative.put(r.representativeId(), 0);
                    }
                    for (int t = 0; t < WINDOWS; t++) {
                        WindowView view = ledger.window(t).orElseThrow();
                        assertEquals(HOMES, view.declarations().size());
                        for (RoleDeclaration d : view.declarations()) {
                            assertTrue(d.representative() != null, "home " + d.homeId() + " declared itself");
                            byRepresentative.merge(d.representative(), 1, Integer::sum);
                        }
                    }
                });
        SimulatorTest.assertMatchesReferenceAndBalances(represented);
        // Round-robin: every representative acts for a third of the homes in every window.
        assertEquals(Map.of("representative-001", 12, "representative-002", 12, "representative-003", 12),
                byRepresentative);
        List<WindowReport> a = alone.windows();
        List<WindowReport> b = represented.windows();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).clearing(), b.get(i).clearing(), "window " + i);
            assertEquals(a.get(i).price(), b.get(i).price(), "window " + i);
            assertEquals(a.get(i).settlements(), b.get(i).settlements(), "window " + i);
            long without = a.get(i).metrics().transactions();
            long with = b.get(i).metrics().transactions();
            // Every home's declaration went into one of the representatives' batches.
            assertEquals(without - HOMES + REPRESENTATIVES, with, "window " + i);
        }
        assertTrue(represented.medianTransactionsPerWindow() < alone.medianTransactionsPerWindow());
    }

    @Test
    void contributionsMadeOnceTheRolesAreClosedGoInTheRepresentativesBatchesToo(@TempDir Path dir)
            throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).windowSeconds(900)
                .startTime(LocalTime.of(11, 0)).seed(5).build().generate();
        // Every member contributes after the roles are closed, as when the window selects other homes than expected.
        RunReport alone = SimulatorTest.runPrepared(day, dir.resolve("alone"), WINDOWS, c -> Bidding.realised(day, c),
                0, community -> community.setContributesWithRole(false), simulator -> { }, community -> { });
        Map<String, Integer> contributed = new HashMap<>();
        RunReport represented = SimulatorTest.runPrepared(day, dir.resolve("represented"), WINDOWS,
                c -> Bidding.realised(day, c), REPRESENTATIVES, community -> community.setContributesWithRole(false),
                simulator -> { }, community -> {
                    MarketClient ledger = community.operator().client();
                    for (int t = 0; t < WINDOWS; t++) {
                        WindowView view = ledger.window(t).orElseThrow();
                        Set<String> declarations = new HashSet<>();
                        view.declarations().forEach(d -> declarations.add(d.txId()));
                        Set<String> batches = new HashSet<>();
                        view.contributions().forEach(c -> batches.add(c.txId()));
                        // Each contribution went out in a contribution batch: none with a declaration.
                        assertTrue(Collections.disjoint(declarations, batches), "window " + t);
                        contributed.merge("contributions", view.contributions().size(), Integer::sum);
                        contributed.merge("batches", batches.size(), Integer::sum);
                    }
                });
        SimulatorTest.assertMatchesReferenceAndBalances(represented);
        assertTrue(contributed.get("batches") <= REPRESENTATIVES * WINDOWS, contributed.toString());
        assertTrue(contributed.get("contributions") > contributed.get("batches"), contributed.toString());
        for (int i = 0; i < WINDOWS; i++) {
            WindowReport a = alone.windows().get(i);
            WindowReport b = represented.windows().get(i);
            assertEquals(a.clearing(), b.clearing(), "window " + i);
            assertEquals(a.settlements(), b.settlements(), "window " + i);
            int members = a.outcome().sellers() + a.outcome().buyers();
            // Without representatives every home declares and every member contributes in a transaction of its
            // own; with them at most two batches per representative replace them all.
            assertTrue(b.metrics().transactions() <= a.metrics().transactions() - HOMES - members
                    + 2L * REPRESENTATIVES, "window " + i + ": " + b.metrics().transactions() + " against "
                    + a.metrics().transactions());
        }
    }
}
