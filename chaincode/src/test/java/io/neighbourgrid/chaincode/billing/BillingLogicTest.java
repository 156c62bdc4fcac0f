package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.Verdict;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The billing transactions on the embedded ledger: registration, records, meter reports, bills and disputes. */
class BillingLogicTest {
    private static final String EVIDENCE = "ab".repeat(32);

    @Nested
    class BillingKey {
        @Test
        void anOperatorIdentityRegistersItOnceAndBecomesTheBillingParty() {
            BillingHarness m = new BillingHarness().setUp("h1");
            BillingConfig config = CanonicalJson.fromJson(m.query("getBilling"), BillingConfig.class);
            assertEquals(m.billingParty.certificateHash(), config.certificateHash());
            assertEquals(BillingHarness.REPORTING_SECONDS, config.reportingSeconds());
            m.rejects(ErrorCode.BILLING_ALREADY_CONFIGURED, m.operator, "registerBillingKey",
                    m.billingKey().toBase64(), BillingHarness.billingProof(), "{\"reportingSeconds\":60}");
        }

        @Test
        void aCommunityIdentityCannotRegisterIt() {
            BillingHarness m = new BillingHarness();
            TestHome h = m.setUpMarketOnly("h1");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, h.creator, "registerBillingKey", m.billingKey().toBase64(),
                    BillingHarness.billingProof(), "{\"reportingSeconds\":60}");
        }

        @Test
        void aKeyTooSmallForAPackedBillIsRejected() {
            BillingHarness m = new BillingHarness();
            m.setUpMarketOnly("h1");
            PaillierKeyPair small = BillingHarness.homeKey(0);
            String proof = KeyCorrectnessProof.prove(small.privateKey(), BillingContexts.billingKey(
                    BillingHarness.CHANNEL), BillingHarness.RANDOM).toBase64();
            m.rejects(ErrorCode.INVALID_KEY, m.billingParty, "registerBillingKey", small.publicKey().toBase64(),
                    proof, "{\"reportingSeconds\":60}");
        }

        @Test
        void aProofForAnotherContextIsRejected() {
            BillingHarness m = new BillingHarness();
            m.setUpMarketOnly("h1");
            String proof = KeyCorrectnessProof.prove(BillingHarness.billingKeys().privateKey(),
                    BillingContexts.billingKey("another-channel"), BillingHarness.RANDOM).toBase64();
            m.rejects(ErrorCode.INVALID_KEY_PROOF, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                    proof, "{\"reportingSeconds\":60}");
        }

        @Test
        void theReportingPeriodMustBePositive() {
            BillingHarness m = new BillingHarness();
            m.setUpMarketOnly("h1");
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                    BillingHarness.billingProof(), "{\"reportingSeconds\":0}");
            m.rejects(ErrorCode.MALFORMED_JSON, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                    BillingHarness.billingProof(), "{\"reportingSeconds\":60,\"extra\":1}");
        }
    }

    @Nested
    class Meters {
        @Test
        void aHomeRegistersAndReplacesItsMeterKey() {
            BillingHarness m = new BillingHarness().setUp("h1");
            TestHome h = m.homes.get("h1");
            MeterRegistration first = CanonicalJson.fromJson(m.query("getMeter", "h1"), MeterRegistration.class);
            assertEquals(1, first.version());
            var replacement = BillingHarness.meterKeyPair(MeterSignatures.CURVE);
            m.submit(h.creator, "registerMeter", MeterSignatures.toPem(replacement.getPublic()));
            MeterRegistration second = CanonicalJson.fromJson(m.query("getMeter", "h1"), MeterRegistration.class);
            assertEquals(2, second.version());
            assertEquals(MeterSignatures.fingerprint(replacement.getPublic()), second.fingerprint());
            assertEquals(2, m.engine.getHistoryForKey(StateKeys.meter("h1")).size());
        }

        @Test
        void aMeterKeyServesOneHomeOnly() {
            BillingHarness m = new BillingHarness().setUp("h1", "h2");
            m.rejects(ErrorCode.METER_KEY_IN_USE, m.homes.get("h2").creator, "registerMeter",
                    MeterSignatures.toPem(m.homes.get("h1").meter.getPublic()));
        }

        @Test
        void keysOffCurveP256OrMalformedAreRejected() {
            BillingHarness m = new BillingHarness().setUp("h1");
            TestHome h = m.homes.get("h1");
            m.rejects(ErrorCode.INVALID_METER_KEY, h.creator, "registerMeter",
                    MeterSignatures.toPem(BillingHarness.meterKeyPair("secp384r1").getPublic()));
            m.rejects(ErrorCode.INVALID_METER_KEY, h.creator, "registerMeter", "not a key");
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.creator, "registerMeter",
                    MeterSignatures.toPem(h.meter.getPublic()));
        }
    }

    @Nested
    class MeterReports {
        @Test
        void aReportSignedByTheHomesMeterIsRecordedWithItsRelay() {
            BillingHarness m = new BillingHarness().setUp("h1", "h2");
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
            BillingHarness m = new BillingHarness().setUp("h1", "h2");
            m.gridOnlyWindow(1);
            // h2's meter signs a report for h1.
            m.rejects(ErrorCode.INVALID_SIGNATURE, m.operator, "submitMeterReport", "h1", "1",
                    m.meterReport(m.homes.get("h2"), "h1", 1, 500, 0));
        }

        @Test
        void aReplayedReportIsRejectedForTheSameAndForAnotherWindowOrHome() {
            BillingHarness m = new BillingHarness().setUp("h1", "h2");
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
            BillingHarness m = new BillingHarness().setUp("h1");
            m.gridOnlyWindow(1);
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            m.rejects(ErrorCode.REPORTING_CLOSED, m.operator, "submitMeterReport", "h1", "1",
                    m.meterReport(m.homes.get("h1"), "h1", 1, 500, 0));
        }

        @Test
        void aReportForAnUnsettledWindowIsRejected() {
            BillingHarness m = new BillingHarness().setUp("h1");
            m.submit(m.operator, "openWindow", "1");
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "submitMeterReport", "h1", "1",
                    m.meterReport(m.homes.get("h1"), "h1", 1, 500, 0));
            m.rejects(ErrorCode.UNKNOWN_WINDOW, m.operator, "submitMeterReport", "h1", "9",
                    m.meterReport(m.homes.get("h1"), "h1", 9, 500, 0));
        }
    }

    @Nested
    class SettlementRecords {
        @Test
        void aHomeOffMarketRecordsItsGridExchangeOnce() {
            BillingHarness m = new BillingHarness().setUp("h1");
            m.gridOnlyWindow(1);
            TestHome h = m.homes.get("h1");
            m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 700));
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.creator, "recordSettlement", "1",
                    m.offMarketRecord(h, 0, 700));
        }

        @Test
        void aHomeOffMarketCannotClaimACommittedVolume() {
            BillingHarness m = new BillingHarness().setUp("h1");
            m.gridOnlyWindow(1);
            TestHome h = m.homes.get("h1");
            Map<String, Object> record = new TreeMap<>(CanonicalJson.toMap(m.offMarketRecord(h, 0, 700)));
            record.put("committed", m.billingKey().encrypt(BigInteger.TEN, BillingHarness.RANDOM).toBase64());
            m.rejects(ErrorCode.MALFORMED_JSON, h.creator, "recordSettlement", "1", CanonicalJson.toJson(record));
        }

        @Test
        void ciphertextsUnderTheWrongKeyOrCopiedAreRejected() {
            BillingHarness m = new BillingHarness().setUp("h1", "h2");
            m.gridOnlyWindow(1);
            TestHome h1 = m.homes.get("h1");
            Map<String, Object> wrongKey = new TreeMap<>(CanonicalJson.toMap(m.offMarketRecord(h1, 0, 700)));
            // g- under the home's own key instead of the billing key: a different ciphertext width.
            wrongKey.put("gridImport", h1.keys.publicKey().encrypt(BigInteger.ONE, BillingHarness.RANDOM)
                    .toBase64());
            m.rejects(ErrorCode.INVALID_CIPHERTEXT, h1.creator, "recordSettlement", "1",
                    CanonicalJson.toJson(wrongKey));
            String original = m.offMarketRecord(h1, 0, 700);
            m.submit(h1.creator, "recordSettlement", "1", original);
            TestHome h2 = m.homes.get("h2");
            Map<String, Object> copied = new TreeMap<>(CanonicalJson.toMap(m.offMarketRecord(h2, 0, 10)));
            copied.put("gridImport", CanonicalJson.toMap(original).get("gridImport"));
            m.rejects(ErrorCode.INVALID_CIPHERTEXT, h2.creator, "recordSettlement", "1",
                    CanonicalJson.toJson(copied));
        }

        @Test
        void recordsAfterTheReportingPeriodAreRejected() {
            BillingHarness m = new BillingHarness().setUp("h1");
            m.gridOnlyWindow(1);
            m.clock.advance(BillingHarness.REPORTING_SECONDS + 1);
            TestHome h = m.homes.get("h1");
            m.rejects(ErrorCode.REPORTING_CLOSED, h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 1));
        }
    }

    @Nested
    class Bills {
        @Test
        void anHonestBillDecodesToTheLinesOfTheRecordsAndClassifiesEachWindow() {
            BillingHarness m = new BillingHarness().setUp("h1");
            TestHome h = m.homes.get("h1");
            for (long t = 1; t <= 3; t++) {
                m.gridOnlyWindow(t);
            }
            // Window 1: record and report agree; window 2: record only; window 3: report only.
            m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 700));
            m.submit(m.operator, "submitMeterReport", "h1", "1", m.meterReport(h, "h1", 1, 700, 0));
            m.submit(h.creator, "recordSettlement", "2", m.offMarketRecord(h, 300, 0));
            m.submit(m.operator, "submitMeterReport", "h1", "3", m.meterReport(h, "h1", 3, 100, 50));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            Bill bill = CanonicalJson.fromJson(m.postHonestBill("h1", 1, 3), Bill.class);
            long ps = 120 * Scales.PRICE;
            long pb = 80 * Scales.PRICE;
            assertEquals("800", bill.lines().importEnergy());
            assertEquals("350", bill.lines().exportEnergy());
            assertEquals(BigInteger.valueOf(800 * ps).toString(), bill.lines().importAmount());
            assertEquals(BigInteger.valueOf(350 * pb).toString(), bill.lines().exportAmount());
            assertEquals("0", bill.lines().soldEnergy());
            assertTrue(bill.lines().consistentWithMeters());
            assertEquals(List.of(2L), bill.windows().missingReportWindows());
            assertEquals(List.of(3L), bill.windows().missingRecordWindows());
            assertEquals(List.of(), bill.windows().unbilledWindows());
            assertEquals(BigInteger.valueOf((350 * pb - 800 * ps) / Scales.ENERGY), bill.lines().balance());
        }

        @Test
        void aHomeWhoseGridExchangeDisagreesWithItsMeterShowsTheResidual() {
            BillingHarness m = new BillingHarness().setUp("h1");
            TestHome h = m.homes.get("h1");
            m.gridOnlyWindow(1);
            m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 600));
            m.submit(m.operator, "submitMeterReport", "h1", "1", m.meterReport(h, "h1", 1, 700, 0));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            Bill bill = CanonicalJson.fromJson(m.postHonestBill("h1", 1, 1), Bill.class);
            // Metered net -700, claimed -600: residual -100, decoded exactly although negative.
            assertEquals("-100", bill.lines().residual());
            assertFalse(bill.lines().consistentWithMeters());
            assertEquals("600", bill.lines().importEnergy());
        }

        @Test
        void billsWaitForTheReportingPeriodAndComeFromTheBillingPartyOnly() {
            BillingHarness m = new BillingHarness().setUp("h1");
            m.gridOnlyWindow(1);
            Ciphertext aggregate = BillAggregator.compute(m.billingKey(), m.period("h1", 1, 1).windows()).aggregate();
            m.rejects(ErrorCode.REPORTING_OPEN, m.billingParty, "postBill", "h1", "1-1",
                    BillingHarness.billJson(aggregate, 1, 1));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            m.rejects(ErrorCode.NOT_BILLING_PARTY, m.operator, "postBill", "h1", "1-1",
                    BillingHarness.billJson(aggregate, 1, 1));
        }

        @Test
        void aBillWithAWrongPlaintextOrAProofOfAnotherPeriodIsRejected() {
            BillingHarness m = new BillingHarness().setUp("h1");
            m.gridOnlyWindow(1);
            m.gridOnlyWindow(2);
            TestHome h = m.homes.get("h1");
            m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 700));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            Ciphertext aggregate = BillAggregator.compute(m.billingKey(), m.period("h1", 1, 2).windows()).aggregate();
            Map<String, Object> wrong = new TreeMap<>(CanonicalJson.toMap(BillingHarness.billJson(aggregate, 1, 2)));
            wrong.put("plaintext", "1");
            m.rejects(ErrorCode.INVALID_PROOF, m.billingParty, "postBill", "h1", "1-2", CanonicalJson.toJson(wrong));
            m.rejects(ErrorCode.INVALID_PROOF, m.billingParty, "postBill", "h1", "1-2",
                    BillingHarness.billJson(aggregate, 1, 1));
        }

        @Test
        void aBilledWindowTakesNoMoreRecordsAndIsNotBilledTwice() {
            BillingHarness m = new BillingHarness().setUp("h1");
            TestHome h = m.homes.get("h1");
            m.gridOnlyWindow(1);
            m.gridOnlyWindow(2);
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            m.postHonestBill("h1", 1, 1);
            m.rejects(ErrorCode.WINDOW_ALREADY_BILLED, m.billingParty, "postBill", "h1", "1-2",
                    BillingHarness.billJson(BillAggregator.compute(m.billingKey(), m.period("h1", 1, 2).windows())
                            .aggregate(), 1, 2));
            m.rejects(ErrorCode.WINDOW_ALREADY_BILLED, h.creator, "recordSettlement", "1",
                    m.offMarketRecord(h, 0, 1));
            m.postHonestBill("h1", 2, 2);
            assertEquals(2, CanonicalJson.fromJson(m.query("listBills", "h1"), Bill[].class).length);
        }
    }

    @Nested
    class Disputes {
        /** h1 imports 700 in window 1 and 300 in window 2; a wrong bill leaves window 2 out. */
        private BillingHarness billedTwoWindows(boolean honest) {
            BillingHarness m = new BillingHarness().setUp("h1");
            TestHome h = m.homes.get("h1");
            m.gridOnlyWindow(1);
            m.gridOnlyWindow(2);
            m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 700));
            m.submit(h.creator, "recordSettlement", "2", m.offMarketRecord(h, 0, 300));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            var windows = m.period("h1", 1, 2).windows();
            Ciphertext aggregate = BillAggregator.compute(m.billingKey(),
                    honest ? windows : windows.subList(0, 1)).aggregate();
            m.submit(m.billingParty, "postBill", "h1", "1-2", BillingHarness.billJson(aggregate, 1, 2));
            return m;
        }

        private String open(BillingHarness m, String kind, String target) {
            Dispute d = CanonicalJson.fromJson(m.submitJson(m.homes.get("h1").creator, "openDispute", kind, target,
                    "my bill does not match my records"), Dispute.class);
            assertTrue(d.open());
            return d.id();
        }

        @Test
        void aDisputeOverAWrongBillIsUpheldAndCannotBeRejected() {
            BillingHarness m = billedTwoWindows(false);
            String id = open(m, "BILL", "1-2");
            m.rejects(ErrorCode.VERDICT_CONTRADICTS_LEDGER, m.resolver, "resolveDispute", id, "REJECTED", EVIDENCE);
            Dispute d = CanonicalJson.fromJson(m.submitJson(m.resolver, "resolveDispute", id, "UPHELD", EVIDENCE),
                    Dispute.class);
            assertEquals(Verdict.UPHELD, d.resolution().verdict());
            assertTrue(d.resolution().ledgerCheck().contains("differs"), d.resolution().ledgerCheck());
        }

        @Test
        void aDisputeOverACorrectBillIsRejectedAndCannotBeUpheld() {
            BillingHarness m = billedTwoWindows(true);
            String id = open(m, "BILL", "1-2");
            m.rejects(ErrorCode.VERDICT_CONTRADICTS_LEDGER, m.resolver, "resolveDispute", id, "UPHELD", EVIDENCE);
            Dispute d = CanonicalJson.fromJson(m.submitJson(m.resolver, "resolveDispute", id, "REJECTED", EVIDENCE),
                    Dispute.class);
            assertEquals(Verdict.REJECTED, d.resolution().verdict());
            assertEquals(EVIDENCE, d.resolution().evidenceHash());
            m.rejects(ErrorCode.DISPUTE_ALREADY_RESOLVED, m.resolver, "resolveDispute", id, "REJECTED", EVIDENCE);
        }

        @Test
        void theBillingPartyAndHomesCannotResolveAndDisputesNeedATarget() {
            BillingHarness m = billedTwoWindows(true);
            String id = open(m, "WINDOW", "1");
            m.rejects(ErrorCode.BILLING_PARTY_CANNOT_RESOLVE, m.billingParty, "resolveDispute", id, "UPHELD",
                    EVIDENCE);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.homes.get("h1").creator, "resolveDispute", id, "UPHELD",
                    EVIDENCE);
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.resolver, "resolveDispute", id, "UPHELD", "not-a-hash");
            m.rejects(ErrorCode.UNKNOWN_BILL, m.homes.get("h1").creator, "openDispute", "BILL", "1-1", "why");
            m.rejects(ErrorCode.UNKNOWN_WINDOW, m.homes.get("h1").creator, "openDispute", "WINDOW", "7", "why");
            // A window dispute's verdict is the resolver's, backed by its evidence hash.
            Dispute d = CanonicalJson.fromJson(m.submitJson(m.resolver, "resolveDispute", id, "UPHELD", EVIDENCE),
                    Dispute.class);
            assertNotNull(d.resolution());
            assertEquals(1, CanonicalJson.fromJson(m.query("listDisputes"), Dispute[].class).length);
        }
    }
}
