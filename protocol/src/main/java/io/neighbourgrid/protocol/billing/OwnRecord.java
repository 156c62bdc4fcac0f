package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigInteger;

/**
 * A home's own copy of its settlement record, {@code (e_t, g+, g-)}, packed into one plaintext under its own key so
 * that the home can read its records back from the ledger with one decryption per window (and, in a dispute, open
 * them). Three 64-bit slots, each holding {@code value + 2^63}, so signed values pack without borrowing.
 *
 * @param committed  {@code e_t}: positive sold, negative bought, zero off market
 * @param gridExport {@code g+}
 * @param gridImport {@code g-}
 */
public record OwnRecord(long committed, long gridExport, long gridImport) {
    private static final int SLOT_BITS = 64;
    private static final BigInteger BIAS = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(SLOT_BITS).subtract(BigInteger.ONE);

    /**
     * The packed plaintext.
     *
     * @return {@code (e + 2^63) + (g+ + 2^63) 2^64 + (g- + 2^63) 2^128}
     */
    public BigInteger pack() {
        return slot(gridImport).shiftLeft(2 * SLOT_BITS).add(slot(gridExport).shiftLeft(SLOT_BITS))
                .add(slot(committed));
    }

    /**
     * Unpacks a decrypted own record.
     *
     * @param plaintext the decryption
     * @return the record
     * @throws ValueOutOfRangeException if the plaintext is not a packed record
     */
    public static OwnRecord unpack(BigInteger plaintext) {
        if (plaintext.signum() < 0 || plaintext.bitLength() > 3 * SLOT_BITS) {
            throw new ValueOutOfRangeException("own record plaintext has bits beyond its three slots");
        }
        long e = plaintext.and(MASK).subtract(BIAS).longValueExact();
        long plus = plaintext.shiftRight(SLOT_BITS).and(MASK).subtract(BIAS).longValueExact();
        long minus = plaintext.shiftRight(2 * SLOT_BITS).and(MASK).subtract(BIAS).longValueExact();
        return new OwnRecord(e, plus, minus);
    }

    /**
     * The metered net export this record claims: {@code e + g+ - g-}.
     *
     * @return energy units
     */
    public long meteredNet() {
        return Math.subtractExact(Math.addExact(committed, gridExport), gridImport);
    }

    private static BigInteger slot(long v) {
        return BigInteger.valueOf(v).add(BIAS);
    }
}
