package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.sim.Community;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Home agents that delegated to representatives: they hand their declarations and contributions over, each
 * representative submits one batch, and the homes of a refused batch act themselves.
 */
class RepresentativeStepsTest {
    private RegisteredCommunity fixture;
    private List<Exception> errors;
    private Community community;
    private OperatorAgent operator;
    private ExecutorService pool;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new RegisteredCommunity(8);
        errors = fixture.errors;
        community = fixture.community;
        operator = fixture.operator;
        community.setRepresentatives(2);
        pool = Executors.newFixedThreadPool(2);
        community.registerRepresentatives(pool);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        fixture.close();
    }

    private Map<String, RoleDeclaration> declarations() throws LedgerException {
        WindowView view = operator.client().window(0).orElseThrow();
        return view.declarations().stream().collect(Collectors.toMap(RoleDeclaration::homeId, Function.identity()));
    }

    @Test
    void homesHandTheirStepsOverAndEachRepresentativeSubmitsOneBatch() throws Exception {
        WindowRecord opened = operator.open(0);
        long submitted = community.submittedTransactions();
        for (HomeAgent a : community.agents()) {
            assertEquals(List.of(AgentAction.HANDED_TO_REPRESENTATIVE), a.step(0, opened));
            assertTrue(a.step(0, opened).isEmpty(), "a second step hands nothing over again");
        }
        assertEquals(submitted, community.submittedTransactions(), "the homes submit nothing themselves");
        for (Representative r : community.representatives()) {
            assertEquals(1, r.submit(0));
        }
        assertEquals(submitted + 2, community.submittedTransactions());
        Map<String, RoleDeclaration> declared = declarations();
        assertEquals(8, declared.size());
        // Round-robin in home order: the first home to the first representative, the second to the second, ...
        List<HomeAgent> agents = community.agents();
        for (int i = 0; i < agents.size(); i++) {
            assertEquals(community.representatives().get(i % 2).representativeId(),
                    declared.get(agents.get(i).homeId()).representative());
        }
        WindowRecord w = operator.advance(0, opened);
        assertEquals(WindowPhase.EVALUATION, w.phase(), "every contribution of the batches stands");
        assertTrue(errors.isEmpty(), "errors: " + errors);
    }

    @Test
    void theHomesOfARefusedBatchDeclareAndContributeThemselves() throws Exception {
        List<HomeAgent> agents = community.agents();
        HomeAgent revoking = agents.get(1);
        // Revoked on the ledger behind the representative's back: its batch is refused whole.
        revoking.client().revokeDelegation();
        WindowRecord opened = operator.open(0);
        for (HomeAgent a : agents) {
            a.step(0, opened);
        }
        Representative first = community.representatives().get(0);
        Representative second = community.representatives().get(1);
        first.submit(0);
        second.submit(0);
        assertEquals(Representative.Status.ACCEPTED, first.status(0, agents.get(0).homeId()));
        assertEquals(Representative.Status.REFUSED, second.status(0, revoking.homeId()));
        assertEquals(Representative.Status.REFUSED, second.status(0, agents.get(3).homeId()));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0) instanceof LedgerException e && e.is(ErrorCode.NOT_DELEGATED), "" + errors);
        assertEquals(4, declarations().size());

        long submitted = community.submittedTransactions();
        for (HomeAgent a : agents) {
            a.step(0, opened);
        }
        assertEquals(submitted + 4, community.submittedTransactions(), "the four refused homes act themselves");
        Map<String, RoleDeclaration> declared = declarations();
        assertEquals(8, declared.size());
        for (int i = 0; i < agents.size(); i++) {
            RoleDeclaration d = declared.get(agents.get(i).homeId());
            if (i % 2 == 0) {
                assertEquals(first.representativeId(), d.representative());
            } else {
                assertNull(d.representative());
            }
        }
        assertEquals(WindowPhase.EVALUATION, operator.advance(0, opened).phase());
    }
}
