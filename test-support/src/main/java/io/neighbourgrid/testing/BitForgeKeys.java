package io.neighbourgrid.testing;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Paillier moduli of the BitForge attacks (Makriyannis, Yomtov, Galansky 2023; CVE-2023-33241) and the registration
 * proofs a dishonest home would send with them, for tests of the contract and its clients. A modulus p q with a
 * small Blum prime p (1019, or of 20 or 120 bits) and a large Blum prime q passes the modulus checks of
 * {@link PaillierPublicKey#of} and has a valid key-correctness proof (it is a Paillier-Blum modulus): only the
 * no-small-factor proof can exclude it.
 *
 * <p>The provers here are written from {@code docs/crypto.md} (transcripts and byte layouts), using only the public
 * API of the core, so they also check that the documented formats are the implemented ones.
 */
public final class BitForgeKeys {
    private static final BigInteger FOUR = BigInteger.valueOf(4);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    /**
     * A modulus with a small factor.
     *
     * @param small the small prime factor p
     * @param large the large prime factor q
     */
    public record WeakModulus(BigInteger small, BigInteger large) {
        public WeakModulus {
            Objects.requireNonNull(small, "small");
            Objects.requireNonNull(large, "large");
        }

        /** N0 = p q. */
        public BigInteger modulus() {
            return small.multiply(large);
        }

        /** The public key of N0 (it passes every check of {@link PaillierPublicKey#of}). */
        public PaillierPublicKey publicKey() {
            return PaillierPublicKey.of(modulus());
        }
    }

    private BitForgeKeys() {
    }

    /**
     * A Paillier-Blum modulus of exactly {@code bits} bits with the given small Blum prime.
     *
     * @param small  a prime, 3 mod 4, at least 1000 (so that trial division to 1000 misses it)
     * @param bits   the modulus length
     * @param random the source of the large prime
     */
    public static WeakModulus withSmallFactor(BigInteger small, int bits, SecureRandom random) {
        if (!small.isProbablePrime(64) || !small.mod(FOUR).equals(THREE)) {
            throw new IllegalArgumentException("the small factor must be a prime that is 3 mod 4");
        }
        while (true) {
            for (int length : new int[] {bits - small.bitLength(), bits - small.bitLength() + 1}) {
                BigInteger q = blumPrime(length, random);
                BigInteger n = small.multiply(q);
                BigInteger phi = small.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
                if (n.bitLength() == bits && n.gcd(phi).equals(BigInteger.ONE)) {
                    return new WeakModulus(small, q);
                }
            }
        }
    }

    /** A Blum prime (3 mod 4) of exactly {@code bits} bits. */
    public static BigInteger blumPrime(int bits, SecureRandom random) {
        while (true) {
            BigInteger p = BigInteger.probablePrime(bits, random);
            if (p.mod(FOUR).equals(THREE)) {
                return p;
            }
        }
    }

    /**
     * The key-correctness proof (Pi^mod) of a weak modulus, made by the honest prover's algorithm with its
     * factorisation: it verifies, because a weak modulus is a Paillier-Blum modulus.
     *
     * @return the proof, Base64, in the layout of {@code docs/crypto.md} section 3
     */
    public static String modulusProof(WeakModulus m, ProofContext context, SecureRandom random) {
        BigInteger p = m.small();
        BigInteger q = m.large();
        BigInteger n = m.modulus();
        int length = (n.bitLength() + 7) / 8;
        BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        BigInteger nInverse = n.modInverse(phi);
        while (true) {
            BigInteger w;
            do {
                w = new BigInteger(n.bitLength(), random).mod(n);
            } while (w.signum() == 0 || !w.gcd(n).equals(BigInteger.ONE) || legendre(w, p) * legendre(w, q) != -1);
            Transcript t = new Transcript(KeyCorrectnessProof.DOMAIN).append("N", n)
                    .append("w", Bytes.fixedWidth(w, length));
            BigInteger[] y = context.bindTo(t).challengesBelow(n, KeyCorrectnessProof.ROUNDS);
            boolean units = true;
            for (BigInteger yi : y) {
                units &= yi.gcd(n).equals(BigInteger.ONE);
            }
            if (!units) {
                continue;
            }
            Bytes.Writer out = new Bytes.Writer().u8(1).u32(length).u8(KeyCorrectnessProof.ROUNDS).fixed(w, length);
            for (BigInteger yi : y) {
                boolean useW = legendre(yi, p) != legendre(yi, q);
                BigInteger target = useW ? yi.multiply(w).mod(n) : yi;
                boolean negate = legendre(target, p) == -1;
                if (negate) {
                    target = n.subtract(target);
                }
                BigInteger x = crt(fourthRoot(target, p), fourthRoot(target, q), p, q);
                out.u8((negate ? 1 : 0) | (useW ? 2 : 0)).fixed(x, length).fixed(yi.modPow(nInverse, n), length);
            }
            return Bytes.toBase64(out.toByteArray());
        }
    }

    /** What a dishonest prover does about the no-small-factor proof. */
    public enum Cheat {
        /**
         * Runs the prover's algorithm with stand-in factors p' = q' = isqrt(N0), so that z1 and z2 are in range; the
         * check Q^z1 t^v = T R^e fails because N0 != p' q'.
         */
        BALANCED_STAND_INS,
        /**
         * Runs the prover's algorithm with the true factors and reduces z2 = beta + e q (far out of range, and too
         * wide for the encoding) into range; the check s^z2 t^w2 = B Q^e fails.
         */
        RESPONSE_FORCED_INTO_RANGE
    }

    /**
     * A no-small-factor proof of a weak modulus by a dishonest prover, encoded in the documented layout.
     *
     * @return the proof, Base64
     */
    public static String factorProof(WeakModulus m, Cheat cheat, RingPedersenParameters params,
                                     ProofContext context, SecureRandom random) {
        BigInteger n0 = m.modulus();
        BigInteger root = n0.sqrt();
        return switch (cheat) {
            case BALANCED_STAND_INS -> factorProof(n0, root, root, false, params, context, random);
            case RESPONSE_FORCED_INTO_RANGE -> factorProof(n0, m.small(), m.large(), true, params, context, random);
        };
    }

    /** The prover's algorithm of docs/crypto.md for claimed factors p, q of n0. */
    private static String factorProof(BigInteger n0, BigInteger p, BigInteger q, boolean forceRange,
                                      RingPedersenParameters params, ProofContext context, SecureRandom random) {
        int l = NoSmallFactorProof.CHALLENGE_BITS;
        int eps = NoSmallFactorProof.SLACK_BITS;
        BigInteger nHat = params.modulus();
        BigInteger s = params.s();
        BigInteger t = params.t();
        BigInteger bound = NoSmallFactorProof.responseBound(n0);
        BigInteger alpha = uniform(bound, random);
        BigInteger beta = uniform(bound, random);
        BigInteger mu = uniform(nHat.shiftLeft(l), random);
        BigInteger nu = uniform(nHat.shiftLeft(l), random);
        BigInteger sigma = uniform(n0.multiply(nHat).shiftLeft(l), random);
        BigInteger r = uniform(n0.multiply(nHat).shiftLeft(l + eps), random);
        BigInteger x = uniform(nHat.shiftLeft(l + eps), random);
        BigInteger y = uniform(nHat.shiftLeft(l + eps), random);
        BigInteger commitP = pow(s, p, nHat).multiply(pow(t, mu, nHat)).mod(nHat);
        BigInteger commitQ = pow(s, q, nHat).multiply(pow(t, nu, nHat)).mod(nHat);
        BigInteger commitA = pow(s, alpha, nHat).multiply(pow(t, x, nHat)).mod(nHat);
        BigInteger commitB = pow(s, beta, nHat).multiply(pow(t, y, nHat)).mod(nHat);
        BigInteger commitT = pow(commitQ, alpha, nHat).multiply(pow(t, r, nHat)).mod(nHat);
        BigInteger e = NoSmallFactorProof.challenge(n0, params, commitP, commitQ, commitA, commitB, commitT, sigma,
                context);
        BigInteger z1 = alpha.add(e.multiply(p));
        BigInteger z2 = beta.add(e.multiply(q));
        if (forceRange) {
            z2 = z2.mod(bound);
        }
        BigInteger v = r.add(e.multiply(sigma.subtract(nu.multiply(p))));
        int l0 = (n0.bitLength() + 7) / 8;
        int lHat = params.modulusBytes();
        Bytes.Writer out = new Bytes.Writer().u8(1).u32(l0).u32(lHat).raw(params.fingerprintBytes())
                .fixed(commitP, lHat).fixed(commitQ, lHat).fixed(commitA, lHat).fixed(commitB, lHat)
                .fixed(commitT, lHat)
                .signed(sigma, l / 8 + l0 + lHat)
                .signed(z1, (l + NoSmallFactorProof.RESPONSE_SLACK_BITS) / 8 + (l0 + 1) / 2)
                .signed(z2, (l + NoSmallFactorProof.RESPONSE_SLACK_BITS) / 8 + (l0 + 1) / 2)
                .signed(x.add(e.multiply(mu)), (l + eps) / 8 + 1 + lHat)
                .signed(y.add(e.multiply(nu)), (l + eps) / 8 + 1 + lHat)
                .signed(v, (l + eps) / 8 + 1 + l0 + lHat);
        return Bytes.toBase64(out.toByteArray());
    }

    private static BigInteger uniform(BigInteger bound, SecureRandom random) {
        BigInteger range = bound.shiftLeft(1).add(BigInteger.ONE);
        BigInteger v;
        do {
            v = new BigInteger(range.bitLength(), random);
        } while (v.compareTo(range) >= 0);
        return v.subtract(bound);
    }

    private static BigInteger pow(BigInteger base, BigInteger exponent, BigInteger m) {
        return exponent.signum() >= 0 ? base.modPow(exponent, m) : base.modInverse(m).modPow(exponent.negate(), m);
    }

    private static int legendre(BigInteger v, BigInteger p) {
        return v.mod(p).modPow(p.subtract(BigInteger.ONE).shiftRight(1), p).equals(BigInteger.ONE) ? 1 : -1;
    }

    /** A fourth root of a square modulo a Blum prime: s^(((p+1)/4)^2). */
    private static BigInteger fourthRoot(BigInteger square, BigInteger p) {
        BigInteger e = p.add(BigInteger.ONE).shiftRight(2).pow(2).mod(p.subtract(BigInteger.ONE));
        return square.mod(p).modPow(e, p);
    }

    private static BigInteger crt(BigInteger xp, BigInteger xq, BigInteger p, BigInteger q) {
        BigInteger h = xp.subtract(xq).multiply(q.modInverse(p)).mod(p);
        return xq.add(h.multiply(q));
    }
}
