package io.neighbourgrid.crypto.proof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Simultaneous multi-exponentiation prod_i b_i^{k_i} mod M (Straus' method with a sliding window per base,
 * "interleaved" exponentiation; Moeller 2001): every base gets a table of its odd powers and its exponent is
 * recoded into windows, and all bases then share one chain of squarings. For n bases with exponents of at most
 * L bits this costs L squarings plus about sum_i (2^{w_i - 1} + bits(k_i) / (w_i + 1)) multiplications, instead
 * of n * L squarings for n separate exponentiations. Batch verification of decryption proofs is built on it.
 *
 * <p>Products are reduced with {@link BarrettReducer}, about twice as fast as {@link BigInteger#mod} at these
 * sizes. Not constant time: only public values (proofs, ciphertexts, public coefficients) are exponentiated here.
 */
final class MultiExponentiation {
    private final BigInteger modulus;
    private final BarrettReducer reducer;
    private final List<BigInteger> bases = new ArrayList<>();
    private final List<BigInteger> exponents = new ArrayList<>();

    MultiExponentiation(BigInteger modulus) {
        this.modulus = modulus;
        this.reducer = new BarrettReducer(modulus);
    }

    /** Adds the factor base^exponent (exponent non-negative). */
    MultiExponentiation add(BigInteger base, BigInteger exponent) {
        if (exponent.signum() < 0) {
            throw new IllegalArgumentException("multi-exponentiation needs non-negative exponents");
        }
        bases.add(base.mod(modulus));
        exponents.add(exponent);
        return this;
    }

    /** The product of all added factors modulo the modulus. */
    BigInteger compute() {
        int n = bases.size();
        int maxBits = 0;
        for (BigInteger k : exponents) {
            maxBits = Math.max(maxBits, k.bitLength());
        }
        if (maxBits == 0) {
            return BigInteger.ONE.mod(modulus);
        }
        // For each bit position, the (base, odd digit) pairs whose window ends there.
        List<List<int[]>> events = new ArrayList<>(maxBits);
        for (int i = 0; i < maxBits; i++) {
            events.add(null);
        }
        BigInteger[][] tables = new BigInteger[n][];
        for (int b = 0; b < n; b++) {
            BigInteger k = exponents.get(b);
            if (k.signum() == 0) {
                continue;
            }
            int w = windowFor(k.bitLength());
            int largestDigit = recode(k, w, b, events);
            tables[b] = oddPowers(bases.get(b), largestDigit);
        }
        BigInteger acc = BigInteger.ONE;
        boolean started = false;
        for (int pos = maxBits - 1; pos >= 0; pos--) {
            if (started) {
                acc = reducer.square(acc);
            }
            List<int[]> here = events.get(pos);
            if (here == null) {
                continue;
            }
            for (int[] e : here) {
                BigInteger factor = tables[e[0]][e[1] >>> 1];
                acc = started ? reducer.multiply(acc, factor) : factor;
                started = true;
            }
        }
        return acc;
    }

    /**
     * Left-to-right sliding-window recoding of k with windows of at most w bits, each ending in a 1 bit; records
     * (base, digit) at the position of the window's lowest bit. Returns the largest digit.
     */
    private static int recode(BigInteger k, int w, int base, List<List<int[]>> events) {
        int largest = 1;
        int i = k.bitLength() - 1;
        while (i >= 0) {
            if (!k.testBit(i)) {
                i--;
                continue;
            }
            int j = Math.max(i - w + 1, 0);
            while (!k.testBit(j)) {
                j++;
            }
            int digit = 0;
            for (int t = i; t >= j; t--) {
                digit = (digit << 1) | (k.testBit(t) ? 1 : 0);
            }
            List<int[]> at = events.get(j);
            if (at == null) {
                at = new ArrayList<>(4);
                events.set(j, at);
            }
            at.add(new int[] {base, digit});
            largest = Math.max(largest, digit);
            i = j - 1;
        }
        return largest;
    }

    /** b, b^3, b^5, ..., up to b^largestOddDigit. */
    private BigInteger[] oddPowers(BigInteger b, int largestOddDigit) {
        BigInteger[] table = new BigInteger[(largestOddDigit >>> 1) + 1];
        table[0] = b;
        if (table.length > 1) {
            BigInteger square = reducer.square(b);
            for (int t = 1; t < table.length; t++) {
                table[t] = reducer.multiply(table[t - 1], square);
            }
        }
        return table;
    }

    /** The window size minimising table cost 2^{w-1} plus expected windows bits / (w + 1). */
    static int windowFor(int bits) {
        int best = 1;
        double bestCost = Double.MAX_VALUE;
        for (int w = 1; w <= 8; w++) {
            double cost = (1 << (w - 1)) + bits / (double) (w + 1);
            if (cost < bestCost) {
                bestCost = cost;
                best = w;
            }
        }
        return best;
    }
}
