package io.neighbourgrid.crypto.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Key generation. The primes are Blum primes (p = q = 3 mod 4) of exactly half the modulus length, so that the
 * key-correctness proof (Paillier-Blum modulus proof) can be produced, and N has exactly the requested length.
 *
 * @param publicKey  the public key
 * @param privateKey the matching private key
 */
public record PaillierKeyPair(PaillierPublicKey publicKey, PaillierPrivateKey privateKey) {
    /** Default modulus length. */
    public static final int DEFAULT_BITS = 2048;
    private static final BigInteger FOUR = BigInteger.valueOf(4);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    public PaillierKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!publicKey.equals(privateKey.publicKey())) {
            throw new IllegalArgumentException("public and private key do not match");
        }
    }

    /** Generates a key pair with a modulus of exactly {@code bits} bits (an even number, at least 256). */
    public static PaillierKeyPair generate(int bits, SecureRandom random) {
        if (bits < PaillierPublicKey.MIN_BITS || bits % 2 != 0 || bits > PaillierPublicKey.MAX_BITS) {
            throw new IllegalArgumentException("Paillier modulus length must be even and in ["
                    + PaillierPublicKey.MIN_BITS + ", " + PaillierPublicKey.MAX_BITS + "], got " + bits);
        }
        int half = bits / 2;
        while (true) {
            BigInteger p = blumPrime(half, random);
            BigInteger q = blumPrime(half, random);
            if (p.equals(q) || p.multiply(q).bitLength() != bits) {
                continue;
            }
            // |p - q| must not be small, or Fermat factoring finds them.
            if (p.subtract(q).abs().bitLength() < half - 100) {
                continue;
            }
            PaillierPrivateKey sk = new PaillierPrivateKey(p, q);
            return new PaillierKeyPair(sk.publicKey(), sk);
        }
    }

    private static BigInteger blumPrime(int bits, SecureRandom random) {
        while (true) {
            BigInteger candidate = BigInteger.probablePrime(bits, random);
            // Both top bits set keeps p*q at exactly 2*bits bits.
            if (candidate.mod(FOUR).equals(THREE) && candidate.testBit(bits - 2)) {
                return candidate;
            }
        }
    }
}
