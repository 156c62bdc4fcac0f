package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.InvalidCiphertextException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes {@link DecryptionProof}s with the factorisation of the key, for a decryptor that proves many decryptions
 * (the market's totals, the billing party's bills and balances). The proof is the one {@link DecryptionProof}
 * describes, with the same distribution, transcript and encoding; only the prover's arithmetic runs modulo the
 * primes. With s uniform in Z*_N the proof is a = s^N mod N^2 and z = s r^e mod N, where r is the N-th root of
 * u = c (1+N)^{-m}. Writing N = pq and d_p = N^{-1} = q^{-1} mod (p - 1) (p = 1 mod p - 1), and the same for q:
 * <ul>
 *   <li>the prover draws y_p uniform in Z*_p and y_q in Z*_q and lets s be the unit with s = y_p^{d_p} mod p and
 *       s = y_q^{d_q} mod q, uniform in Z*_N because x -&gt; x^{d_p} permutes Z*_p; s itself is never formed;</li>
 *   <li>a = s^N mod N^2 is recombined from a_p = y_p^p mod p^2 and a_q = y_q^q mod q^2: s^N = (s^q)^p, s^q = y_p
 *       mod p, and x^p mod p^2 depends only on x mod p (the binomial terms of (x + kp)^p beyond the first are
 *       multiples of p^2). That is a p-bit exponent modulo p^2 where s^N mod N^2 is a 2p-bit exponent modulo a
 *       modulus twice as long;</li>
 *   <li>u = c mod N, since (1+N)^{-m} = 1 - mN = 1 mod N, so r = c^{d_p} mod p and z = s r^e is recombined from
 *       z_p = (y_p c^e)^{d_p} mod p and likewise z_q: one half-size exponentiation per prime for s and r
 *       together.</li>
 * </ul>
 * Against computing s^N mod N^2 and r^e mod N directly this is about three times less work for the proof itself;
 * {@link #decryptAndProve} also decrypts only once, where {@link #prove} decrypts to check its argument.
 *
 * <p>Immutable and safe to share between threads (each call takes its own {@link SecureRandom}). It holds values
 * derived from the primes, so it is as secret as the private key; {@link #toString()} shows only the key's
 * fingerprint.
 */
public final class DecryptionProver {
    private final PaillierPrivateKey key;
    private final PaillierPublicKey publicKey;
    private final Prime p;
    private final Prime q;
    /** (q^2)^{-1} mod p^2, for Garner's recombination of a. */
    private final BigInteger qSquaredInverseModPSquared;
    /** q^{-1} mod p, for Garner's recombination of z. */
    private final BigInteger qInverseModP;

    /** One prime factor: the prime, its square and d = N^{-1} mod (prime - 1). */
    private record Prime(BigInteger prime, BigInteger square, BigInteger rootExponent) {
        static Prime of(BigInteger prime, BigInteger other) {
            return new Prime(prime, prime.multiply(prime), other.modInverse(prime.subtract(BigInteger.ONE)));
        }

        /** A unit drawn uniformly from Z*_prime = [1, prime - 1]. */
        BigInteger uniformUnit(SecureRandom random) {
            BigInteger y;
            do {
                y = new BigInteger(prime.bitLength(), random);
            } while (y.signum() == 0 || y.compareTo(prime) >= 0);
            return y;
        }
    }

    /**
     * Precomputes the prover's values for {@code key}.
     *
     * @param key the private key whose ciphertexts will be proven
     */
    public DecryptionProver(PaillierPrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
        this.publicKey = key.publicKey();
        BigInteger primeP = key.secretPrimeP();
        BigInteger primeQ = key.secretPrimeQ();
        // PaillierPrivateKey guarantees gcd(N, phi(N)) = 1, so q is invertible modulo p - 1 and p modulo q - 1.
        this.p = Prime.of(primeP, primeQ);
        this.q = Prime.of(primeQ, primeP);
        this.qSquaredInverseModPSquared = q.square().modInverse(p.square());
        this.qInverseModP = primeQ.modInverse(primeP);
    }

    /**
     * The public key of the ciphertexts this prover proves.
     *
     * @return the public key
     */
    public PaillierPublicKey publicKey() {
        return publicKey;
    }

    /**
     * Proves that {@code plaintext} is the decryption of {@code c}, after checking that it is.
     *
     * @param c         the ciphertext
     * @param plaintext the signed plaintext, as {@link PaillierPrivateKey#decrypt} returns it
     * @param context   where the proof belongs (channel, window, phase, prover)
     * @param random    source of the commitment randomness
     * @return the proof
     * @throws IllegalArgumentException   if {@code plaintext} is not the decryption of {@code c}
     * @throws ValueOutOfRangeException   if |plaintext| exceeds {@link DecryptionProof#maxProvableMagnitude}
     * @throws InvalidCiphertextException if {@code c} belongs to another key
     */
    public DecryptionProof prove(Ciphertext c, BigInteger plaintext, ProofContext context, SecureRandom random) {
        Objects.requireNonNull(c, "ciphertext");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(random, "random");
        requireOwn(c);
        requireProvable(plaintext);
        BigInteger residue = publicKey.toPlaintext(plaintext);
        if (!key.decryptResidue(c).equals(residue)) {
            throw new IllegalArgumentException("plaintext is not the decryption of the ciphertext");
        }
        return proveResidue(c, residue, context, random);
    }

    /**
     * Decrypts {@code c} and proves the decryption: what a decryptor posts.
     *
     * @param c       the ciphertext
     * @param context where the proof belongs (channel, window, phase, prover)
     * @param random  source of the commitment randomness
     * @return the claim: the ciphertext, its signed plaintext and the proof
     * @throws ValueOutOfRangeException   if the plaintext lies in the overflow gap or exceeds
     *                                    {@link DecryptionProof#maxProvableMagnitude}
     * @throws InvalidCiphertextException if {@code c} belongs to another key
     */
    public DecryptionClaim decryptAndProve(Ciphertext c, ProofContext context, SecureRandom random) {
        Objects.requireNonNull(c, "ciphertext");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(random, "random");
        requireOwn(c);
        BigInteger residue = key.decryptResidue(c);
        BigInteger plaintext = publicKey.fromPlaintext(residue);
        requireProvable(plaintext);
        return new DecryptionClaim(c, plaintext, proveResidue(c, residue, context, random));
    }

    private void requireOwn(Ciphertext c) {
        if (!publicKey.equals(c.key())) {
            throw new InvalidCiphertextException("ciphertext belongs to another Paillier key than the prover's");
        }
    }

    private void requireProvable(BigInteger plaintext) {
        if (plaintext.abs().compareTo(DecryptionProof.maxProvableMagnitude(publicKey)) > 0) {
            throw new ValueOutOfRangeException("plaintext of " + plaintext.abs().bitLength()
                    + " bits exceeds the provable bound N/2^" + (DecryptionProof.CHALLENGE_BITS + 2));
        }
    }

    /** The proof for a residue known to be the decryption of c (see the class comment for the arithmetic). */
    private DecryptionProof proveResidue(Ciphertext c, BigInteger residue, ProofContext context,
            SecureRandom random) {
        BigInteger yp = p.uniformUnit(random);
        BigInteger yq = q.uniformUnit(random);
        BigInteger ap = yp.modPow(p.prime(), p.square());
        BigInteger aq = yq.modPow(q.prime(), q.square());
        // Garner: a = a_q + q^2 ((a_p - a_q) (q^2)^{-1} mod p^2).
        BigInteger a = aq.add(q.square().multiply(ap.subtract(aq).multiply(qSquaredInverseModPSquared)
                .mod(p.square())));
        BigInteger e = DecryptionProof.challenge(publicKey, c, residue, a, context);
        BigInteger zp = response(p, yp, c, e);
        BigInteger zq = response(q, yq, c, e);
        BigInteger z = zq.add(q.prime().multiply(zp.subtract(zq).multiply(qInverseModP).mod(p.prime())));
        return new DecryptionProof(publicKey, a, z);
    }

    /** z mod prime = s r^e = (y c^e)^d mod prime. */
    private static BigInteger response(Prime prime, BigInteger y, Ciphertext c, BigInteger e) {
        BigInteger m = prime.prime();
        BigInteger cToE = c.value().mod(m).modPow(e, m);
        return y.multiply(cToE).mod(m).modPow(prime.rootExponent(), m);
    }

    @Override
    public String toString() {
        return "DecryptionProver[" + publicKey.fingerprint() + "]";
    }
}
