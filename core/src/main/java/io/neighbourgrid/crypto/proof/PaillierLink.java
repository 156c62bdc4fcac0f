package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The Paillier half of a range or contribution proof (CGGMP21, Pi^enc): a ciphertext C = (1 + N)^x rho^N mod N^2
 * hides the integer the ring-Pedersen half committed to. Announcement E = (1 + N)^alpha zeta^N with the same mask
 * alpha as the commitment's announcement, response y = zeta rho^e mod N, and the equation
 * (1 + N)^z y^N = E C^e mod N^2, where z is the integer response of the ring-Pedersen half (a combination of
 * responses for a packed plaintext). (1 + N)^alpha = 1 + alpha N mod N^2, so the only exponentiation of the
 * announcement is zeta^N, which does not depend on the values.
 */
final class PaillierLink {
    private PaillierLink() {
    }

    /**
     * Requires c = (1 + N)^x rho^N mod N^2: a prover must know what it proves.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    static void requireOpening(PaillierPublicKey key, Ciphertext c, BigInteger x, BigInteger rho, String what) {
        BigInteger n = key.modulus();
        BigInteger nn = key.modulusSquared();
        BigInteger expected = BigInteger.ONE.add(x.mod(n).multiply(n)).multiply(rho.modPow(n, nn)).mod(nn);
        if (!expected.equals(c.value())) {
            throw new IllegalArgumentException(what + ": the ciphertext is not an encryption of the value with the"
                    + " given randomness");
        }
    }

    /** The randomness rho of c = (1 + N)^x rho^N, recovered by the key holder: the N-th root of c (1 + N)^-x. */
    static BigInteger randomnessOf(PaillierPrivateKey key, Ciphertext c, BigInteger x) {
        PaillierPublicKey pub = key.publicKey();
        BigInteger n = pub.modulus();
        BigInteger residue = c.value().multiply(BigInteger.ONE.add(x.negate().mod(n).multiply(n)))
                .mod(pub.modulusSquared());
        return key.nthRootModN(residue);
    }

    /**
     * Requires c = (1 + N)^x rho^N mod N^2 for a randomizer whose rho^N is known: one multiplication.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    static void requireOpening(PaillierPublicKey key, Ciphertext c, BigInteger x, Randomizer rho, String what) {
        if (!rho.key().equals(key)) {
            throw new IllegalArgumentException(what + ": the randomizer is for another key");
        }
        BigInteger n = key.modulus();
        BigInteger nn = key.modulusSquared();
        if (!BigInteger.ONE.add(x.mod(n).multiply(n)).multiply(rho.value()).mod(nn).equals(c.value())) {
            throw new IllegalArgumentException(what + ": the ciphertext is not an encryption of the value with the"
                    + " given randomness");
        }
    }

    /** The announcement's randomness: zeta and zeta^N mod N^2. */
    record Nonce(BigInteger zeta, BigInteger residue) {
        /** A uniform zeta in Z*_N, its N-th power computed here (one full exponentiation modulo N^2). */
        static Nonce fresh(PaillierPublicKey key, SecureRandom random) {
            BigInteger zeta = NoSmallFactorProof.uniformUnit(key.modulus(), random);
            return new Nonce(zeta, zeta.modPow(key.modulus(), key.modulusSquared()));
        }

        /**
         * A precomputed randomizer of the key as the nonce: for a key with a randomizer base, zeta = h^a mod N with
         * a short a, indistinguishable from a uniform unit under the same assumption as the encryption's
         * randomizers (docs/crypto.md). Single use, like every randomizer.
         */
        static Nonce of(PaillierPublicKey key, Randomizer r) {
            if (!r.key().equals(key)) {
                throw new IllegalArgumentException("an announcement randomizer is for another key");
            }
            return new Nonce(r.root(), r.value());
        }
    }

    /** E = (1 + N)^alpha zeta^N mod N^2 for the mask alpha. */
    static BigInteger announce(PaillierPublicKey key, BigInteger alpha, Nonce nonce) {
        BigInteger n = key.modulus();
        BigInteger g = BigInteger.ONE.add(alpha.mod(n).multiply(n));
        return g.multiply(nonce.residue()).mod(key.modulusSquared());
    }

    /** {E, zeta} for the mask alpha, with a fresh nonce. */
    static BigInteger[] announce(PaillierPublicKey key, BigInteger alpha, SecureRandom random) {
        Nonce nonce = Nonce.fresh(key, random);
        return new BigInteger[] {announce(key, alpha, nonce), nonce.zeta()};
    }

    /** y = zeta rho^e mod N. */
    static BigInteger respond(PaillierPublicKey key, BigInteger zeta, BigInteger rho, BigInteger e) {
        BigInteger n = key.modulus();
        return zeta.multiply(rho.modPow(e, n)).mod(n);
    }

    /**
     * E must be a unit in (0, N^2) and y a unit in (0, N).
     *
     * @throws InvalidProofException naming the defect
     */
    static void checkShape(PaillierPublicKey key, BigInteger commitE, BigInteger y, String what) {
        BigInteger n = key.modulus();
        if (commitE.signum() <= 0 || commitE.compareTo(key.modulusSquared()) >= 0) {
            throw new InvalidProofException(what + " check failed: " + "E is not in (0, N^2)");
        }
        if (y.signum() <= 0 || y.compareTo(n) >= 0) {
            throw new InvalidProofException(what + " check failed: y is not in (0, N)");
        }
        if (!commitE.multiply(y).gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidProofException(what + " check failed: E or y is not a unit");
        }
    }

    /** Adds (1 + N)^z y^N = E C^e. */
    static void addEquation(ProductEquations eq, String name, BigInteger z, BigInteger commitE, BigInteger y,
                            Ciphertext c, BigInteger e) {
        eq.begin(name).onePlusN(z).nthPower(y).factor(commitE, BigInteger.ONE.negate()).factor(c.value(), e.negate())
                .end();
    }
}
