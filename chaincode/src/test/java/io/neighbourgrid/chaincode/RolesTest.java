package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.COMMUNITY_MSP;
import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static io.neighbourgrid.chaincode.MarketHarness.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.MarketHarness.TestHome;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol 1 lines 3-4 and Protocol 2 lines 1 and 11: opening a window, declaring roles and closing them into
 * coalitions with the selected homes r1 and r2 ({@code market.Roles}).
 */
class RolesTest {
    private final MarketHarness m = new MarketHarness();

    @Nested
    class OpenWindow {
        @Test
        void recordsTheOpeningTransactionAndTheRoleDeadline() {
            m.configure();
            TxResult r = m.submit(m.operator, "openWindow", "7");
            WindowRecord w = m.window(7);
            assertEquals(WindowPhase.ROLES, w.phase());
            assertEquals(r.txId(), w.openedTxId());
            assertEquals(START.toString(), w.openedAt());
            assertEquals(START.plusSeconds(PHASE_SECONDS).toString(), w.rolesDeadline());
            assertEquals(MarketHarness.config(), w.config());
            assertEquals("WindowOpened", r.event().name());
            assertEquals("{\"phase\":\"ROLES\",\"window\":7}", MarketHarness.payload(r));
        }

        @Test
        void opensWindowsInAnyOrderButEachOnce() {
            m.configure();
            m.openWindow(5);
            m.openWindow(3);
            m.rejects(ErrorCode.WINDOW_EXISTS, m.operator, "openWindow", "5");
        }

        @Test
        void rejectsIdentitiesOutsideTheOperatorOrganisation() {
            m.configure();
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, MarketHarness.identity(COMMUNITY_MSP, "h1"), "openWindow", "1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-1", "01", "1.0", "x", " 1", "1000000000000000000"})
        void rejectsAMalformedWindowIndex(String t) {
            m.configure();
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "openWindow", t);
        }

        @Test
        void rejectsOpeningBeforeConfiguration() {
            m.rejects(ErrorCode.MARKET_NOT_CONFIGURED, m.operator, "openWindow", "1");
        }
    }

    @Nested
    class DeclareRole {
        private TestHome s1;

        @BeforeEach
        void setUp() {
            m.configure();
            s1 = m.register("s1");
            m.openWindow(1);
        }

        @Test
        void writesTheDeclarationUnderTheHomesOwnKey() {
            TxResult r = m.submit(s1.creator, "declareRole", "1", "SELLER");
            assertEquals("{\"declaredAt\":\"2026-03-02T07:00:00Z\",\"homeId\":\"s1\",\"role\":\"SELLER\","
                    + "\"txId\":\"" + r.txId() + "\",\"window\":1}", m.state(StateKeys.role(1, "s1")));
            assertEquals("RoleDeclared", r.event().name());
            assertEquals("{\"homeId\":\"s1\",\"phase\":\"ROLES\",\"window\":1}", MarketHarness.payload(r));
        }

        @Test
        void rejectsAnIdentityWithoutAHome() {
            m.rejects(ErrorCode.NOT_REGISTERED, MarketHarness.identity(COMMUNITY_MSP, "stranger"), "declareRole",
                    "1", "BUYER");
        }

        @Test
        void rejectsTheOperator() {
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "declareRole", "1", "BUYER");
        }

        @Test
        void rejectsAWindowNeverOpened() {
            m.rejects(ErrorCode.UNKNOWN_WINDOW, s1.creator, "declareRole", "2", "BUYER");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "seller", "NONE", "SELLER "})
        void rejectsAnUnknownRole(String role) {
            m.rejects(ErrorCode.INVALID_ARGUMENT, s1.creator, "declareRole", "1", role);
        }

        @Test
        void rejectsASecondDeclaration() {
            m.submit(s1.creator, "declareRole", "1", "SELLER");
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, s1.creator, "declareRole", "1", "BUYER");
        }

        @Test
        void rejectsADeclarationAtTheDeadline() {
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, s1.creator, "declareRole", "1", "SELLER");
        }

        @Test
        void rejectsADeclarationAfterTheRolesClosed() {
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            m.rejects(ErrorCode.WRONG_PHASE, s1.creator, "declareRole", "1", "SELLER");
        }
    }

    @Nested
    class CloseRoles {
        @Test
        void closesOnceEveryRegisteredHomeDeclaredAndDerivesTheSelection() {
            m.throughRoles(1, MarketHarness.generalMarket());
            WindowView view = m.view(1);
            WindowRecord w = view.window();
            assertEquals(WindowPhase.CONTRIBUTIONS, w.phase());
            assertEquals(List.of("s1", "s2", "s3"), w.coalitions().sellers());
            assertEquals(List.of("b1", "b2", "b3"), w.coalitions().buyers());
            assertEquals(List.of("o1"), w.coalitions().offMarket());
            SelectedHomes s = w.coalitions().selection();
            List<String> ranked = m.ranking(1);
            assertEquals(7, ranked.size());
            assertEquals(ranked.get(0), s.initiator());
            assertEquals(ranked.get(1), s.responder());
            assertEquals(0, s.epoch());
            assertTrue(s.suspended().isEmpty());
            assertEquals(s.initiator(), view.initiator());
            assertEquals(s.responder(), view.responder());
            assertEquals(START.plusSeconds(PHASE_SECONDS).toString(), w.coalitions().contributionsDeadline());
            assertEquals("RolesClosed", m.committed.get(m.committed.size() - 1).event().name());
        }

        @Test
        void waitsForUndeclaredHomesUntilTheDeadline() {
            m.configure();
            m.registerWithInputs(MarketHarness.generalMarket());
            m.openWindow(1);
            for (String id : List.of("s1", "s2", "b1", "b2")) {
                m.submit(m.home(id).creator, "declareRole", "1", m.home(id).input.role().name());
            }
            assertTrue(m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "closeRoles", "1").getMessage()
                    .contains("3 registered homes have not declared"));
            m.clock.advance(PHASE_SECONDS);
            assertTrue(m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.forwardDatingHome(), "closeRoles", "1").getMessage()
                    .contains("OperatorMSP"));
            m.submit(m.operator, "closeRoles", "1");
            WindowRecord w = m.window(1);
            assertEquals(List.of("s1", "s2"), w.coalitions().sellers());
            assertEquals(List.of("b3", "o1", "s3"), w.coalitions().offMarket());
        }

        @Test
        void aCoalitionBelowTheMinimumEndsTheWindowWithTheGrid() {
            Map<String, HomeInput> inputs = new TreeMap<>(MarketHarness.generalMarket());
            inputs.remove("s2");
            inputs.remove("s3");
            m.throughRoles(1, inputs);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(Clearing.GRID_ONLY, w.outcome().clearing());
            assertEquals(GridOnlyReason.COALITION_TOO_SMALL, w.outcome().reason());
            assertNull(w.coalitions().selection());
            m.submit(m.operator, "settleWindow", "1");
            Settlement s = m.view(1).settlement();
            assertEquals(List.of("s1"), s.gridOnlySellers());
            assertEquals(List.of("b1", "b2", "b3"), s.gridOnlyBuyers());
            assertTrue(s.sellers().isEmpty() && s.buyers().isEmpty());
            assertNull(s.price());
        }

        @Test
        void rejectsClosingTwice() {
            m.throughRoles(1, MarketHarness.generalMarket());
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "closeRoles", "1");
        }

        @Test
        void anyHomeMayCloseTheRolesOnceEveryRegisteredHomeDeclared() {
            m.configure();
            m.registerWithInputs(MarketHarness.extremeMarket());
            m.openWindow(1);
            m.declareAll(1);
            TxResult r = m.submit(m.home("s1").creator, "closeRoles", "1");
            assertEquals("RolesClosed", r.event().name());
            assertEquals(WindowPhase.CONTRIBUTIONS, m.window(1).phase());
        }

        @Test
        void aCommunityHomeCannotCloseTheRolesWhileAHomeHasNotDeclared() {
            m.configure();
            m.registerWithInputs(MarketHarness.extremeMarket());
            m.openWindow(1);
            m.submit(m.home("s1").creator, "declareRole", "1", "SELLER");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.home("s1").creator, "closeRoles", "1");
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.home("s1").creator, "closeRoles", "1");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "closeRoles", "1");
            assertEquals(WindowPhase.ROLES, m.window(1).phase());
        }
    }
}
