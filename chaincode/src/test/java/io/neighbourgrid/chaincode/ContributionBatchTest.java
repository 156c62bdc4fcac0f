package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.MarketHarness.TestHome;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.BatchArgs;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.args.ContributionBatchArgs;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A representative's contributions made once the roles are closed ({@code submitContributionBatch}): the homes'
 * contributions under the selected homes' keys in one transaction, evaluated as if each home had contributed itself,
 * and refused whole, with nothing written, for any entry the home itself would be refused or that the representative
 * may not submit.
 */
class ContributionBatchTest {
    private static final String REP = "aggregator-1";
    private final MarketHarness m = new MarketHarness();
    private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();
    private final Creator rep = MarketHarness.identity(MarketHarness.COMMUNITY_MSP, "aggregator-1-operator");
    private final Creator otherRep = MarketHarness.identity(MarketHarness.COMMUNITY_MSP, "aggregator-2-operator");

    @BeforeEach
    void market() {
        m.configure();
        m.registerWithInputs(inputs);
        m.submit(rep, "registerRepresentative", REP);
        for (TestHome h : m.homes.values()) {
            m.submit(h.creator, "delegate", REP);
        }
    }

    /** Opens window {@code t}, declares every role in one batch without contributions and closes the roles. */
    private void rolesWithoutContributions(long t) {
        m.openWindow(t);
        List<BatchArgs.Entry> entries = new ArrayList<>();
        for (TestHome h : m.homes.values()) {
            entries.add(BatchArgs.Entry.declaration(h.id, h.input.role()));
        }
        m.submit(rep, "submitBatch", Long.toString(t), new BatchArgs(entries).toJson());
        m.closeRoles(t);
        assertEquals(WindowPhase.CONTRIBUTIONS, m.window(t).phase());
    }

    private ContributionBatchArgs.Entry entry(long t, String homeId) {
        return new ContributionBatchArgs.Entry(homeId, m.contributionArgs(t, homeId));
    }

    private ContributionBatchArgs batch(long t, List<String> homes) {
        return new ContributionBatchArgs(homes.stream().map(id -> entry(t, id)).toList());
    }

    @Test
    void evaluatesTheWindowOfABatchAsTheWindowOfHomesContributingThemselves() {
        // Window 1: every member contributes itself; window 2 (same epoch, same inputs): one contribution batch.
        rolesWithoutContributions(1);
        m.contributeAll(1);
        m.closeContributions(1);
        rolesWithoutContributions(2);
        int before = m.committed.size();
        TxResult batch = m.submit(rep, "submitContributionBatch", "2", batch(2, m.members(2)).toJson());
        assertEquals("BatchSubmitted", batch.event().name());
        Contribution[] written = CanonicalJson.fromJson(new String(batch.payload(), StandardCharsets.UTF_8),
                Contribution[].class);
        assertEquals(m.members(2).size(), written.length);
        for (Contribution c : written) {
            assertEquals(batch.txId(), c.txId());
        }
        TxResult close = m.submit(m.outsider, "closeContributions", "2");
        assertEquals(WindowPhase.EVALUATION, m.window(2).phase(), close.event().name());
        assertEquals(2, m.committed.size() - before, "one batch and one close for every member");
        for (long t : new long[] {1, 2}) {
            m.postMaskTransfer(t);
            m.postOutcome(t);
        }
        WindowRecord own = m.window(1);
        WindowRecord represented = m.window(2);
        String r1 = own.coalitions().selection().responder();
        BigInteger ownTotals = m.decryptAggregate(r1, own.packedTotals());
        assertEquals(ownTotals, m.decryptAggregate(r1, represented.packedTotals()));
        assertEquals(own.outcome().clearing(), represented.outcome().clearing());
        assertEquals(own.outcome().price(), represented.outcome().price());
        assertEquals(WindowPhase.CLEARED, represented.phase());
        // A contribution of the batch is claimed against its home alone, and a valid one is not excluded.
        m.rejects(ErrorCode.CLAIM_REJECTED, m.outsider, "claimInvalidContribution", "2", m.members(2).get(0));
    }

    @Test
    void refusesAWholeBatchForAnyEntryTheHomeItselfWouldBeRefused() {
        rolesWithoutContributions(1);
        List<String> members = m.members(1);
        String first = members.get(0);
        m.submit(m.home(first).creator, "submitContribution", "1", m.contribution(1, first));
        ContractException duplicate = m.rejects(ErrorCode.DUPLICATE_SUBMISSION, rep, "submitContributionBatch", "1",
                batch(1, members).toJson());
        assertTrue(duplicate.getMessage().startsWith("DUPLICATE_SUBMISSION: batch entry 0 (home " + first + ")"),
                duplicate.getMessage());

        List<String> rest = members.subList(1, members.size());
        ContributionBatchArgs.Entry a = entry(1, rest.get(0));
        ContributionBatchArgs.Entry copy = new ContributionBatchArgs.Entry(rest.get(1), a.contribution());
        m.rejects(ErrorCode.INVALID_CIPHERTEXT, rep, "submitContributionBatch", "1",
                new ContributionBatchArgs(List.of(a, copy)).toJson());
        m.rejects(ErrorCode.INVALID_ARGUMENT, rep, "submitContributionBatch", "1",
                new ContributionBatchArgs(List.of(a, a)).toJson());
        String off = m.homes.values().stream().filter(h -> !members.contains(h.id)).findFirst().orElseThrow().id;
        m.rejects(ErrorCode.NOT_A_MEMBER, rep, "submitContributionBatch", "1",
                new ContributionBatchArgs(List.of(a, new ContributionBatchArgs.Entry(off, a.contribution())))
                        .toJson());
        m.rejects(ErrorCode.UNKNOWN_HOME, rep, "submitContributionBatch", "1",
                new ContributionBatchArgs(List.of(new ContributionBatchArgs.Entry("nobody", a.contribution())))
                        .toJson());
        m.rejects(ErrorCode.MALFORMED_JSON, rep, "submitContributionBatch", "1", "{\"entries\":[{\"homeId\":\"x\"}]}");
        m.rejects(ErrorCode.MALFORMED_JSON, rep, "submitContributionBatch", "1",
                "{\"entries\":[{\"homeId\":\"x\",\"contribution\":{},\"role\":\"SELLER\"}]}");
        m.rejects(ErrorCode.INVALID_ARGUMENT, rep, "submitContributionBatch", "1", "{\"entries\":[]}");
        assertEquals(1, m.view(1).contributions().size(), "nothing of a refused batch is written");

        m.submit(rep, "submitContributionBatch", "1", batch(1, rest).toJson());
        assertEquals(members.size(), m.view(1).contributions().size());
    }

    @Test
    void refusesHomesNotDelegatedToTheCallerCallersThatAreNoRepresentativeAndOtherPhases() {
        m.submit(otherRep, "registerRepresentative", "aggregator-2");
        m.openWindow(1);
        // In the role phase a contribution goes with its declaration (submitBatch), not in a contribution batch.
        List<String> ranked = m.ranking(1);
        String id = m.homes.keySet().iterator().next();
        String early = m.contributionUnder(1, id, new ContributionKeys(ranked.get(1), ranked.get(0)));
        m.rejects(ErrorCode.WRONG_PHASE, rep, "submitContributionBatch", "1", new ContributionBatchArgs(List.of(
                new ContributionBatchArgs.Entry(id, ContributionArgs.parse(early)))).toJson());
        m.declareAll(1);
        m.closeRoles(1);
        List<String> members = m.members(1);
        TestHome revoking = m.home(members.get(0));
        m.submit(revoking.creator, "revokeDelegation");
        ContractException e = m.rejects(ErrorCode.NOT_DELEGATED, rep, "submitContributionBatch", "1",
                batch(1, members).toJson());
        assertTrue(e.getMessage().contains("home " + revoking.id), e.getMessage());
        String others = batch(1, members.subList(1, members.size())).toJson();
        m.rejects(ErrorCode.NOT_DELEGATED, otherRep, "submitContributionBatch", "1", others);
        m.rejects(ErrorCode.NOT_A_REPRESENTATIVE, revoking.creator, "submitContributionBatch", "1", others);
        m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "submitContributionBatch", "1", others);
        m.rejects(ErrorCode.UNKNOWN_WINDOW, rep, "submitContributionBatch", "7", others);
        assertTrue(m.view(1).contributions().isEmpty());
        m.submit(rep, "submitContributionBatch", "1", others);
        m.submit(revoking.creator, "submitContribution", "1", m.contribution(1, revoking.id));
        m.closeContributions(1);
        m.rejects(ErrorCode.WRONG_PHASE, rep, "submitContributionBatch", "1", others);
    }
}
