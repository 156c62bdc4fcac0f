package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.MarketHarness.TestHome;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's role and contribution in one transaction ({@code Roles.declareAndContribute}): the contribution is under
 * the keys of the homes the member expects the window to select; it stands if the window selects them, and is
 * deleted when the roles close if not; with every member's contribution in and standing, the roles and the
 * contributions close in one transaction.
 */
class DeclareAndContributeTest {
    private static final long T = 1;
    private final MarketHarness m = new MarketHarness();
    private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();
    private ContributionKeys expected;

    @BeforeEach
    void openWindow() {
        m.configure();
        m.registerWithInputs(inputs);
        m.openWindow(T);
        List<String> ranked = m.ranking(T);
        expected = new ContributionKeys(ranked.get(1), ranked.get(0));
    }

    private TxResult declareAndContribute(String id, ContributionKeys keys) {
        TestHome h = m.home(id);
        return m.submit(h.creator, "declareAndContribute", Long.toString(T), h.input.role().name(), keys.responder(),
                keys.initiator(), m.contributionUnder(T, id, keys));
    }

    /** Every member contributes with its declaration under {@code keys}; off-market homes declare alone. */
    private void declareEveryone(ContributionKeys keys) {
        for (TestHome h : m.homes.values()) {
            if (h.input.role() == Role.OFF) {
                m.submit(h.creator, "declareRole", Long.toString(T), Role.OFF.name());
            } else {
                declareAndContribute(h.id, keys);
            }
        }
    }

    @Test
    void recordsTheDeclarationWithTheKeysAndTheContribution() {
        String member = firstMember();
        TxResult r = declareAndContribute(member, expected);
        RoleDeclaration d = CanonicalJson.fromJson(new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8),
                RoleDeclaration.class);
        assertEquals(expected, d.contributedUnder());
        assertEquals("RoleDeclared", r.event().name());
        WindowView view = m.view(T);
        assertEquals(List.of(member), view.contributions().stream().map(Contribution::homeId).toList());
        assertEquals(r.txId(), view.contributions().get(0).txId());
    }

    @Test
    void closesRolesAndContributionsInOneTransactionWhenEveryContributionStands() {
        declareEveryone(expected);
        TxResult close = m.submit(m.operator, "closeRoles", Long.toString(T));
        WindowRecord w = m.window(T);
        assertEquals(WindowPhase.EVALUATION, w.phase());
        assertEquals("ContributionsClosed", close.event().name());
        assertTrue(expected.matches(w.coalitions().selection()));
        assertEquals(w.coalitions().sellers(), w.aggregation().sellers());
        assertEquals(w.coalitions().buyers(), w.aggregation().buyers());
        assertNotNull(w.aggregation().aggregates());
        assertEquals(w.coalitions().sellers().size() + w.coalitions().buyers().size(),
                m.view(T).contributions().size());
    }

    @Test
    void deletesAContributionUnderOtherKeysAndTheMemberContributesAgain() {
        ContributionKeys swapped = new ContributionKeys(expected.initiator(), expected.responder());
        String odd = firstMember();
        for (TestHome h : m.homes.values()) {
            if (h.input.role() == Role.OFF) {
                m.submit(h.creator, "declareRole", Long.toString(T), Role.OFF.name());
            } else {
                declareAndContribute(h.id, h.id.equals(odd) ? swapped : expected);
            }
        }
        TxResult close = m.submit(m.operator, "closeRoles", Long.toString(T));
        assertEquals("RolesClosed", close.event().name());
        WindowView view = m.view(T);
        assertEquals(WindowPhase.CONTRIBUTIONS, view.window().phase());
        assertTrue(view.contributions().stream().noneMatch(c -> c.homeId().equals(odd)));
        assertEquals(m.members(T).size() - 1, view.contributions().size());
        m.submit(m.home(odd).creator, "submitContribution", Long.toString(T), m.contribution(T, odd));
        m.closeContributions(T);
        WindowRecord w = m.window(T);
        assertEquals(WindowPhase.EVALUATION, w.phase());
        assertEquals(w.coalitions().sellers(), w.aggregation().sellers());
        assertEquals(w.coalitions().buyers(), w.aggregation().buyers());
    }

    @Test
    void aContributionStandingAlongsideTwoStepMembersWaitsForTheirs() {
        String early = firstMember();
        for (TestHome h : m.homes.values()) {
            if (h.id.equals(early)) {
                declareAndContribute(h.id, expected);
            } else {
                m.submit(h.creator, "declareRole", Long.toString(T), h.input.role().name());
            }
        }
        m.closeRoles(T);
        assertEquals(WindowPhase.CONTRIBUTIONS, m.window(T).phase());
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, m.home(early).creator, "submitContribution", Long.toString(T),
                m.contribution(T, early));
        for (String id : m.members(T)) {
            if (!id.equals(early)) {
                m.submit(m.home(id).creator, "submitContribution", Long.toString(T), m.contribution(T, id));
            }
        }
        m.closeContributions(T);
        assertEquals(WindowPhase.EVALUATION, m.window(T).phase());
    }

    @Test
    void rejectsAnOffMarketHomeUnknownOrRepeatedExpectedHomesAndChangesNothing() {
        String member = firstMember();
        TestHome h = m.home(member);
        String json = m.contributionUnder(T, member, expected);
        String off = m.homes.values().stream().filter(x -> x.input.role() == Role.OFF).findFirst().orElseThrow().id;
        m.rejects(ErrorCode.INVALID_ARGUMENT, m.home(off).creator, "declareAndContribute", "1", "OFF",
                expected.responder(), expected.initiator(), json);
        m.rejects(ErrorCode.UNKNOWN_HOME, h.creator, "declareAndContribute", "1", h.input.role().name(), "nobody",
                expected.initiator(), json);
        m.rejects(ErrorCode.INVALID_ARGUMENT, h.creator, "declareAndContribute", "1", h.input.role().name(),
                "bad id!", expected.initiator(), json);
        m.rejects(ErrorCode.INVALID_ARGUMENT, h.creator, "declareAndContribute", "1", h.input.role().name(),
                expected.responder(), expected.responder(), json);
        // A malformed contribution is refused, and the declaration with it.
        m.rejects(ErrorCode.MALFORMED_JSON, h.creator, "declareAndContribute", "1", h.input.role().name(),
                expected.responder(), expected.initiator(), "{\"totalsForResponder\":\"AA==\"}");
        assertTrue(m.view(T).declarations().isEmpty());
        assertTrue(m.view(T).contributions().isEmpty());
        declareAndContribute(member, expected);
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.creator, "declareAndContribute", "1", h.input.role().name(),
                expected.responder(), expected.initiator(), m.contributionUnder(T, member, expected));
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.creator, "declareRole", "1", h.input.role().name());
    }

    @Test
    void rejectsACiphertextOutsideTheNamedKeyAndAfterTheRolesClosed() {
        String member = firstMember();
        TestHome h = m.home(member);
        ContributionKeys swapped = new ContributionKeys(expected.initiator(), expected.responder());
        String underSwapped = m.contributionUnder(T, member, swapped);
        String underExpected = m.contributionUnder(T, member, expected);
        // Zero is no ciphertext under any key.
        var o = com.google.gson.JsonParser.parseString(underExpected).getAsJsonObject();
        o.addProperty("totalsForResponder", java.util.Base64.getEncoder().encodeToString(
                new byte[m.home(expected.responder()).publicKey().ciphertextBytes()]));
        m.rejects(ErrorCode.INVALID_CIPHERTEXT, h.creator, "declareAndContribute", "1", h.input.role().name(),
                expected.responder(), expected.initiator(), o.toString());
        assertNull(m.view(T).declarations().stream().filter(d -> d.homeId().equals(member)).findAny().orElse(null));
        declareEveryone(expected);
        m.closeRoles(T);
        m.rejects(ErrorCode.WRONG_PHASE, h.creator, "declareAndContribute", "1", h.input.role().name(),
                swapped.responder(), swapped.initiator(), underSwapped);
    }

    private String firstMember() {
        return m.homes.values().stream().filter(x -> x.input.role() != Role.OFF).findFirst().orElseThrow().id;
    }
}
