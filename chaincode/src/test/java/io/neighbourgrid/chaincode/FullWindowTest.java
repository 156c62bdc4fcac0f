package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.embedded.PreparedTx;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Whole windows through the embedded ledger with real cryptography: every home encrypts, the two selected homes
 * decrypt, compare and prove, and chaincode's outcome must equal the plaintext reference market to the unit.
 */
class FullWindowTest {

    private static WindowOutcome reference(Map<String, HomeInput> inputs) {
        return new ReferenceMarket(MarketHarness.config().parameters()).clear(1, inputs.values());
    }

    private static void assertMatchesReference(WindowRecord w, WindowOutcome expected) {
        Outcome o = w.outcome();
        assertEquals(expected.clearing(), o.clearing());
        assertEquals(expected.price().getAsLong(), o.price());
        assertEquals(expected.fillRatio(), o.fillRatio());
        assertEquals(expected.supply(), o.supply());
        assertEquals(expected.demand(), o.demand());
        assertEquals(expected.sumPreference(), o.preferenceSum());
        assertEquals(expected.sumPricingTerm(), o.pricingTermSum());
    }

    @Nested
    class GeneralMarket {
        private final MarketHarness m = new MarketHarness();
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();

        @Test
        void clearsAtTheReferencePriceAndFillRatio() {
            m.fullWindow(1, inputs);
            WindowView view = m.view(1);
            WindowOutcome expected = reference(inputs);
            assertEquals(Clearing.GENERAL, expected.clearing());
            assertEquals(WindowPhase.SETTLED, view.window().phase());
            assertMatchesReference(view.window(), expected);
            assertTrue(view.window().supplyBelowDemand());
        }

        @Test
        void settlementNamesTheMarketMembersAndTheOffMarketHome() {
            m.fullWindow(1, inputs);
            Settlement s = m.view(1).settlement();
            assertNotNull(s);
            assertEquals(List.of("s1", "s2", "s3"), s.sellers());
            assertEquals(List.of("b1", "b2", "b3"), s.buyers());
            assertEquals(List.of("o1"), s.offMarket());
            assertTrue(s.gridOnlySellers().isEmpty() && s.gridOnlyBuyers().isEmpty());
            assertEquals(MarketHarness.config().retailPrice(), s.retailPrice());
            assertEquals(reference(inputs).price().getAsLong(), s.price());
        }

        @Test
        void windowViewHoldsTheSelectedHomesEveryContributionComparisonMessageAndProof() {
            m.fullWindow(1, inputs);
            WindowView view = m.view(1);
            SelectedHomes s = view.window().coalitions().selection();
            assertEquals(s.initiator(), view.initiator());
            assertEquals(s.responder(), view.responder());
            assertEquals(m.home(s.initiator()).publicKey().toBase64(), view.initiatorKey());
            assertEquals(m.home(s.responder()).publicKey().toBase64(), view.responderKey());
            assertEquals(7, view.declarations().size());
            assertEquals(6, view.contributions().size());
            assertEquals(List.of(1, 2, 3, 4), view.comparisonMessages().stream().map(x -> x.step()).toList());
            assertEquals(s.responder(), view.window().decryptions().responder().homeId());
            assertEquals(s.initiator(), view.window().decryptions().initiator().homeId());
            assertNotNull(view.window().decryptions().initiator().proof());
        }

        @Test
        void decryptionsBeforeTheComparisonDecideTheSameOutcome() {
            m.throughContributions(1, inputs);
            m.postDecryptions(1);
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
            m.runComparison(1);
            assertEquals(WindowPhase.CLEARED, m.window(1).phase());
            assertMatchesReference(m.window(1), reference(inputs));
        }

        @Test
        void everyOrderOfTheComparisonAndTheTwoDecryptionsDecidesTheSameOutcome() {
            m.configure();
            m.registerWithInputs(inputs);
            WindowOutcome expected = reference(inputs);
            long t = 0;
            // The comparison before, between and after the two decryptions, with r1 or r2 decrypting first.
            for (int comparisonAt = 0; comparisonAt <= 2; comparisonAt++) {
                for (boolean responderFirst : List.of(true, false)) {
                    t++;
                    m.rolesOf(t);
                    m.contributeAll(t);
                    m.closeContributions(t);
                    SelectedHomes s = m.selection(t);
                    List<String> decryptors = responderFirst ? List.of(s.responder(), s.initiator())
                            : List.of(s.initiator(), s.responder());
                    for (int i = 0; i <= 2; i++) {
                        if (i == comparisonAt) {
                            m.runComparison(t);
                        }
                        if (i < 2) {
                            assertEquals(WindowPhase.EVALUATION, m.window(t).phase(), "window " + t);
                            m.postDecryption(t, decryptors.get(i));
                        }
                    }
                    assertEquals(WindowPhase.CLEARED, m.window(t).phase(), "window " + t);
                    assertMatchesReference(m.window(t), expected);
                }
            }
        }

        @Test
        void everySubmittedTransactionSetsExactlyItsPhaseEvent() {
            m.fullWindow(1, inputs);
            List<String> names = m.committed.stream().map(r -> r.event().name()).toList();
            List<String> expected = new ArrayList<>();
            expected.add("MarketConfigured");
            expected.add("ProofParametersRegistered");
            for (int i = 0; i < 7; i++) {
                expected.add("HomeRegistered");
            }
            expected.add("WindowOpened");
            for (int i = 0; i < 7; i++) {
                expected.add("RoleDeclared");
            }
            expected.add("RolesClosed");
            for (int i = 0; i < 6; i++) {
                expected.add("ContributionSubmitted");
            }
            expected.add("ContributionsClosed");
            for (int i = 0; i < 4; i++) {
                expected.add("ComparisonMessagePosted");
            }
            expected.add("DecryptionPosted");
            expected.add("DecryptionPosted");
            expected.add("WindowSettled");
            assertEquals(expected, names);
        }

        @Test
        void theDecidingTransactionsEventCarriesTheNewPhase() {
            m.throughContributions(1, inputs);
            m.runComparison(1);
            SelectedHomes s = m.selection(1);
            TxResult first = m.postDecryption(1, s.responder());
            assertEquals("{\"homeId\":\"" + s.responder() + "\",\"phase\":\"EVALUATION\",\"window\":1}",
                    new String(first.event().payload(), StandardCharsets.UTF_8));
            TxResult second = m.postDecryption(1, s.initiator());
            assertEquals("DecryptionPosted", second.event().name());
            assertEquals("{\"homeId\":\"" + s.initiator() + "\",\"phase\":\"CLEARED\",\"window\":1}",
                    new String(second.event().payload(), StandardCharsets.UTF_8));
        }

        @Test
        void contributionsPreparedTogetherCommitInOneBlockWithoutConflicts() {
            m.throughRoles(1, inputs);
            List<PreparedTx> txs = new ArrayList<>();
            for (String id : m.members(1)) {
                txs.add(m.engine.prepare(m.home(id).creator, "submitContribution",
                        List.of("1", m.contribution(1, id))));
            }
            List<TxResult> results = m.engine.commitBlock(txs);
            assertTrue(results.stream().allMatch(TxResult::isValid), results.toString());
            assertEquals(6, m.view(1).contributions().size());
        }
    }

    @Nested
    class ExtremeMarket {
        private final MarketHarness m = new MarketHarness();
        private final Map<String, HomeInput> inputs = MarketHarness.extremeMarket();

        @Test
        void clearsAtTheLowerPriceBoundAndRecordsEveryTotal() {
            m.fullWindow(1, inputs);
            WindowRecord w = m.window(1);
            WindowOutcome expected = reference(inputs);
            assertEquals(Clearing.EXTREME, expected.clearing());
            assertMatchesReference(w, expected);
            assertEquals(MarketHarness.config().lowPrice(), w.outcome().price());
            assertFalse(w.supplyBelowDemand());
        }
    }

    @Nested
    class SelectedHomeOffMarket {
        private final MarketHarness m = new MarketHarness();

        @Test
        void aHomeThatDeclaredOffIsSelectedAndTheWindowClearsLikeTheReference() {
            m.configure();
            Map<String, HomeInput> general = MarketHarness.generalMarket();
            general.keySet().forEach(m::register);
            String first = m.ranking(1).get(0);
            // The best-ranked home gets the off-market input, so it declares OFF and is still selected as r2.
            Map<String, HomeInput> inputs = MarketHarness.swapped(general, first, "o1");
            m.assignInputs(inputs);
            m.runWindow(1);
            WindowRecord w = m.window(1);
            assertEquals(List.of(first), w.coalitions().offMarket());
            assertEquals(first, w.coalitions().selection().initiator());
            assertEquals(m.ranking(1).get(1), w.coalitions().selection().responder());
            assertTrue(m.view(1).contributions().stream().noneMatch(c -> c.homeId().equals(first)));
            assertEquals(WindowPhase.SETTLED, w.phase());
            assertMatchesReference(w, reference(inputs));
        }
    }

    @Nested
    class ProductionKeySize {
        @Test
        void aWindowWith2048BitKeysClearsLikeTheReference() {
            MarketHarness m = new MarketHarness(2048);
            Map<String, HomeInput> inputs = MarketHarness.extremeMarket();
            m.configure();
            m.registerWithInputs(inputs);
            m.runWindow(1);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.SETTLED, w.phase());
            assertEquals(MarketType.EXTREME, w.outcome().clearing().marketType().orElseThrow());
            assertMatchesReference(w, reference(inputs));
            assertEquals(Set.of(2048), Set.copyOf(m.homes.values().stream()
                    .map(h -> h.publicKey().bits()).toList()));
        }
    }
}
