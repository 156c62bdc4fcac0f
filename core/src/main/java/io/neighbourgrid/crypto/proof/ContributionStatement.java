package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link ContributionProof} proves about one member's contribution to a window's evaluation: C under the
 * responder's key N1 encrypts pack + M and D under the initiator's key N2 encrypts -M, for the same integer mask
 * M (|M| &lt; 2^{@value #PROVEN_MASK_BITS}) and a packing pack = sum_j 2^{64 j} u_j of four slot values with
 * u_j in [0, span_j] exactly. A seller fills slots 0 to 2 (supply, preference, pricing term) and has span_3 = 0; a
 * buyer fills slot 3 (demand) only. A slot of span 0 carries no commitment: its value is 0 by the packing the
 * verifier assumes.
 *
 * <p>Both plaintexts are small against the keys (at most 2^{@value #PROVEN_MASK_BITS} + 2^{236} in magnitude
 * against N/3 &gt; 2^1022), so the integers above are the signed plaintexts themselves, and the products of up to
 * 2^20 members' ciphertexts stay far inside the signed range.
 *
 * @param responderKey N1, the responder r1's key
 * @param c            Enc_N1(pack + M)
 * @param initiatorKey N2, the initiator r2's key
 * @param d            Enc_N2(-M)
 * @param params       the registered ring-Pedersen parameters
 * @param spans        span_0..span_3, each in [0, 2^{@value #MAX_SPAN_BITS}), not all zero
 */
public record ContributionStatement(PaillierPublicKey responderKey, Ciphertext c, PaillierPublicKey initiatorKey,
                                    Ciphertext d, RingPedersenParameters params, long[] spans) {
    /** Number of slots. */
    public static final int SLOTS = 4;
    /** Bits between two slots of the packing. */
    public static final int SLOT_BITS = 64;
    /** An honest mask is uniform in [0, 2^{@value}). */
    public static final int MASK_BITS = 384;
    /** What an accepted proof shows of the mask: |M| &lt; 2^{@value}. */
    public static final int PROVEN_MASK_BITS = 641;
    /** Spans are below 2^{@value}, so a slot's sum over 2^20 members stays below 2^64. */
    public static final int MAX_SPAN_BITS = 44;
    /** Smallest key size: the proven plaintexts must stay far below N/3. */
    public static final int MIN_KEY_BITS = 1024;

    public ContributionStatement {
        Objects.requireNonNull(responderKey, "responderKey");
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(initiatorKey, "initiatorKey");
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(spans, "spans");
        if (spans.length != SLOTS) {
            throw new ValueOutOfRangeException("a contribution has " + SLOTS + " slot spans, got " + spans.length);
        }
        spans = spans.clone();
        boolean any = false;
        for (int j = 0; j < SLOTS; j++) {
            if (spans[j] < 0 || spans[j] >= 1L << MAX_SPAN_BITS) {
                throw new ValueOutOfRangeException("span of slot " + j + " must be in [0, 2^" + MAX_SPAN_BITS
                        + "), got " + spans[j]);
            }
            any |= spans[j] > 0;
        }
        if (!any) {
            throw new ValueOutOfRangeException("a contribution needs at least one slot with a positive span");
        }
        if (responderKey.bits() < MIN_KEY_BITS || initiatorKey.bits() < MIN_KEY_BITS) {
            throw new ValueOutOfRangeException("contribution keys must have at least " + MIN_KEY_BITS + " bits");
        }
        if (responderKey.equals(initiatorKey)) {
            throw new ValueOutOfRangeException("the responder's and the initiator's keys must differ");
        }
        if (!c.key().equals(responderKey)) {
            throw new ValueOutOfRangeException("C must be under the responder's key N1");
        }
        if (!d.key().equals(initiatorKey)) {
            throw new ValueOutOfRangeException("D must be under the initiator's key N2");
        }
    }

    /** A copy of the spans. */
    @Override
    public long[] spans() {
        return spans.clone();
    }

    /** span_j. */
    public long span(int slot) {
        return spans[slot];
    }

    /** Whether slot j carries a commitment (its span is positive). */
    boolean active(int slot) {
        return spans[slot] > 0;
    }

    /** The number of slots with a positive span. */
    int activeSlots() {
        int n = 0;
        for (long s : spans) {
            n += s > 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * pack(u) + M = sum_j 2^{64 j} u_j + M: what C must encrypt under N1.
     *
     * @param slotValues u_0..u_3, each in [0, 2^64) (a prover also needs u_j &lt;= span_j)
     * @param mask       M
     */
    public static BigInteger responderPlaintext(long[] slotValues, BigInteger mask) {
        Objects.requireNonNull(slotValues, "slotValues");
        Objects.requireNonNull(mask, "mask");
        if (slotValues.length != SLOTS) {
            throw new ValueOutOfRangeException("a contribution has " + SLOTS + " slot values, got "
                    + slotValues.length);
        }
        BigInteger pack = BigInteger.ZERO;
        for (int j = SLOTS - 1; j >= 0; j--) {
            if (slotValues[j] < 0) {
                throw new ValueOutOfRangeException("slot value " + j + " is negative");
            }
            pack = pack.shiftLeft(SLOT_BITS).add(BigInteger.valueOf(slotValues[j]));
        }
        return pack.add(mask);
    }

    /** -M: what D must encrypt under N2. */
    public static BigInteger initiatorPlaintext(BigInteger mask) {
        return mask.negate();
    }

    /** A fresh mask, uniform in [0, 2^{@value #MASK_BITS}). */
    public static BigInteger newMask(SecureRandom random) {
        return new BigInteger(MASK_BITS, random);
    }

    /** Absorbs the statement: both keys, both ciphertexts, the spans, the bit sizes, the parameters' fingerprint. */
    Transcript bindTo(Transcript t) {
        t.append("N1", responderKey.modulus())
                .append("C", c.toBytes())
                .append("N2", initiatorKey.modulus())
                .append("D", d.toBytes())
                .append("params", params.fingerprintBytes())
                .append("slotBits", SLOT_BITS)
                .append("maskBits", MASK_BITS);
        for (int j = 0; j < SLOTS; j++) {
            t.append("span" + j, spans[j]);
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof ContributionStatement other && responderKey.equals(other.responderKey)
                && c.equals(other.c) && initiatorKey.equals(other.initiatorKey) && d.equals(other.d)
                && params.equals(other.params) && Arrays.equals(spans, other.spans));
    }

    @Override
    public int hashCode() {
        return Objects.hash(c, d, Arrays.hashCode(spans));
    }

    @Override
    public String toString() {
        return "ContributionStatement[N1 " + responderKey.fingerprint() + ", N2 " + initiatorKey.fingerprint()
                + ", spans " + Arrays.toString(spans) + "]";
    }
}
