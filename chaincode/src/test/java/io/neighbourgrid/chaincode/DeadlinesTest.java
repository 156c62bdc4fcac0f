package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Deadlines: moving a window on past a phase's deadline and suspending silent selected homes
 * ({@code market.Deadlines}).
 */
class DeadlinesTest {
    private final MarketHarness m = new MarketHarness();

    @Nested
    class ExpireWindow {
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();

        @Test
        void rejectsEachPhaseBeforeItsDeadline() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.declareAll(1);
            m.submit(m.operator, "closeRoles", "1");
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.contributeAll(1);
            m.submit(m.operator, "closeContributions", "1");
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
        }

        @Test
        void closesTheRolesAfterTheirDeadlineWithUndeclaredHomesOffMarket() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            for (String id : List.of("s1", "s2", "b1", "b2")) {
                m.submit(m.home(id).creator, "declareRole", "1", m.home(id).input.role().name());
            }
            m.clock.advance(PHASE_SECONDS);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("RolesClosed", r.event().name());
            assertEquals("{\"phase\":\"CONTRIBUTIONS\",\"window\":1}", MarketHarness.payload(r));
            assertEquals(List.of("b3", "o1", "s3"), m.window(1).coalitions().offMarket());
        }

        @Test
        void closesTheContributionsAfterTheirDeadline() {
            m.throughRoles(1, inputs);
            String silent = m.unselected(1, Role.BUYER);
            for (String id : m.members(1)) {
                if (!id.equals(silent)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("ContributionsClosed", r.event().name());
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
            assertEquals(List.of(silent), m.window(1).aggregation().silentMembers());
        }

        @Test
        void rejectsACommunityHomeEvenAfterTheDeadline() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            m.clock.advance(PHASE_SECONDS);
            assertTrue(m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.forwardDatingHome(), "expireWindow", "1").getMessage()
                    .contains("expire windows"));
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "expireWindow", "1");
            assertEquals(WindowPhase.ROLES, m.window(1).phase());
        }

        @Test
        void aMissingOutcomeEndsTheWindowWithTheGridAndSuspendsR1Only() {
            m.throughContributions(1, inputs);
            SelectedHomes sel = m.selection(1);
            m.postMaskTransfer(1);
            m.clock.advance(2 * PHASE_SECONDS - 1);
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.clock.advance(1);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("WindowExpired", r.event().name());
            assertEquals("{\"phase\":\"GRID_ONLY\",\"window\":1}", MarketHarness.payload(r));
            WindowRecord w = m.window(1);
            String r1 = sel.responder();
            assertEquals(GridOnlyReason.OUTCOME_NOT_POSTED, w.outcome().reason());
            assertEquals(List.of(r1), w.outcome().silentHomes());
            assertTrue(w.outcome().detail().contains("r1 " + r1));
            assertEquals(GridOnlyReason.OUTCOME_NOT_POSTED, m.homeRecord(r1).suspension().reason());
            assertFalse(m.homeRecord(sel.initiator()).suspended());
            m.rejects(ErrorCode.WRONG_PHASE, m.home(r1).creator, "postOutcome", "1", "AAAA");
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "expireWindow", "1");
            m.submit(m.operator, "settleWindow", "1");
            Settlement s = m.view(1).settlement();
            assertEquals(Clearing.GRID_ONLY, s.clearing());
            assertEquals(List.of("s1", "s2", "s3"), s.gridOnlySellers());
            assertEquals(List.of("b1", "b2", "b3"), s.gridOnlyBuyers());
        }

        @Test
        void aSilentInitiatorIsNamedAndSuspendedAndItsPartnerIsNot() {
            m.throughContributions(1, inputs);
            SelectedHomes sel = m.selection(1);
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            WindowRecord w = m.window(1);
            assertEquals(GridOnlyReason.MASK_TRANSFER_NOT_POSTED, w.outcome().reason());
            assertEquals(List.of(sel.initiator()), w.outcome().silentHomes());
            assertEquals(1, m.homeRecord(sel.initiator()).suspension().window());
            assertTrue(m.homeRecord(sel.initiator()).suspended());
            assertFalse(m.homeRecord(sel.responder()).suspended());
        }
    }
}
