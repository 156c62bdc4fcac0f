package io.neighbourgrid.crypto.math;

import java.math.BigInteger;
import java.util.Random;

/** Number-theoretic functions the proofs and their tests share. */
public final class NumberTheory {
    private NumberTheory() {
    }

    /** The Jacobi symbol (a/n) for odd positive n (binary algorithm, Cohen, Algorithm 1.4.10). */
    public static int jacobi(BigInteger a, BigInteger n) {
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw new IllegalArgumentException("Jacobi symbol needs an odd positive modulus");
        }
        BigInteger x = a.mod(n);
        BigInteger y = n;
        int result = 1;
        while (x.signum() != 0) {
            int twos = x.getLowestSetBit();
            x = x.shiftRight(twos);
            int yMod8 = y.intValue() & 7;
            if ((twos & 1) == 1 && (yMod8 == 3 || yMod8 == 5)) {
                result = -result;
            }
            // Quadratic reciprocity: swap, flipping the sign when both are 3 mod 4.
            if ((x.intValue() & 3) == 3 && (y.intValue() & 3) == 3) {
                result = -result;
            }
            BigInteger t = x;
            x = y.mod(t);
            y = t;
        }
        return y.equals(BigInteger.ONE) ? result : 0;
    }

    /**
     * Four integers whose squares sum to {@code x} (Lagrange's four-square theorem), found as Rabin and Shallit
     * suggest ("Randomized algorithms in number theory", 1986): divide out powers of 4 (when 4 divides x, x - a^2 - b^2 is
     * never 1 modulo 4), then draw a and b at random with a^2 + b^2 &lt;= x until
     * m = x - a^2 - b^2 is 0, 1, 2 or a prime congruent to 1 modulo 4, and write m as c^2 + d^2 (for a prime, with a
     * square root of -1 and Euclid's algorithm: {@link #twoSquaresOfPrime}). Small x are searched exhaustively. The
     * expected number of draws grows with the logarithm of x; a 128-bit x takes a few hundred.
     *
     * @param x      a non-negative integer
     * @param random where a and b are drawn from
     * @return {a, b, c, d}, each non-negative, with a^2 + b^2 + c^2 + d^2 = x
     * @throws IllegalArgumentException if x is negative
     */
    public static BigInteger[] fourSquares(BigInteger x, Random random) {
        if (x.signum() < 0) {
            throw new IllegalArgumentException("a negative number is not a sum of squares: " + x);
        }
        if (x.bitLength() <= 20) {
            return fourSquaresBySearch(x.intValueExact());
        }
        if (x.mod(BigInteger.valueOf(4)).signum() == 0) {
            // x - a^2 - b^2 is never 1 modulo 4 when 4 divides x: write x / 4 instead and double each square root.
            BigInteger[] quarter = fourSquares(x.shiftRight(2), random);
            for (int i = 0; i < quarter.length; i++) {
                quarter[i] = quarter[i].shiftLeft(1);
            }
            return quarter;
        }
        while (true) {
            BigInteger a = uniformAtMost(x.sqrt(), random);
            BigInteger rest = x.subtract(a.multiply(a));
            BigInteger b = uniformAtMost(rest.sqrt(), random);
            BigInteger m = rest.subtract(b.multiply(b));
            BigInteger[] cd = twoSquaresIfEasy(m);
            if (cd != null) {
                return new BigInteger[] {a, b, cd[0], cd[1]};
            }
        }
    }

    /**
     * Three integers whose squares sum to {@code n}, for n congruent to 1 modulo 4 (every such n is a sum of three
     * squares: Legendre's theorem excludes only 4^a (8b + 7)). Draws an even c at random with c^2 &lt;= n until
     * m = n - c^2 (congruent to 1 modulo 4) is 1 or a prime, and writes m as a^2 + b^2 with
     * {@link #twoSquaresOfPrime}. By the prime number theorem in arithmetic progressions about ln(n) / 2 draws
     * are expected. Small n are searched exhaustively. The range proofs write 4y + 1 this way to show y &gt;= 0.
     *
     * @param n      a positive integer congruent to 1 modulo 4
     * @param random where c is drawn from
     * @return {a, b, c}, each non-negative, with a^2 + b^2 + c^2 = n
     * @throws IllegalArgumentException if n is not positive or not 1 modulo 4
     */
    public static BigInteger[] threeSquares(BigInteger n, Random random) {
        if (n.signum() <= 0 || n.testBit(1) || !n.testBit(0)) {
            throw new IllegalArgumentException("three squares are written here only for n = 1 mod 4, got " + n);
        }
        if (n.bitLength() <= 20) {
            return threeSquaresBySearch(n.intValueExact());
        }
        BigInteger root = n.sqrt();
        if (root.multiply(root).equals(n)) {
            // n - c^2 = (r - c)(r + c) is then almost never prime: write n = r^2 + 0 + 0 directly.
            return new BigInteger[] {root, BigInteger.ZERO, BigInteger.ZERO};
        }
        BigInteger halfRoot = root.shiftRight(1);
        while (true) {
            BigInteger c = uniformAtMost(halfRoot, random).shiftLeft(1);
            BigInteger m = n.subtract(c.multiply(c));
            if (m.equals(BigInteger.ONE)) {
                return new BigInteger[] {BigInteger.ONE, BigInteger.ZERO, c};
            }
            if (m.isProbablePrime(64)) {
                BigInteger[] ab = twoSquaresOfPrime(m);
                return new BigInteger[] {ab[0], ab[1], c};
            }
        }
    }

    private static BigInteger[] threeSquaresBySearch(int n) {
        for (int a = (int) Math.sqrt(n); a >= 0; a--) {
            int ra = n - a * a;
            for (int b = Math.min(a, (int) Math.sqrt(ra)); b >= 0; b--) {
                int rb = ra - b * b;
                int c = (int) Math.sqrt(rb);
                while (c * c > rb) {
                    c--;
                }
                if (c * c == rb) {
                    return new BigInteger[] {BigInteger.valueOf(a), BigInteger.valueOf(b), BigInteger.valueOf(c)};
                }
            }
        }
        throw new AssertionError("Legendre's three-square theorem failed for " + n);
    }

    /**
     * The two squares {c, d} of a prime p congruent to 1 modulo 4 (Fermat's theorem), c^2 + d^2 = p: Cornacchia's
     * algorithm from a square root of -1 modulo p.
     *
     * @param p a prime with p = 1 (mod 4)
     * @return {c, d}, non-negative
     * @throws IllegalArgumentException if p is not 1 modulo 4 or no square root of -1 is found (p not prime)
     */
    public static BigInteger[] twoSquaresOfPrime(BigInteger p) {
        if (p.signum() <= 0 || p.mod(BigInteger.valueOf(4)).intValue() != 1) {
            throw new IllegalArgumentException("not a prime congruent to 1 modulo 4: " + p);
        }
        BigInteger minusOne = p.subtract(BigInteger.ONE);
        BigInteger quarter = minusOne.shiftRight(2);
        BigInteger root = null;
        for (BigInteger c = BigInteger.TWO; c.compareTo(BigInteger.valueOf(1000)) < 0; c = c.add(BigInteger.ONE)) {
            BigInteger candidate = c.modPow(quarter, p);
            if (candidate.multiply(candidate).mod(p).equals(minusOne)) {
                root = candidate;
                break;
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("no square root of -1 modulo " + p + ": not a prime");
        }
        BigInteger[] fromRoot = cornacchia(p, root);
        BigInteger[] result = fromRoot != null ? fromRoot : cornacchia(p, p.subtract(root));
        if (result == null) {
            throw new IllegalArgumentException(p + " is not a sum of two squares: not a prime");
        }
        return result;
    }

    private static BigInteger[] cornacchia(BigInteger p, BigInteger root) {
        BigInteger a = p;
        BigInteger b = root;
        BigInteger limit = p.sqrt();
        while (b.compareTo(limit) > 0) {
            BigInteger r = a.mod(b);
            a = b;
            b = r;
        }
        BigInteger rest = p.subtract(b.multiply(b));
        BigInteger d = rest.sqrt();
        return d.multiply(d).equals(rest) ? new BigInteger[] {b, d} : null;
    }

    /** {c, d} with c^2 + d^2 = m when m is 0, 1, 2 or a prime congruent to 1 modulo 4, else null. */
    private static BigInteger[] twoSquaresIfEasy(BigInteger m) {
        if (m.bitLength() <= 2 && m.intValue() <= 2) {
            int v = m.intValue();
            return new BigInteger[] {v == 0 ? BigInteger.ZERO : BigInteger.ONE, v == 2 ? BigInteger.ONE : BigInteger.ZERO};
        }
        if (!m.testBit(0) || m.testBit(1) || !m.isProbablePrime(64)) {
            return null;
        }
        return twoSquaresOfPrime(m);
    }

    private static BigInteger[] fourSquaresBySearch(int x) {
        for (int a = (int) Math.sqrt(x); a >= 0; a--) {
            int ra = x - a * a;
            for (int b = Math.min(a, (int) Math.sqrt(ra)); b >= 0; b--) {
                int rb = ra - b * b;
                for (int c = Math.min(b, (int) Math.sqrt(rb)); c >= 0; c--) {
                    int rc = rb - c * c;
                    int d = (int) Math.sqrt(rc);
                    while (d * d > rc) {
                        d--;
                    }
                    if (d * d == rc) {
                        return new BigInteger[] {BigInteger.valueOf(a), BigInteger.valueOf(b), BigInteger.valueOf(c),
                            BigInteger.valueOf(d)};
                    }
                }
            }
        }
        throw new AssertionError("Lagrange's theorem failed for " + x);
    }

    /** Uniform in [0, bound]. */
    private static BigInteger uniformAtMost(BigInteger bound, Random random) {
        BigInteger range = bound.add(BigInteger.ONE);
        BigInteger v;
        do {
            v = new BigInteger(range.bitLength(), random);
        } while (v.compareTo(range) >= 0);
        return v;
    }
}
