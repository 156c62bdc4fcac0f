package io.neighbourgrid.crypto.proof;

import java.math.BigInteger;

/**
 * Modular reduction by Barrett's method (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography,
 * Algorithm 14.42, radix 2). On JDK 17 {@link BigInteger#mod} of a 8192-bit product by a 4096-bit modulus costs
 * several multiplications (Burnikel-Ziegler division); Barrett replaces it by two multiplications with the
 * precomputed reciprocal mu = floor(2^{2k} / m), which is what makes a multi-exponentiation built from
 * {@link BigInteger#multiply} competitive with the Montgomery arithmetic inside {@link BigInteger#modPow}.
 */
final class BarrettReducer {
    private final BigInteger modulus;
    private final int k;
    private final BigInteger mu;

    BarrettReducer(BigInteger modulus) {
        if (modulus.signum() <= 0 || modulus.bitLength() < 2) {
            throw new IllegalArgumentException("Barrett modulus must be at least 2");
        }
        this.modulus = modulus;
        this.k = modulus.bitLength();
        this.mu = BigInteger.ONE.shiftLeft(2 * k).divide(modulus);
    }

    /** Reduces 0 &lt;= x &lt; 2^{2k}: the quotient estimate is at most 2 below the true one (HAC 14.42). */
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

    /** a^2 mod m for 0 &lt;= a &lt; m ({@link BigInteger#multiply} takes its squaring path for a.multiply(a)). */
    BigInteger square(BigInteger a) {
        return reduce(a.multiply(a));
    }
}
