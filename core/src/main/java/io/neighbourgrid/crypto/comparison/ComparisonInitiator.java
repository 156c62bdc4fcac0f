package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Party A of the DGK comparison (Damgard, Geisler, Kroigaard, ACISP 2007, in Veugen's variant with the
 * equality correction): holds an l-bit x and a DGK key pair, and ends with a share a such that
 * x &lt; y exactly when a XOR b = 1, where b is the responder's share.
 *
 * <p>Call order: {@link #start()} produces message 1; {@link #finish(byte[])} consumes message 2 and produces
 * A's share message; {@link #share()} and {@link #shareMessage()} are available after that. Calls out of this
 * order throw {@link IllegalStateException}. A message 2 that is rejected leaves the initiator waiting for a
 * valid one. Not thread-safe: one instance per comparison.
 *
 * <p>What A learns: its share a, which is the responder's uniformly random bit delta_B XOR [x &lt; y], hence
 * uniform and independent of y until the responder's share is published. A sees l + 1 ciphertexts of which at
 * most one decrypts to 0, in random order, the others to uniform non-zero values of Z_u.
 *
 * <p>Between messages the initiator's whole state can be saved with {@link #toSecretBytes()} and restored with
 * {@link #fromSecretBytes(byte[], SecureRandom)}, so that a party restarted between message 1 and message 2 can
 * still finish (or send the same message 1 again). The encoding holds x and the private key: it belongs in the
 * owner's encrypted store only.
 */
public final class ComparisonInitiator {
    private enum State { CREATED, STARTED, FINISHED }

    /** Version byte of {@link #toSecretBytes()}. */
    private static final int STATE_VERSION = 1;
    private static final String STATE_LABEL = "neighbourgrid/comparison/v1/initiator-state";
    /** Longest private key encoding accepted in a state: version, key, four length-prefixed primes. */
    private static final int MAX_KEY_BYTES = 5 + 9 + 3 * ((DgkParameters.MAX_MODULUS_BITS + 7) / 8)
            + 4 * (2 + (DgkParameters.MAX_MODULUS_BITS + 7) / 8);

    private final ComparisonKeyPair keys;
    private final BigInteger x;
    private final int bits;
    private final byte[] context;
    private final SecureRandom random;
    private State state = State.CREATED;
    private byte[] message1;
    private byte[] message1Digest;
    private byte[] message2Digest;
    private boolean share;
    private byte[] shareMessage;

    /**
     * Prepares a comparison of {@code x} against the responder's y.
     *
     * @param keys           the initiator's DGK key pair; its plaintext prime must exceed 3 * bits + 2
     * @param x              the initiator's input, in [0, 2^bits)
     * @param bits           l, in [1, 128]
     * @param sessionContext the caller's session identifier (e.g. channel | window | phase), 1 to 1024 bytes,
     *                       bound into every message
     * @param random         source of the encryption randomness
     * @throws IllegalArgumentException if an argument is out of range (the message never contains x)
     */
    public ComparisonInitiator(ComparisonKeyPair keys, BigInteger x, int bits, byte[] sessionContext,
            SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(x, "x");
        this.random = Objects.requireNonNull(random, "random");
        requireBits(bits);
        if (keys.publicKey().maxComparisonBits() < bits) {
            throw new IllegalArgumentException("comparison key with u = " + keys.publicKey().plaintextModulus()
                    + " supports at most " + keys.publicKey().maxComparisonBits() + "-bit comparisons, asked for "
                    + bits);
        }
        requireInput(x, bits, "x");
        this.x = x;
        this.bits = bits;
        this.context = ComparisonMessages.requireContext(sessionContext);
    }

    static void requireBits(int bits) {
        if (bits < 1 || bits > DgkParameters.MAX_COMPARISON_BITS) {
            throw new IllegalArgumentException("comparison bit length must be in [1, "
                    + DgkParameters.MAX_COMPARISON_BITS + "], got " + bits);
        }
    }

    static void requireInput(BigInteger value, int bits, String name) {
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException("comparison input " + name + " must lie in [0, 2^" + bits + ")");
        }
    }

    /**
     * Encrypts every bit of x under the initiator's key and returns message 1 (format in the package
     * documentation): about 17 KB for l = 64 and a 2048-bit key.
     *
     * @throws IllegalStateException if called twice
     */
    public byte[] start() {
        requireState(State.CREATED, "start");
        DgkCiphertext[] encrypted = new DgkCiphertext[bits];
        DgkPrivateKey privateKey = keys.privateKey();
        for (int i = 0; i < bits; i++) {
            encrypted[i] = privateKey.encrypt(x.testBit(i) ? 1 : 0, random);
        }
        message1 = ComparisonMessages.encodeEncryptedBits(context, bits, keys.publicKey(), encrypted);
        message1Digest = ComparisonMessages.digestOf(message1);
        state = State.STARTED;
        return message1.clone();
    }

    /**
     * Message 1 as {@link #start()} returned it, to send it again (after a restart the same message must go out,
     * since message 2 answers exactly one message 1).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public byte[] message1() {
        if (state == State.CREATED) {
            throw new IllegalStateException("comparison initiator has no message 1 before start");
        }
        return message1.clone();
    }

    /** Whether {@link #start()} has produced message 1. */
    public boolean started() {
        return state != State.CREATED;
    }

    /** Whether {@link #finish(byte[])} has accepted message 2 and produced the share message. */
    public boolean finished() {
        return state == State.FINISHED;
    }

    /**
     * Checks message 2 and tests each of its l + 1 ciphertexts for zero. The share is 1 when one of them
     * encrypts 0 (DGK's comparison: then x &lt; y if the responder chose s = 1, x &gt;= y if it chose s = -1).
     *
     * @return the initiator's share message (step 3)
     * @throws ComparisonException   if message 2 is for another session or step, answers another message 1, has
     *                               the wrong size, carries a value that is not a ciphertext of the initiator's key,
     *                               or has more than one zero
     * @throws IllegalStateException if {@link #start()} has not been called, or finish already succeeded
     */
    public byte[] finish(byte[] message2) {
        requireState(State.STARTED, "finish");
        DgkPublicKey publicKey = keys.publicKey();
        ComparisonMessages.BlindedDifferences m2 = ComparisonMessages.decodeBlindedDifferences(message2, context,
                bits + 1, publicKey.ciphertextBytes());
        if (!MessageDigest.isEqual(m2.replyTo(), message1Digest)) {
            throw new ComparisonException(Reason.TRANSCRIPT_MISMATCH,
                    "message 2 answers another message 1 than the one this initiator sent");
        }
        DgkCiphertext[] blinded = publicKey.ciphertexts(m2.ciphertexts(), "message 2 ciphertext");
        int zeros = 0;
        DgkPrivateKey privateKey = keys.privateKey();
        for (DgkCiphertext c : blinded) {
            if (privateKey.isZero(c)) {
                zeros++;
            }
        }
        if (zeros > 1) {
            throw new ComparisonException(Reason.PROTOCOL_VIOLATION,
                    "message 2 has more than one encryption of zero, which no honest responder produces");
        }
        complete(ComparisonMessages.digestOf(message2), zeros == 1);
        return shareMessage.clone();
    }

    private void complete(byte[] digestOfMessage2, boolean zeroFound) {
        byte[] transcript = ComparisonMessages.transcriptDigest(context, message1Digest, digestOfMessage2);
        message2Digest = digestOfMessage2;
        share = zeroFound;
        shareMessage = ComparisonMessages.encodeShare(ComparisonStep.INITIATOR_SHARE, context, transcript, share);
        state = State.FINISHED;
    }

    /** The initiator's share a. */
    public boolean share() {
        requireState(State.FINISHED, "share");
        return share;
    }

    /** The initiator's share message (step 3), as returned by {@link #finish(byte[])}. */
    public byte[] shareMessage() {
        requireState(State.FINISHED, "shareMessage");
        return shareMessage.clone();
    }

    /**
     * The initiator's whole state, for the owner's encrypted store only (it holds x and the private key):
     * <pre>
     *  u8 version = 1 | u8 state (0 created, 1 started, 2 finished) | u8 l | u16 context length | context
     *  | u32 key length | private key ({@link ComparisonKeyPair#toSecretBytes()}) | x, ceil(l / 8) bytes
     *  started, finished: | u32 length | message 1
     *  finished:          | SHA-256 digest of message 2 (32) | u8 share
     *  | SHA-256 over a domain label and every byte above (32)
     * </pre>
     * The share message is not stored: it follows from the context, the two message digests and the share.
     */
    public byte[] toSecretBytes() {
        byte[] key = keys.toSecretBytes();
        int width = (bits + 7) / 8;
        Bytes.Writer w = new Bytes.Writer(64 + context.length + key.length + (message1 == null ? 0 : message1.length))
                .u8(STATE_VERSION).u8(state.ordinal()).u8(bits).u16(context.length).raw(context)
                .u32(key.length).raw(key).fixed(x, width);
        Arrays.fill(key, (byte) 0);
        if (state != State.CREATED) {
            w.u32(message1.length).raw(message1);
        }
        if (state == State.FINISHED) {
            w.raw(message2Digest).u8(share ? 1 : 0);
        }
        byte[] body = w.toByteArray();
        byte[] out = Arrays.copyOf(body, body.length + ComparisonMessages.DIGEST_BYTES);
        System.arraycopy(ComparisonMessages.digest(STATE_LABEL, body), 0, out, body.length,
                ComparisonMessages.DIGEST_BYTES);
        Arrays.fill(body, (byte) 0);
        return out;
    }

    /**
     * Restores an initiator from {@link #toSecretBytes()}. Decoding is strict: the trailing digest must match (so a
     * truncated or altered state is rejected before anything in it is used), every field must be in range, the
     * private key must be consistent and fit l, and message 1 must be a message 1 of this session, carrying this
     * key.
     *
     * @param random source of encryption randomness, used only if the state was saved before {@link #start()}
     * @throws ComparisonException {@link Reason#MALFORMED} for a truncated, altered or inconsistent state,
     *                             {@link Reason#UNSUPPORTED_VERSION} for another version, or the reason the key
     *                             or message 1 is rejected
     */
    public static ComparisonInitiator fromSecretBytes(byte[] encoded, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] body = ComparisonStates.checkDigest(encoded, STATE_LABEL, "comparison initiator state");
        Bytes.Reader in = ComparisonMessages.reader(body, "comparison initiator state");
        int version = in.u8();
        if (version != STATE_VERSION) {
            throw new ComparisonException(Reason.UNSUPPORTED_VERSION, "comparison initiator state has version "
                    + version + ", expected " + STATE_VERSION);
        }
        int stateIndex = in.u8();
        if (stateIndex >= State.values().length) {
            throw new ComparisonException(Reason.MALFORMED, "comparison initiator state has unknown state "
                    + stateIndex);
        }
        State saved = State.values()[stateIndex];
        int bits = ComparisonStates.bits(in, "comparison initiator state");
        byte[] context = ComparisonStates.context(in, "comparison initiator state");
        int keyLength = ComparisonMessages.nonNegativeU32(in, "comparison initiator state");
        if (keyLength > MAX_KEY_BYTES) {
            throw new ComparisonException(Reason.MALFORMED, "comparison initiator state has a key of " + keyLength
                    + " bytes (at most " + MAX_KEY_BYTES + ")");
        }
        byte[] keyBytes = in.raw(keyLength);
        BigInteger x = ComparisonStates.input(in, bits, "x", "comparison initiator state");
        byte[] m1 = null;
        byte[] m2Digest = null;
        boolean savedShare = false;
        if (saved != State.CREATED) {
            int length = ComparisonMessages.nonNegativeU32(in, "comparison initiator state");
            m1 = in.raw(length);
        }
        if (saved == State.FINISHED) {
            m2Digest = in.raw(ComparisonMessages.DIGEST_BYTES);
            savedShare = ComparisonStates.bit(in, "comparison initiator state");
        }
        in.finish();
        ComparisonKeyPair keys;
        try {
            keys = ComparisonKeyPair.fromSecretBytes(keyBytes);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        if (keys.publicKey().maxComparisonBits() < bits) {
            throw new ComparisonException(Reason.MALFORMED, "comparison initiator state has a key for at most "
                    + keys.publicKey().maxComparisonBits() + "-bit comparisons and l = " + bits);
        }
        ComparisonInitiator restored = new ComparisonInitiator(keys, x, bits, context, random);
        if (saved == State.CREATED) {
            return restored;
        }
        ComparisonMessages.EncryptedBits decoded = ComparisonMessages.decodeEncryptedBits(m1, context, bits);
        if (!Arrays.equals(decoded.publicKey(), keys.publicKey().toBytes())
                || decoded.width() != keys.publicKey().ciphertextBytes()) {
            throw new ComparisonException(Reason.MALFORMED,
                    "comparison initiator state has a message 1 under another key than its own");
        }
        restored.message1 = m1;
        restored.message1Digest = ComparisonMessages.digestOf(m1);
        restored.state = State.STARTED;
        if (saved == State.FINISHED) {
            restored.complete(m2Digest, savedShare);
        }
        return restored;
    }

    private void requireState(State expected, String call) {
        if (state != expected) {
            throw new IllegalStateException("comparison initiator cannot " + call + " in state " + state
                    + " (expected " + expected + ")");
        }
    }

    @Override
    public String toString() {
        return "ComparisonInitiator[" + bits + " bits, " + state + "]";
    }
}
