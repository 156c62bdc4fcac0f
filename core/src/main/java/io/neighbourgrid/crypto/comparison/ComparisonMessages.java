package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Encoding and decoding of the four comparison messages. Every message starts with the same envelope
 *
 * <pre>  u8 version = 1 | u8 step | u16 context length | context bytes</pre>
 *
 * followed by the step's body (all integers big-endian, ciphertexts fixed-width with W = ceil(bits(n) / 8)):
 *
 * <pre>
 *  step 1: u8 l | u32 key length | public key | u16 count = l | u16 W | l ciphertexts Enc(x_0) .. Enc(x_{l-1})
 *  step 2: 32-byte digest of message 1 | u16 count = l + 1 | u16 W | l + 1 ciphertexts
 *  step 3, 4: 32-byte transcript digest | u8 share (0 or 1)
 * </pre>
 *
 * The digest of a message is SHA-256 over a domain label and the whole message; the transcript digest is SHA-256
 * over a domain label, the context and the digests of messages 1 and 2 (all length-prefixed, {@link #digest}).
 * Messages are written with {@link Bytes.Writer} and read with a {@link Bytes.Reader} that raises
 * {@link ComparisonException} with {@link Reason#MALFORMED} ({@link #reader}).
 */
final class ComparisonMessages {
    static final int VERSION = 1;
    /** Length of a message or transcript digest (SHA-256). */
    static final int DIGEST_BYTES = 32;
    /** Longest session context accepted. */
    static final int MAX_CONTEXT_BYTES = 1024;
    private static final String MESSAGE_LABEL = "neighbourgrid/comparison/v1/message";
    private static final String TRANSCRIPT_LABEL = "neighbourgrid/comparison/v1/transcript";

    private ComparisonMessages() {
    }

    /** Message 1 as decoded, before the public key and ciphertexts are validated. */
    record EncryptedBits(int bits, byte[] publicKey, int width, BigInteger[] ciphertexts) {
    }

    /** Message 2 as decoded, before the ciphertexts are validated. */
    record BlindedDifferences(byte[] replyTo, int width, BigInteger[] ciphertexts) {
    }

    /** Message 3 or 4 as decoded. */
    record Share(ComparisonStep step, byte[] transcriptDigest, boolean share) {
    }

    static byte[] requireContext(byte[] sessionContext) {
        Objects.requireNonNull(sessionContext, "sessionContext");
        if (sessionContext.length == 0 || sessionContext.length > MAX_CONTEXT_BYTES) {
            throw new IllegalArgumentException("session context must have 1 to " + MAX_CONTEXT_BYTES + " bytes, got "
                    + sessionContext.length);
        }
        return sessionContext.clone();
    }

    static byte[] digestOf(byte[] message) {
        return digest(MESSAGE_LABEL, message);
    }

    static byte[] transcriptDigest(byte[] context, byte[] message1Digest, byte[] message2Digest) {
        return digest(TRANSCRIPT_LABEL, context, message1Digest, message2Digest);
    }

    /**
     * SHA-256(len(label) || label || len(part_1) || part_1 || ...) with 4-byte big-endian lengths (the fields of
     * {@link Bytes.Writer#field}), so that no two part lists hash alike.
     */
    static byte[] digest(String label, byte[]... parts) {
        Bytes.Writer fields = new Bytes.Writer().field(label.getBytes(StandardCharsets.UTF_8));
        for (byte[] part : parts) {
            fields.field(part);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(fields.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** A strict reader of a comparison encoding whose defects are {@link Reason#MALFORMED}. */
    static Bytes.Reader reader(byte[] encoded, String what) {
        return new Bytes.Reader(encoded, what, message -> new ComparisonException(Reason.MALFORMED, message));
    }

    /**
     * An unsigned 32-bit field that must fit an {@code int}: a value above 2^31 - 1 (negative as an int) is
     * {@link Reason#MALFORMED}.
     */
    static int nonNegativeU32(Bytes.Reader in, String what) {
        int value = in.u32();
        if (value < 0) {
            throw new ComparisonException(Reason.MALFORMED, what + " has a 32-bit field above 2^31 - 1");
        }
        return value;
    }

    private static Bytes.Writer envelope(ComparisonStep step, byte[] context, int bodySize) {
        return new Bytes.Writer(4 + context.length + bodySize).u8(VERSION).u8(step.number()).u16(context.length)
                .raw(context);
    }

    /**
     * Reads and checks the envelope: version, step, context. Each mismatch has its own reason, checked in this
     * order.
     */
    static Bytes.Reader openEnvelope(byte[] message, ComparisonStep expected, byte[] context) {
        Bytes.Reader in = reader(message, "comparison message");
        int version = in.u8();
        if (version != VERSION) {
            throw new ComparisonException(Reason.UNSUPPORTED_VERSION, "comparison message has version " + version
                    + ", expected " + VERSION);
        }
        int step = in.u8();
        if (step != expected.number()) {
            throw new ComparisonException(Reason.WRONG_STEP, "comparison message is for step " + step + ", expected "
                    + expected.number() + " (" + expected + ")");
        }
        int contextLength = in.u16();
        if (contextLength != context.length) {
            throw new ComparisonException(Reason.CONTEXT_MISMATCH, "comparison message has a session context of "
                    + contextLength + " bytes, expected " + context.length);
        }
        if (!MessageDigest.isEqual(in.raw(contextLength), context)) {
            throw new ComparisonException(Reason.CONTEXT_MISMATCH,
                    "comparison message belongs to another session context");
        }
        return in;
    }

    static byte[] encodeEncryptedBits(byte[] context, int bits, DgkPublicKey key, DgkCiphertext[] ciphertexts) {
        byte[] keyBytes = key.toBytes();
        int width = key.ciphertextBytes();
        Bytes.Writer w = envelope(ComparisonStep.ENCRYPTED_BITS, context, 9 + keyBytes.length + bits * width)
                .u8(bits).u32(keyBytes.length).raw(keyBytes).u16(ciphertexts.length).u16(width);
        for (DgkCiphertext c : ciphertexts) {
            w.raw(c.toBytes());
        }
        return w.toByteArray();
    }

    static EncryptedBits decodeEncryptedBits(byte[] message, byte[] context, int expectedBits) {
        Bytes.Reader in = openEnvelope(message, ComparisonStep.ENCRYPTED_BITS, context);
        int bits = in.u8();
        if (bits != expectedBits) {
            throw new ComparisonException(Reason.PARAMETER_MISMATCH, "message 1 compares " + bits
                    + "-bit values, expected " + expectedBits);
        }
        int keyLength = nonNegativeU32(in, "message 1");
        int maxKeyLength = 9 + 3 * ((DgkParameters.MAX_MODULUS_BITS + 7) / 8);
        if (keyLength > maxKeyLength) {
            throw new ComparisonException(Reason.MALFORMED, "message 1 has a public key of " + keyLength
                    + " bytes (at most " + maxKeyLength + ")");
        }
        byte[] key = in.raw(keyLength);
        int count = in.u16();
        if (count != bits) {
            throw new ComparisonException(Reason.PARAMETER_MISMATCH, "message 1 has " + count
                    + " ciphertexts, expected " + bits);
        }
        int width = in.u16();
        BigInteger[] values = readCiphertexts(in, count, width, "message 1");
        in.finish();
        return new EncryptedBits(bits, key, width, values);
    }

    static byte[] encodeBlindedDifferences(byte[] context, byte[] message1Digest, DgkPublicKey key,
            BigInteger[] ciphertexts) {
        int width = key.ciphertextBytes();
        Bytes.Writer w = envelope(ComparisonStep.BLINDED_DIFFERENCES, context,
                DIGEST_BYTES + 4 + ciphertexts.length * width)
                .raw(message1Digest).u16(ciphertexts.length).u16(width);
        for (BigInteger c : ciphertexts) {
            w.fixed(c, width);
        }
        return w.toByteArray();
    }

    /** Decodes message 2; an {@code expectedWidth} below 0 accepts any valid ciphertext width. */
    static BlindedDifferences decodeBlindedDifferences(byte[] message, byte[] context, int expectedCount,
            int expectedWidth) {
        Bytes.Reader in = openEnvelope(message, ComparisonStep.BLINDED_DIFFERENCES, context);
        byte[] replyTo = in.raw(DIGEST_BYTES);
        int count = in.u16();
        if (count != expectedCount) {
            throw new ComparisonException(Reason.PARAMETER_MISMATCH, "message 2 has " + count
                    + " ciphertexts, expected " + expectedCount);
        }
        int width = in.u16();
        if (expectedWidth >= 0 && width != expectedWidth) {
            throw new ComparisonException(Reason.PARAMETER_MISMATCH, "message 2 has ciphertexts of " + width
                    + " bytes, expected " + expectedWidth);
        }
        BigInteger[] values = readCiphertexts(in, count, width, "message 2");
        in.finish();
        return new BlindedDifferences(replyTo, width, values);
    }

    private static BigInteger[] readCiphertexts(Bytes.Reader in, int count, int width, String what) {
        if (width == 0 || width > (DgkParameters.MAX_MODULUS_BITS + 7) / 8) {
            throw new ComparisonException(Reason.MALFORMED, what + " has a ciphertext width of " + width + " bytes");
        }
        BigInteger[] values = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.fixed(width);
        }
        return values;
    }

    static byte[] encodeShare(ComparisonStep step, byte[] context, byte[] transcriptDigest, boolean share) {
        return envelope(step, context, DIGEST_BYTES + 1).raw(transcriptDigest).u8(share ? 1 : 0).toByteArray();
    }

    static Share decodeShare(byte[] message, ComparisonStep step, byte[] context) {
        Bytes.Reader in = openEnvelope(message, step, context);
        byte[] digest = in.raw(DIGEST_BYTES);
        int share = in.u8();
        in.finish();
        if (share > 1) {
            throw new ComparisonException(Reason.INVALID_SHARE, "share of step " + step.number() + " is neither 0 nor 1");
        }
        return new Share(step, digest, share == 1);
    }
}
