package io.neighbourgrid.crypto.paillier;

import java.math.BigInteger;

/**
 * A precomputed N-th residue r^N mod N^2 for one Paillier key: the expensive half of an encryption. Each randomizer
 * must be used for exactly one encryption; {@link RandomizerPool} hands every one out once.
 *
 * <p>It is either a full-length one (r uniform in Z*_N) or, for a key that publishes a randomizer base h, the fast
 * one h_s^a with r = h^a mod N (Damgard, Jurik, Nielsen 2010, Section 4.2). Either way {@link #root()} returns r,
 * the N-th root modulo N, which a zero-knowledge proof about the ciphertext needs as its witness.
 *
 * <p>Secret: the root and the exponent are never shown by {@link #toString()}.
 */
public final class Randomizer {
    private final PaillierPublicKey key;
    private final BigInteger value;
    /** The short exponent a of a fast randomizer, or {@code null}. */
    private final BigInteger exponent;
    private volatile BigInteger root;

    private Randomizer(PaillierPublicKey key, BigInteger value, BigInteger root, BigInteger exponent) {
        this.key = key;
        this.value = value;
        this.root = root;
        this.exponent = exponent;
    }

    /** A full-length randomizer r^N mod N^2 with its root r. */
    static Randomizer full(PaillierPublicKey key, BigInteger value, BigInteger root) {
        return new Randomizer(key, value, root, null);
    }

    /** A fast randomizer h_s^a mod N^2; its root h^a mod N is computed when first asked for. */
    static Randomizer fast(PaillierPublicKey key, BigInteger value, BigInteger exponent) {
        return new Randomizer(key, value, null, exponent);
    }

    /** The key this randomizer is for. */
    public PaillierPublicKey key() {
        return key;
    }

    /** The N-th residue r^N mod N^2 itself. Secret, like the randomizer. */
    public BigInteger value() {
        return value;
    }

    /** Whether this is a short-exponent randomizer of the key's randomizer base. */
    boolean fast() {
        return exponent != null;
    }

    /**
     * The N-th root r in Z*_N of this randomizer: {@code r^N mod N^2} is the factor that {@link
     * PaillierPublicKey#encrypt(java.math.BigInteger, Randomizer)} multiplies in. For a fast randomizer it is
     * h^a mod N, computed on the first call (one short exponentiation modulo N). Secret, like the randomizer.
     */
    public BigInteger root() {
        BigInteger r = root;
        if (r == null) {
            r = key.randomizerBase().root(exponent);
            root = r;
        }
        return r;
    }

    @Override
    public String toString() {
        return "Randomizer[" + key.fingerprint() + "]";
    }
}
