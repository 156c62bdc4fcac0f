package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Smart-meter keys and report signatures. A meter holds an EC key pair on NIST P-256 and signs each window's report
 * with ECDSA over SHA-256 ({@value #ALGORITHM}, the JDK's provider) over a canonical, length-prefixed encoding of
 * the statement:
 * <pre>
 *   field("neighbourgrid/meter-report/v1") || field(channel) || field(homeId) || u64(window)
 *     || field(import ciphertext) || field(export ciphertext)
 * </pre>
 * ({@code field} is a 4-byte big-endian length followed by the bytes, strings in UTF-8, ciphertexts in their
 * fixed-width encoding). The signature binds the channel, the home and the window, so a report cannot be replayed
 * for another home or window, and the ciphertexts, so its values cannot be swapped.
 */
public final class MeterSignatures {
    /** The signature algorithm. */
    public static final String ALGORITHM = "SHA256withECDSA";
    /** Domain string that starts every signed report. */
    public static final String DOMAIN = "neighbourgrid/meter-report/v1";
    /** The curve of meter keys. */
    public static final String CURVE = "secp256r1";
    /** Longest DER ECDSA P-256 signature, bytes. */
    public static final int MAX_SIGNATURE_BYTES = 72;
    private static final int MAX_KEY_CHARS = 4096;

    private MeterSignatures() {
    }

    /**
     * The bytes a meter signs for one report.
     *
     * @param channel      the channel
     * @param homeId       the metered home
     * @param window       the window
     * @param importEnergy the encrypted metered import
     * @param exportEnergy the encrypted metered export
     * @return the canonical encoding
     */
    public static byte[] message(String channel, String homeId, long window, Ciphertext importEnergy,
                                 Ciphertext exportEnergy) {
        return new Bytes.Writer()
                .field(DOMAIN.getBytes(StandardCharsets.UTF_8))
                .field(channel.getBytes(StandardCharsets.UTF_8))
                .field(homeId.getBytes(StandardCharsets.UTF_8))
                .u64(window)
                .field(importEnergy.toBytes())
                .field(exportEnergy.toBytes())
                .toByteArray();
    }

    /**
     * Signs a report (what a meter does).
     *
     * @param meterKey the meter's private key
     * @param message  {@link #message}
     * @return the DER signature
     */
    public static byte[] sign(PrivateKey meterKey, byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(meterKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with the meter key: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a report's signature.
     *
     * @param meterKey  the registered meter key
     * @param message   {@link #message}
     * @param signature the DER signature
     * @return {@code true} when it verifies
     */
    public static boolean verify(ECPublicKey meterKey, byte[] message, byte[] signature) {
        if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(meterKey);
            s.update(message);
            return s.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
    }

    /**
     * Parses a meter public key: PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare Base64 of an X.509
     * SubjectPublicKeyInfo, which must be an EC key on P-256.
     *
     * @param text the key
     * @return the key
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ECPublicKey parsePublicKey(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("meter key must be a PEM or Base64 public key of at most "
                    + MAX_KEY_CHARS + " characters");
        }
        String body = text.strip();
        if (body.startsWith("-----BEGIN PUBLIC KEY-----")) {
            int end = body.indexOf("-----END PUBLIC KEY-----");
            if (end < 0) {
                throw new IllegalArgumentException("meter key PEM has no END PUBLIC KEY line");
            }
            body = body.substring("-----BEGIN PUBLIC KEY-----".length(), end);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("meter key is not Base64: " + e.getMessage(), e);
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("meter key is not an EC SubjectPublicKeyInfo: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("EC keys are required of every Java platform", e);
        }
        if (!(key instanceof ECPublicKey ec) || !sameCurve(ec.getParams(), p256())) {
            throw new IllegalArgumentException("meter key must be on curve " + CURVE);
        }
        return ec;
    }

    /**
     * The canonical form of a meter key: Base64 of its X.509 SubjectPublicKeyInfo.
     *
     * @param key the key
     * @return the Base64 text stored on the ledger
     */
    public static String canonical(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * PEM of a public key, as {@code registerMeter} takes it.
     *
     * @param key the key
     * @return {@code -----BEGIN PUBLIC KEY-----} ... with 64-character lines
     */
    public static String toPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * A meter key's fingerprint.
     *
     * @param key the key
     * @return lower-case hex SHA-256 of its DER encoding
     */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(CURVE));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CURVE + " is required of every Java platform", e);
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }
}
