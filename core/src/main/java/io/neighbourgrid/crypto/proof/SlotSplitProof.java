package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The responder's split of the window's packed aggregate into its four slot sums, without decrypting anything
 * publicly: fresh ciphertexts E_j = Enc_N1(U_j), a proof that prod E_j^{2^{64 j}} and the aggregate Enc(P) hide the
 * same plaintext, and for every slot a proof that U_j lies in [0, cap_j] exactly.
 *
 * <p>The same plaintext: the quotient Q = prod E_j^{2^{64 j}} Enc(P)^{-1}, which anybody computes, encrypts zero.
 * Zero is an N1-th residue; the key holder proves knowledge of Q's N1-th root (recovered with its key) with a
 * {@link DecryptionProof} of plaintext 0, which is exactly that sigma protocol (Damgard, Jurik, Nielsen; seed 002,
 * Appendix A), so no second implementation of it exists.
 *
 * <p>Uniqueness: each cap_j is public and below 2^63, so sum U_j 2^{64 j} &lt; 2^{256} &lt; N1, and the zero proof
 * (an equation modulo N1) makes it the plaintext of the aggregate as an integer; the slot bounds make the split the
 * only one. The slot bound is {@link SlotBound}: today two {@link NonNegativityProof}s (on E_j and on
 * (1 + N1)^{cap_j} E_j^{-1}); an exact two-sided range proof can replace that record alone.
 *
 * <p>Every part is bound to its own phase, {@code phase + "/slot-split/zero"}, {@code "/slot-split/lower-j"},
 * {@code "/slot-split/upper-j"}, so that no part can stand in for another.
 *
 * <p>Encoding ({@link #toBytes()}): version (1 byte, 1), L0 = byte length of N1 (4 bytes), E_0..E_3 (2 L0 bytes
 * each), the zero proof, then per slot its lower and upper proof, each proof length-prefixed (4 bytes).
 */
public final class SlotSplitProof {
    /** Number of slots. */
    public static final int SLOTS = 4;
    /** Width of one slot of the packed plaintext, in bits. */
    public static final int SLOT_BITS = 64;
    static final int ENCODING_VERSION = 1;
    private static final BigInteger SLOT_MASK = BigInteger.ONE.shiftLeft(SLOT_BITS).subtract(BigInteger.ONE);

    private final List<Ciphertext> slots;
    private final DecryptionProof zero;
    private final List<SlotBound> bounds;

    private SlotSplitProof(List<Ciphertext> slots, DecryptionProof zero, List<SlotBound> bounds) {
        this.slots = List.copyOf(slots);
        this.zero = zero;
        this.bounds = List.copyOf(bounds);
    }

    /**
     * Splits a packed plaintext into its slot values.
     *
     * @param packed sum U_j 2^{64 j}
     * @return U_0..U_3
     * @throws ValueOutOfRangeException if the value is negative or has bits beyond the last slot
     */
    public static BigInteger[] split(BigInteger packed) {
        if (packed.signum() < 0 || packed.bitLength() > SLOTS * SLOT_BITS) {
            throw new ValueOutOfRangeException("packed aggregate is not a sum of " + SLOTS + " " + SLOT_BITS
                    + "-bit slots");
        }
        BigInteger[] u = new BigInteger[SLOTS];
        for (int j = 0; j < SLOTS; j++) {
            u[j] = packed.shiftRight(SLOT_BITS * j).and(SLOT_MASK);
        }
        return u;
    }

    /**
     * Decrypts the packed aggregate, splits it and proves the split.
     *
     * @param key       the responder's private key (N1)
     * @param aggregate Enc_N1(P), P = sum U_j 2^{64 j}
     * @param caps      the public caps, each in [0, 2^63)
     * @param params    the registered ring-Pedersen parameters
     * @param context   where the proof belongs
     * @param random    the prover's randomness
     * @return the proof, with the slot ciphertexts
     * @throws ValueOutOfRangeException if P does not split into slot sums within the caps
     */
    public static SlotSplitProof prove(PaillierPrivateKey key, Ciphertext aggregate, long[] caps,
                                       RingPedersenParameters params, ProofContext context, SecureRandom random) {
        return prove(key, aggregate, split(key.decrypt(aggregate)), caps, params, context, random);
    }

    /** {@link #prove} for a prover that has decrypted and split the aggregate already. */
    static SlotSplitProof prove(PaillierPrivateKey key, Ciphertext aggregate, BigInteger[] slotSums, long[] caps,
                                RingPedersenParameters params, ProofContext context, SecureRandom random) {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        requireCaps(caps);
        PaillierPublicKey pub = key.publicKey();
        List<Ciphertext> slots = new ArrayList<>(SLOTS);
        BigInteger[] rho = new BigInteger[SLOTS];
        for (int j = 0; j < SLOTS; j++) {
            if (slotSums[j].signum() < 0 || slotSums[j].compareTo(BigInteger.valueOf(caps[j])) > 0) {
                throw new ValueOutOfRangeException("slot " + j + " sum is not in [0, cap " + caps[j] + "]");
            }
            rho[j] = NoSmallFactorProof.uniformUnit(pub.modulus(), random);
            slots.add(MaskTransferProof.encrypt(pub, slotSums[j], rho[j]));
        }
        Ciphertext q = quotient(pub, slots, aggregate);
        DecryptionProof zero = DecryptionProof.prove(key, q, BigInteger.ZERO, part(context, "zero"), random);
        List<SlotBound> bounds = new ArrayList<>(SLOTS);
        for (int j = 0; j < SLOTS; j++) {
            bounds.add(SlotBound.prove(pub, slots.get(j), slotSums[j], rho[j], caps[j], params, context, j, random));
        }
        return new SlotSplitProof(slots, zero, bounds);
    }

    /**
     * Verifies that the slot ciphertexts split {@code aggregate} and each lies within its cap. Deterministic.
     *
     * @throws InvalidProofException naming the part (zero proof, slot j's lower or upper bound) that failed
     */
    public void verify(PaillierPublicKey key, Ciphertext aggregate, long[] caps, RingPedersenParameters params,
                       ProofContext context) {
        PaillierEquationBatch batch = new PaillierEquationBatch(key);
        verify(key, aggregate, caps, params, context, batch);
        if (!batch.holds(context)) {
            verify(key, aggregate, caps, params, context, null);
            throw new InvalidProofException("slot split: the batch of Paillier equations does not verify");
        }
    }

    /**
     * {@link #verify}; with a batch, the Paillier equations of the slot bounds join it instead of being checked
     * here (the caller checks the batch, and verifies again without one to name a failure).
     */
    void verify(PaillierPublicKey key, Ciphertext aggregate, long[] caps, RingPedersenParameters params,
                ProofContext context, PaillierEquationBatch batch) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        requireCaps(caps);
        if (!aggregate.key().equals(key)) {
            throw new InvalidProofException("slot split: the aggregate is not under the responder's key");
        }
        for (int j = 0; j < SLOTS; j++) {
            if (!slots.get(j).key().equals(key)) {
                throw new InvalidProofException("slot split: slot " + j + " is not under the responder's key");
            }
        }
        try {
            zero.verify(quotient(key, slots, aggregate), BigInteger.ZERO, part(context, "zero"));
        } catch (InvalidProofException e) {
            throw new InvalidProofException("slot split: the slots do not add up to the aggregate: " + e.getMessage());
        }
        for (int j = 0; j < SLOTS; j++) {
            bounds.get(j).verify(key, slots.get(j), caps[j], params, context, j, batch);
        }
    }

    /** Q = prod E_j^{2^{64 j}} * aggregate^{-1} mod N^2. */
    static Ciphertext quotient(PaillierPublicKey key, List<Ciphertext> slots, Ciphertext aggregate) {
        BigInteger nn = key.modulusSquared();
        BigInteger acc = BigInteger.ONE;
        for (int j = SLOTS - 1; j >= 0; j--) {
            acc = acc.modPow(BigInteger.ONE.shiftLeft(SLOT_BITS), nn).multiply(slots.get(j).value()).mod(nn);
        }
        return key.ciphertext(acc.multiply(aggregate.value().modInverse(nn)).mod(nn));
    }

    /** The context of one part of a proof: the same channel, window and prover, the phase extended by the part. */
    static ProofContext part(ProofContext context, String part) {
        return new ProofContext(context.channel(), context.window(), context.phase() + "/" + part, context.prover());
    }

    private static void requireCaps(long[] caps) {
        if (caps.length != SLOTS) {
            throw new IllegalArgumentException(SLOTS + " slot caps are needed, got " + caps.length);
        }
        for (int j = 0; j < SLOTS; j++) {
            if (caps[j] < 0) {
                throw new ValueOutOfRangeException("slot " + j + " cap must be non-negative, got " + caps[j]);
            }
        }
    }

    /** E_0..E_3: the fresh encryptions of the slot sums, on which the contract forms the outcome's combinations. */
    public List<Ciphertext> slotCiphertexts() {
        return slots;
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        PaillierPublicKey key = slots.get(0).key();
        Bytes.Writer out = new Bytes.Writer().u8(ENCODING_VERSION).u32(key.modulusBytes());
        for (Ciphertext c : slots) {
            out.raw(c.toBytes());
        }
        out.field(zero.toBytes());
        for (SlotBound b : bounds) {
            b.write(out);
        }
        return out.toByteArray();
    }

    /**
     * Parses {@link #toBytes()} for the responder's key: exact lengths, valid ciphertexts, well-formed proofs.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static SlotSplitProof fromBytes(PaillierPublicKey key, byte[] bytes) {
        Objects.requireNonNull(key, "key");
        Bytes.Reader in = new Bytes.Reader(bytes, "slot split proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("slot split proof has unknown version " + version);
        }
        if (in.u32() != key.modulusBytes()) {
            throw new MalformedEncodingException("slot split proof is for another key size");
        }
        try {
            List<Ciphertext> slots = new ArrayList<>(SLOTS);
            for (int j = 0; j < SLOTS; j++) {
                slots.add(key.ciphertext(in.raw(key.ciphertextBytes())));
            }
            DecryptionProof zero = DecryptionProof.fromBytes(key, in.field(bytes.length));
            List<SlotBound> bounds = new ArrayList<>(SLOTS);
            for (int j = 0; j < SLOTS; j++) {
                bounds.add(SlotBound.read(in, bytes.length));
            }
            in.finish();
            return new SlotSplitProof(slots, zero, bounds);
        } catch (MalformedEncodingException e) {
            throw e;
        } catch (CryptoException e) {
            throw new MalformedEncodingException("slot split proof: " + e.getMessage());
        }
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /** Parses a Base64 slot split proof for the responder's key. */
    public static SlotSplitProof fromBase64(PaillierPublicKey key, String text) {
        return fromBytes(key, Bytes.fromBase64(text, "slot split proof"));
    }

    /** The same proof with other slot ciphertexts, for tests. */
    SlotSplitProof withSlots(List<Ciphertext> other) {
        return new SlotSplitProof(other, zero, bounds);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof SlotSplitProof other && slots.equals(other.slots)
                && zero.equals(other.zero) && bounds.equals(other.bounds));
    }

    @Override
    public int hashCode() {
        return Objects.hash(slots, zero, bounds);
    }

    @Override
    public String toString() {
        return "SlotSplitProof[" + slots.get(0).key().bits() + "-bit key]";
    }

    /**
     * U_j in [0, cap_j] exactly: U_j &gt;= 0 on E_j and cap_j - U_j &gt;= 0 on (1 + N)^{cap_j} E_j^{-1}, each a
     * {@link NonNegativityProof} for {@value #SLOT_BITS}-bit values. Both plaintexts are shown in
     * [0, 2^{64 + 258}), far below N / 2, so their sum cap_j holds as an integer and U_j &lt;= cap_j. The one place
     * to change for an exact two-sided range proof.
     */
    record SlotBound(NonNegativityProof lower, NonNegativityProof upper) {
        static SlotBound prove(PaillierPublicKey key, Ciphertext slot, BigInteger u, BigInteger rho, long cap,
                               RingPedersenParameters params, ProofContext context, int j, SecureRandom random) {
            NonNegativityProof lower = NonNegativityProof.proveOwn(key, slot, u, rho, SLOT_BITS, params,
                    part(context, "lower-" + j), random);
            BigInteger headroom = BigInteger.valueOf(cap).subtract(u);
            NonNegativityProof upper = NonNegativityProof.proveOwn(key, headroom(key, slot, cap), headroom,
                    rho.modInverse(key.modulus()), SLOT_BITS, params, part(context, "upper-" + j), random);
            return new SlotBound(lower, upper);
        }

        void verify(PaillierPublicKey key, Ciphertext slot, long cap, RingPedersenParameters params,
                    ProofContext context, int j, PaillierEquationBatch batch) {
            try {
                lower.verify(key, slot, SLOT_BITS, params, part(context, "lower-" + j), batch);
            } catch (InvalidProofException e) {
                throw new InvalidProofException("slot split: slot " + j + " is not shown >= 0: " + e.getMessage());
            }
            try {
                upper.verify(key, headroom(key, slot, cap), SLOT_BITS, params, part(context, "upper-" + j), batch);
            } catch (InvalidProofException e) {
                throw new InvalidProofException("slot split: slot " + j + " is not shown <= its cap " + cap + ": "
                        + e.getMessage());
            }
        }

        /** Enc(cap - U) = (1 + N)^cap E^{-1} mod N^2. */
        static Ciphertext headroom(PaillierPublicKey key, Ciphertext slot, long cap) {
            BigInteger nn = key.modulusSquared();
            return key.ciphertext(key.generatorPower(BigInteger.valueOf(cap))
                    .multiply(slot.value().modInverse(nn)).mod(nn));
        }

        void write(Bytes.Writer out) {
            out.field(lower.toBytes()).field(upper.toBytes());
        }

        static SlotBound read(Bytes.Reader in, int maxField) {
            return new SlotBound(NonNegativityProof.fromBytes(in.field(maxField)),
                    NonNegativityProof.fromBytes(in.field(maxField)));
        }
    }
}
