package io.neighbourgrid.ecoin;

import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.EcoinMessages;
import io.neighbourgrid.protocol.ecoin.PaymentArgs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The one-time keys of the trading procedures and the payment's hybrid encryption: HPKE (RFC 9180, base mode,
 * DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM) on BouncyCastle for the coin sealed to an offer, and
 * ECDSA P-256 keys for the offer's claim and the payee's ephemeral authorisation. Every key is used for one offer
 * or one pairing and then forgotten, so nothing links two of a meter's messages.
 */
public final class OneTimeKeys {
    private static final HPKE HPKE_SUITE = new HPKE(HPKE.mode_base, HPKE.kem_P256_SHA256, HPKE.kdf_HKDF_SHA256,
            HPKE.aead_AES_GCM128);

    private OneTimeKeys() {
    }

    /** A fresh HPKE key pair for an offer's payment key. */
    public static AsymmetricCipherKeyPair paymentKeyPair() {
        synchronized (HPKE_SUITE) {
            return HPKE_SUITE.generatePrivateKey();
        }
    }

    /** The Base64 encoded public half of an HPKE key pair, as an offer carries it. */
    public static String paymentKey(AsymmetricCipherKeyPair pair) {
        synchronized (HPKE_SUITE) {
            return Base64.getEncoder().encodeToString(HPKE_SUITE.serializePublicKey(pair.getPublic()));
        }
    }

    /** A fresh ECDSA P-256 key pair (an offer's claim key or a payee's ephemeral key). */
    public static KeyPair signingKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(MeterSignatures.CURVE), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is required of every Java platform", e);
        }
    }

    /** The Base64 X.509 encoding of a signing key's public half. */
    public static String publicKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** A Base64 DER ECDSA signature. */
    public static String sign(KeyPair pair, byte[] message) {
        return Base64.getEncoder().encodeToString(MeterSignatures.sign(pair.getPrivate(), message));
    }

    /**
     * Procedure 6(c): seals a coin and a receipt to the offer's payment key.
     *
     * @param paymentKey the paired offer's key (Base64)
     * @param requestId  the request being paid (bound as associated data)
     * @param coin       the coin
     * @param receipt    the random receipt
     * @return the payment message's fields
     */
    public static PaymentArgs seal(String paymentKey, String requestId, Coin coin, byte[] receipt) {
        byte[] plaintext = io.neighbourgrid.json.CanonicalJson.toBytes(
                new PaymentPlaintext(coin, Base64.getEncoder().encodeToString(receipt)));
        try {
            byte[][] sealed;
            synchronized (HPKE_SUITE) {
                sealed = HPKE_SUITE.seal(HPKE_SUITE.deserializePublicKey(Base64.getDecoder().decode(paymentKey)),
                        info(), aad(requestId), plaintext, null, null, null);
            }
            return new PaymentArgs(Base64.getEncoder().encodeToString(sealed[0]),
                    Base64.getEncoder().encodeToString(sealed[1]), Coin.hashOf(receipt), coin.hash());
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE sealing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a payment with the offer's payment key pair.
     *
     * @throws InvalidCipherTextException if the ciphertext was not sealed to this key for this request
     */
    public static PaymentPlaintext open(AsymmetricCipherKeyPair pair, String requestId, PaymentArgs payment)
            throws InvalidCipherTextException {
        byte[] plaintext;
        synchronized (HPKE_SUITE) {
            plaintext = HPKE_SUITE.open(Base64.getDecoder().decode(payment.encapsulation()), pair, info(),
                    aad(requestId), Base64.getDecoder().decode(payment.ciphertext()), null, null, null);
        }
        return io.neighbourgrid.json.CanonicalJson.fromBytes(plaintext, PaymentPlaintext.class);
    }

    /** The claim an offer's owner signs when it presents a coin. */
    public static String claim(KeyPair claimKey, String requestId, String coinHash, String ephemeralKey) {
        return sign(claimKey, EcoinMessages.claim(requestId, coinHash, ephemeralKey));
    }

    private static byte[] info() {
        return EcoinMessages.PAYMENT_INFO.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] aad(String requestId) {
        return requestId.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a payment seals: the coin and the receipt.
     *
     * @param coin    the coin
     * @param receipt Base64 of the random receipt
     */
    public record PaymentPlaintext(Coin coin, String receipt) {
    }
}
