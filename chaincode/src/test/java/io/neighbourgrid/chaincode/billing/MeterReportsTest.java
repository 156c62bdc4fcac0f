package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code submitMeterReport} ({@link MeterReports}): signed meter reports, relayed by anyone. */
class MeterReportsTest {
    private final BillingHarness m = new BillingHarness();

    @BeforeEach
    void twoHomesWithMeters() {
        m.setUp("h1", "h2");
    }

    @Test
    void aReportSignedByTheHomesMeterIsRecordedWithItsRelay() {
        m.gridOnlyWindow(1);
        TestHome h1 = m.homes.get("h1");
        // The neighbour relays h1's meter report: the signature, not the relay, makes it authentic.
        m.submit(m.homes.get("h2").creator, "submitMeterReport", "h1", "1", m.meterReport(h1, "h1", 1, 500, 0));
        BillingWindowView view = CanonicalJson.fromJson(m.query("getBillingWindow", "1"),
                BillingWindowView.class);
        MeterReport report = view.reports().get(0);
        assertEquals("h1", report.homeId());
        assertEquals(m.homes.get("h2").creator.certificateHash(), report.submittedBy().certificateHash());
        assertEquals(MeterSignatures.fingerprint(h1.meter.getPublic()), report.meterFingerprint());
    }

    @Test
    void aReportSignedByAnotherKeyIsRejected() {
        m.gridOnlyWindow(1);
        // h2's meter signs a report for h1.
        m.rejects(ErrorCode.INVALID_SIGNATURE, m.operator, "submitMeterReport", "h1", "1",
                m.meterReport(m.homes.get("h2"), "h1", 1, 500, 0));
    }

    @Test
    void aReplayedReportIsRejectedForTheSameAndForAnotherWindowOrHome() {
        m.gridOnlyWindow(1);
        m.gridOnlyWindow(2);
        String report = m.meterReport(m.homes.get("h1"), "h1", 1, 500, 0);
        m.submit(m.operator, "submitMeterReport", "h1", "1", report);
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, m.operator, "submitMeterReport", "h1", "1", report);
        // The signature binds the window and the home.
        m.rejects(ErrorCode.INVALID_SIGNATURE, m.operator, "submitMeterReport", "h1", "2", report);
        m.rejects(ErrorCode.INVALID_SIGNATURE, m.operator, "submitMeterReport", "h2", "1", report);
    }

    @Test
    void aReportAfterTheReportingPeriodIsRejected() {
        m.gridOnlyWindow(1);
        m.clock.advance(BillingHarness.REPORTING_SECONDS);
        m.rejects(ErrorCode.REPORTING_CLOSED, m.operator, "submitMeterReport", "h1", "1",
                m.meterReport(m.homes.get("h1"), "h1", 1, 500, 0));
    }

    @Test
    void aReportForAnUnsettledWindowIsRejected() {
        m.submit(m.operator, "openWindow", "1");
        m.rejects(ErrorCode.WRONG_PHASE, m.operator, "submitMeterReport", "h1", "1",
                m.meterReport(m.homes.get("h1"), "h1", 1, 500, 0));
        m.rejects(ErrorCode.UNKNOWN_WINDOW, m.operator, "submitMeterReport", "h1", "9",
                m.meterReport(m.homes.get("h1"), "h1", 9, 500, 0));
    }
}
