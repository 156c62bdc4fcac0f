package io.neighbourgrid.crypto.blind;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The signer's RSA public key of RFC 9474 (RSABSSA): the modulus {@code n} and public exponent {@code e}. Built only
 * through {@link #of}, which runs BouncyCastle's public-key validation (odd modulus, no small factors, not prime)
 * and the size bounds of {@link BlindRsa}.
 *
 * @param n the modulus
 * @param e the public exponent
 */
public record BlindRsaPublicKey(BigInteger n, BigInteger e) {
    /** Smallest modulus accepted, in bits (RFC 9474 recommends at least 2048). */
    public static final int MIN_BITS = 2048;
    /** Largest modulus accepted, in bits. */
    public static final int MAX_BITS = 4096;

    public BlindRsaPublicKey {
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(e, "e");
    }

    /**
     * A validated key.
     *
     * @throws InvalidPublicKeyException if the modulus is outside [{@value #MIN_BITS}, {@value #MAX_BITS}] bits, the
     *                                   exponent is even or not in (1, n), or BouncyCastle rejects the modulus
     */
    public static BlindRsaPublicKey of(BigInteger n, BigInteger e) {
        if (n.bitLength() < MIN_BITS || n.bitLength() > MAX_BITS) {
            throw new InvalidPublicKeyException("the blind-signature modulus has " + n.bitLength()
                    + " bits; between " + MIN_BITS + " and " + MAX_BITS + " are accepted");
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(n) >= 0) {
            throw new InvalidPublicKeyException("the blind-signature exponent must be odd and in (1, n)");
        }
        try {
            new RSAKeyParameters(false, n, e);
        } catch (IllegalArgumentException ex) {
            throw new InvalidPublicKeyException("the blind-signature modulus is rejected: " + ex.getMessage());
        }
        return new BlindRsaPublicKey(n, e);
    }

    /** The key as {@code base64(n).base64(e)}, both big-endian unsigned: its form on the ledger. */
    public String encode() {
        return Bytes.toBase64(unsigned(n)) + "." + Bytes.toBase64(unsigned(e));
    }

    /**
     * Parses {@link #encode()}'s form and validates the key.
     *
     * @throws io.neighbourgrid.crypto.MalformedEncodingException if the text is not two Base64 parts
     * @throws InvalidPublicKeyException                         if the key fails {@link #of}
     */
    public static BlindRsaPublicKey decode(String text) {
        Objects.requireNonNull(text, "text");
        int dot = text.indexOf('.');
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            throw new io.neighbourgrid.crypto.MalformedEncodingException(
                    "a blind-signature key is base64(n).base64(e)");
        }
        BigInteger n = new BigInteger(1, Bytes.fromBase64(text.substring(0, dot), "modulus"));
        BigInteger e = new BigInteger(1, Bytes.fromBase64(text.substring(dot + 1), "exponent"));
        return of(n, e);
    }

    /** The modulus length in bytes ({@code k} of RFC 9474). */
    public int modulusBytes() {
        return (n.bitLength() + 7) / 8;
    }

    RSAKeyParameters parameters() {
        return new RSAKeyParameters(false, n, e);
    }

    private static byte[] unsigned(BigInteger v) {
        return Bytes.fixedWidth(v, (v.bitLength() + 7) / 8);
    }
}
