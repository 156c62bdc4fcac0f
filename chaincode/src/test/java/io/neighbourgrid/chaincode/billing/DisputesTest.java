package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code openDispute} and {@code resolveDispute} ({@link Disputes}): verdicts that must agree with the ledger. */
class DisputesTest {
    private static final String EVIDENCE = "ab".repeat(32);
    private final BillingHarness m = new BillingHarness();

    /** h1 imports 700 in window 0 and 300 in window 1; both are recorded and past their reporting period. */
    @BeforeEach
    void twoRecordedWindowsReadyToBill() {
        m.setUp("h1");
        TestHome h = m.homes.get("h1");
        m.gridOnlyWindow(0);
        m.gridOnlyWindow(1);
        m.submit(h.creator, "recordSettlement", "0", m.offMarketRecord(h, 0, 700));
        m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 300));
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
    }

    /** Posts h1's bill for windows 0-1 (one block of the harness's minimum period); a wrong bill leaves window 1 out. */
    private void billTwoWindows(boolean honest) {
        var windows = m.period("h1", 0, 1).windows();
        Ciphertext aggregate = BillAggregator.compute(m.billingKey(),
                honest ? windows : windows.subList(0, 1)).aggregate();
        m.submit(m.billingParty, "postBill", "h1", "0-1", BillingHarness.billJson(aggregate, 0, 1));
    }

    private String open(String kind, String target) {
        Dispute d = CanonicalJson.fromJson(m.submitJson(m.homes.get("h1").creator, "openDispute", kind, target,
                "my bill does not match my records"), Dispute.class);
        assertTrue(d.open());
        return d.id();
    }

    @Test
    void aDisputeOverAWrongBillIsUpheldAndCannotBeRejected() {
        billTwoWindows(false);
        String id = open("BILL", "0-1");
        m.rejects(ErrorCode.VERDICT_CONTRADICTS_LEDGER, m.resolver, "resolveDispute", id, "REJECTED", EVIDENCE);
        Dispute d = CanonicalJson.fromJson(m.submitJson(m.resolver, "resolveDispute", id, "UPHELD", EVIDENCE),
                Dispute.class);
        assertEquals(Verdict.UPHELD, d.resolution().verdict());
        assertTrue(d.resolution().ledgerCheck().contains("differs"), d.resolution().ledgerCheck());
    }

    @Test
    void aDisputeOverACorrectBillIsRejectedAndCannotBeUpheld() {
        billTwoWindows(true);
        String id = open("BILL", "0-1");
        m.rejects(ErrorCode.VERDICT_CONTRADICTS_LEDGER, m.resolver, "resolveDispute", id, "UPHELD", EVIDENCE);
        Dispute d = CanonicalJson.fromJson(m.submitJson(m.resolver, "resolveDispute", id, "REJECTED", EVIDENCE),
                Dispute.class);
        assertEquals(Verdict.REJECTED, d.resolution().verdict());
        assertEquals(EVIDENCE, d.resolution().evidenceHash());
        m.rejects(ErrorCode.DISPUTE_ALREADY_RESOLVED, m.resolver, "resolveDispute", id, "REJECTED", EVIDENCE);
    }

    @Test
    void theBillingPartyAndHomesCannotResolveAndDisputesNeedATarget() {
        billTwoWindows(true);
        String id = open("WINDOW", "0");
        m.rejects(ErrorCode.BILLING_PARTY_CANNOT_RESOLVE, m.billingParty, "resolveDispute", id, "UPHELD",
                EVIDENCE);
        m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.homes.get("h1").creator, "resolveDispute", id, "UPHELD",
                EVIDENCE);
        m.rejects(ErrorCode.INVALID_ARGUMENT, m.resolver, "resolveDispute", id, "UPHELD", "not-a-hash");
        m.rejects(ErrorCode.UNKNOWN_BILL, m.homes.get("h1").creator, "openDispute", "BILL", "0-0", "why");
        m.rejects(ErrorCode.UNKNOWN_WINDOW, m.homes.get("h1").creator, "openDispute", "WINDOW", "7", "why");
        // A window dispute's verdict is the resolver's, backed by its evidence hash.
        Dispute d = CanonicalJson.fromJson(m.submitJson(m.resolver, "resolveDispute", id, "UPHELD", EVIDENCE),
                Dispute.class);
        assertNotNull(d.resolution());
        assertEquals(1, CanonicalJson.fromJson(m.query("listDisputes"), Dispute[].class).length);
    }
}
