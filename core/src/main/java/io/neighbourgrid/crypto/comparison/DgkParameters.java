package io.neighbourgrid.crypto.comparison;

import java.math.BigInteger;

/**
 * Sizes of a DGK key (Damgard, Geisler, Kroigaard, "Efficient and secure comparison for on-line auctions", ACISP
 * 2007, with the 2009 correction): an RSA-size modulus n = pq, a small prime plaintext modulus u with
 * u | p - 1 and u | q - 1, and t-bit primes v_p | p - 1, v_q | q - 1 whose product is the order of the
 * randomiser h. Encryption randomness is 2.5t bits, as the correction requires.
 *
 * <p>The comparison puts values up to 3l + 2 into the plaintext space (the term s + x_i - y_i + 3 sum w_j of
 * Veugen's variant, plus the equality term), so a key serves comparisons of up to {@link #maxComparisonBits()}
 * bits, where 3 * maxComparisonBits + 2 &lt; u.
 *
 * @param modulusBits    bit length of n, in [{@value #MIN_MODULUS_BITS}, {@value #MAX_MODULUS_BITS}]
 * @param randomnessBits t, the bit length of v_p and v_q, in [{@value #MIN_RANDOMNESS_BITS},
 *                       {@value #MAX_RANDOMNESS_BITS}]
 * @param plaintextPrime u, an odd prime in [5, {@value #MAX_PLAINTEXT_PRIME}]
 */
public record DgkParameters(int modulusBits, int randomnessBits, int plaintextPrime) {
    /** Smallest modulus accepted (tests only; the market configuration sets the real minimum). */
    public static final int MIN_MODULUS_BITS = 512;
    /** Largest modulus accepted. */
    public static final int MAX_MODULUS_BITS = 8192;
    /** Smallest t accepted. */
    public static final int MIN_RANDOMNESS_BITS = 64;
    /** Largest t accepted. */
    public static final int MAX_RANDOMNESS_BITS = 512;
    /** Largest plaintext prime accepted: decryption by table lookup stays small. */
    public static final int MAX_PLAINTEXT_PRIME = 65_521;
    /** Default t of the DGK paper (the order of h is a 2t = 320-bit number). */
    public static final int DEFAULT_RANDOMNESS_BITS = 160;
    /** Default modulus size. */
    public static final int DEFAULT_MODULUS_BITS = 2048;
    /** Largest comparison bit length the protocol supports. */
    public static final int MAX_COMPARISON_BITS = 128;
    /** Default parameters: 2048-bit n, t = 160, u = 389 (the smallest prime above 3 * 128 + 2). */
    public static final DgkParameters DEFAULT = forComparisons(DEFAULT_MODULUS_BITS, MAX_COMPARISON_BITS);

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException naming the parameter out of range
     */
    public DgkParameters {
        if (modulusBits < MIN_MODULUS_BITS || modulusBits > MAX_MODULUS_BITS) {
            throw new IllegalArgumentException("DGK modulus bits must be in [" + MIN_MODULUS_BITS + ", "
                    + MAX_MODULUS_BITS + "], got " + modulusBits);
        }
        if (randomnessBits < MIN_RANDOMNESS_BITS || randomnessBits > MAX_RANDOMNESS_BITS) {
            throw new IllegalArgumentException("DGK randomness bits t must be in [" + MIN_RANDOMNESS_BITS + ", "
                    + MAX_RANDOMNESS_BITS + "], got " + randomnessBits);
        }
        if (plaintextPrime < 5 || plaintextPrime > MAX_PLAINTEXT_PRIME
                || !BigInteger.valueOf(plaintextPrime).isProbablePrime(64)) {
            throw new IllegalArgumentException("DGK plaintext modulus u must be a prime in [5, " + MAX_PLAINTEXT_PRIME
                    + "], got " + plaintextPrime);
        }
        if (!primeSizesFit(modulusBits, randomnessBits, plaintextPrime)) {
            throw new IllegalArgumentException("a " + modulusBits + "-bit DGK modulus leaves too little room for t = "
                    + randomnessBits + " and u = " + plaintextPrime + " (each prime p = 2 u v_p r_p + 1 needs r_p of "
                    + MIN_COFACTOR_BITS + " bits or more)");
        }
    }

    /** Smallest size of the random cofactor r_p in p = 2 u v_p r_p + 1. */
    static final int MIN_COFACTOR_BITS = 64;

    static boolean primeSizesFit(int modulusBits, int randomnessBits, int plaintextPrime) {
        int halfBits = modulusBits / 2;
        int fixedBits = 1 + 32 - Integer.numberOfLeadingZeros(plaintextPrime) + randomnessBits;
        return halfBits - fixedBits >= MIN_COFACTOR_BITS;
    }

    /**
     * Parameters for comparisons of up to {@code maxComparisonBits} bits: t = 160 and u the smallest prime above
     * 3 * maxComparisonBits + 2.
     */
    public static DgkParameters forComparisons(int modulusBits, int maxComparisonBits) {
        if (maxComparisonBits < 1 || maxComparisonBits > MAX_COMPARISON_BITS) {
            throw new IllegalArgumentException("comparison bits must be in [1, " + MAX_COMPARISON_BITS + "], got "
                    + maxComparisonBits);
        }
        int u = BigInteger.valueOf(minimumPlaintextPrimeExclusive(maxComparisonBits)).nextProbablePrime().intValueExact();
        return new DgkParameters(modulusBits, DEFAULT_RANDOMNESS_BITS, u);
    }

    /** The largest comparison bit length l with 3l + 2 &lt; u. */
    public int maxComparisonBits() {
        return Math.min(MAX_COMPARISON_BITS, (plaintextPrime - 3) / 3);
    }

    /** 3l + 2: every plaintext of the comparison lies in [-2, 3l + 2], so u must exceed it. */
    static int minimumPlaintextPrimeExclusive(int comparisonBits) {
        return 3 * comparisonBits + 2;
    }
}
