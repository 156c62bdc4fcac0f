package io.neighbourgrid.crypto.math;

import io.neighbourgrid.crypto.math.BarrettReducer;
import java.math.BigInteger;

/**
 * Fixed-base windowed exponentiation (Brickell, Gordon, McCurley, Wilson 1992; HAC Algorithm 14.109 with the
 * table fully expanded): for a base b and a window of w bits the table holds b^{j * 2^{w k}} for every row k and
 * digit j in [1, 2^w), so b^e for an exponent of at most {@code maxBits} bits costs one modular multiplication
 * per non-zero w-bit digit and no squaring at all.
 *
 * <p>Used for the DGK randomiser h^r with r of 2.5t bits (Damgard, Geisler, Kroigaard 2009 correction) and for
 * the CRT halves h_p^a, h_q^a held by the private key. Immutable after construction and safe to share between
 * threads.
 */
public final class FixedBaseTable {
    private final BarrettReducer reducer;
    private final BigInteger base;
    private final int window;
    private final int maxBits;
    private final BigInteger[][] rows;

    public FixedBaseTable(BigInteger base, BarrettReducer reducer, int maxBits, int window) {
        if (window < 1 || window > 12 || maxBits < 1) {
            throw new IllegalArgumentException("fixed-base window must be in [1, 12] and the exponent size positive");
        }
        this.reducer = reducer;
        this.base = base.mod(reducer.modulus());
        this.window = window;
        this.maxBits = maxBits;
        int rowCount = (maxBits + window - 1) / window;
        int width = 1 << window;
        this.rows = new BigInteger[rowCount][];
        BigInteger rowBase = this.base;
        for (int k = 0; k < rowCount; k++) {
            BigInteger[] row = new BigInteger[width];
            row[0] = BigInteger.ONE;
            row[1] = rowBase;
            for (int j = 2; j < width; j++) {
                row[j] = reducer.multiply(row[j - 1], rowBase);
            }
            rows[k] = row;
            // The next row's base is rowBase^{2^w} = row[2^w - 1] * rowBase.
            rowBase = reducer.multiply(row[width - 1], rowBase);
        }
    }

    /** base^e mod m for e &gt;= 0; exponents longer than the table fall back to {@link BigInteger#modPow}. */
    public BigInteger pow(BigInteger e) {
        if (e.signum() < 0) {
            throw new IllegalArgumentException("fixed-base exponent must be non-negative");
        }
        if (e.bitLength() > maxBits) {
            return base.modPow(e, reducer.modulus());
        }
        byte[] magnitude = e.toByteArray();
        BigInteger acc = null;
        for (int k = 0; k < rows.length; k++) {
            int digit = digit(magnitude, k * window, window);
            if (digit != 0) {
                acc = acc == null ? rows[k][digit] : reducer.multiply(acc, rows[k][digit]);
            }
        }
        return acc == null ? BigInteger.ONE : acc;
    }

    /** Bits [offset, offset + length) of a big-endian two's-complement magnitude (non-negative), as an int. */
    private static int digit(byte[] bigEndian, int offset, int length) {
        int value = 0;
        for (int i = length - 1; i >= 0; i--) {
            int bit = offset + i;
            int byteIndex = bigEndian.length - 1 - (bit >>> 3);
            int b = byteIndex >= 0 ? (bigEndian[byteIndex] >>> (bit & 7)) & 1 : 0;
            value = (value << 1) | b;
        }
        return value;
    }
}
