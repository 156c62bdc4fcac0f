package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.protocol.billing.state.PartnerBillLines;
import io.neighbourgrid.protocol.partners.PartnerLines;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The slot layout of a home's partner lines ({@code docs/partners.md}, section 4, "Bills gain partner lines"): the
 * six lines of one window, packed by the home into one plaintext and encrypted under the billing key
 * ({@code recordPartnerLines}), so that the product of a period's records is the encryption of the period's lines,
 * decrypted and proven once per home and period ({@code postPartnerBill}).
 *
 * <p>Slots from the least significant bit: energy given or sold to partners, energy received, grid export and grid
 * import the transfers replaced ({@value #ENERGY_SLOT_BITS} bits each, energy units), then money received and money
 * paid ({@value #MONEY_SLOT_BITS} bits each, money units). Every line is non-negative; an honest window's value is
 * below 2^63 and a period has at most {@value BillLayout#MAX_PERIOD_WINDOWS} windows, so sums of honest energies
 * (below 2^40 per window) never carry and money sums stay below 2^75: the plaintext is below 2^{@value #BITS},
 * provable under any billing key ({@link BillLayout#MIN_KEY_BITS} bits). A dishonest home's huge values garble only its
 * own lines, which still decode from the proven plaintext.
 */
public final class PartnerBillLayout {
    /** Width of an energy slot. */
    public static final int ENERGY_SLOT_BITS = 64;
    /** Width of a money slot. */
    public static final int MONEY_SLOT_BITS = 112;
    /** Width of the packed lines. */
    public static final int BITS = 4 * ENERGY_SLOT_BITS + 2 * MONEY_SLOT_BITS;

    /** The six lines, in slot order, each with its first bit and width. */
    public enum Slot {
        /** Energy given or sold to partners. */
        ENERGY_OUT(0, ENERGY_SLOT_BITS),
        /** Energy received from partners. */
        ENERGY_IN(ENERGY_SLOT_BITS, ENERGY_SLOT_BITS),
        /** Grid export that went to a partner instead. */
        GRID_EXPORT_AVOIDED(2 * ENERGY_SLOT_BITS, ENERGY_SLOT_BITS),
        /** Grid import that came from a partner instead. */
        GRID_IMPORT_AVOIDED(3 * ENERGY_SLOT_BITS, ENERGY_SLOT_BITS),
        /** Money partners paid the home. */
        MONEY_IN(4 * ENERGY_SLOT_BITS, MONEY_SLOT_BITS),
        /** Money the home paid partners. */
        MONEY_OUT(4 * ENERGY_SLOT_BITS + MONEY_SLOT_BITS, MONEY_SLOT_BITS);

        private final int offset;
        private final int bits;

        Slot(int offset, int bits) {
            this.offset = offset;
            this.bits = bits;
        }

        /** The slot's width. */
        public int bits() {
            return bits;
        }

        /** The slot's first bit. */
        public int offset() {
            return offset;
        }
    }

    private PartnerBillLayout() {
    }

    /**
     * Packs one window's lines.
     *
     * @param lines the home's lines of the window
     * @return {@code sum line_k * 2^offset(k)}
     */
    public static BigInteger pack(PartnerLines lines) {
        long[] v = {lines.energyOut(), lines.energyIn(), lines.gridExportAvoided(), lines.gridImportAvoided(),
            lines.moneyIn(), lines.moneyOut()};
        BigInteger packed = BigInteger.ZERO;
        for (Slot s : Slot.values()) {
            packed = packed.add(BigInteger.valueOf(v[s.ordinal()]).shiftLeft(s.offset()));
        }
        return packed;
    }

    /**
     * A window's lines as the home records them: packed and encrypted under the billing key.
     *
     * @param lines      the home's lines of the window
     * @param billingKey the billing key
     * @param random     the randomness of the encryption
     * @return {@code Enc_B(pack(lines))}
     */
    public static Ciphertext encrypt(PartnerLines lines, PaillierPublicKey billingKey, SecureRandom random) {
        return billingKey.encrypt(pack(lines), random);
    }

    /**
     * Decodes a period's plaintext into its lines: each slot of the plaintext's low {@value #BITS} bits, and what
     * lies above them (zero for honest records).
     *
     * @param plaintext the signed decryption of the period's aggregate
     * @return the lines
     */
    public static PartnerBillLines decode(BigInteger plaintext) {
        String[] v = new String[Slot.values().length];
        for (Slot s : Slot.values()) {
            BigInteger mask = BigInteger.ONE.shiftLeft(s.bits()).subtract(BigInteger.ONE);
            v[s.ordinal()] = plaintext.shiftRight(s.offset()).and(mask).toString();
        }
        return new PartnerBillLines(v[0], v[1], v[2], v[3], v[4], v[5], plaintext.shiftRight(BITS).toString());
    }

    /**
     * The lines a period of honest records decodes to: the sums of the windows' lines.
     *
     * @param windows the home's lines of each recorded window
     * @return the period's lines
     */
    public static PartnerBillLines expected(Iterable<PartnerLines> windows) {
        BigInteger sum = BigInteger.ZERO;
        for (PartnerLines l : windows) {
            sum = sum.add(pack(l));
        }
        return decode(sum);
    }
}
