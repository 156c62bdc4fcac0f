package io.neighbourgrid.crypto.paillier;

import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.FixedBaseTable;
import io.neighbourgrid.crypto.math.NumberTheory;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The fixed base of fast randomizers that a Paillier key publishes (Damgard, Jurik, Nielsen, "A generalization of
 * Paillier's public-key system with applications to electronic voting", IJIS 2010, Section 4.2, the faster variant
 * of encryption): h = -x^2 mod N for a secret x, so that h has Jacobi symbol +1, and h_s = h^N mod N^2. A randomizer
 * is h_s^a mod N^2 for a uniform exponent a of {@link #exponentBits(int)} bits, an N-th residue whose N-th root
 * modulo N is h^a mod N: the same kind of value as the full-length r^N mod N^2 of plain Paillier, at a fraction of
 * the cost (a short exponent, and a fixed base, so a table of powers of h_s replaces every squaring).
 *
 * <p>Why the short exponent is safe, and what a bad h can do, is argued in {@code docs/crypto.md} (Paillier
 * section). Immutable; the table is built on the first randomizer and then shared by every thread.
 */
final class RandomizerBase {
    /** Window of the fixed-base table: 2^6 entries per 6-bit digit (about 2.4 MB at 2048 bits, 4.2 MB at 3072). */
    static final int TABLE_WINDOW = 6;
    private static final String DERIVATION_DOMAIN = "neighbourgrid/paillier-randomizer-base/v1";

    private final BigInteger n;
    private final BigInteger nSquared;
    private final BigInteger h;
    private final int exponentBits;
    private volatile BigInteger hs;
    private volatile FixedBaseTable table;

    private RandomizerBase(BigInteger n, BigInteger nSquared, BigInteger h) {
        this.n = n;
        this.nSquared = nSquared;
        this.h = h;
        this.exponentBits = exponentBits(n.bitLength());
    }

    /**
     * Validates h for modulus N: 1 &lt; h &lt; N - 1, a unit modulo N, with Jacobi symbol +1. Then h is neither
     * 1 nor -1 modulo N, and neither is h_s modulo N^2 (h_s = h^N is +-1 modulo N^2 only if h is +-1 modulo N,
     * since x -&gt; x^N is a bijection of Z*_N when gcd(N, phi(N)) = 1), so the randomizers are not all +-1.
     *
     * @throws InvalidPublicKeyException naming the failed check
     */
    static RandomizerBase validated(BigInteger n, BigInteger nSquared, BigInteger h) {
        if (h.compareTo(BigInteger.ONE) <= 0 || h.compareTo(n.subtract(BigInteger.ONE)) >= 0) {
            throw new InvalidPublicKeyException("randomizer base h must satisfy 1 < h < N - 1");
        }
        if (!h.gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidPublicKeyException("randomizer base h is not a unit modulo N (gcd(h, N) != 1)");
        }
        if (NumberTheory.jacobi(h, n) != 1) {
            throw new InvalidPublicKeyException("randomizer base h does not have Jacobi symbol +1 modulo N");
        }
        return new RandomizerBase(n, nSquared, h);
    }

    /**
     * The base of the key with primes p and q: h = -x^2 mod N with x read from SHAKE256 over the primes (domain
     * {@value #DERIVATION_DOMAIN}) and reduced modulo N from 128 bits more than N has. x is as unpredictable as
     * a random unit to anyone who does not know the primes, and the private key's encoding needs no new field: the
     * same primes always give the same public key.
     */
    static BigInteger derive(BigInteger p, BigInteger q, BigInteger n) {
        for (long counter = 0; ; counter++) {
            BigInteger x = new Transcript(DERIVATION_DOMAIN).append("p", p).append("q", q).append("counter", counter)
                    .challenge(n.bitLength() + 128).mod(n);
            BigInteger h = n.subtract(x.multiply(x).mod(n));
            if (h.compareTo(BigInteger.ONE) > 0 && h.compareTo(n.subtract(BigInteger.ONE)) < 0
                    && h.gcd(n).equals(BigInteger.ONE)) {
                return h;
            }
        }
    }

    /**
     * Length of the exponent a for a modulus of {@code modulusBits} bits: four times the modulus's security level
     * (NIST SP 800-57 Part 1, Table 2: 80 bits up to 1024-bit moduli, 112 to 2048, 128 to 3072, 192 to 7680,
     * 256 above), so 448 bits at 2048 and 512 at 3072. The generic attacks on a short exponent (Pollard's lambda
     * method, van Oorschot-Wiener) take 2^{bits/2} = 2^{2 lambda} steps, the square of what factoring N costs.
     */
    static int exponentBits(int modulusBits) {
        int securityBits;
        if (modulusBits <= 1024) {
            securityBits = 80;
        } else if (modulusBits <= 2048) {
            securityBits = 112;
        } else if (modulusBits <= 3072) {
            securityBits = 128;
        } else if (modulusBits <= 7680) {
            securityBits = 192;
        } else {
            securityBits = 256;
        }
        return 4 * securityBits;
    }

    /** h, in (1, N - 1). */
    BigInteger h() {
        return h;
    }

    /** h_s = h^N mod N^2, computed once. */
    BigInteger hs() {
        BigInteger v = hs;
        if (v == null) {
            v = h.modPow(n, nSquared);
            hs = v;
        }
        return v;
    }

    /** Bits of the exponent a. */
    int exponentBits() {
        return exponentBits;
    }

    /** A uniform exponent a of {@link #exponentBits()} bits, non-zero. */
    BigInteger exponent(SecureRandom random) {
        BigInteger a;
        do {
            a = new BigInteger(exponentBits, random);
        } while (a.signum() == 0);
        return a;
    }

    /** h_s^a mod N^2, from the fixed-base table. */
    BigInteger power(BigInteger a) {
        return table().pow(a);
    }

    /** The N-th root modulo N of h_s^a: h^a mod N. */
    BigInteger root(BigInteger a) {
        return h.modPow(a, n);
    }

    private FixedBaseTable table() {
        FixedBaseTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = new FixedBaseTable(hs(), new BarrettReducer(nSquared), exponentBits, TABLE_WINDOW);
                    table = t;
                }
            }
        }
        return t;
    }
}
