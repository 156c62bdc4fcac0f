package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
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
 */
public final class ComparisonInitiator {
    private enum State { CREATED, STARTED, FINISHED }

    private final ComparisonKeyPair keys;
    private final BigInteger x;
    private final int bits;
    private final byte[] context;
    private final SecureRandom random;
    private State state = State.CREATED;
    private byte[] message1Digest;
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
        byte[] message1 = ComparisonMessages.encodeEncryptedBits(context, bits, keys.publicKey(), encrypted);
        message1Digest = ComparisonMessages.digestOf(message1);
        state = State.STARTED;
        return message1;
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
        byte[] transcript = ComparisonMessages.transcriptDigest(context, message1Digest,
                ComparisonMessages.digestOf(message2));
        share = zeros == 1;
        shareMessage = ComparisonMessages.encodeShare(ComparisonStep.INITIATOR_SHARE, context, transcript, share);
        state = State.FINISHED;
        return shareMessage.clone();
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
