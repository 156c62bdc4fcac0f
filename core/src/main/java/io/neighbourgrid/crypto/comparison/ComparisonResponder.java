package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import io.neighbourgrid.crypto.math.BarrettReducer;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Party B of the DGK comparison: holds an l-bit y and ends with a share b such that x &lt; y exactly when
 * a XOR b = 1, where a is the initiator's share.
 *
 * <p>From Enc(x_i) it computes, for every bit position i (DGK 2007 as corrected by Veugen, "Improving
 * the DGK comparison protocol", WIFS 2012), under the initiator's key
 *
 * <pre>  c_i = Enc(s + x_i - y_i + 3 sum_{j &gt; i} (x_j XOR y_j))</pre>
 *
 * with s = 1 - 2 delta_B for a uniformly random bit delta_B, and one extra ciphertext
 *
 * <pre>  c_{-1} = Enc(s + 1 + 3 sum_j (x_j XOR y_j))</pre>
 *
 * which is the term of position -1 for the appended bits x_{-1} = 1, y_{-1} = 0 (that is, comparing 2x + 1 with
 * 2y). With s = 1, some c_i is 0 exactly when x &lt; y (c_{-1} = 2 + 3W is never 0); with s = -1, exactly when
 * x &gt; y or, through c_{-1} = 3W, x = y. So the initiator's zero bit is [x &lt; y] XOR delta_B and delta_B is
 * B's share. Every plaintext lies in [-2, 3l + 2], so it is 0 modulo u only if it is 0. Each c_i is then
 * raised to a uniform r_i in Z_u^* (so a non-zero plaintext becomes uniform in Z_u^*), multiplied by a fresh
 * h^rho (so its randomness is independent of the initiator's), and the l + 1 ciphertexts are shuffled.
 *
 * <p>Call order: {@link #respond(byte[])} once; then {@link #shareMessage()} and {@link #share()}. Calls out of
 * this order throw {@link IllegalStateException}. A message 1 that is rejected leaves the responder waiting for a
 * valid one. Not thread-safe: one instance per comparison.
 *
 * <p>What B learns: nothing about x beyond its length (it sees only ciphertexts under the initiator's key).
 *
 * <p>Its state can be saved with {@link #toSecretBytes()} and restored with
 * {@link #fromSecretBytes(byte[], SecureRandom)}, so that a party restarted after sending message 2 can still send
 * its share (or the same message 2 again). The encoding holds y and the share: it belongs in the owner's encrypted
 * store only.
 */
public final class ComparisonResponder {
    private enum State { CREATED, RESPONDED }

    /** Version byte of {@link #toSecretBytes()}. */
    private static final int STATE_VERSION = 1;
    private static final String STATE_LABEL = "neighbourgrid/comparison/v1/responder-state";
    /** Longest public key encoding accepted (as in message 1). */
    private static final int MAX_KEY_BYTES = 9 + 3 * ((DgkParameters.MAX_MODULUS_BITS + 7) / 8);

    private final BigInteger y;
    private final int bits;
    private final byte[] context;
    private final SecureRandom random;
    private final DgkPublicKey expectedKey;
    private State state = State.CREATED;
    private byte[] message1Digest;
    private byte[] message2;
    private boolean share;
    private byte[] shareMessage;

    /**
     * Prepares a comparison of the initiator's x against {@code y}, accepting whatever well-formed key the
     * initiator sends.
     *
     * @param y              the responder's input, in [0, 2^bits)
     * @param bits           l, in [1, 128]; must equal the initiator's
     * @param sessionContext the caller's session identifier, 1 to 1024 bytes; must equal the initiator's
     * @param random         source of delta_B, the blinding exponents, the re-randomisation and the shuffle
     * @throws IllegalArgumentException if an argument is out of range (the message never contains y)
     */
    public ComparisonResponder(BigInteger y, int bits, byte[] sessionContext, SecureRandom random) {
        this(y, bits, sessionContext, random, null);
    }

    /**
     * As {@link #ComparisonResponder(BigInteger, int, byte[], SecureRandom)}, but message 1 is accepted only if
     * it carries {@code expectedInitiatorKey} (for instance the key the initiator registered on the ledger).
     */
    public ComparisonResponder(BigInteger y, int bits, byte[] sessionContext, SecureRandom random,
            DgkPublicKey expectedInitiatorKey) {
        Objects.requireNonNull(y, "y");
        this.random = Objects.requireNonNull(random, "random");
        ComparisonInitiator.requireBits(bits);
        ComparisonInitiator.requireInput(y, bits, "y");
        this.y = y;
        this.bits = bits;
        this.context = ComparisonMessages.requireContext(sessionContext);
        this.expectedKey = expectedInitiatorKey;
    }

    /**
     * Checks message 1 and computes message 2.
     *
     * @return message 2: the digest of message 1 and l + 1 ciphertexts (about 16.7 KB for l = 64 and a
     *         2048-bit key)
     * @throws ComparisonException   if message 1 is for another session or step, another bit length, carries an
     *                               invalid or unexpected key, the wrong number or width of ciphertexts, or a value
     *                               that is not a unit below the modulus
     * @throws IllegalStateException if called after a successful call
     */
    public byte[] respond(byte[] message1) {
        requireState(State.CREATED, "respond");
        ComparisonMessages.EncryptedBits m1 = ComparisonMessages.decodeEncryptedBits(message1, context, bits);
        DgkPublicKey key = DgkPublicKey.fromBytes(m1.publicKey());
        if (expectedKey != null && !expectedKey.equals(key)) {
            throw new ComparisonException(Reason.KEY_MISMATCH, "message 1 carries comparison key "
                    + key.fingerprint() + ", expected " + expectedKey.fingerprint());
        }
        if (key.maxComparisonBits() < bits) {
            throw new ComparisonException(Reason.PARAMETER_MISMATCH, "comparison key with u = "
                    + key.plaintextModulus() + " cannot hold the plaintexts of a " + bits + "-bit comparison");
        }
        if (m1.width() != key.ciphertextBytes()) {
            throw new ComparisonException(Reason.PARAMETER_MISMATCH, "message 1 has ciphertexts of " + m1.width()
                    + " bytes, expected " + key.ciphertextBytes());
        }
        DgkCiphertext[] encryptedBits = key.ciphertexts(m1.ciphertexts(), "message 1 ciphertext");

        boolean deltaB = random.nextBoolean();
        BigInteger[] blinded = blindedDifferences(key, encryptedBits, deltaB);
        byte[] message1Digest = ComparisonMessages.digestOf(message1);
        complete(ComparisonMessages.encodeBlindedDifferences(context, message1Digest, key, blinded), message1Digest,
                deltaB);
        return message2.clone();
    }

    private void complete(byte[] answer, byte[] message1Digest, boolean deltaB) {
        byte[] transcript = ComparisonMessages.transcriptDigest(context, message1Digest,
                ComparisonMessages.digestOf(answer));
        this.message1Digest = message1Digest.clone();
        message2 = answer;
        share = deltaB;
        shareMessage = ComparisonMessages.encodeShare(ComparisonStep.RESPONDER_SHARE, context, transcript, share);
        state = State.RESPONDED;
    }

    /**
     * Message 2 as {@link #respond(byte[])} returned it, to send it again (after a restart the same message must go
     * out: the share belongs to exactly this message 2).
     *
     * @throws IllegalStateException before a successful {@link #respond(byte[])}
     */
    public byte[] message2() {
        requireState(State.RESPONDED, "message2");
        return message2.clone();
    }

    /** Whether {@link #respond(byte[])} has produced message 2. */
    public boolean responded() {
        return state == State.RESPONDED;
    }

    /**
     * Whether this responder's message 2 answers {@code message1} (that is, carries its digest).
     *
     * @throws IllegalStateException before a successful {@link #respond(byte[])}
     */
    public boolean answers(byte[] message1) {
        requireState(State.RESPONDED, "answers");
        Objects.requireNonNull(message1, "message1");
        return MessageDigest.isEqual(message1Digest, ComparisonMessages.digestOf(message1));
    }

    /**
     * The l + 1 blinded ciphertexts in random order. Work per bit does not depend on y_i: Enc(1 - x_i) is
     * computed for every i and selected, so the running time does not reveal the weight of y.
     */
    private BigInteger[] blindedDifferences(DgkPublicKey key, DgkCiphertext[] encryptedBits, boolean deltaB) {
        BarrettReducer red = key.reducer();
        BigInteger n = key.modulus();
        int u = key.plaintextModulus();
        int s = deltaB ? -1 : 1;
        BigInteger[] ex = new BigInteger[bits];
        for (int i = 0; i < bits; i++) {
            ex[i] = encryptedBits[i].value();
        }
        BigInteger[] inverses = batchInverse(ex, red, n);
        BigInteger g = key.generator();

        BigInteger[] c = new BigInteger[bits + 1];
        // ew = Enc(W_i), W_i = sum_{j > i} (x_j XOR y_j); starts as the trivial encryption of 0.
        BigInteger ew = BigInteger.ONE;
        for (int i = bits - 1; i >= 0; i--) {
            int yi = y.testBit(i) ? 1 : 0;
            BigInteger ew3 = red.multiply(red.square(ew), ew);
            // Enc(s + x_i - y_i + 3 W_i) = g^{s - y_i} * Enc(x_i) * Enc(W_i)^3
            c[i] = red.multiply(red.multiply(key.generatorPower(Math.floorMod(s - yi, u)), ex[i]), ew3);
            // Enc(x_i XOR y_i) is Enc(x_i) if y_i = 0 and Enc(1 - x_i) = g * Enc(x_i)^{-1} if y_i = 1.
            BigInteger oneMinusXi = red.multiply(g, inverses[i]);
            ew = red.multiply(ew, yi == 0 ? ex[i] : oneMinusXi);
        }
        // Veugen's equality term: Enc(s + 1 + 3 W), W = sum over all bits (position -1 with x = 1, y = 0).
        c[bits] = red.multiply(key.generatorPower(Math.floorMod(s + 1, u)), red.multiply(red.square(ew), ew));

        BigInteger uMinusOne = BigInteger.valueOf(u - 1);
        for (int i = 0; i <= bits; i++) {
            // r_i uniform in [1, u - 1]: a non-zero plaintext m becomes r_i m, uniform in Z_u^*.
            BigInteger r = BigInteger.ONE.add(new BigInteger(uMinusOne.bitLength() + 64, random).mod(uMinusOne));
            c[i] = red.multiply(c[i].modPow(r, n), key.freshRandomiser(random));
        }
        shuffle(c);
        return c;
    }

    /** Montgomery's simultaneous inversion: one modular inverse and 3(k - 1) multiplications for k values. */
    private static BigInteger[] batchInverse(BigInteger[] values, BarrettReducer red, BigInteger n) {
        int k = values.length;
        BigInteger[] prefix = new BigInteger[k];
        prefix[0] = values[0];
        for (int i = 1; i < k; i++) {
            prefix[i] = red.multiply(prefix[i - 1], values[i]);
        }
        BigInteger inverse = prefix[k - 1].modInverse(n);
        BigInteger[] out = new BigInteger[k];
        for (int i = k - 1; i > 0; i--) {
            out[i] = red.multiply(inverse, prefix[i - 1]);
            inverse = red.multiply(inverse, values[i]);
        }
        out[0] = inverse;
        return out;
    }

    /** Fisher-Yates with the session's SecureRandom. */
    private void shuffle(BigInteger[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            BigInteger tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    /** The responder's share message (step 4); available once message 2 has been produced. */
    public byte[] shareMessage() {
        requireState(State.RESPONDED, "shareMessage");
        return shareMessage.clone();
    }

    /** The responder's share b = delta_B. */
    public boolean share() {
        requireState(State.RESPONDED, "share");
        return share;
    }

    /**
     * The responder's whole state, for the owner's encrypted store only (it holds y and the share):
     * <pre>
     *  u8 version = 1 | u8 state (0 created, 1 responded) | u8 l | u16 context length | context
     *  | y, ceil(l / 8) bytes | u8 expected key present (0, 1) | present: u32 length | public key
     *  responded: | u8 share | u32 length | message 2
     *  | SHA-256 over a domain label and every byte above (32)
     * </pre>
     * The share message is not stored: it follows from the context, message 2 (which carries the digest of
     * message 1) and the share.
     */
    public byte[] toSecretBytes() {
        int width = (bits + 7) / 8;
        Bytes.Writer w = new Bytes.Writer(64 + context.length + (message2 == null ? 0 : message2.length))
                .u8(STATE_VERSION).u8(state.ordinal()).u8(bits).u16(context.length).raw(context).fixed(y, width);
        if (expectedKey == null) {
            w.u8(0);
        } else {
            byte[] key = expectedKey.toBytes();
            w.u8(1).u32(key.length).raw(key);
        }
        if (state == State.RESPONDED) {
            w.u8(share ? 1 : 0).u32(message2.length).raw(message2);
        }
        byte[] body = w.toByteArray();
        byte[] out = Arrays.copyOf(body, body.length + ComparisonMessages.DIGEST_BYTES);
        System.arraycopy(ComparisonMessages.digest(STATE_LABEL, body), 0, out, body.length,
                ComparisonMessages.DIGEST_BYTES);
        Arrays.fill(body, (byte) 0);
        return out;
    }

    /**
     * Restores a responder from {@link #toSecretBytes()}. Decoding is strict: the trailing digest must match (so a
     * truncated or altered state is rejected before anything in it is used), every field must be in range, and
     * message 2 must be a message 2 of this session with l + 1 ciphertexts (of the expected key's width, when
     * there is one).
     *
     * @param random source of the responder's randomness, used only if the state was saved before
     *               {@link #respond(byte[])}
     * @throws ComparisonException {@link Reason#MALFORMED} for a truncated, altered or inconsistent state,
     *                             {@link Reason#UNSUPPORTED_VERSION} for another version, or the reason the
     *                             expected key or message 2 is rejected
     */
    public static ComparisonResponder fromSecretBytes(byte[] encoded, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        String what = "comparison responder state";
        byte[] body = ComparisonStates.checkDigest(encoded, STATE_LABEL, what);
        Bytes.Reader in = ComparisonMessages.reader(body, what);
        int version = in.u8();
        if (version != STATE_VERSION) {
            throw new ComparisonException(Reason.UNSUPPORTED_VERSION, what + " has version " + version
                    + ", expected " + STATE_VERSION);
        }
        int stateIndex = in.u8();
        if (stateIndex >= State.values().length) {
            throw new ComparisonException(Reason.MALFORMED, what + " has unknown state " + stateIndex);
        }
        State saved = State.values()[stateIndex];
        int bits = ComparisonStates.bits(in, what);
        byte[] context = ComparisonStates.context(in, what);
        BigInteger y = ComparisonStates.input(in, bits, "y", what);
        DgkPublicKey expected = null;
        int keyPresent = in.u8();
        if (keyPresent > 1) {
            throw new ComparisonException(Reason.MALFORMED, what + " has a key flag that is neither 0 nor 1");
        }
        if (keyPresent == 1) {
            int keyLength = ComparisonMessages.nonNegativeU32(in, what);
            if (keyLength > MAX_KEY_BYTES) {
                throw new ComparisonException(Reason.MALFORMED, what + " has a key of " + keyLength + " bytes (at most "
                        + MAX_KEY_BYTES + ")");
            }
            expected = DgkPublicKey.fromBytes(in.raw(keyLength));
        }
        boolean savedShare = false;
        byte[] m2 = null;
        if (saved == State.RESPONDED) {
            savedShare = ComparisonStates.bit(in, what);
            m2 = in.raw(ComparisonMessages.nonNegativeU32(in, what));
        }
        in.finish();
        ComparisonResponder restored = new ComparisonResponder(y, bits, context, random, expected);
        if (saved == State.RESPONDED) {
            ComparisonMessages.BlindedDifferences decoded = ComparisonMessages.decodeBlindedDifferences(m2, context,
                    bits + 1, expected == null ? -1 : expected.ciphertextBytes());
            restored.complete(m2, decoded.replyTo(), savedShare);
        }
        return restored;
    }

    private void requireState(State expected, String call) {
        if (state != expected) {
            throw new IllegalStateException("comparison responder cannot " + call + " in state " + state
                    + " (expected " + expected + ")");
        }
    }

    @Override
    public String toString() {
        return "ComparisonResponder[" + bits + " bits, " + state + "]";
    }
}
