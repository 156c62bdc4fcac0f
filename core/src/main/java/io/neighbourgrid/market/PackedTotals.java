package io.neighbourgrid.market;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigInteger;

/**
 * Slot packing of the four values every home contributes under the decryptor's key, so that one ciphertext per
 * home, one aggregate and one proven decryption per window carry the market supply E_s, the preference sum
 * sum k, the pricing-term sum sum d (PEM Protocol 3) and the market demand E_b.
 *
 * <p>Slot i occupies bits [96 i, 96 i + 96) of the plaintext. Each home adds {@link #BIAS} = 2^63 to every slot
 * value, so a signed 64-bit value becomes a non-negative slot entry below 2^64, and the sum over up to 2^32 homes
 * stays below 2^96: slots never carry into each other. After decryption the decoder subtracts
 * {@code contributors * BIAS} from every slot. The whole plaintext is below 2^384, far inside the Paillier
 * overflow guard |x| &lt; N/3 for any accepted key.
 *
 * <p>A seller contributes (sn, k, d, 0); a buyer contributes (0, 0, 0, |sn|).
 *
 * @param supply      slot 0: seller net energy (E_s once summed), energy units
 * @param preference  slot 1: seller preference k (sum k), preference units
 * @param pricingTerm slot 2: seller pricing term d (sum d), energy units
 * @param demand      slot 3: buyer demand |sn| (E_b once summed), energy units
 */
public record PackedTotals(long supply, long preference, long pricingTerm, long demand) {
    /** Width of one slot in bits. */
    public static final int SLOT_BITS = 96;
    /** Bias added to every slot value by every contributor. */
    public static final BigInteger BIAS = BigInteger.ONE.shiftLeft(63);
    /** Most contributors one aggregate may have without slot overflow. */
    public static final long MAX_CONTRIBUTORS = 1L << 32;
    private static final int SLOTS = 4;
    private static final BigInteger SLOT_MASK = BigInteger.ONE.shiftLeft(SLOT_BITS).subtract(BigInteger.ONE);

    /** The packed plaintext of one contribution: sum over slots of (value + 2^63) * 2^(96 slot). */
    public BigInteger pack() {
        long[] v = {supply, preference, pricingTerm, demand};
        BigInteger packed = BigInteger.ZERO;
        for (int i = SLOTS - 1; i >= 0; i--) {
            packed = packed.shiftLeft(SLOT_BITS).add(BigInteger.valueOf(v[i]).add(BIAS));
        }
        return packed;
    }

    /** Bits of the additive mask that splits a contribution into two shares: 128 bits beyond the packed value. */
    public static final int MASK_BITS = SLOTS * SLOT_BITS + 128;

    /**
     * Splits this contribution into two additive shares, {@code pack() + M} and {@code -M} with M uniform in
     * [0, 2^{@value #MASK_BITS}), to be encrypted under the two selected homes' keys. Each share alone is
     * statistically independent of the contribution (distance below 2^-128), so neither key holder learns an
     * individual value by decrypting an individual ciphertext; the sum of both aggregates is the packed sum.
     *
     * @return {share for the first key, share for the second key}
     */
    public BigInteger[] shares(java.security.SecureRandom random) {
        BigInteger mask = new BigInteger(MASK_BITS, random);
        return new BigInteger[] {pack().add(mask), mask.negate()};
    }

    /**
     * Decodes the decrypted sum of {@code contributors} packed contributions.
     *
     * @throws ValueOutOfRangeException if the plaintext is not such a sum (a slot out of range, bits beyond the
     *                                  last slot), or a total does not fit a {@code long}
     */
    public static PackedTotals unpack(BigInteger plaintext, long contributors) {
        if (contributors < 1 || contributors > MAX_CONTRIBUTORS) {
            throw new ValueOutOfRangeException("packed aggregate needs 1.." + MAX_CONTRIBUTORS + " contributors, got " + contributors);
        }
        if (plaintext.signum() < 0 || plaintext.bitLength() > SLOTS * SLOT_BITS) {
            throw new ValueOutOfRangeException("packed aggregate has bits beyond its " + SLOTS + " slots");
        }
        BigInteger bias = BIAS.multiply(BigInteger.valueOf(contributors));
        long[] totals = new long[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            BigInteger slot = plaintext.shiftRight(SLOT_BITS * i).and(SLOT_MASK).subtract(bias);
            if (slot.bitLength() > 63) {
                throw new ValueOutOfRangeException("packed aggregate slot " + i + " is out of range for "
                        + contributors + " contributors");
            }
            totals[i] = slot.longValueExact();
        }
        return new PackedTotals(totals[0], totals[1], totals[2], totals[3]);
    }

    /** Contribution of a seller with net energy {@code sn > 0}, preference k and pricing term d. */
    public static PackedTotals seller(long sn, long k, long d) {
        if (sn <= 0) {
            throw new ValueOutOfRangeException("a seller's net energy must be positive");
        }
        return new PackedTotals(sn, k, d, 0);
    }

    /** Contribution of a buyer with demand {@code |sn| > 0}. */
    public static PackedTotals buyer(long demand) {
        if (demand <= 0) {
            throw new ValueOutOfRangeException("a buyer's demand must be positive");
        }
        return new PackedTotals(0, 0, 0, demand);
    }
}
