package io.neighbourgrid.crypto.blind;

import io.neighbourgrid.crypto.Bytes;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindingEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSABlindingParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * RSA blind signatures as RFC 9474 standardises them (RSABSSA-SHA384-PSS, with the {@link Variant#RANDOMIZED} or
 * {@link Variant#DETERMINISTIC} message preparation), on BouncyCastle's {@link PSSSigner} and
 * {@link RSABlindingEngine}. The client {@link #prepare}s and {@link #blind}s its message, the signer
 * {@link BlindRsaKeyPair#blindSign}s the blinded message, the client {@link #finalizeSignature}s, and anyone
 * {@link #verify}s the result as an ordinary RSASSA-PSS signature (SHA-384, MGF1-SHA-384, 48-byte salt).
 *
 * <p>The signer learns nothing of the message or the final signature: it sees only {@code m * r^e mod n} for a
 * uniformly random {@code r}. {@link #verify} is deterministic, so chaincode runs it.
 */
public final class BlindRsa {
    /** The PSS salt length of RSABSSA-SHA384-PSS, in bytes. */
    public static final int SALT_BYTES = 48;
    /** The random prefix of the randomized variant, in bytes. */
    public static final int PREFIX_BYTES = 32;

    /** RFC 9474's two message preparations. */
    public enum Variant {
        /** {@code RSABSSA-SHA384-PSS-Randomized}: a 32-byte random prefix is prepended to the message. */
        RANDOMIZED,
        /** {@code RSABSSA-SHA384-PSS-Deterministic}: the message is signed as it is. */
        DETERMINISTIC
    }

    private BlindRsa() {
    }

    /**
     * RFC 9474 Section 4.1, Prepare: the message the signature will cover.
     *
     * @param variant the preparation
     * @param msg     the message
     * @param random  the source of the randomized variant's prefix
     * @return {@code msg} (deterministic) or a fresh 32-byte random prefix followed by {@code msg}
     */
    public static byte[] prepare(Variant variant, byte[] msg, SecureRandom random) {
        Objects.requireNonNull(msg, "msg");
        if (variant == Variant.DETERMINISTIC) {
            return msg.clone();
        }
        byte[] prefix = new byte[PREFIX_BYTES];
        random.nextBytes(prefix);
        byte[] out = Arrays.copyOf(prefix, PREFIX_BYTES + msg.length);
        System.arraycopy(msg, 0, out, PREFIX_BYTES, msg.length);
        return out;
    }

    /**
     * RFC 9474 Section 4.2, Blind, with a fresh salt and blinding factor.
     *
     * @param key    the signer's public key
     * @param msg    the prepared message
     * @param random the source of the salt and of {@code r}
     * @return the blinded message and the inverse {@code r^-1 mod n} needed to finalise
     */
    public static Blinding blind(BlindRsaPublicKey key, byte[] msg, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        BigInteger r;
        do {
            r = new BigInteger(key.n().bitLength(), random);
        } while (r.signum() == 0 || r.compareTo(key.n()) >= 0 || !r.gcd(key.n()).equals(BigInteger.ONE));
        return blind(key, msg, salt, r.modInverse(key.n()));
    }

    /**
     * RFC 9474 Section 4.2, Blind, with the salt and the inverse given: the known-answer form.
     *
     * @param key  the signer's public key
     * @param msg  the prepared message
     * @param salt the PSS salt ({@value #SALT_BYTES} bytes)
     * @param inv  the inverse of the blinding factor modulo {@code n}
     * @return the blinded message and {@code inv}
     * @throws InvalidBlindSignatureException if the encoded message shares a factor with {@code n} (RFC 9474's
     *                                        "invalid input", which would reveal the key's factorisation)
     */
    public static Blinding blind(BlindRsaPublicKey key, byte[] msg, byte[] salt, BigInteger inv) {
        Objects.requireNonNull(msg, "msg");
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("the salt is " + SALT_BYTES + " bytes");
        }
        BigInteger n = key.n();
        BigInteger r = inv.modInverse(n);
        PSSSigner encoder = new PSSSigner(new RSABlindingEngine(), new SHA384Digest(), salt.clone());
        encoder.init(true, new RSABlindingParameters(key.parameters(), r));
        encoder.update(msg, 0, msg.length);
        byte[] blinded;
        try {
            blinded = encoder.generateSignature();
        } catch (CryptoException | DataLengthException e) {
            throw new InvalidBlindSignatureException("the message cannot be PSS-encoded: " + e.getMessage());
        }
        BigInteger encoded = new BigInteger(1, blinded).multiply(inv.modPow(key.e(), n)).mod(n);
        if (!encoded.gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidBlindSignatureException("the encoded message is not invertible modulo n");
        }
        return new Blinding(Bytes.fixedWidth(new BigInteger(1, blinded), key.modulusBytes()), inv);
    }

    /**
     * RFC 9474 Section 4.4, Finalize: unblinds the signer's answer and verifies the result.
     *
     * @param key       the signer's public key
     * @param msg       the prepared message that was blinded
     * @param blindSig  the signer's blind signature ({@code k} bytes)
     * @param blinding  the blinding this answer is for
     * @return the RSASSA-PSS signature of {@code msg} ({@code k} bytes)
     * @throws InvalidBlindSignatureException if the blind signature has the wrong length or the unblinded
     *                                        signature does not verify
     */
    public static byte[] finalizeSignature(BlindRsaPublicKey key, byte[] msg, byte[] blindSig, Blinding blinding) {
        int k = key.modulusBytes();
        if (blindSig.length != k) {
            throw new InvalidBlindSignatureException("the blind signature is " + blindSig.length + " bytes, not " + k);
        }
        RSABlindingEngine unblinder = new RSABlindingEngine();
        unblinder.init(false, new RSABlindingParameters(key.parameters(), blinding.inverse().modInverse(key.n())));
        byte[] sig;
        try {
            sig = Bytes.fixedWidth(new BigInteger(1, unblinder.processBlock(blindSig, 0, k)), k);
        } catch (DataLengthException e) {
            throw new InvalidBlindSignatureException("the blind signature is not below the modulus");
        }
        if (!verify(key, msg, sig)) {
            throw new InvalidBlindSignatureException("the unblinded signature does not verify");
        }
        return sig;
    }

    /**
     * RSASSA-PSS-VERIFY (SHA-384, MGF1-SHA-384, 48-byte salt) of a finalised signature. Deterministic.
     *
     * @param key the signer's public key
     * @param msg the prepared message
     * @param sig the signature; anything but exactly {@code k} bytes is rejected
     * @return whether the signature is valid
     */
    public static boolean verify(BlindRsaPublicKey key, byte[] msg, byte[] sig) {
        Objects.requireNonNull(msg, "msg");
        if (sig == null || sig.length != key.modulusBytes()) {
            return false;
        }
        PSSSigner verifier = new PSSSigner(new RSAEngine(), new SHA384Digest(), SALT_BYTES);
        verifier.init(false, key.parameters());
        verifier.update(msg, 0, msg.length);
        try {
            return verifier.verifySignature(sig);
        } catch (DataLengthException e) {
            return false;
        }
    }

    /**
     * A blinded message and the secret that unblinds its signature.
     *
     * @param blindedMessage {@code blinded_msg}, {@code k} bytes, for the signer
     * @param inverse        {@code inv = r^-1 mod n}; the client keeps it
     */
    public record Blinding(byte[] blindedMessage, BigInteger inverse) {
        public Blinding {
            blindedMessage = blindedMessage.clone();
            Objects.requireNonNull(inverse, "inverse");
        }

        @Override
        public byte[] blindedMessage() {
            return blindedMessage.clone();
        }

        @Override
        public String toString() {
            return "Blinding[" + blindedMessage.length + " bytes]";
        }
    }
}
