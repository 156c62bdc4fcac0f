package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.SimulationClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents stepping a window from a record the caller holds (the operator's transaction results) instead of reading
 * the window first, and the operator moving a window on from the record it last saw.
 */
class RecordDrivenStepsTest {
    private RegisteredCommunity fixture;
    private List<Exception> errors;
    private SimulationClock clock;
    private Community community;
    private OperatorAgent operator;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new RegisteredCommunity(8);
        errors = fixture.errors;
        clock = fixture.clock;
        community = fixture.community;
        operator = fixture.operator;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private long queries() {
        long n = 0;
        for (HomeAgent a : community.agents()) {
            n += a.client().ledger().traffic().evaluations();
        }
        return n;
    }

    private WindowRecord onLedger(long t) throws Exception {
        return operator.client().windowStatus(t).orElseThrow().window();
    }

    private static boolean member(WindowRecord w, String homeId) {
        return w.coalitions().sellers().contains(homeId) || w.coalitions().buyers().contains(homeId);
    }

    @Test
    void homesDeclareAndContributeFromTheRecordsWithoutReadingTheWindow() throws Exception {
        community.setContributesWithRole(false);
        WindowRecord opened = operator.open(0);
        assertEquals(CanonicalJson.toJson(onLedger(0)), CanonicalJson.toJson(opened));
        long before = queries();
        for (HomeAgent a : community.agents()) {
            assertEquals(List.of(AgentAction.DECLARED_ROLE), a.step(0, opened));
            assertTrue(a.step(0, opened).isEmpty(), "a second step from the same record declares nothing");
        }
        assertEquals(before, queries(), "declaring from the opening record reads nothing");

        WindowRecord rolesClosed = operator.advance(0, opened);
        assertEquals(WindowPhase.CONTRIBUTIONS, rolesClosed.phase());
        assertEquals(CanonicalJson.toJson(onLedger(0)), CanonicalJson.toJson(rolesClosed));
        before = queries();
        int members = 0;
        for (HomeAgent a : community.agents()) {
            boolean isMember = member(rolesClosed, a.homeId());
            members += isMember ? 1 : 0;
            assertEquals(isMember ? List.of(AgentAction.CONTRIBUTED) : List.of(), a.step(0, rolesClosed));
        }
        // The only reads are each member's one-time lookups of the two selected homes' keys and of the market's
        // proof parameters.
        assertTrue(queries() - before <= 3L * members, (queries() - before) + " reads for " + members + " members");

        WindowRecord w = operator.advance(0, rolesClosed);
        assertEquals(WindowPhase.EVALUATION, w.phase());
        assertEquals(CanonicalJson.toJson(onLedger(0)), CanonicalJson.toJson(w));
        evaluateAndSettle(w);
    }

    @Test
    void membersContributeWithTheirDeclarationsAndTheRolesCloseIntoTheEvaluation() throws Exception {
        WindowRecord opened = operator.open(0);
        long before = queries();
        long submitted = submissions();
        for (HomeAgent a : community.agents()) {
            assertEquals(List.of(AgentAction.DECLARED_ROLE), a.step(0, opened));
            assertTrue(a.step(0, opened).isEmpty(), "a second step from the same record declares nothing");
        }
        assertEquals(community.agents().size(), submissions() - submitted, "one transaction per home");
        // Each member looks up the two expected homes' keys and the proof parameters once; the ranking is read once
        // by the forecast the community's agents share.
        assertTrue(queries() - before <= 3L * community.agents().size(), (queries() - before) + " reads");

        WindowRecord w = operator.advance(0, opened);
        assertEquals(WindowPhase.EVALUATION, w.phase(), "every contribution stands: the roles close into the "
                + "evaluation");
        assertEquals(CanonicalJson.toJson(onLedger(0)), CanonicalJson.toJson(w));
        int members = w.coalitions().sellers().size() + w.coalitions().buyers().size();
        assertEquals(members, operator.client().window(0).orElseThrow().contributions().size());
        evaluateAndSettle(w);
    }

    private long submissions() {
        long n = 0;
        for (HomeAgent a : community.agents()) {
            n += a.client().ledger().traffic().submissions();
        }
        return n;
    }

    /** The selected homes evaluate window 0 from {@code w}, the operator settles it, and every home settles. */
    private void evaluateAndSettle(WindowRecord w) throws Exception {
        for (int round = 0; round < 4 && w.phase() == WindowPhase.EVALUATION; round++) {
            for (String selected : List.of(w.coalitions().selection().initiator(),
                    w.coalitions().selection().responder())) {
                community.agent(selected).step(0);
            }
            w = onLedger(0);
        }
        assertEquals(WindowPhase.CLEARED, w.phase());
        WindowRecord settled = operator.advance(0, w);
        assertEquals(WindowPhase.SETTLED, settled.phase());
        assertEquals(CanonicalJson.toJson(onLedger(0)), CanonicalJson.toJson(settled),
                "the record the operator returns after settling is the ledger's");
        for (HomeAgent a : community.agents()) {
            a.step(0, settled);
            assertTrue(a.settlement(0).isPresent(), a.homeId() + " has no settlement");
        }
        assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
    }

    @Test
    void aStaleRecordMakesTheAgentReadTheWindowInstead() throws Exception {
        community.setContributesWithRole(false);
        WindowRecord opened = operator.open(0);
        for (HomeAgent a : community.agents()) {
            a.step(0, opened);
        }
        WindowRecord rolesClosed = operator.advance(0, opened);
        HomeAgent late = community.agents().stream().filter(a -> member(rolesClosed, a.homeId()))
                .filter(a -> !a.homeId().equals(rolesClosed.coalitions().selection().initiator())
                        && !a.homeId().equals(rolesClosed.coalitions().selection().responder()))
                .findFirst().orElseThrow();
        for (HomeAgent a : community.agents()) {
            if (a != late) {
                a.step(0, rolesClosed);
            }
        }
        // The late member's deadline passes; the operator closes the contributions without it.
        clock.skip(rolesClosed.config().contributionSeconds() + 1);
        WindowRecord closed = operator.advance(0, rolesClosed);
        assertFalse(closed.phase() == WindowPhase.CONTRIBUTIONS);
        long before = late.client().ledger().traffic().evaluations();
        // Acting on the out-of-date record, its contribution is refused; it then reads the window and does nothing.
        assertTrue(late.step(0, rolesClosed).isEmpty());
        assertTrue(late.client().ledger().traffic().evaluations() > before, "the agent did not read the window");
        assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
        assertEquals(CanonicalJson.toJson(onLedger(0)), CanonicalJson.toJson(closed));
    }
}
