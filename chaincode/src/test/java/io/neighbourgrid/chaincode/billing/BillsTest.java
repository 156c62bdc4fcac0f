package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.state.Bill;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code postBill} ({@link Bills}): a home's bill, its lines and window categories, and the billing checkpoint. */
class BillsTest {
    private final BillingHarness m = new BillingHarness();
    private TestHome h;

    @BeforeEach
    void oneHomeWithAMeter() {
        m.setUp("h1");
        h = m.homes.get("h1");
    }

    @Test
    void anHonestBillDecodesToTheLinesOfTheRecordsAndClassifiesEachWindow() {
        for (long t = 0; t <= 3; t++) {
            m.gridOnlyWindow(t);
        }
        // Window 0: record and report agree; window 1: record only; window 2: report only; window 3: nothing
        // exchanged, recorded and reported.
        m.submit(h.creator, "recordSettlement", "0", m.offMarketRecord(h, 0, 700));
        m.submit(m.operator, "submitMeterReport", "h1", "0", m.meterReport(h, "h1", 0, 700, 0));
        m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 300, 0));
        m.submit(m.operator, "submitMeterReport", "h1", "2", m.meterReport(h, "h1", 2, 100, 50));
        m.submit(h.creator, "recordSettlement", "3", m.offMarketRecord(h, 0, 0));
        m.submit(m.operator, "submitMeterReport", "h1", "3", m.meterReport(h, "h1", 3, 0, 0));
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
        Bill bill = CanonicalJson.fromJson(m.postHonestBill("h1", 0, 3), Bill.class);
        long ps = 120 * Scales.PRICE;
        long pb = 80 * Scales.PRICE;
        assertEquals("800", bill.lines().importEnergy());
        assertEquals("350", bill.lines().exportEnergy());
        assertEquals(BigInteger.valueOf(800 * ps).toString(), bill.lines().importAmount());
        assertEquals(BigInteger.valueOf(350 * pb).toString(), bill.lines().exportAmount());
        assertEquals("0", bill.lines().soldEnergy());
        assertTrue(bill.lines().consistentWithMeters());
        assertEquals(List.of(1L), bill.windows().missingReportWindows());
        assertEquals(List.of(2L), bill.windows().missingRecordWindows());
        assertEquals(List.of(), bill.windows().unbilledWindows());
        assertEquals(BigInteger.valueOf((350 * pb - 800 * ps) / Scales.ENERGY), bill.lines().balance());
    }

    @Test
    void aHomeWhoseGridExchangeDisagreesWithItsMeterShowsTheResidual() {
        m.gridOnlyWindow(0);
        m.gridOnlyWindow(1);
        m.submit(h.creator, "recordSettlement", "0", m.offMarketRecord(h, 0, 600));
        m.submit(m.operator, "submitMeterReport", "h1", "0", m.meterReport(h, "h1", 0, 700, 0));
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
        Bill bill = CanonicalJson.fromJson(m.postHonestBill("h1", 0, 1), Bill.class);
        // Metered net -700, claimed -600: residual -100, decoded exactly although negative.
        assertEquals("-100", bill.lines().residual());
        assertFalse(bill.lines().consistentWithMeters());
        assertEquals("600", bill.lines().importEnergy());
    }

    @Test
    void billsWaitForTheReportingPeriodAndComeFromTheBillingPartyOnly() {
        m.gridOnlyWindow(0);
        m.gridOnlyWindow(1);
        Ciphertext aggregate = BillAggregator.compute(m.billingKey(), m.period("h1", 0, 1).windows()).aggregate();
        m.rejects(ErrorCode.REPORTING_OPEN, m.billingParty, "postBill", "h1", "0-1",
                BillingHarness.billJson(aggregate, 0, 1));
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
        m.rejects(ErrorCode.NOT_BILLING_PARTY, m.operator, "postBill", "h1", "0-1",
                BillingHarness.billJson(aggregate, 0, 1));
    }

    @Test
    void aBillWithAWrongPlaintextOrAProofOfAnotherPeriodIsRejected() {
        m.gridOnlyWindow(0);
        m.gridOnlyWindow(1);
        m.submit(h.creator, "recordSettlement", "0", m.offMarketRecord(h, 0, 700));
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
        Ciphertext aggregate = BillAggregator.compute(m.billingKey(), m.period("h1", 0, 1).windows()).aggregate();
        Map<String, Object> wrong = new TreeMap<>(CanonicalJson.toMap(BillingHarness.billJson(aggregate, 0, 1)));
        wrong.put("plaintext", "1");
        m.rejects(ErrorCode.INVALID_PROOF, m.billingParty, "postBill", "h1", "0-1", CanonicalJson.toJson(wrong));
        m.rejects(ErrorCode.INVALID_PROOF, m.billingParty, "postBill", "h1", "0-1",
                BillingHarness.billJson(aggregate, 0, 3));
    }

    @Test
    void aBilledWindowTakesNoMoreRecordsAndIsNotBilledTwice() {
        for (long t = 0; t <= 3; t++) {
            m.gridOnlyWindow(t);
        }
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
        m.postHonestBill("h1", 0, 1);
        m.rejects(ErrorCode.WINDOW_ALREADY_BILLED, m.billingParty, "postBill", "h1", "0-3",
                BillingHarness.billJson(BillAggregator.compute(m.billingKey(), m.period("h1", 0, 3).windows())
                        .aggregate(), 0, 3));
        m.rejects(ErrorCode.WINDOW_ALREADY_BILLED, h.creator, "recordSettlement", "1",
                m.offMarketRecord(h, 0, 1));
        m.postHonestBill("h1", 2, 3);
        assertEquals(2, CanonicalJson.fromJson(m.query("listBills", "h1"), Bill[].class).length);
    }
}
