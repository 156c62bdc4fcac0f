package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Strict reading of the saved states of the two parties ({@link ComparisonInitiator#toSecretBytes()},
 * {@link ComparisonResponder#toSecretBytes()}): every defect is a {@link ComparisonException}, never an
 * {@link IllegalArgumentException} of a constructor, and a state is read only after its trailing digest matches.
 */
final class ComparisonStates {
    private ComparisonStates() {
    }

    /**
     * Checks the trailing SHA-256 digest of a saved state and returns the bytes before it.
     *
     * @throws ComparisonException {@link Reason#MALFORMED} if the state is too short or its digest does not match
     *                             (truncated, extended or altered)
     */
    static byte[] checkDigest(byte[] encoded, String label, String what) {
        if (encoded == null) {
            throw new ComparisonException(Reason.MALFORMED, what + " is missing");
        }
        if (encoded.length <= ComparisonMessages.DIGEST_BYTES) {
            throw new ComparisonException(Reason.MALFORMED, what + " is truncated (" + encoded.length + " bytes)");
        }
        int bodyLength = encoded.length - ComparisonMessages.DIGEST_BYTES;
        byte[] body = Arrays.copyOf(encoded, bodyLength);
        byte[] digest = Arrays.copyOfRange(encoded, bodyLength, encoded.length);
        if (!MessageDigest.isEqual(digest, ComparisonMessages.digest(label, body))) {
            Arrays.fill(body, (byte) 0);
            throw new ComparisonException(Reason.MALFORMED, what + " does not match its digest: truncated or altered");
        }
        return body;
    }

    /** The comparison bit length l, in [1, {@value DgkParameters#MAX_COMPARISON_BITS}]. */
    static int bits(Bytes.Reader in, String what) {
        int bits = in.u8();
        if (bits < 1 || bits > DgkParameters.MAX_COMPARISON_BITS) {
            throw new ComparisonException(Reason.MALFORMED, what + " has a bit length of " + bits);
        }
        return bits;
    }

    /** A session context of 1 to {@value ComparisonMessages#MAX_CONTEXT_BYTES} bytes, u16-length-prefixed. */
    static byte[] context(Bytes.Reader in, String what) {
        int length = in.u16();
        if (length == 0 || length > ComparisonMessages.MAX_CONTEXT_BYTES) {
            throw new ComparisonException(Reason.MALFORMED, what + " has a session context of " + length + " bytes");
        }
        return in.raw(length);
    }

    /** A private input of ceil(l / 8) bytes that must lie in [0, 2^l). */
    static BigInteger input(Bytes.Reader in, int bits, String name, String what) {
        BigInteger value = in.fixed((bits + 7) / 8);
        if (value.bitLength() > bits) {
            throw new ComparisonException(Reason.MALFORMED, what + " has an input " + name + " beyond " + bits
                    + " bits");
        }
        return value;
    }

    /** A byte that must be 0 or 1. */
    static boolean bit(Bytes.Reader in, String what) {
        int b = in.u8();
        if (b > 1) {
            throw new ComparisonException(Reason.MALFORMED, what + " has a share byte that is neither 0 nor 1");
        }
        return b == 1;
    }
}
