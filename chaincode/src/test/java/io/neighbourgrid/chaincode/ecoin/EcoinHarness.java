package io.neighbourgrid.chaincode.ecoin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.ChaincodeTransactions;
import io.neighbourgrid.chaincode.MarketHarness;
import io.neighbourgrid.crypto.blind.BlindRsa;
import io.neighbourgrid.crypto.blind.BlindRsaKeyPair;
import io.neighbourgrid.embedded.EmbeddedLedgerEngine;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.EcoinSettings;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.OfferArgs;
import io.neighbourgrid.protocol.ecoin.PaymentArgs;
import io.neighbourgrid.protocol.ecoin.WithdrawalArgs;
import io.neighbourgrid.protocol.ecoin.WithdrawalBatch;
import io.neighbourgrid.testing.TestClocks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * The whole chaincode on an in-memory embedded ledger, configured for e-coins with one 2048-bit substation key
 * shared by every test, two meters and the microgrid's shared identity. Coins are minted here with the core blind
 * signatures directly (the contract never sees more than what a client sends).
 */
final class EcoinHarness {
    static final String OPERATOR_MSP = "OperatorMSP";
    static final String COMMUNITY_MSP = "CommunityMSP";
    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final long VALIDITY = 600;
    static final long COIN_VALUE = 12_500;
    static final BlindRsaKeyPair KEY = BlindRsaKeyPair.generate(2048, seeded(1));
    static final BlindRsaKeyPair OTHER_KEY = BlindRsaKeyPair.generate(2048, seeded(2));

    final SecureRandom random = seeded(3);
    final TestClocks.Manual clock = new TestClocks.Manual(START);
    final EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory("ecoin-test", clock,
            ChaincodeTransactions.of(OPERATOR_MSP, List.of(COMMUNITY_MSP)));
    final Creator operator = MarketHarness.identity(OPERATOR_MSP, "substation");
    final Creator shared = MarketHarness.identity(COMMUNITY_MSP, "microgrid");
    final Creator alice = MarketHarness.identity(COMMUNITY_MSP, "alice");
    final Creator bob = MarketHarness.identity(COMMUNITY_MSP, "bob");
    private int ids;

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static EcoinSettings settings(BlindRsaKeyPair key, Creator shared) {
        return new EcoinSettings(key.publicKey().encode(), shared.mspId(), shared.certificateHash(), 200, 15,
                COIN_VALUE, VALIDITY, 20);
    }

    /** Configured, with alice and bob registered. */
    static EcoinHarness configured() {
        EcoinHarness h = new EcoinHarness();
        h.submit(h.operator, EcoinTransaction.CONFIGURE, CanonicalJson.toJson(settings(KEY, h.shared)));
        h.submit(h.alice, EcoinTransaction.REGISTER_METER, "alice");
        h.submit(h.bob, EcoinTransaction.REGISTER_METER, "bob");
        return h;
    }

    String submit(Creator creator, EcoinTransaction tx, String... args) {
        TxResult r = engine.submit(creator, tx.qualifiedName(), List.of(args));
        assertTrue(r.isValid(), tx + " was not valid");
        return new String(r.payload(), StandardCharsets.UTF_8);
    }

    <T> T evaluate(Class<T> type, EcoinTransaction tx, String... args) {
        return CanonicalJson.fromJson(new String(engine.evaluate(operator, tx.qualifiedName(), List.of(args))
                .payload(), StandardCharsets.UTF_8), type);
    }

    /** Asserts the call is rejected with {@code code} and leaves the chain and the state as they were. */
    ContractException rejected(ErrorCode code, Creator creator, EcoinTransaction tx, String... args) {
        long height = engine.height();
        List<TxContext.KeyValue> before = state();
        Executable call = () -> engine.submit(creator, tx.qualifiedName(), List.of(args));
        ContractException e = MarketHarness.assertRejected(code, call);
        assertEquals(height, engine.height(), "a rejected call added a block");
        List<TxContext.KeyValue> after = state();
        assertEquals(before.size(), after.size(), "a rejected call changed the state");
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).key(), after.get(i).key());
            assertArrayEquals(before.get(i).value(), after.get(i).value(), "state of " + before.get(i).key());
        }
        return e;
    }

    private List<TxContext.KeyValue> state() {
        return engine.getStateByRange("", "\uffff");
    }

    String id() {
        return String.format("id-%016d", ids++);
    }

    /** Withdraws {@code n} coins for {@code meter}: request, issue and unblind. */
    List<Coin> withdraw(Creator meter, int n) {
        List<byte[]> payloads = new ArrayList<>();
        List<BlindRsa.Blinding> blindings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] payload = new byte[Coin.PAYLOAD_BYTES];
            random.nextBytes(payload);
            payloads.add(payload);
            blindings.add(BlindRsa.blind(KEY.publicKey(), payload, random));
        }
        String batch = id();
        submit(meter, EcoinTransaction.REQUEST_WITHDRAWAL, batch, CanonicalJson.toJson(new WithdrawalArgs(
                blindings.stream().map(b -> b64(b.blindedMessage())).toList())));
        submit(operator, EcoinTransaction.ISSUE_WITHDRAWAL, batch, CanonicalJson.toJson(new io.neighbourgrid.protocol
                .ecoin.IssueArgs(blindings.stream().map(b -> b64(KEY.blindSign(b.blindedMessage()))).toList())));
        WithdrawalBatch issued = evaluate(WithdrawalBatch.class, EcoinTransaction.GET_BATCH, batch);
        List<Coin> coins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] sig = BlindRsa.finalizeSignature(KEY.publicKey(), payloads.get(i),
                    Base64.getDecoder().decode(issued.blindSignatures().get(i)), blindings.get(i));
            coins.add(Coin.of(payloads.get(i), sig));
        }
        return coins;
    }

    /** A coin signed directly with {@code key}, never withdrawn. */
    Coin mint(BlindRsaKeyPair key) {
        byte[] payload = new byte[Coin.PAYLOAD_BYTES];
        random.nextBytes(payload);
        BlindRsa.Blinding b = BlindRsa.blind(key.publicKey(), payload, random);
        byte[] blindSig = key.blindSign(b.blindedMessage());
        return Coin.of(payload, BlindRsa.finalizeSignature(key.publicKey(), payload, blindSig, b));
    }

    /** An offer's one-time keys and its posted id. */
    record PostedOffer(String offerId, KeyPair claim) {
    }

    PostedOffer postOffer(Creator by) {
        KeyPair claim = ecKey();
        byte[] point = new byte[OfferArgs.PAYMENT_KEY_BYTES];
        random.nextBytes(point);
        point[0] = 0x04;
        String id = id();
        submit(by, EcoinTransaction.POST_OFFER, CanonicalJson.toJson(new OfferArgs(id, b64(point),
                b64(claim.getPublic().getEncoded()))));
        return new PostedOffer(id, claim);
    }

    /** Posts a request (by {@code by}) and pairs it with {@code offer}; returns the request id. */
    String requestAndPair(Creator by, PostedOffer offer) {
        String request = id();
        submit(by, EcoinTransaction.POST_REQUEST, request);
        submit(operator, EcoinTransaction.PAIR, request, offer.offerId());
        return request;
    }

    /** A payment of {@code coin} with a random ciphertext (the contract never opens it). */
    PaymentArgs payment(Coin coin, byte[] receipt) {
        byte[] ct = new byte[200];
        random.nextBytes(ct);
        byte[] enc = new byte[65];
        random.nextBytes(enc);
        return new PaymentArgs(b64(ct), b64(enc), Coin.hashOf(receipt), coin.hash());
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(MeterSignatures.CURVE));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String sign(KeyPair key, byte[] message) {
        return b64(MeterSignatures.sign(key.getPrivate(), message));
    }
}
