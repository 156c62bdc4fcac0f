package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.ChaincodeTransactions;
import io.neighbourgrid.chaincode.MarketHarness;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.embedded.EmbeddedLedgerEngine;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.testing.TestClocks;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A market on an in-memory embedded ledger running the real contract, with homes whose windows end grid only (no
 * market cryptography needed) and a billing party, for the billing transactions. Keys are small and shared by
 * every test.
 */
final class BillingHarness {
    static final String CHANNEL = "billing-test";
    static final String OPERATOR_MSP = "OperatorMSP";
    static final String COMMUNITY_MSP = "CommunityMSP";
    static final int HOME_KEY_BITS = 1024;
    static final int BILLING_KEY_BITS = 1024;
    static final long REPORTING_SECONDS = 3600;
    /** The minimum billing period the harness registers: bills cover whole pairs of windows, 0-1, 2-3, ... */
    static final long MINIMUM_PERIOD_WINDOWS = 2;
    static final Instant START = Instant.parse("2026-03-02T07:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();


    final TestClocks.Manual clock = new TestClocks.Manual(START);
    final EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory(CHANNEL, clock,
            ChaincodeTransactions.of(OPERATOR_MSP, List.of(COMMUNITY_MSP)));
    final Creator operator = MarketHarness.identity(OPERATOR_MSP, "operator");
    final Creator billingParty = MarketHarness.identity(OPERATOR_MSP, "billing");
    final Creator resolver = MarketHarness.identity(OPERATOR_MSP, "resolver");
    final Map<String, TestHome> homes = new TreeMap<>();

    /** A home with its identity, Paillier keys and meter key pair. */
    static final class TestHome {
        final String id;
        final Creator creator;
        final PaillierKeyPair keys;
        final KeyPair meter;

        TestHome(String id, Creator creator, PaillierKeyPair keys, KeyPair meter) {
            this.id = id;
            this.creator = creator;
            this.keys = keys;
            this.meter = meter;
        }
    }

    static PaillierKeyPair billingKeys() {
        return TestKeys.paillier(BILLING_KEY_BITS, 0);
    }

    static String billingProof() {
        return TestKeys.keyProof(billingKeys(), BillingContexts.billingKey(CHANNEL));
    }

    static PaillierKeyPair homeKey(int index) {
        return TestKeys.paillier(HOME_KEY_BITS, index);
    }

    static String homeProof(PaillierKeyPair keys, String homeId) {
        return TestKeys.keyProof(keys, ProofContexts.registration(CHANNEL, homeId));
    }

    static KeyPair meterKeyPair(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PaillierPublicKey billingKey() {
        return billingKeys().publicKey();
    }

    // ---------------------------------------------------------------------------------------------- ledger access

    TxResult submit(Creator creator, String function, String... args) {
        TxResult r = engine.submit(creator, function, List.of(args));
        assertTrue(r.isValid(), function + " committed as " + r.validationCode());
        return r;
    }

    String submitJson(Creator creator, String function, String... args) {
        return new String(submit(creator, function, args).payload(), StandardCharsets.UTF_8);
    }

    String query(String function, String... args) {
        return new String(engine.evaluate(operator, function, List.of(args)).payload(), StandardCharsets.UTF_8);
    }

    ContractException rejects(ErrorCode code, Creator creator, String function, String... args) {
        return MarketHarness.assertRejected(code, () -> engine.submit(creator, function, List.of(args)));
    }

    // ---------------------------------------------------------------------------------------------- set-up

    /** Configures the market, registers homes {@code ids}, the billing key, and the homes' meters. */
    BillingHarness setUp(String... ids) {
        setUpMarketOnly(ids);
        setUpBilling();
        return this;
    }

    /** Configures the market and registers homes {@code ids}, without billing; returns the first home. */
    TestHome setUpMarketOnly(String... ids) {
        MarketConfig config = new MarketConfig(120 * Scales.PRICE, 80 * Scales.PRICE, 90 * Scales.PRICE,
                110 * Scales.PRICE, 60, 2, HOME_KEY_BITS, 30, 30, 30, 30, 60,
                MarketConfig.DEFAULT_MAX_ENERGY_PER_WINDOW, MarketConfig.DEFAULT_MIN_PREFERENCE,
                MarketConfig.DEFAULT_MAX_PREFERENCE);
        submit(operator, "configureMarket", CanonicalJson.toJson(config));
        submit(operator, "registerProofParameters", TestKeys.proofParameters().toBase64(),
                TestKeys.proofParametersProof(CHANNEL));
        for (String id : ids) {
            registerHome(id);
        }
        return homes.get(ids[0]);
    }

    /** Registers the billing key (as {@link #billingParty}), then the meter of every registered home. */
    void setUpBilling() {
        submit(billingParty, "registerBillingKey", billingKey().toBase64(), billingProof(),
                "{\"minimumPeriodWindows\":" + MINIMUM_PERIOD_WINDOWS + ",\"reportingSeconds\":" + REPORTING_SECONDS
                        + "}");
        for (TestHome h : homes.values()) {
            submit(h.creator, "registerMeter", MeterSignatures.toPem(h.meter.getPublic()));
        }
    }

    TestHome registerHome(String id) {
        PaillierKeyPair keys = homeKey(homes.size());
        TestHome h = new TestHome(id, MarketHarness.identity(COMMUNITY_MSP, id), keys, meterKeyPair(MeterSignatures.CURVE));
        submit(h.creator, "registerHome", id, keys.publicKey().toBase64(), homeProof(keys, id),
                TestKeys.factorProof(keys, ProofContexts.registration(CHANNEL, id)));
        homes.put(id, h);
        return h;
    }

    /** Runs window {@code t} with every home off market: it ends grid only and is settled. */
    void gridOnlyWindow(long t) {
        submit(operator, "openWindow", Long.toString(t));
        for (TestHome h : homes.values()) {
            submit(h.creator, "declareRole", Long.toString(t), "OFF");
        }
        submit(operator, "closeRoles", Long.toString(t));
        submit(operator, "settleWindow", Long.toString(t));
    }

    // ---------------------------------------------------------------------------------------------- records

    /** The JSON of a grid-only home's settlement record with grid exchange g+ and g-. */
    String offMarketRecord(TestHome h, long gridExport, long gridImport) {
        Map<String, String> m = new TreeMap<>();
        m.put("gridExport", billingKey().encrypt(BigInteger.valueOf(gridExport), RANDOM).toBase64());
        m.put("gridImport", billingKey().encrypt(BigInteger.valueOf(gridImport), RANDOM).toBase64());
        m.put("own", h.keys.publicKey().encrypt(new OwnRecord(0, gridExport, gridImport).pack(), RANDOM)
                .toBase64());
        return CanonicalJson.toJson(m);
    }

    /** A meter report of window {@code t} for {@code homeId}, signed with {@code signer}'s meter key. */
    String meterReport(TestHome signer, String homeId, long t, long imported, long exported) {
        Ciphertext i = billingKey().encrypt(BigInteger.valueOf(imported), RANDOM);
        Ciphertext x = billingKey().encrypt(BigInteger.valueOf(exported), RANDOM);
        byte[] signature = MeterSignatures.sign(signer.meter.getPrivate(),
                MeterSignatures.message(CHANNEL, homeId, t, i, x));
        Map<String, String> m = new TreeMap<>();
        m.put("import", i.toBase64());
        m.put("export", x.toBase64());
        m.put("signature", Base64.getEncoder().encodeToString(signature));
        return CanonicalJson.toJson(m);
    }

    BillingPeriodView period(String homeId, long from, long to) {
        return CanonicalJson.fromJson(query("getBillingRecords", homeId, from + "-" + to), BillingPeriodView.class);
    }

    /** The bill JSON the billing party posts for an aggregate: its decryption with a proof. */
    static String billJson(Ciphertext aggregate, long from, long to) {
        BigInteger m = billingKeys().privateKey().decrypt(aggregate);
        DecryptionProof proof = DecryptionProof.prove(billingKeys().privateKey(), aggregate, m,
                BillingContexts.bill(CHANNEL, from, to), RANDOM);
        Map<String, String> out = new TreeMap<>();
        out.put("aggregate", aggregate.toBase64());
        out.put("plaintext", m.toString());
        out.put("proof", proof.toBase64());
        return CanonicalJson.toJson(out);
    }

    /** Computes, proves and posts the honest bill of a home. */
    String postHonestBill(String homeId, long from, long to) {
        Ciphertext aggregate = BillAggregator.compute(billingKeys().privateKey(), period(homeId, from, to).windows())
                .aggregate();
        return submitJson(billingParty, "postBill", homeId, from + "-" + to, billJson(aggregate, from, to));
    }
}
