package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.billing.state.BillLines;
import java.math.BigInteger;
import java.util.List;

/**
 * The slot layout of a bill: the eight lines and the deviation residual of one home over one billing period,
 * packed into one plaintext so that one aggregate, one decryption and one proof carry the whole bill (as
 * {@code io.neighbourgrid.market.PackedTotals} does for a window's market totals).
 *
 * <p>Slots from the least significant bit: four energy slots of {@value #ENERGY_SLOT_BITS} bits (sold, bought,
 * grid import, grid export), four amount slots of {@value #AMOUNT_SLOT_BITS} bits (the same four weighted by
 * their prices), and the residual from bit {@value #RESIDUAL_OFFSET} up. The residual is the only signed value and
 * sits on top, so a negative residual makes the whole plaintext negative and decodes exactly (floor division),
 * while the eight lines below it are sums of non-negative values. Honest magnitudes: a window's energy values are
 * below 2^40 units (about 1.1 GWh), a period has at most {@value #MAX_PERIOD_WINDOWS} windows, so an energy line is
 * below 2^52; prices are below 2^{@value #PRICE_BITS} price units, so an amount line is below 2^100: every line
 * fits its slot with room to spare, and the plaintext stays below 2^768, provable under any key of at least
 * {@value #MIN_KEY_BITS} bits ({@link DecryptionProof#maxProvableMagnitude}). Nothing checks that a home's
 * plaintexts are non-negative (there are no range proofs); a negative or huge value from a dishonest home garbles
 * only its own bill's lines, which still decode from the proven plaintext.
 */
public final class BillLayout {
    /** Width of an energy slot. */
    public static final int ENERGY_SLOT_BITS = 64;
    /** Width of an amount slot. */
    public static final int AMOUNT_SLOT_BITS = 112;
    /** First bit of the residual. */
    public static final int RESIDUAL_OFFSET = 4 * ENERGY_SLOT_BITS + 4 * AMOUNT_SLOT_BITS;
    /** Longest billing period, in windows (a month of 15-minute windows is 2,976). */
    public static final int MAX_PERIOD_WINDOWS = 4096;
    /** Prices (market, retail, feed-in) must be below 2^PRICE_BITS price units to be billed. */
    public static final int PRICE_BITS = 48;
    /**
     * Smallest billing key, {@link KeyPolicy#BILLING_MIN_BITS}: the packed bill must stay below the provable bound
     * N / 2^130.
     */
    public static final int MIN_KEY_BITS = KeyPolicy.BILLING_MIN_BITS;

    /** The eight lines, in slot order. */
    public enum Slot {
        /** Market energy sold. */
        SOLD_ENERGY(ENERGY_SLOT_BITS),
        /** Market energy bought. */
        BOUGHT_ENERGY(ENERGY_SLOT_BITS),
        /** Grid import beyond the commitments. */
        IMPORT_ENERGY(ENERGY_SLOT_BITS),
        /** Grid export beyond the commitments. */
        EXPORT_ENERGY(ENERGY_SLOT_BITS),
        /** Market amount received. */
        SOLD_AMOUNT(AMOUNT_SLOT_BITS),
        /** Market amount paid. */
        BOUGHT_AMOUNT(AMOUNT_SLOT_BITS),
        /** Grid import amount paid. */
        IMPORT_AMOUNT(AMOUNT_SLOT_BITS),
        /** Grid export amount received. */
        EXPORT_AMOUNT(AMOUNT_SLOT_BITS);

        private final int bits;

        Slot(int bits) {
            this.bits = bits;
        }

        /**
         * The slot's width.
         *
         * @return bits
         */
        public int bits() {
            return bits;
        }

        /**
         * The slot's first bit.
         *
         * @return the offset from the least significant bit
         */
        public int offset() {
            int offset = 0;
            for (Slot s : values()) {
                if (s == this) {
                    return offset;
                }
                offset += s.bits;
            }
            throw new IllegalStateException("unreachable");
        }
    }

    private BillLayout() {
    }

    /**
     * Packs line values into the bill plaintext: what the aggregate of honest records decrypts to.
     *
     * @param lines    the eight line values in {@link Slot} order, each in {@code [0, 2^bits)}
     * @param residual the residual, signed
     * @return {@code sum lines[k] * 2^offset(k) + residual * 2^RESIDUAL_OFFSET}
     * @throws ValueOutOfRangeException if a line does not fit its slot
     */
    public static BigInteger pack(List<BigInteger> lines, BigInteger residual) {
        Slot[] slots = Slot.values();
        if (lines.size() != slots.length) {
            throw new IllegalArgumentException("a bill has " + slots.length + " lines, got " + lines.size());
        }
        BigInteger packed = residual.shiftLeft(RESIDUAL_OFFSET);
        for (int k = 0; k < slots.length; k++) {
            BigInteger v = lines.get(k);
            if (v.signum() < 0 || v.bitLength() > slots[k].bits()) {
                throw new ValueOutOfRangeException("bill line " + slots[k] + " does not fit its " + slots[k].bits()
                        + "-bit slot");
            }
            packed = packed.add(v.shiftLeft(slots[k].offset()));
        }
        return packed;
    }

    /**
     * Decodes a bill plaintext into its lines. Every integer decodes: the residual is {@code floor(P / 2^704)} and
     * the lines are the slots of the rest, so the lines of honest records come out exact and any other plaintext
     * still gives one well-defined set of lines.
     *
     * @param plaintext the signed decryption of a bill aggregate
     * @return the lines
     */
    public static BillLines decode(BigInteger plaintext) {
        BigInteger residual = plaintext.shiftRight(RESIDUAL_OFFSET);
        BigInteger low = plaintext.subtract(residual.shiftLeft(RESIDUAL_OFFSET));
        String[] v = new String[Slot.values().length];
        for (Slot s : Slot.values()) {
            BigInteger mask = BigInteger.ONE.shiftLeft(s.bits()).subtract(BigInteger.ONE);
            v[s.ordinal()] = low.shiftRight(s.offset()).and(mask).toString();
        }
        return new BillLines(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], residual.toString());
    }

    /**
     * Checks that a price can be billed.
     *
     * @param price a market or grid price, price units
     * @param what  the price's name, for the message
     * @return the price as an exponent
     * @throws ValueOutOfRangeException if it is negative or not below 2^{@value #PRICE_BITS}
     */
    static BigInteger priceExponent(long price, String what) {
        if (price < 0 || 64 - Long.numberOfLeadingZeros(price) > PRICE_BITS) {
            throw new ValueOutOfRangeException(what + " " + price + " is outside [0, 2^" + PRICE_BITS
                    + ") price units and cannot be billed");
        }
        return BigInteger.valueOf(price);
    }
}
