package io.neighbourgrid.crypto.math;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Simultaneous multi-exponentiation prod_i b_i^{k_i} mod m by Straus' method with a sliding window per base
 * ("interleaved" exponentiation, B. Moeller, "Algorithms for multi-exponentiation", SAC 2001): every base gets a
 * table of its odd powers, its exponent is recoded into windows of its own width, and all bases then share one
 * chain of squarings. For n bases with exponents of at most L bits this costs L squarings plus about
 * sum_i (2^{w_i - 1} + bits(k_i) / (w_i + 1)) multiplications, instead of the n * L squarings of n separate
 * exponentiations. Batch verification of decryption proofs (129-bit coefficients over hundreds of claims) and the
 * price-weighted lines of a bill aggregate (one base per distinct price) are built on it.
 *
 * <p>Products are reduced with a {@link BarrettReducer}, which can be shared with the caller's other arithmetic
 * modulo the same modulus. Not constant time: only public values (proofs, ciphertexts, public coefficients and
 * prices) are exponentiated here. Collects factors, so one instance is used by one thread; {@link #compute()} does
 * not consume them and may be called again.
 *
 * <pre>{@code
 * BigInteger product = new MultiExponentiation(modulus)
 *         .add(b1, k1)
 *         .add(b2, k2)
 *         .compute(); // b1^k1 * b2^k2 mod modulus
 * }</pre>
 */
public final class MultiExponentiation {
    /** Widest window considered: a ninth bit (256 odd powers) would pay only for exponents above 11 000 bits. */
    private static final int MAX_WINDOW = 8;

    private final BigInteger modulus;
    private final BarrettReducer reducer;
    private final List<BigInteger> bases = new ArrayList<>();
    private final List<BigInteger> exponents = new ArrayList<>();

    /**
     * A multi-exponentiation modulo {@code modulus}, with its own reducer.
     *
     * @param modulus the modulus, at least 2
     * @throws IllegalArgumentException if the modulus is below 2
     */
    public MultiExponentiation(BigInteger modulus) {
        this(new BarrettReducer(modulus));
    }

    /**
     * A multi-exponentiation modulo the reducer's modulus, reusing its precomputation.
     *
     * @param reducer the reducer of the modulus
     */
    public MultiExponentiation(BarrettReducer reducer) {
        this.reducer = Objects.requireNonNull(reducer, "reducer");
        this.modulus = reducer.modulus();
    }

    /**
     * Adds the factor base^exponent.
     *
     * @param base     any integer; reduced modulo the modulus here if it is not already
     * @param exponent a non-negative exponent
     * @return this, for chaining
     * @throws IllegalArgumentException if the exponent is negative
     */
    public MultiExponentiation add(BigInteger base, BigInteger exponent) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(exponent, "exponent");
        if (exponent.signum() < 0) {
            throw new IllegalArgumentException("multi-exponentiation needs non-negative exponents, got one of "
                    + exponent.bitLength() + " bits below zero");
        }
        bases.add(base.signum() < 0 || base.compareTo(modulus) >= 0 ? base.mod(modulus) : base);
        exponents.add(exponent);
        return this;
    }

    /**
     * The product of all added factors.
     *
     * @return prod_i base_i^{exponent_i} mod m, in [0, m); 1 if no factor (or only zero exponents) was added
     */
    public BigInteger compute() {
        int n = bases.size();
        int maxBits = 0;
        for (BigInteger k : exponents) {
            maxBits = Math.max(maxBits, k.bitLength());
        }
        if (maxBits == 0) {
            return BigInteger.ONE;
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
            int largestDigit = recode(k, windowFor(k.bitLength()), b, events);
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

    /** The window width minimising the table cost 2^{w-1} plus the expected number of windows bits / (w + 1). */
    static int windowFor(int bits) {
        int best = 1;
        double bestCost = Double.MAX_VALUE;
        for (int w = 1; w <= MAX_WINDOW; w++) {
            double cost = (1 << (w - 1)) + bits / (double) (w + 1);
            if (cost < bestCost) {
                bestCost = cost;
                best = w;
            }
        }
        return best;
    }
}
