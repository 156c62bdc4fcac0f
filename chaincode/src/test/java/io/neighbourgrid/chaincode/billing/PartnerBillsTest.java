package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.billing.BillingHarness.RANDOM;
import static io.neighbourgrid.chaincode.billing.BillingHarness.billingKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.PartnerBillLayout;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerLinesRecord;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementKind;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.partners.PartnerLines;
import io.neighbourgrid.protocol.partners.PartnerStatement;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partner lines on the bill ({@code PartnerBills}): each party of an agreement in force records its lines of a
 * window under the billing key; the billing party posts the product's proven decryption beside the market bill, and
 * chaincode, which multiplies the records itself, accepts only the true decryption; every bad record is refused.
 */
class PartnerBillsTest {
    private final BillingHarness h = new BillingHarness();
    private TestHome alice;
    private TestHome bob;
    private TestHome carol;
    private String agreement;

    @BeforeEach
    void aSaleFromAliceToBobOverTwoSettledWindows() {
        h.setUp("alice", "bob", "carol");
        alice = h.homes.get("alice");
        bob = h.homes.get("bob");
        carol = h.homes.get("carol");
        AgreementTerms terms = new AgreementTerms("alice", "bob", AgreementKind.SALE, 100 * Scales.PRICE, 0);
        Agreement proposed = CanonicalJson.fromJson(h.submitJson(alice.creator,
                PartnerTransaction.PROPOSE.qualifiedName(), CanonicalJson.toJson(terms)), Agreement.class);
        agreement = proposed.id();
        h.clock.advance(1);
        h.submit(bob.creator, PartnerTransaction.ACCEPT.qualifiedName(), agreement);
        h.clock.advance(1);
        h.gridOnlyWindow(0);
        h.gridOnlyWindow(1);
    }

    private static PartnerLines lines(String home, long out, long in, long moneyIn, long moneyOut) {
        return new PartnerLines(home, out, in, moneyIn, moneyOut, out, in);
    }

    private static String linesJson(Ciphertext c) {
        return CanonicalJson.toJson(Map.of("lines", c.toBase64()));
    }

    private PartnerLinesRecord record(TestHome home, long t, PartnerLines l) {
        return CanonicalJson.fromJson(h.submitJson(home.creator, "recordPartnerLines", Long.toString(t),
                linesJson(PartnerBillLayout.encrypt(l, h.billingKey(), RANDOM))), PartnerLinesRecord.class);
    }

    private void commit(long t) {
        PartnerStatement s = PartnerStatement.of(agreement, t, null, RANDOM);
        h.submit(alice.creator, PartnerTransaction.RECORD_TRANSFER.qualifiedName(), agreement, Long.toString(t),
                s.commitment());
    }

    /** The billing party's {@code {"plaintext", "proof"}} for the product of the home's records. */
    private String decryption(String homeId, long from, long to, BigInteger shift, boolean billContext) {
        PartnerLinesRecord[] records = CanonicalJson.fromJson(h.query("getPartnerLines", homeId, from + "-" + to),
                PartnerLinesRecord[].class);
        Ciphertext aggregate = h.billingKey().sum(Arrays.stream(records)
                .map(r -> h.billingKey().ciphertextFromBase64(r.lines())).toList());
        BigInteger m = billingKeys().privateKey().decrypt(aggregate);
        DecryptionProof proof = DecryptionProof.prove(billingKeys().privateKey(), aggregate, m, billContext
                ? BillingContexts.bill(BillingHarness.CHANNEL, from, to)
                : BillingContexts.partnerBill(BillingHarness.CHANNEL, from, to), RANDOM);
        Map<String, String> out = new TreeMap<>();
        out.put("plaintext", m.add(shift).toString());
        out.put("proof", proof.toBase64());
        return CanonicalJson.toJson(out);
    }

    private void pastReporting() {
        h.clock.advance(BillingHarness.REPORTING_SECONDS + 1);
    }

    @Test
    void theBillCarriesTheSumOfTheRecordedLinesAndNamesTheWindowsLeftOut() {
        commit(0);
        commit(1);
        PartnerLines a0 = lines("alice", 2_000, 0, 200, 0);
        PartnerLines a1 = lines("alice", 500, 0, 50, 0);
        PartnerLinesRecord r = record(alice, 0, a0);
        assertEquals(0, r.window());
        record(alice, 1, a1);
        record(bob, 0, lines("bob", 0, 2_000, 0, 200));
        pastReporting();
        String period = "0-1";
        h.rejects(ErrorCode.UNKNOWN_BILL, h.billingParty, "postPartnerBill", "alice", period,
                decryption("alice", 0, 1, BigInteger.ZERO, false));
        h.postHonestBill("alice", 0, 1);
        h.postHonestBill("bob", 0, 1);

        PartnerBill billA = CanonicalJson.fromJson(h.submitJson(h.billingParty, "postPartnerBill", "alice", period,
                decryption("alice", 0, 1, BigInteger.ZERO, false)), PartnerBill.class);
        assertEquals(PartnerBillLayout.expected(List.of(a0, a1)), billA.lines());
        assertEquals("2500", billA.lines().energyOut());
        assertEquals(BigInteger.valueOf(250), billA.lines().net());
        assertEquals("0", billA.lines().overflow());
        assertEquals(2, billA.recorded());
        assertEquals(List.of(), billA.missing());

        PartnerBill billB = CanonicalJson.fromJson(h.submitJson(h.billingParty, "postPartnerBill", "bob", period,
                decryption("bob", 0, 1, BigInteger.ZERO, false)), PartnerBill.class);
        assertEquals(BigInteger.valueOf(-200), billB.lines().net());
        assertEquals(1, billB.recorded());
        assertEquals(List.of(1L), billB.missing(), "a statement of window 1 is on the ledger, bob's lines are not");
        assertEquals(billB, CanonicalJson.fromJson(h.query("getPartnerBill", "bob", period), PartnerBill.class));

        h.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.billingParty, "postPartnerBill", "bob", period,
                decryption("bob", 0, 1, BigInteger.ZERO, false));
        // The period is billed: no lines of its windows are accepted any more.
        h.rejects(ErrorCode.WINDOW_ALREADY_BILLED, bob.creator, "recordPartnerLines", "1",
                linesJson(PartnerBillLayout.encrypt(lines("bob", 0, 1, 0, 1), h.billingKey(), RANDOM)));
        h.rejects(ErrorCode.UNKNOWN_BILL, h.operator, "getPartnerBill", "carol", period);
    }

    @Test
    void onlyTheTrueDecryptionByTheBillingPartyIsAccepted() {
        record(alice, 0, lines("alice", 2_000, 0, 200, 0));
        pastReporting();
        h.postHonestBill("alice", 0, 1);
        String period = "0-1";
        h.rejects(ErrorCode.INVALID_PROOF, h.billingParty, "postPartnerBill", "alice", period,
                decryption("alice", 0, 1, BigInteger.ONE, false));
        h.rejects(ErrorCode.INVALID_PROOF, h.billingParty, "postPartnerBill", "alice", period,
                decryption("alice", 0, 1, BigInteger.ONE.shiftLeft(PartnerBillLayout.Slot.MONEY_IN.offset()),
                        false));
        h.rejects(ErrorCode.INVALID_PROOF, h.billingParty, "postPartnerBill", "alice", period,
                decryption("alice", 0, 1, BigInteger.ZERO, true));
        h.rejects(ErrorCode.NOT_BILLING_PARTY, h.operator, "postPartnerBill", "alice", period,
                decryption("alice", 0, 1, BigInteger.ZERO, false));
        h.rejects(ErrorCode.MALFORMED_JSON, h.billingParty, "postPartnerBill", "alice", period, "{\"proof\":\"x\"}");
        h.rejects(ErrorCode.UNKNOWN_HOME, h.billingParty, "postPartnerBill", "nobody", period,
                decryption("alice", 0, 1, BigInteger.ZERO, false));
        h.submit(h.billingParty, "postPartnerBill", "alice", period, decryption("alice", 0, 1, BigInteger.ZERO,
                false));
    }

    @Test
    void refusesLinesOfHomesWithoutAnAgreementAndEveryMalformedOrCopiedRecord() {
        PartnerLines l = lines("carol", 1, 0, 1, 0);
        h.rejects(ErrorCode.AGREEMENT_NOT_IN_FORCE, carol.creator, "recordPartnerLines", "0",
                linesJson(PartnerBillLayout.encrypt(l, h.billingKey(), RANDOM)));
        h.rejects(ErrorCode.UNKNOWN_WINDOW, alice.creator, "recordPartnerLines", "5",
                linesJson(PartnerBillLayout.encrypt(l, h.billingKey(), RANDOM)));
        h.rejects(ErrorCode.MALFORMED_JSON, alice.creator, "recordPartnerLines", "0", "{}");
        h.rejects(ErrorCode.MALFORMED_JSON, alice.creator, "recordPartnerLines", "0",
                "{\"lines\":\"AA==\",\"more\":1}");
        // N itself: in range, but not a unit modulo N.
        byte[] notAUnit = new byte[h.billingKey().ciphertextBytes()];
        byte[] n = h.billingKey().modulus().toByteArray();
        System.arraycopy(n, Math.max(0, n.length - notAUnit.length), notAUnit,
                Math.max(0, notAUnit.length - n.length), Math.min(n.length, notAUnit.length));
        h.rejects(ErrorCode.INVALID_CIPHERTEXT, alice.creator, "recordPartnerLines", "0",
                CanonicalJson.toJson(Map.of("lines", Base64.getEncoder().encodeToString(notAUnit))));
        h.rejects(ErrorCode.UNAUTHORIZED_ORG, h.operator, "recordPartnerLines", "0",
                linesJson(PartnerBillLayout.encrypt(l, h.billingKey(), RANDOM)));
        Ciphertext c = PartnerBillLayout.encrypt(lines("alice", 1, 0, 1, 0), h.billingKey(), RANDOM);
        h.submit(alice.creator, "recordPartnerLines", "0", linesJson(c));
        h.rejects(ErrorCode.DUPLICATE_SUBMISSION, alice.creator, "recordPartnerLines", "0",
                linesJson(PartnerBillLayout.encrypt(l, h.billingKey(), RANDOM)));
        h.rejects(ErrorCode.INVALID_CIPHERTEXT, bob.creator, "recordPartnerLines", "0", linesJson(c));
        pastReporting();
        h.rejects(ErrorCode.REPORTING_CLOSED, bob.creator, "recordPartnerLines", "1",
                linesJson(PartnerBillLayout.encrypt(l, h.billingKey(), RANDOM)));
        assertTrue(CanonicalJson.fromJson(h.query("getPartnerLines", "bob", "0-1"), PartnerLinesRecord[].class)
                .length == 0);
    }
}
