package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.CHANNEL;
import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Selection;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which homes a window selects, how the choice follows the epoch ranking, and suspension and resumption. */
class SelectionTest {

    private static List<String> firstTwo(List<String> ranking) {
        return ranking.subList(0, 2);
    }

    private static List<String> selected(SelectedHomes s) {
        return List.of(s.initiator(), s.responder());
    }

    @Nested
    class EpochRanking {
        /** Three windows per epoch: windows 0 to 2 are epoch 0, windows 3 to 5 epoch 1. */
        private final MarketHarness m = new MarketHarness(MarketHarness.KEY_BITS, 3);

        @Test
        void theRankingIsEveryUnsuspendedHomeScoredForTheWindowsEpoch() {
            m.configure();
            m.registerWithInputs(MarketHarness.generalMarket());
            List<Selection.Candidate> candidates = new ArrayList<>();
            for (HomeRecord h : CanonicalJson.fromJson(m.query("listHomes"), HomeRecord[].class)) {
                candidates.add(new Selection.Candidate(h.homeId(), h.txId()));
            }
            assertEquals(Selection.rank(CHANNEL, 0, candidates), m.ranking(2));
            assertEquals(Selection.rank(CHANNEL, 1, candidates), m.ranking(3));
            assertEquals(Selection.rank(CHANNEL, 7, candidates), m.ranking(23));
        }

        @Test
        void selectsTheTwoBestRankedHomesThatDeclared() {
            m.configure();
            m.registerWithInputs(MarketHarness.generalMarket());
            List<String> ranked = m.ranking(1);
            m.openWindow(1);
            for (String id : ranked.subList(1, ranked.size())) {
                m.submit(m.home(id).creator, "declareRole", "1", m.home(id).input.role().name());
            }
            m.clock.advance(PHASE_SECONDS);
            m.closeRoles(1);
            // The best-ranked home did not declare, so it is passed over (each coalition keeps two homes or more).
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.CONTRIBUTIONS, w.phase());
            assertEquals(ranked.subList(1, 3), selected(w.coalitions().selection()));
            assertTrue(w.coalitions().offMarket().contains(ranked.get(0)));
        }

        @Test
        void theSelectionIsStableWithinAnEpochAndFollowsTheNextEpochsRanking() {
            m.configure();
            m.registerWithInputs(MarketHarness.generalMarket());
            List<String> epoch0 = firstTwo(m.ranking(0));
            for (long t = 0; t <= 3; t++) {
                m.rolesOf(t);
            }
            assertEquals(epoch0, selected(m.selection(0)));
            assertEquals(epoch0, selected(m.selection(1)));
            assertEquals(epoch0, selected(m.selection(2)));
            assertEquals(0, m.selection(2).epoch());
            assertEquals(1, m.selection(3).epoch());
            assertEquals(firstTwo(m.ranking(3)), selected(m.selection(3)));
            // Some later epoch selects other homes (each epoch's ranking is a fresh draw); its first window does.
            long t = 3;
            while (firstTwo(m.ranking(t)).equals(epoch0)) {
                t += 3;
                assertTrue(t < 300, "every epoch up to window " + t + " selected the same two homes");
            }
            if (t > 3) {
                m.rolesOf(t);
            }
            assertNotEquals(epoch0, selected(m.selection(t)));
            assertEquals(firstTwo(m.ranking(t)), selected(m.selection(t)));
        }
    }

    @Nested
    class Suspension {
        private final MarketHarness m = new MarketHarness();
        private final Map<String, HomeInput> general = MarketHarness.generalMarket();

        @Test
        void aSilentSelectedHomeIsSuspendedUntilItResumesAndTheNextRankedHomeStandsIn() {
            Map<String, HomeInput> inputs = m.throughRolesSelecting(1, general, Role.BUYER, Role.SELLER);
            List<String> ranked = m.ranking(1);
            String r2 = ranked.get(0);
            String r1 = ranked.get(1);
            // Window 1: r1 is a member and stays silent; the operator closes the contributions after the deadline.
            for (String id : m.members(1)) {
                if (!id.equals(r1)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            m.closeContributions(1);
            assertEquals(GridOnlyReason.SELECTED_HOME_DID_NOT_CONTRIBUTE, m.window(1).outcome().reason());
            assertEquals(1, m.homeRecord(r1).suspension().window());

            // Window 2, same epoch: r1 is left out of the ranking, the third-ranked home stands in. r1 still
            // declares and contributes as a member, and the window clears like the reference.
            assertEquals(ranked.subList(0, 1), m.ranking(2).subList(0, 1));
            assertFalse(m.ranking(2).contains(r1));
            m.runWindow(2);
            SelectedHomes window2 = m.selection(2);
            assertEquals(List.of(r2, ranked.get(2)), selected(window2));
            assertEquals(List.of(r1), window2.suspended());
            assertTrue(m.view(2).contributions().stream().anyMatch(c -> c.homeId().equals(r1)));
            WindowOutcome expected = new ReferenceMarket(MarketHarness.config().parameters()).clear(2,
                    inputs.values());
            assertEquals(Clearing.GENERAL, m.window(2).outcome().clearing());
            assertEquals(expected.price().getAsLong(), m.window(2).outcome().price());
            assertEquals(expected.fillRatio(), m.window(2).outcome().fillRatio());

            // r1 resumes while window 3 takes declarations; the roles close afterwards, so r1 is selected again.
            m.openWindow(3);
            m.declareAll(3);
            TxResult resumed = m.submit(m.home(r1).creator, "resumeHome");
            assertEquals("HomeResumed", resumed.event().name());
            assertEquals("{\"homeId\":\"" + r1 + "\"}", new String(resumed.event().payload(),
                    StandardCharsets.UTF_8));
            HomeRecord record = CanonicalJson.fromJson(new String(resumed.payload(), StandardCharsets.UTF_8),
                    HomeRecord.class);
            assertNull(record.suspension());
            assertEquals(record, m.homeRecord(r1));
            m.rejects(ErrorCode.NOT_SUSPENDED, m.home(r1).creator, "resumeHome");
            m.closeRoles(3);
            assertEquals(List.of(r2, r1), selected(m.selection(3)));
            assertTrue(m.selection(3).suspended().isEmpty());
        }

        @Test
        void fewerThanTwoSelectableHomesThatDeclaredEndTheWindowWithTheGrid() {
            m.configure();
            m.registerWithInputs(MarketHarness.extremeMarket());
            // Every window the selected pair stays silent through the evaluation: the initiator, whose mask
            // transfer is missing, is suspended, one home per window, until fewer than two remain selectable.
            long t = 1;
            for (; t <= 3; t++) {
                m.rolesOf(t);
                m.contributeAll(t);
                m.closeContributions(t);
                String initiator = m.selection(t).initiator();
                m.clock.advance(PHASE_SECONDS);
                m.submit(m.operator, "expireWindow", Long.toString(t));
                assertTrue(m.ranking(t + 1).stream().noneMatch(initiator::equals));
            }
            assertEquals(1, m.ranking(t).size());
            m.rolesOf(t);
            WindowRecord w = m.window(t);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.TOO_FEW_SELECTABLE_HOMES, w.outcome().reason());
            assertNull(w.coalitions().selection());
            assertNull(m.view(t).initiator());
            assertEquals(List.of("s1", "s2"), w.coalitions().sellers());
            m.submit(m.operator, "settleWindow", Long.toString(t));

            // One home back makes two, selected in ranking order.
            List<String> suspended = new ArrayList<>(List.of("b1", "b2", "s1", "s2"));
            suspended.removeAll(m.ranking(t));
            String back = suspended.remove(0);
            m.submit(m.home(back).creator, "resumeHome");
            m.rolesOf(t + 1);
            assertEquals(m.ranking(t + 1), selected(m.selection(t + 1)));
            assertEquals(suspended, m.selection(t + 1).suspended());
        }
    }
}
