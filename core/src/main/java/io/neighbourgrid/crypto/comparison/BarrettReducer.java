package io.neighbourgrid.crypto.comparison;

import java.math.BigInteger;

/**
 * Modular multiplication by Barrett reduction (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography,
 * Algorithm 14.42, radix 2). {@link BigInteger#mod} uses schoolbook long division, which on JDK 17 costs several
 * times a multiplication at 1024-2048 bits; Barrett replaces it by two multiplications with a precomputed
 * reciprocal, which makes the table-driven exponentiation of {@link FixedBaseTable} pay off.
 */
final class BarrettReducer {
    private final BigInteger modulus;
    private final int k;
    /** mu = floor(2^{2k} / m). */
    private final BigInteger mu;

    BarrettReducer(BigInteger modulus) {
        if (modulus.signum() <= 0 || modulus.bitLength() < 2) {
            throw new IllegalArgumentException("Barrett modulus must be at least 2");
        }
        this.modulus = modulus;
        this.k = modulus.bitLength();
        this.mu = BigInteger.ONE.shiftLeft(2 * k).divide(modulus);
    }

    BigInteger modulus() {
        return modulus;
    }

    /** Reduces 0 &lt;= x &lt; 2^{2k} modulo m. HAC 14.42: q3 &lt;= floor(x/m) &lt;= q3 + 2, so at most two corrections. */
    BigInteger reduce(BigInteger x) {
        BigInteger q = x.shiftRight(k - 1).multiply(mu).shiftRight(k + 1);
        BigInteger r = x.subtract(q.multiply(modulus));
        while (r.compareTo(modulus) >= 0) {
            r = r.subtract(modulus);
        }
        return r;
    }

    /** a * b mod m for 0 &lt;= a, b &lt; m. */
    BigInteger multiply(BigInteger a, BigInteger b) {
        return reduce(a.multiply(b));
    }

    /** a^2 mod m for 0 &lt;= a &lt; m. */
    BigInteger square(BigInteger a) {
        return reduce(a.multiply(a));
    }
}
