package io.neighbourgrid.chaincode.partners;

import static io.neighbourgrid.chaincode.MarketHarness.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.chaincode.ChaincodeTransactions;
import io.neighbourgrid.chaincode.MarketHarness;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.embedded.EmbeddedLedgerEngine;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementKind;
import io.neighbourgrid.protocol.partners.AgreementStatus;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.partners.PartnerStatement;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import io.neighbourgrid.protocol.partners.TransferRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.testing.TestClocks;
import io.neighbourgrid.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The partners contract ({@link Agreements}): consent of both parties, revocation by either, and bad input. */
class AgreementsTest {
    private static final String CHANNEL = "partners-test";
    private static final String OPERATOR_MSP = "OperatorMSP";
    private static final String COMMUNITY_MSP = "CommunityMSP";
    private static final Instant START = Instant.parse("2026-03-02T07:00:00Z");
    private static final long PRICE = 100 * Scales.PRICE;

    private final TestClocks.Manual clock = new TestClocks.Manual(START);
    private final EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory(CHANNEL, clock,
            ChaincodeTransactions.of(OPERATOR_MSP, List.of(COMMUNITY_MSP)));
    private final Creator operator = MarketHarness.identity(OPERATOR_MSP, "operator");
    private final Map<String, Creator> homes = new TreeMap<>();

    @BeforeEach
    void threeHomesAndAHospital() {
        MarketConfig config = new MarketConfig(120 * Scales.PRICE, 80 * Scales.PRICE, 90 * Scales.PRICE,
                110 * Scales.PRICE, 60, 2, 1024, 30, 30, 30, 30, 60, MarketConfig.DEFAULT_MAX_ENERGY_PER_WINDOW,
                MarketConfig.DEFAULT_MIN_PREFERENCE, MarketConfig.DEFAULT_MAX_PREFERENCE);
        submit(operator, "configureMarket", CanonicalJson.toJson(config));
        submit(operator, "registerProofParameters", TestKeys.proofParameters().toBase64(),
                TestKeys.proofParametersProof(CHANNEL));
        int i = 0;
        for (String id : List.of("alice", "bob", "carol", "hospital")) {
            PaillierKeyPair keys = TestKeys.paillier(1024, i++);
            Creator c = MarketHarness.identity(COMMUNITY_MSP, id);
            submit(c, "registerHome", id, keys.publicKey().toBase64(),
                    TestKeys.keyProof(keys, ProofContexts.registration(CHANNEL, id)),
                    TestKeys.factorProof(keys, ProofContexts.registration(CHANNEL, id)));
            homes.put(id, c);
        }
    }

    private TxResult submit(Creator creator, String function, String... args) {
        clock.advance(1);
        TxResult r = engine.submit(creator, function, List.of(args));
        assertTrue(r.isValid(), function + " committed as " + r.validationCode());
        return r;
    }

    private Agreement call(String home, PartnerTransaction f, String arg) {
        TxResult r = submit(homes.get(home), f.qualifiedName(), arg);
        return CanonicalJson.fromJson(new String(r.payload(), StandardCharsets.UTF_8), Agreement.class);
    }

    private void rejects(ErrorCode code, String home, PartnerTransaction f, String arg) {
        assertRejected(code, () -> engine.submit(homes.get(home), f.qualifiedName(), List.of(arg)));
    }

    private String query(PartnerTransaction f, String arg) {
        return new String(engine.evaluate(operator, f.qualifiedName(), List.of(arg)).payload(),
                StandardCharsets.UTF_8);
    }

    private static String terms(AgreementTerms t) {
        return CanonicalJson.toJson(t);
    }

    private Agreement sale(String proposer) {
        return call(proposer, PartnerTransaction.PROPOSE, terms(AgreementTerms.sale("alice", "bob", PRICE, 0)));
    }

    @Nested
    class Consent {
        @Test
        void anAgreementIsInForceOnlyOnceTheOtherPartyAccepts() {
            Agreement proposed = sale("alice");
            assertEquals(AgreementStatus.PROPOSED, proposed.status());
            assertEquals("bob", proposed.acceptingParty());
            assertFalse(proposed.appliesAt(START.plus(Duration.ofDays(1))));
            rejects(ErrorCode.DUPLICATE_SUBMISSION, "alice", PartnerTransaction.ACCEPT, proposed.id());
            rejects(ErrorCode.NOT_A_PARTY, "carol", PartnerTransaction.ACCEPT, proposed.id());
            Agreement accepted = call("bob", PartnerTransaction.ACCEPT, proposed.id());
            assertEquals(AgreementStatus.ACTIVE, accepted.status());
            assertTrue(accepted.appliesAt(Instant.parse(accepted.acceptedAt())));
            assertFalse(accepted.appliesAt(Instant.parse(accepted.acceptedAt()).minusSeconds(1)));
            assertEquals(accepted, CanonicalJson.fromJson(query(PartnerTransaction.GET_AGREEMENT, proposed.id()),
                    Agreement.class));
            rejects(ErrorCode.DUPLICATE_SUBMISSION, "bob", PartnerTransaction.ACCEPT, proposed.id());
        }

        @Test
        void theRecipientMayProposeADonationAndTheDonorAccepts() {
            Agreement proposed = call("hospital", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"DONATION\",\"partner\":\"hospital\",\"price\":0,\"seller\":\"carol\"}");
            assertEquals(AgreementKind.DONATION, proposed.terms().kind());
            rejects(ErrorCode.DUPLICATE_SUBMISSION, "hospital", PartnerTransaction.ACCEPT, proposed.id());
            rejects(ErrorCode.NOT_A_PARTY, "bob", PartnerTransaction.ACCEPT, proposed.id());
            assertEquals(AgreementStatus.ACTIVE, call("carol", PartnerTransaction.ACCEPT, proposed.id()).status());
        }

        @Test
        void eachPartyListsItsAgreementsAndOthersDoNot() {
            Agreement a = sale("alice");
            Agreement d = call("alice", PartnerTransaction.PROPOSE,
                    terms(AgreementTerms.donation("alice", "hospital", 250_000)));
            List<Agreement> alice = CanonicalJson.fromJson(query(PartnerTransaction.LIST_AGREEMENTS, "alice"),
                    new TypeToken<List<Agreement>>() { }.getType());
            assertEquals(2, alice.size());
            assertTrue(alice.stream().anyMatch(x -> x.id().equals(a.id())));
            assertTrue(alice.stream().anyMatch(x -> x.id().equals(d.id())));
            List<Agreement> carol = CanonicalJson.fromJson(query(PartnerTransaction.LIST_AGREEMENTS, "carol"),
                    new TypeToken<List<Agreement>>() { }.getType());
            assertTrue(carol.isEmpty());
        }

        @Test
        void eachStepSetsOneEventNamingTheAgreement() {
            TxResult r = submit(homes.get("alice"), PartnerTransaction.PROPOSE.qualifiedName(),
                    terms(AgreementTerms.sale("alice", "bob", PRICE, 0)));
            assertEquals("AgreementProposed", r.event().name());
            assertTrue(new String(r.event().payload(), StandardCharsets.UTF_8).contains(r.txId()));
        }
    }

    @Nested
    class Revocation {
        @Test
        void eitherPartyRevokesAndARevokedAgreementStaysRevoked() {
            Agreement a = sale("alice");
            Agreement accepted = call("bob", PartnerTransaction.ACCEPT, a.id());
            rejects(ErrorCode.NOT_A_PARTY, "carol", PartnerTransaction.REVOKE, a.id());
            Agreement revoked = call("bob", PartnerTransaction.REVOKE, a.id());
            assertEquals(AgreementStatus.REVOKED, revoked.status());
            assertEquals("bob", revoked.revokedBy());
            Instant at = Instant.parse(revoked.revokedAt());
            assertFalse(revoked.appliesAt(at));
            assertTrue(revoked.appliesAt(Instant.parse(accepted.acceptedAt())), "windows settled before stay cleared");
            rejects(ErrorCode.AGREEMENT_REVOKED, "alice", PartnerTransaction.REVOKE, a.id());
            rejects(ErrorCode.AGREEMENT_REVOKED, "bob", PartnerTransaction.ACCEPT, a.id());
        }

        @Test
        void aProposalRevokedBeforeAcceptanceNeverComesIntoForce() {
            Agreement a = sale("alice");
            Agreement revoked = call("alice", PartnerTransaction.REVOKE, a.id());
            assertNull(revoked.acceptedAt());
            rejects(ErrorCode.AGREEMENT_REVOKED, "bob", PartnerTransaction.ACCEPT, a.id());
        }

        @Test
        void aNewAgreementBetweenThePairNeedsTheOldOneRevoked() {
            Agreement a = sale("alice");
            rejects(ErrorCode.DUPLICATE_AGREEMENT, "bob", PartnerTransaction.PROPOSE,
                    terms(AgreementTerms.sale("alice", "bob", 2 * PRICE, 0)));
            call("bob", PartnerTransaction.PROPOSE, terms(AgreementTerms.sale("bob", "alice", PRICE, 0)));
            call("alice", PartnerTransaction.REVOKE, a.id());
            Agreement again = call("bob", PartnerTransaction.PROPOSE,
                    terms(AgreementTerms.sale("alice", "bob", 2 * PRICE, 0)));
            assertEquals(AgreementStatus.PROPOSED, again.status());
        }
    }

    /** Runs window {@code t} with every home off market: it ends grid only and is settled. */
    private void settledWindow(long t) {
        submit(operator, "openWindow", Long.toString(t));
        for (Creator c : homes.values()) {
            submit(c, "declareRole", Long.toString(t), "OFF");
        }
        submit(operator, "closeRoles", Long.toString(t));
        submit(operator, "settleWindow", Long.toString(t));
    }

    private TransferRecord record(String home, String id, long t, String commitment) {
        TxResult r = submit(homes.get(home), PartnerTransaction.RECORD_TRANSFER.qualifiedName(), id,
                Long.toString(t), commitment);
        return CanonicalJson.fromJson(new String(r.payload(), StandardCharsets.UTF_8), TransferRecord.class);
    }

    private void rejectsRecord(ErrorCode code, String home, String id, long t, String commitment) {
        assertRejected(code, () -> engine.submit(homes.get(home), PartnerTransaction.RECORD_TRANSFER.qualifiedName(),
                List.of(id, Long.toString(t), commitment)));
    }

    @Nested
    class Transfers {
        private final SecureRandom random = new SecureRandom();

        @Test
        void bothPartiesCommitToOneStatementThatOpensInADispute() {
            Agreement a = sale("alice");
            call("bob", PartnerTransaction.ACCEPT, a.id());
            settledWindow(0);
            PartnerStatement statement = new PartnerStatement(a.id(), 0, 2_000_000, 0, 200_000_000,
                    HexFormat.of().formatHex(random.generateSeed(32)));
            String c = statement.commitment();
            rejectsRecord(ErrorCode.NOT_A_PARTY, "carol", a.id(), 0, c);
            TransferRecord first = record("bob", a.id(), 0, c);
            assertFalse(first.confirmed());
            rejectsRecord(ErrorCode.DUPLICATE_SUBMISSION, "bob", a.id(), 0, c);
            rejectsRecord(ErrorCode.TRANSFER_MISMATCH, "alice", a.id(), 0,
                    new PartnerStatement(a.id(), 0, 2_000_000, 0, 100_000_000, statement.salt()).commitment());
            TransferRecord confirmed = record("alice", a.id(), 0, c);
            assertTrue(confirmed.confirmed());
            assertEquals("alice", confirmed.confirmedBy());
            rejectsRecord(ErrorCode.DUPLICATE_SUBMISSION, "alice", a.id(), 0, c);
            TransferRecord stored = CanonicalJson.fromJson(new String(engine.evaluate(operator,
                    PartnerTransaction.GET_TRANSFER.qualifiedName(), List.of(a.id(), "0")).payload(),
                    StandardCharsets.UTF_8), TransferRecord.class);
            assertEquals(confirmed, stored);
            assertFalse(CanonicalJson.toJson(stored).contains("200000000"), "no amount on the ledger");
            statement.verify(stored);
            PartnerStatement inflated = new PartnerStatement(a.id(), 0, 2_000_000, 0, 300_000_000, statement.salt());
            assertThrows(IllegalArgumentException.class, () -> inflated.verify(stored));
        }

        @Test
        void onlyWindowsSettledWhileTheAgreementWasInForceAreRecorded() {
            Agreement a = sale("alice");
            String c = HexFormat.of().formatHex(random.generateSeed(32));
            rejectsRecord(ErrorCode.UNKNOWN_WINDOW, "alice", a.id(), 0, c);
            settledWindow(0);
            rejectsRecord(ErrorCode.AGREEMENT_NOT_IN_FORCE, "alice", a.id(), 0, c);
            call("bob", PartnerTransaction.ACCEPT, a.id());
            rejectsRecord(ErrorCode.AGREEMENT_NOT_IN_FORCE, "alice", a.id(), 0, c);
            settledWindow(1);
            record("alice", a.id(), 1, c);
            call("alice", PartnerTransaction.REVOKE, a.id());
            record("bob", a.id(), 1, c);
            settledWindow(2);
            rejectsRecord(ErrorCode.AGREEMENT_NOT_IN_FORCE, "bob", a.id(), 2, c);
            rejectsRecord(ErrorCode.INVALID_ARGUMENT, "bob", a.id(), 1, "ABC");
            rejectsRecord(ErrorCode.UNKNOWN_AGREEMENT, "bob", "feed", 1, c);
        }
    }

    @Nested
    class BadInput {
        @Test
        void anUnknownHomeIsRejected() {
            rejects(ErrorCode.UNKNOWN_HOME, "alice", PartnerTransaction.PROPOSE,
                    terms(AgreementTerms.sale("alice", "dave", PRICE, 0)));
            rejects(ErrorCode.UNKNOWN_HOME, "alice", PartnerTransaction.LIST_AGREEMENTS, "dave");
        }

        @Test
        void aHomeCannotAgreeWithItself() {
            rejects(ErrorCode.SELF_AGREEMENT, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"SALE\",\"partner\":\"alice\",\"price\":100000000,\"seller\":\"alice\"}");
        }

        @Test
        void aNegativePriceIsRejected() {
            rejects(ErrorCode.NEGATIVE_PARTNER_PRICE, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"SALE\",\"partner\":\"bob\",\"price\":-1,\"seller\":\"alice\"}");
        }

        @Test
        void aStrangerCannotProposeForTwoOtherHomes() {
            rejects(ErrorCode.NOT_A_PARTY, "carol", PartnerTransaction.PROPOSE,
                    terms(AgreementTerms.sale("alice", "bob", PRICE, 0)));
        }

        @Test
        void theOperatorIsNoHome() {
            assertRejected(ErrorCode.UNAUTHORIZED_ORG, () -> engine.submit(operator,
                    PartnerTransaction.PROPOSE.qualifiedName(), List.of(terms(AgreementTerms.sale("alice", "bob",
                            PRICE, 0)))));
        }

        @Test
        void inconsistentKindsPricesAndSharesAreRejected() {
            rejects(ErrorCode.INVALID_ARGUMENT, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"DONATION\",\"partner\":\"bob\",\"price\":5,\"seller\":\"alice\"}");
            rejects(ErrorCode.INVALID_ARGUMENT, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"SALE\",\"partner\":\"bob\",\"price\":0,\"seller\":\"alice\"}");
            rejects(ErrorCode.INVALID_ARGUMENT, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"GIFT\",\"partner\":\"bob\",\"price\":0,\"seller\":\"alice\"}");
            rejects(ErrorCode.INVALID_ARGUMENT, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"SALE\",\"marketSharePpm\":1000001,\"partner\":\"bob\",\"price\":1,"
                            + "\"seller\":\"alice\"}");
            rejects(ErrorCode.MALFORMED_JSON, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"SALE\",\"partner\":\"bob\",\"price\":1,\"seller\":\"alice\",\"extra\":1}");
            rejects(ErrorCode.MALFORMED_JSON, "alice", PartnerTransaction.PROPOSE,
                    "{\"kind\":\"SALE\",\"partner\":\"bob\",\"price\":\"1\",\"seller\":\"alice\"}");
        }

        @Test
        void anUnknownAgreementIsRejected() {
            rejects(ErrorCode.UNKNOWN_AGREEMENT, "bob", PartnerTransaction.ACCEPT, "0123abcd");
            rejects(ErrorCode.UNKNOWN_AGREEMENT, "bob", PartnerTransaction.REVOKE, "0123abcd");
            rejects(ErrorCode.INVALID_ARGUMENT, "bob", PartnerTransaction.REVOKE, "no/such id");
        }
    }
}
