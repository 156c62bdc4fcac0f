package io.neighbourgrid.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * A Fiat-Shamir transcript: a domain-separated, length-prefixed absorption of every element of a statement and
 * its context, squeezed into challenges with SHAKE256.
 *
 * <p>Every element is absorbed as {@code len(label) || label || len(value) || value} with 4-byte big-endian
 * lengths, so two different statements can never produce the same byte string (no ambiguity between, say,
 * ("ab", "c") and ("a", "bc")). Integers are absorbed as their unsigned big-endian magnitude, so the encoding is
 * canonical.
 *
 * <p>Not thread-safe; one transcript per proof.
 */
public final class Transcript {
    private final SHAKEDigest shake = new SHAKEDigest(256);
    private boolean squeezed;

    /** Starts a transcript for one protocol; {@code domain} names the protocol and its version. */
    public Transcript(String domain) {
        append("domain", Objects.requireNonNull(domain, "domain").getBytes(StandardCharsets.UTF_8));
    }

    /** Absorbs a labelled byte string. */
    public Transcript append(String label, byte[] value) {
        if (squeezed) {
            throw new IllegalStateException("transcript already produced its challenge");
        }
        absorb(Objects.requireNonNull(label, "label").getBytes(StandardCharsets.UTF_8));
        absorb(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Absorbs a labelled non-negative integer as its minimal unsigned big-endian magnitude. */
    public Transcript append(String label, BigInteger value) {
        if (value.signum() < 0) {
            throw new ValueOutOfRangeException("transcript element " + label + " is negative");
        }
        return append(label, unsigned(value));
    }

    /** Absorbs a labelled UTF-8 string. */
    public Transcript append(String label, String value) {
        return append(label, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Absorbs a labelled 64-bit integer, big-endian. */
    public Transcript append(String label, long value) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return append(label, b);
    }

    /**
     * Returns a challenge of exactly {@code bits} bits of SHAKE256 output (a non-negative integer below 2^bits).
     * A transcript yields one challenge stream: call {@link #challenges} to draw several.
     */
    public BigInteger challenge(int bits) {
        return challenges(bits, 1)[0];
    }

    /** Returns {@code count} independent challenges of {@code bits} bits each from one squeeze. */
    public BigInteger[] challenges(int bits, int count) {
        if (bits <= 0 || count <= 0) {
            throw new IllegalArgumentException("bits and count must be positive");
        }
        squeezed = true;
        int bytes = (bits + 7) / 8;
        byte[] out = new byte[bytes * count];
        shake.doFinal(out, 0, out.length);
        BigInteger[] result = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            byte[] one = new byte[bytes];
            System.arraycopy(out, i * bytes, one, 0, bytes);
            int excess = bytes * 8 - bits;
            one[0] &= (byte) (0xFF >>> excess);
            result[i] = new BigInteger(1, one);
        }
        return result;
    }

    /**
     * Returns a stream of integers uniform in [0, modulus) derived from the transcript, by rejection sampling
     * on 64 extra bits (statistical distance below 2^-64).
     */
    public BigInteger[] challengesBelow(BigInteger modulus, int count) {
        BigInteger[] wide = challenges(modulus.bitLength() + 64, count);
        for (int i = 0; i < count; i++) {
            wide[i] = wide[i].mod(modulus);
        }
        return wide;
    }

    private void absorb(byte[] bytes) {
        shake.update((byte) (bytes.length >>> 24));
        shake.update((byte) (bytes.length >>> 16));
        shake.update((byte) (bytes.length >>> 8));
        shake.update((byte) bytes.length);
        shake.update(bytes, 0, bytes.length);
    }

    /** The minimal unsigned big-endian magnitude of a non-negative integer (zero is one zero byte). */
    public static byte[] unsigned(BigInteger value) {
        byte[] b = value.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }
}
