package io.neighbourgrid.chaincode.billing;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code recordSettlement} ({@link SettlementRecords}): a home's record of a settled window. */
class SettlementRecordsTest {
    private final BillingHarness m = new BillingHarness();

    @BeforeEach
    void twoHomesAndASettledGridOnlyWindow() {
        m.setUp("h1", "h2");
        m.gridOnlyWindow(1);
    }

    @Test
    void aHomeOffMarketRecordsItsGridExchangeOnce() {
        TestHome h = m.homes.get("h1");
        m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 700));
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.creator, "recordSettlement", "1",
                m.offMarketRecord(h, 0, 700));
    }

    @Test
    void aHomeOffMarketCannotClaimACommittedVolume() {
        TestHome h = m.homes.get("h1");
        Map<String, Object> record = new TreeMap<>(CanonicalJson.toMap(m.offMarketRecord(h, 0, 700)));
        record.put("committed", m.billingKey().encrypt(BigInteger.TEN, BillingHarness.RANDOM).toBase64());
        m.rejects(ErrorCode.MALFORMED_JSON, h.creator, "recordSettlement", "1", CanonicalJson.toJson(record));
    }

    @Test
    void ciphertextsUnderTheWrongKeyOrCopiedAreRejected() {
        TestHome h1 = m.homes.get("h1");
        Map<String, Object> wrongKey = new TreeMap<>(CanonicalJson.toMap(m.offMarketRecord(h1, 0, 700)));
        // g- under another, smaller key instead of the billing key: a different ciphertext width.
        wrongKey.put("gridImport", TestKeys.paillier(768, 0).publicKey().encrypt(BigInteger.ONE, BillingHarness.RANDOM)
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
        m.clock.advance(BillingHarness.REPORTING_SECONDS + 1);
        TestHome h = m.homes.get("h1");
        m.rejects(ErrorCode.REPORTING_CLOSED, h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 1));
    }
}
