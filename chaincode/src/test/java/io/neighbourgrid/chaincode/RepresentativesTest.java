package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.MarketHarness.TestHome;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.BatchArgs;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.Delegation;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.RepresentativeRecord;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Representatives ({@code Representatives}): registration, a home's delegation and its revocation, and the batch in
 * which a representative declares and contributes for the homes that delegated to it, all or nothing.
 */
class RepresentativesTest {
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
    }

    private Delegation delegation(String homeId) {
        return CanonicalJson.fromJson(m.query("getDelegation", homeId), Delegation.class);
    }

    private void delegateAll(String representative) {
        for (TestHome h : m.homes.values()) {
            m.submit(h.creator, "delegate", representative);
        }
    }

    /** Every home's entry of window {@code t}: a member's with its contribution under {@code keys}. */
    private BatchArgs batch(long t, ContributionKeys keys) {
        List<BatchArgs.Entry> entries = new ArrayList<>();
        for (TestHome h : m.homes.values()) {
            entries.add(entry(t, h, keys));
        }
        return new BatchArgs(entries);
    }

    private BatchArgs.Entry entry(long t, TestHome h, ContributionKeys keys) {
        if (h.input.role() == Role.OFF) {
            return BatchArgs.Entry.declaration(h.id, Role.OFF);
        }
        return BatchArgs.Entry.withContribution(h.id, h.input.role(), keys,
                ContributionArgs.parse(m.contributionUnder(t, h.id, keys)));
    }

    private ContributionKeys expected(long t) {
        List<String> ranked = m.ranking(t);
        return new ContributionKeys(ranked.get(1), ranked.get(0));
    }

    @Nested
    class Registration {
        @Test
        void recordsTheRepresentativeWithItsIdentity() {
            RepresentativeRecord r = CanonicalJson.fromJson(m.query("getRepresentative", REP),
                    RepresentativeRecord.class);
            assertEquals(REP, r.representativeId());
            assertEquals(rep.mspId(), r.mspId());
            assertEquals(rep.certificateHash(), r.certificateHash());
        }

        @Test
        void refusesATakenIdAnIdentityThatActsAlreadyAHomeAndAnotherOrganisation() {
            m.rejects(ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED, otherRep, "registerRepresentative", REP);
            m.rejects(ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED, rep, "registerRepresentative", "second-name");
            TestHome home = m.homes.values().iterator().next();
            m.rejects(ErrorCode.IDENTITY_ALREADY_BOUND, home.creator, "registerRepresentative", "home-as-rep");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "registerRepresentative", "operator-rep");
            m.rejects(ErrorCode.INVALID_ARGUMENT, otherRep, "registerRepresentative", "bad id!");
            m.rejects(ErrorCode.UNKNOWN_REPRESENTATIVE, m.outsider, "getRepresentative", "nobody");
        }

        @Test
        void aRepresentativeIsNeverAHomeNorRanked() {
            // Refused before its key is even read.
            m.rejects(ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED, rep, "registerHome", "rep-home", "AA==", "AA==",
                    "AA==");
            m.openWindow(1);
            m.rejects(ErrorCode.NOT_REGISTERED, rep, "declareRole", "1", "SELLER");
            assertFalse(m.ranking(1).contains(REP));
        }
    }

    @Nested
    class Delegating {
        @Test
        void recordsRevokesAndDelegatesAgain() {
            TestHome h = m.homes.values().iterator().next();
            TxResult r = m.submit(h.creator, "delegate", REP);
            assertEquals("HomeDelegated", r.event().name());
            Delegation d = delegation(h.id);
            assertTrue(d.activeFor(REP));
            assertEquals(r.txId(), d.txId());
            m.rejects(ErrorCode.ALREADY_DELEGATED, h.creator, "delegate", REP);
            TxResult revoke = m.submit(h.creator, "revokeDelegation");
            Delegation revoked = delegation(h.id);
            assertFalse(revoked.isActive());
            assertEquals(revoke.txId(), revoked.revokedTxId());
            assertEquals(r.txId(), revoked.txId());
            m.rejects(ErrorCode.NOT_DELEGATED, h.creator, "revokeDelegation");
            m.submit(otherRep, "registerRepresentative", "aggregator-2");
            m.submit(h.creator, "delegate", "aggregator-2");
            assertTrue(delegation(h.id).activeFor("aggregator-2"));
        }

        @Test
        void refusesAnUnknownRepresentativeAndCallersThatAreNoHome() {
            TestHome h = m.homes.values().iterator().next();
            m.rejects(ErrorCode.UNKNOWN_REPRESENTATIVE, h.creator, "delegate", "nobody");
            m.rejects(ErrorCode.NOT_REGISTERED, rep, "delegate", REP);
            m.rejects(ErrorCode.NOT_REGISTERED, rep, "revokeDelegation");
            m.rejects(ErrorCode.NOT_DELEGATED, m.outsider, "getDelegation", h.id);
        }
    }

    @Nested
    class Batches {
        @Test
        void evaluatesTheWindowOfABatchAsTheWindowOfHomesContributingThemselves() {
            // Window 1: every home declares and contributes itself; window 2 (same epoch, same inputs): one batch.
            m.openWindow(1);
            ContributionKeys keys = expected(1);
            for (TestHome h : m.homes.values()) {
                if (h.input.role() == Role.OFF) {
                    m.submit(h.creator, "declareRole", "1", "OFF");
                } else {
                    m.submit(h.creator, "declareAndContribute", "1", h.input.role().name(), keys.responder(),
                            keys.initiator(), m.contributionUnder(1, h.id, keys));
                }
            }
            m.closeRoles(1);
            delegateAll(REP);
            m.openWindow(2);
            assertEquals(keys, expected(2));
            int before = m.committed.size();
            TxResult batch = m.submit(rep, "submitBatch", "2", batch(2, keys).toJson());
            assertEquals("BatchSubmitted", batch.event().name());
            RoleDeclaration[] written = CanonicalJson.fromJson(new String(batch.payload(), StandardCharsets.UTF_8),
                    RoleDeclaration[].class);
            assertEquals(m.homes.size(), written.length);
            for (RoleDeclaration d : written) {
                assertEquals(REP, d.representative());
                assertEquals(batch.txId(), d.txId());
            }
            TxResult close = m.submit(m.operator, "closeRoles", "2");
            assertEquals("ContributionsClosed", close.event().name());
            assertEquals(2, m.committed.size() - before, "one batch and one close for the whole community");
            for (long t : new long[] {1, 2}) {
                assertEquals(WindowPhase.EVALUATION, m.window(t).phase());
                m.postMaskTransfer(t);
                m.postOutcome(t);
            }
            WindowRecord own = m.window(1);
            WindowRecord represented = m.window(2);
            assertEquals(own.aggregation().sellers(), represented.aggregation().sellers());
            assertEquals(own.aggregation().buyers(), represented.aggregation().buyers());
            String r1 = own.coalitions().selection().responder();
            BigInteger ownTotals = m.decryptAggregate(r1, own.packedTotals());
            assertEquals(ownTotals, m.decryptAggregate(r1, represented.packedTotals()));
            Outcome a = own.outcome();
            Outcome b = represented.outcome();
            assertEquals(WindowPhase.CLEARED, represented.phase());
            assertEquals(a.clearing(), b.clearing());
            assertEquals(a.price(), b.price());
            assertEquals(a.fillRatio(), b.fillRatio());
        }

        @Test
        void aContributionOfTheBatchIsClaimedAgainstItsHomeAlone() {
            delegateAll(REP);
            m.openWindow(1);
            m.submit(rep, "submitBatch", "1", batch(1, expected(1)).toJson());
            m.closeRoles(1);
            String member = m.members(1).get(0);
            m.rejects(ErrorCode.CLAIM_REJECTED, m.outsider, "claimInvalidContribution", "1", member);
        }

        @Test
        void refusesAnEntryForAHomeNotDelegatedToTheCallerAndWritesNothing() {
            List<TestHome> homes = new ArrayList<>(m.homes.values());
            delegateAll(REP);
            m.submit(otherRep, "registerRepresentative", "aggregator-2");
            TestHome elsewhere = homes.get(homes.size() - 1);
            m.submit(elsewhere.creator, "revokeDelegation");
            m.submit(elsewhere.creator, "delegate", "aggregator-2");
            m.openWindow(1);
            ContractException e = m.rejects(ErrorCode.NOT_DELEGATED, rep, "submitBatch", "1",
                    batch(1, expected(1)).toJson());
            assertTrue(e.getMessage().contains("home " + elsewhere.id), e.getMessage());
            assertTrue(m.view(1).declarations().isEmpty());
            assertTrue(m.view(1).contributions().isEmpty());
            // The other representative may act for it alone.
            m.submit(otherRep, "submitBatch", "1", new BatchArgs(List.of(entry(1, elsewhere, expected(1)))).toJson());
            assertEquals("aggregator-2", m.view(1).declarations().get(0).representative());
        }

        @Test
        void refusesAnEntryWhoseDelegationWasRevokedAndWritesNothing() {
            delegateAll(REP);
            TestHome revoking = m.homes.values().iterator().next();
            m.submit(revoking.creator, "revokeDelegation");
            m.openWindow(1);
            m.rejects(ErrorCode.NOT_DELEGATED, rep, "submitBatch", "1", batch(1, expected(1)).toJson());
            assertTrue(m.view(1).declarations().isEmpty());
            // The home declares itself; the batch without it goes through.
            m.submit(revoking.creator, "declareRole", "1", revoking.input.role().name());
            List<BatchArgs.Entry> rest = new ArrayList<>();
            for (TestHome h : m.homes.values()) {
                if (!h.id.equals(revoking.id)) {
                    rest.add(entry(1, h, expected(1)));
                }
            }
            m.submit(rep, "submitBatch", "1", new BatchArgs(rest).toJson());
            assertEquals(m.homes.size(), m.view(1).declarations().size());
            RoleDeclaration own = m.view(1).declarations().stream().filter(d -> d.homeId().equals(revoking.id))
                    .findFirst().orElseThrow();
            assertNull(own.representative());
        }

        @Test
        void refusesAnEntryTheHomeItselfWouldBeRefusedAndWritesNothing() {
            delegateAll(REP);
            m.openWindow(1);
            ContributionKeys keys = expected(1);
            TestHome first = m.homes.values().stream().filter(h -> h.input.role() != Role.OFF).findFirst()
                    .orElseThrow();
            m.submit(first.creator, "declareRole", "1", first.input.role().name());
            ContractException duplicate = m.rejects(ErrorCode.DUPLICATE_SUBMISSION, rep, "submitBatch", "1",
                    batch(1, keys).toJson());
            assertTrue(duplicate.getMessage().startsWith("DUPLICATE_SUBMISSION: batch entry "),
                    duplicate.getMessage());
            assertEquals(1, m.view(1).declarations().size());
            assertTrue(m.view(1).contributions().isEmpty());

            List<TestHome> members = m.homes.values().stream().filter(h -> h.input.role() != Role.OFF
                    && !h.id.equals(first.id)).toList();
            BatchArgs.Entry a = entry(1, members.get(0), keys);
            BatchArgs.Entry copy = BatchArgs.Entry.withContribution(members.get(1).id, members.get(1).input.role(),
                    keys, a.contribution());
            m.rejects(ErrorCode.INVALID_CIPHERTEXT, rep, "submitBatch", "1", new BatchArgs(List.of(a, copy)).toJson());
            m.rejects(ErrorCode.INVALID_ARGUMENT, rep, "submitBatch", "1", new BatchArgs(List.of(a, a)).toJson());
            BatchArgs.Entry off = new BatchArgs.Entry(members.get(1).id, Role.OFF, keys.responder(),
                    keys.initiator(), entry(1, members.get(1), keys).contribution());
            m.rejects(ErrorCode.INVALID_ARGUMENT, rep, "submitBatch", "1", new BatchArgs(List.of(a, off)).toJson());
            m.rejects(ErrorCode.UNKNOWN_HOME, rep, "submitBatch", "1",
                    new BatchArgs(List.of(BatchArgs.Entry.declaration("nobody", Role.OFF))).toJson());
            m.rejects(ErrorCode.MALFORMED_JSON, rep, "submitBatch", "1", "{\"entries\":[{\"homeId\":\"x\"}]}");
            m.rejects(ErrorCode.INVALID_ARGUMENT, rep, "submitBatch", "1", "{\"entries\":[]}");
            assertEquals(1, m.view(1).declarations().size());
            assertTrue(m.view(1).contributions().isEmpty());
        }

        @Test
        void refusesCallersThatAreNoRepresentativeAndWindowsPastTheirRoles() {
            delegateAll(REP);
            m.openWindow(1);
            TestHome h = m.homes.values().iterator().next();
            String json = new BatchArgs(List.of(entry(1, h, expected(1)))).toJson();
            m.rejects(ErrorCode.NOT_A_REPRESENTATIVE, h.creator, "submitBatch", "1", json);
            m.rejects(ErrorCode.NOT_A_REPRESENTATIVE, otherRep, "submitBatch", "1", json);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "submitBatch", "1", json);
            m.rejects(ErrorCode.UNKNOWN_WINDOW, rep, "submitBatch", "7", json);
            m.submit(rep, "submitBatch", "1", batch(1, expected(1)).toJson());
            m.closeRoles(1);
            m.rejects(ErrorCode.WRONG_PHASE, rep, "submitBatch", "1", json);
        }
    }
}
