package io.neighbourgrid.crypto.math;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Modular multiplication by Barrett reduction (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography,
 * Algorithm 14.42, radix 2). On JDK 17 {@link BigInteger#mod} divides (schoolbook, or Burnikel-Ziegler for long
 * operands), which costs several multiplications at 1024 to 8192 bits; Barrett replaces the division by two
 * multiplications with the precomputed reciprocal mu = floor(2^{2k} / m), k = bits(m). That is what makes the
 * table-driven and simultaneous exponentiations built from {@link BigInteger#multiply} (the DGK fixed-base tables,
 * {@link MultiExponentiation}) competitive with the Montgomery arithmetic inside {@link BigInteger#modPow}, and
 * long chains of products (bill aggregates, batch verification) about twice as fast as with {@code mod}.
 *
 * <p>Immutable and safe to share between threads. Not constant time: the final corrections depend on the value,
 * so the reducer is meant for public values and for secret values whose timing is not observable (a prover's own
 * precomputation), as {@link BigInteger} arithmetic in general.
 *
 * <pre>{@code
 * BarrettReducer modN = new BarrettReducer(n);
 * BigInteger product = modN.multiply(a, b); // a * b mod n, for 0 <= a, b < n
 * }</pre>
 */
public final class BarrettReducer {
    private final BigInteger modulus;
    private final int k;
    private final BigInteger mu;

    /**
     * Precomputes the reciprocal of {@code modulus}.
     *
     * @param modulus the modulus m, at least 2
     * @throws IllegalArgumentException if the modulus is below 2
     */
    public BarrettReducer(BigInteger modulus) {
        Objects.requireNonNull(modulus, "modulus");
        if (modulus.compareTo(BigInteger.TWO) < 0) {
            throw new IllegalArgumentException("Barrett modulus must be at least 2, got a " + modulus.bitLength()
                    + "-bit value of sign " + modulus.signum());
        }
        this.modulus = modulus;
        this.k = modulus.bitLength();
        this.mu = BigInteger.ONE.shiftLeft(2 * k).divide(modulus);
    }

    /**
     * The modulus m.
     *
     * @return m
     */
    public BigInteger modulus() {
        return modulus;
    }

    /**
     * x mod m. Fast for 0 &lt;= x &lt; 2^{2k}, which covers every product of two reduced values and any value below
     * m^2 (such as a Paillier ciphertext reduced modulo N); other values fall back to {@link BigInteger#mod}.
     *
     * @param x any integer
     * @return x mod m, in [0, m)
     */
    public BigInteger reduce(BigInteger x) {
        if (x.signum() < 0 || x.bitLength() > 2 * k) {
            return x.mod(modulus);
        }
        // HAC 14.42: q = floor(floor(x / 2^{k-1}) * mu / 2^{k+1}) is at most 2 below floor(x / m), so at most two
        // subtractions follow.
        BigInteger q = x.shiftRight(k - 1).multiply(mu).shiftRight(k + 1);
        BigInteger r = x.subtract(q.multiply(modulus));
        while (r.compareTo(modulus) >= 0) {
            r = r.subtract(modulus);
        }
        return r;
    }

    /**
     * a * b mod m.
     *
     * @param a a reduced value, 0 &lt;= a &lt; m (larger values are still reduced correctly, more slowly)
     * @param b a reduced value, 0 &lt;= b &lt; m
     * @return the product modulo m
     */
    public BigInteger multiply(BigInteger a, BigInteger b) {
        return reduce(a.multiply(b));
    }

    /**
     * a^2 mod m ({@link BigInteger#multiply} takes its squaring path for {@code a.multiply(a)}).
     *
     * @param a a reduced value, 0 &lt;= a &lt; m
     * @return the square modulo m
     */
    public BigInteger square(BigInteger a) {
        return reduce(a.multiply(a));
    }

    @Override
    public String toString() {
        return "BarrettReducer[" + k + "-bit modulus]";
    }
}
