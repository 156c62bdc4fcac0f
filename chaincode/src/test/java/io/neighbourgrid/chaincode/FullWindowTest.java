package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.embedded.PreparedTx;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
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
        void windowViewHoldsTheSelectedHomesEveryContributionAndEveryProof() {
            m.fullWindow(1, inputs);
            WindowView view = m.view(1);
            SelectedHomes s = view.window().coalitions().selection();
            assertEquals(s.initiator(), view.initiator());
            assertEquals(s.responder(), view.responder());
            assertEquals(m.home(s.initiator()).publicKey().toBase64(), view.initiatorKey());
            assertEquals(m.home(s.responder()).publicKey().toBase64(), view.responderKey());
            assertEquals(7, view.declarations().size());
            assertEquals(6, view.contributions().size());
            assertTrue(view.contributions().stream().allMatch(c -> !c.proof().isEmpty()));
            assertEquals(s.initiator(), view.maskTransfer().homeId());
            assertEquals(s.responder(), view.outcomeProof().homeId());
            assertNotNull(view.outcomeProof().proof());
            // A home's own view carries neither the others' contributions nor the evaluation's proofs.
            WindowView own = CanonicalJson.fromJson(m.query("getWindowForHome", "1", "b1"), WindowView.class);
            assertEquals(1, own.contributions().size());
            assertNull(own.maskTransfer());
            assertNull(own.outcomeProof());
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
            expected.add("MaskTransferPosted");
            expected.add("OutcomePosted");
            expected.add("WindowSettled");
            assertEquals(expected, names);
        }

        @Test
        void theDecidingTransactionsEventCarriesTheNewPhase() {
            m.throughContributions(1, inputs);
            SelectedHomes s = m.selection(1);
            TxResult first = m.postMaskTransfer(1);
            assertEquals("{\"homeId\":\"" + s.initiator() + "\",\"phase\":\"EVALUATION\",\"window\":1}",
                    new String(first.event().payload(), StandardCharsets.UTF_8));
            TxResult second = m.postOutcome(1);
            assertEquals("OutcomePosted", second.event().name());
            assertEquals("{\"homeId\":\"" + s.responder() + "\",\"phase\":\"CLEARED\",\"window\":1}",
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
        void clearsAtTheLowerPriceBound() {
            m.fullWindow(1, inputs);
            WindowRecord w = m.window(1);
            WindowOutcome expected = reference(inputs);
            assertEquals(Clearing.EXTREME, expected.clearing());
            assertMatchesReference(w, expected);
            assertEquals(MarketHarness.config().lowPrice(), w.outcome().price());
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
