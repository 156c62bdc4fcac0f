package io.neighbourgrid.crypto.comparison;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * DGK key generation (Damgard, Geisler, Kroigaard, ACISP 2007): primes p = 2 u v_p r_p + 1 and
 * q = 2 u v_q r_q + 1 with v_p, v_q random t-bit primes and r_p, r_q random cofactors filling the half size;
 * g = CRT(g_p, g_q) with g_p of order u v_p modulo p and g_q of order u v_q modulo q (so g has order u v_p v_q);
 * h = CRT(h_p, h_q) with h_p of order v_p and h_q of order v_q (so h has order v_p v_q).
 *
 * <p>Candidates p are first sieved with one gcd against the product of the primes below 2000 before the
 * probabilistic primality test. Each prime is forced to have its two top bits set, so n has exactly the
 * requested size.
 */
final class DgkKeyGenerator {
    private static final BigInteger SIEVE = oddPrimesProduct(2000);
    private static final int PRIMALITY_CERTAINTY = 128;

    private DgkKeyGenerator() {
    }

    static ComparisonKeyPair generate(DgkParameters params, SecureRandom random) {
        BigInteger u = BigInteger.valueOf(params.plaintextPrime());
        int t = params.randomnessBits();
        int pBits = params.modulusBits() / 2;
        int qBits = params.modulusBits() - pBits;
        while (true) {
            BigInteger vp = BigInteger.probablePrime(t, random);
            BigInteger vq = BigInteger.probablePrime(t, random);
            if (vp.equals(vq)) {
                continue;
            }
            BigInteger p = prime(pBits, u, vp, vq, random);
            BigInteger q = prime(qBits, u, vq, vp, random);
            BigInteger n = p.multiply(q);
            if (p.equals(q) || n.bitLength() != params.modulusBits()) {
                continue;
            }
            BigInteger gp = elementOfOrderUV(p, u, vp, random);
            BigInteger gq = elementOfOrderUV(q, u, vq, random);
            BigInteger hp = elementOfPrimeOrder(p, vp, random);
            BigInteger hq = elementOfPrimeOrder(q, vq, random);
            BigInteger g = crt(gp, p, gq, q);
            BigInteger h = crt(hp, p, hq, q);
            DgkPublicKey publicKey = DgkPublicKey.of(n, g, h, params.plaintextPrime(), t);
            DgkPrivateKey privateKey = DgkPrivateKey.of(publicKey, p, q, vp, vq);
            return new ComparisonKeyPair(publicKey, privateKey);
        }
    }

    /**
     * A prime p = 2 u v r + 1 of exactly {@code bits} bits with its two top bits set, where the cofactor r is
     * coprime to u, v and {@code otherV} (so u^2, v^2 and the other prime's v do not divide p - 1 and the
     * subgroups used by g and h are the unique ones of their order).
     */
    private static BigInteger prime(int bits, BigInteger u, BigInteger v, BigInteger otherV, SecureRandom random) {
        BigInteger step = BigInteger.TWO.multiply(u).multiply(v);
        BigInteger low = BigInteger.valueOf(3).shiftLeft(bits - 2);
        BigInteger high = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        // r in [rMin, rMax] keeps step * r + 1 in [3 * 2^{bits-2}, 2^bits - 1].
        BigInteger rMin = low.subtract(BigInteger.ONE).add(step).subtract(BigInteger.ONE).divide(step);
        BigInteger rMax = high.subtract(BigInteger.ONE).divide(step);
        BigInteger span = rMax.subtract(rMin).add(BigInteger.ONE);
        while (true) {
            BigInteger r = rMin.add(uniformBelow(span, random));
            if (r.mod(u).signum() == 0 || r.mod(v).signum() == 0 || r.mod(otherV).signum() == 0) {
                continue;
            }
            BigInteger candidate = step.multiply(r).add(BigInteger.ONE);
            if (!candidate.gcd(SIEVE).equals(BigInteger.ONE)) {
                continue;
            }
            if (candidate.isProbablePrime(PRIMALITY_CERTAINTY)) {
                return candidate;
            }
        }
    }

    /** a^{(p-1)/(u v)} for random a, retried until it has order exactly u v. */
    private static BigInteger elementOfOrderUV(BigInteger p, BigInteger u, BigInteger v, SecureRandom random) {
        BigInteger cofactor = p.subtract(BigInteger.ONE).divide(u.multiply(v));
        while (true) {
            BigInteger x = randomUnit(p, random).modPow(cofactor, p);
            if (!x.modPow(u, p).equals(BigInteger.ONE) && !x.modPow(v, p).equals(BigInteger.ONE)) {
                return x;
            }
        }
    }

    /** a^{(p-1)/v} for random a, retried until it is not 1 (so it has prime order v). */
    private static BigInteger elementOfPrimeOrder(BigInteger p, BigInteger v, SecureRandom random) {
        BigInteger cofactor = p.subtract(BigInteger.ONE).divide(v);
        while (true) {
            BigInteger x = randomUnit(p, random).modPow(cofactor, p);
            if (!x.equals(BigInteger.ONE)) {
                return x;
            }
        }
    }

    private static BigInteger randomUnit(BigInteger p, SecureRandom random) {
        return BigInteger.TWO.add(uniformBelow(p.subtract(BigInteger.valueOf(3)), random));
    }

    /** The x mod pq with x = a mod p and x = b mod q. */
    private static BigInteger crt(BigInteger a, BigInteger p, BigInteger b, BigInteger q) {
        BigInteger k = a.subtract(b).multiply(q.modInverse(p)).mod(p);
        return b.add(q.multiply(k));
    }

    /** Uniform in [0, bound), by rejection sampling on bits(bound) random bits. */
    static BigInteger uniformBelow(BigInteger bound, SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(bound.bitLength(), random);
        } while (r.compareTo(bound) >= 0);
        return r;
    }

    /** The product of the odd primes below {@code bound}, for sieving and small-factor tests with one gcd. */
    static BigInteger oddPrimesProduct(int bound) {
        BigInteger product = BigInteger.ONE;
        for (int p = 3; p < bound; p += 2) {
            if (BigInteger.valueOf(p).isProbablePrime(64)) {
                product = product.multiply(BigInteger.valueOf(p));
            }
        }
        return product;
    }
}
