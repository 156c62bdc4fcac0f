package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.testing.TestKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code registerBillingKey} ({@link BillingKeys}): who registers the billing key, once, and which keys it takes. */
class BillingKeysTest {
    private final BillingHarness m = new BillingHarness();
    private TestHome h1;

    @BeforeEach
    void marketWithOneHomeAndNoBillingKey() {
        h1 = m.setUpMarketOnly("h1");
    }

    @Test
    void anOperatorIdentityRegistersItOnceAndBecomesTheBillingParty() {
        m.setUpBilling();
        BillingConfig config = CanonicalJson.fromJson(m.query("getBilling"), BillingConfig.class);
        assertEquals(m.billingParty.certificateHash(), config.certificateHash());
        assertEquals(BillingHarness.REPORTING_SECONDS, config.reportingSeconds());
        m.rejects(ErrorCode.BILLING_ALREADY_CONFIGURED, m.operator, "registerBillingKey",
                m.billingKey().toBase64(), BillingHarness.billingProof(), "{\"reportingSeconds\":60}");
    }

    @Test
    void aCommunityIdentityCannotRegisterIt() {
        m.rejects(ErrorCode.UNAUTHORIZED_ORG, h1.creator, "registerBillingKey", m.billingKey().toBase64(),
                BillingHarness.billingProof(), "{\"reportingSeconds\":60}");
    }

    @Test
    void aKeyTooSmallForAPackedBillIsRejected() {
        PaillierKeyPair small = TestKeys.paillier(768, 0);
        String proof = KeyCorrectnessProof.prove(small.privateKey(), BillingContexts.billingKey(
                BillingHarness.CHANNEL), BillingHarness.RANDOM).toBase64();
        m.rejects(ErrorCode.INVALID_KEY, m.billingParty, "registerBillingKey", small.publicKey().toBase64(),
                proof, "{\"reportingSeconds\":60}");
    }

    @Test
    void aProofForAnotherContextIsRejected() {
        String proof = KeyCorrectnessProof.prove(BillingHarness.billingKeys().privateKey(),
                BillingContexts.billingKey("another-channel"), BillingHarness.RANDOM).toBase64();
        m.rejects(ErrorCode.INVALID_KEY_PROOF, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                proof, "{\"reportingSeconds\":60}");
    }

    @Test
    void theMinimumBillingPeriodIsADayUnlessSetAndAtLeastTwoWindows() {
        for (String bad : new String[] {"1", "0", "-5", "4097"}) {
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                    BillingHarness.billingProof(), "{\"minimumPeriodWindows\":" + bad + ",\"reportingSeconds\":60}");
        }
        m.submit(m.billingParty, "registerBillingKey", m.billingKey().toBase64(), BillingHarness.billingProof(),
                "{\"reportingSeconds\":60}");
        assertEquals(1440L, CanonicalJson.fromJson(m.query("getBilling"), BillingConfig.class)
                .minimumPeriodWindows());
    }

    @Test
    void aSetMinimumBillingPeriodIsRecorded() {
        m.setUpBilling();
        assertEquals(BillingHarness.MINIMUM_PERIOD_WINDOWS, CanonicalJson.fromJson(m.query("getBilling"),
                BillingConfig.class).minimumPeriodWindows());
    }

    @Test
    void theReportingPeriodMustBePositive() {
        m.rejects(ErrorCode.INVALID_ARGUMENT, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                BillingHarness.billingProof(), "{\"reportingSeconds\":0}");
        m.rejects(ErrorCode.MALFORMED_JSON, m.billingParty, "registerBillingKey", m.billingKey().toBase64(),
                BillingHarness.billingProof(), "{\"reportingSeconds\":60,\"extra\":1}");
    }
}
