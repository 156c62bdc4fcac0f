package io.neighbourgrid.crypto.paillier;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A Paillier private key: the primes p and q of N = pq, with the values precomputed for decryption by the Chinese
 * remainder theorem (Paillier 1999, Section 7): m_p = L_p(c^{p-1} mod p^2) * h_p mod p, likewise for q, where
 * L_p(x) = (x - 1) / p and h_p = L_p(g^{p-1} mod p^2)^{-1} mod p; then m is recombined from m_p and m_q.
 *
 * <p>The primes are secret. They are exposed only to the proof code of this core (for the key-correctness and
 * decryption proofs) and to the encrypted key store; {@link #toString()} never shows them.
 */
public final class PaillierPrivateKey {
    private static final int ENCODING_VERSION = 1;

    private final PaillierPublicKey publicKey;
    private final BigInteger p;
    private final BigInteger q;
    private final BigInteger pSquared;
    private final BigInteger qSquared;
    private final BigInteger pMinusOne;
    private final BigInteger qMinusOne;
    private final BigInteger hp;
    private final BigInteger hq;
    private final BigInteger qInverseModP;
    private final BigInteger phi;
    private final BigInteger nInverseModPMinusOne;
    private final BigInteger nInverseModQMinusOne;

    /**
     * Builds the private key from its primes.
     *
     * @throws InvalidPublicKeyException if p and q are not distinct odd primes of equal length
     */
    public PaillierPrivateKey(BigInteger p, BigInteger q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        if (p.equals(q) || !p.isProbablePrime(64) || !q.isProbablePrime(64) || p.bitLength() != q.bitLength()) {
            throw new InvalidPublicKeyException("Paillier primes must be distinct primes of equal bit length");
        }
        this.publicKey = PaillierPublicKey.ofPrimes(p, q);
        this.p = p;
        this.q = q;
        this.pSquared = p.multiply(p);
        this.qSquared = q.multiply(q);
        this.pMinusOne = p.subtract(BigInteger.ONE);
        this.qMinusOne = q.subtract(BigInteger.ONE);
        BigInteger g = publicKey.modulus().add(BigInteger.ONE);
        this.hp = lFunction(g.modPow(pMinusOne, pSquared), p).modInverse(p);
        this.hq = lFunction(g.modPow(qMinusOne, qSquared), q).modInverse(q);
        this.qInverseModP = q.modInverse(p);
        this.phi = pMinusOne.multiply(qMinusOne);
        if (!publicKey.modulus().gcd(phi).equals(BigInteger.ONE)) {
            throw new InvalidPublicKeyException("gcd(N, phi(N)) != 1: not a valid Paillier modulus");
        }
        BigInteger nInverseModPhi = publicKey.modulus().modInverse(phi);
        this.nInverseModPMinusOne = nInverseModPhi.mod(pMinusOne);
        this.nInverseModQMinusOne = nInverseModPhi.mod(qMinusOne);
    }

    /** The matching public key. */
    public PaillierPublicKey publicKey() {
        return publicKey;
    }

    /**
     * Decrypts to the signed value, applying the overflow guard |x| < N/3.
     *
     * @throws io.neighbourgrid.crypto.InvalidCiphertextException if the ciphertext belongs to another key
     * @throws io.neighbourgrid.crypto.ValueOutOfRangeException   if the plaintext lies in the overflow gap
     */
    public BigInteger decrypt(Ciphertext c) {
        return publicKey.fromPlaintext(decryptResidue(c));
    }

    /** Decrypts to the raw residue m in [0, N), without the signed interpretation. */
    public BigInteger decryptResidue(Ciphertext c) {
        publicKey.requireOwn(c);
        BigInteger cv = c.value();
        BigInteger mp = lFunction(cv.mod(pSquared).modPow(pMinusOne, pSquared), p).multiply(hp).mod(p);
        BigInteger mq = lFunction(cv.mod(qSquared).modPow(qMinusOne, qSquared), q).multiply(hq).mod(q);
        // Garner's recombination: m = mq + q * ((mp - mq) * q^{-1} mod p).
        BigInteger h = mp.subtract(mq).multiply(qInverseModP).mod(p);
        return mq.add(h.multiply(q));
    }

    /**
     * Returns the unique r in Z*_N with r^N = u mod N, for u an N-th residue modulo N^2 (so u mod N = r^N mod N).
     * Used by the key-correctness proof, and to recover the randomness of u = c * (1+N)^{-m}. Computed as
     * r = (u mod N)^{N^{-1} mod phi(N)} mod N, which is correct because gcd(N, phi(N)) = 1; evaluated by the
     * Chinese remainder theorem as r_p = u^{N^{-1} mod (p-1)} mod p, likewise for q, recombined with Garner's
     * formula (a quarter of the cost of the exponentiation modulo N).
     */
    public BigInteger nthRootModN(BigInteger u) {
        Objects.requireNonNull(u, "u");
        BigInteger rp = u.mod(p).modPow(nInverseModPMinusOne, p);
        BigInteger rq = u.mod(q).modPow(nInverseModQMinusOne, q);
        BigInteger h = rp.subtract(rq).multiply(qInverseModP).mod(p);
        return rq.add(h.multiply(q));
    }

    /** The secret prime p (p &lt; q is not guaranteed). Secret: use only inside proofs and the key store. */
    public BigInteger secretPrimeP() {
        return p;
    }

    /** The secret prime q. Secret: use only inside proofs and the key store. */
    public BigInteger secretPrimeQ() {
        return q;
    }

    /** phi(N) = (p-1)(q-1). Secret. */
    public BigInteger secretPhi() {
        return phi;
    }

    /** Serialises the primes (for the encrypted key store only): version, p, q. */
    public byte[] toSecretBytes() {
        return new Bytes.Writer().u8(ENCODING_VERSION).integer(p).integer(q).toByteArray();
    }

    /** Parses {@link #toSecretBytes()}. */
    public static PaillierPrivateKey fromSecretBytes(byte[] encoded) {
        Bytes.Reader in = new Bytes.Reader(encoded, "Paillier private key");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("Paillier private key has unknown version " + version);
        }
        BigInteger p = in.integer(PaillierPublicKey.MAX_BITS / 8);
        BigInteger q = in.integer(PaillierPublicKey.MAX_BITS / 8);
        in.finish();
        return new PaillierPrivateKey(p, q);
    }

    private static BigInteger lFunction(BigInteger x, BigInteger prime) {
        return x.subtract(BigInteger.ONE).divide(prime);
    }

    @Override
    public String toString() {
        return "PaillierPrivateKey[" + publicKey.fingerprint() + "]";
    }
}
