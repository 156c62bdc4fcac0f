package io.neighbourgrid.crypto.math;

import java.math.BigInteger;

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
}
