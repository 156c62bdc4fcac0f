package io.neighbourgrid.crypto.paillier;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidCiphertextException;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A Paillier public key with generator g = N + 1 (Paillier 1999; Damgard-Jurik 2001 simplification), so that
 * Enc(m; r) = (1 + mN) * r^N mod N^2 and the only expensive part of an encryption is r^N mod N^2, which a
 * {@link RandomizerPool} precomputes.
 *
 * <p>Plaintexts are signed integers mapped into Z_N: a value x with |x| < N/3 is encoded as x mod N. The guard
 * leaves a gap between the positive and the negative range so that an overflowing sum is detected after
 * decryption instead of silently wrapping.
 *
 * <p>Parsing a key checks the modulus for obvious defects (even, too small, small prime factors, a perfect
 * square); that a modulus is a product of two large distinct primes is only established by its
 * {@code KeyCorrectnessProof}.
 *
 * <p>A key may publish a randomizer base h ({@link RandomizerBase}; Damgard, Jurik, Nielsen 2010, Section 4.2):
 * its randomizers are then h_s^a mod N^2 with a short exponent a instead of a full-length r^N. Keys encoded without
 * one (encoding version 1) are still read, and are encrypted to with full-length randomizers. The base changes
 * only how fast randomizers are made: ciphertexts, proofs, {@link #equals}, {@link #hashCode} and
 * {@link #fingerprint()} depend on N alone.
 */
public final class PaillierPublicKey {
    /** Smallest modulus accepted anywhere (tests use small keys; the market's configuration sets the real minimum). */
    public static final int MIN_BITS = 256;
    /** Largest modulus accepted. */
    public static final int MAX_BITS = 8192;
    /** Encoding of a key without a randomizer base: version, N. */
    private static final int ENCODING_VERSION_MODULUS = 1;
    /** Encoding of a key with a randomizer base: version, N, h. */
    private static final int ENCODING_VERSION_WITH_BASE = 2;
    private static final BigInteger THREE = BigInteger.valueOf(3);
    /** Product of the odd primes below 1000, for a single-gcd small-factor test. */
    private static final BigInteger SMALL_PRIMES_PRODUCT = smallPrimesProduct(1000);

    private final BigInteger n;
    private final BigInteger nSquared;
    private final BigInteger maxMagnitude;
    private final int modulusBytes;
    private final int ciphertextBytes;
    /** The randomizer base, or {@code null} for a key that publishes none. */
    private final RandomizerBase base;

    private PaillierPublicKey(BigInteger n, BigInteger h) {
        this.n = n;
        this.nSquared = n.multiply(n);
        this.maxMagnitude = n.divide(THREE);
        this.modulusBytes = (n.bitLength() + 7) / 8;
        this.ciphertextBytes = (nSquared.bitLength() + 7) / 8;
        this.base = h == null ? null : RandomizerBase.validated(n, nSquared, h);
    }

    /**
     * Returns the public key for modulus {@code n} after rejecting moduli that are even, outside
     * [{@value #MIN_BITS}, {@value #MAX_BITS}] bits, divisible by a prime below 1000, or perfect squares.
     *
     * @throws InvalidPublicKeyException naming the defect
     */
    public static PaillierPublicKey of(BigInteger n) {
        return new PaillierPublicKey(validModulus(n), null);
    }

    /**
     * Returns the public key for modulus {@code n} publishing the randomizer base {@code h}, after the checks of
     * {@link #of(BigInteger)} and those of h: 1 &lt; h &lt; N - 1, a unit modulo N, Jacobi symbol +1 (so neither h
     * nor h_s = h^N mod N^2 is +-1).
     *
     * @throws InvalidPublicKeyException naming the defect
     */
    public static PaillierPublicKey of(BigInteger n, BigInteger h) {
        Objects.requireNonNull(h, "randomizer base");
        return new PaillierPublicKey(validModulus(n), h);
    }

    /**
     * The key of the primes p and q, with the randomizer base derived from them ({@link RandomizerBase#derive}).
     * -x^2 has Jacobi symbol +1 only when -1 has, as for the Blum primes every generated key has; other primes
     * give a key without a base (full-length randomizers).
     */
    static PaillierPublicKey ofPrimes(BigInteger p, BigInteger q) {
        BigInteger n = validModulus(p.multiply(q));
        BigInteger h = RandomizerBase.derive(p, q, n);
        return new PaillierPublicKey(n, io.neighbourgrid.crypto.math.NumberTheory.jacobi(h, n) == 1 ? h : null);
    }

    private static BigInteger validModulus(BigInteger n) {
        Objects.requireNonNull(n, "modulus");
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw new InvalidPublicKeyException("Paillier modulus must be a positive odd integer");
        }
        if (n.bitLength() < MIN_BITS || n.bitLength() > MAX_BITS) {
            throw new InvalidPublicKeyException("Paillier modulus has " + n.bitLength() + " bits, outside ["
                    + MIN_BITS + ", " + MAX_BITS + "]");
        }
        if (!n.gcd(SMALL_PRIMES_PRODUCT).equals(BigInteger.ONE)) {
            throw new InvalidPublicKeyException("Paillier modulus has a prime factor below 1000");
        }
        BigInteger root = n.sqrt();
        if (root.multiply(root).equals(n)) {
            throw new InvalidPublicKeyException("Paillier modulus is a perfect square");
        }
        return n;
    }

    /** Whether this key publishes a randomizer base, so that its randomizers are the fast short-exponent ones. */
    public boolean hasRandomizerBase() {
        return base != null;
    }

    /**
     * Bits of the exponent of this key's fast randomizers, or 0 for a key without a randomizer base (its
     * randomizers are full-length r^N).
     */
    public int randomizerExponentBits() {
        return base == null ? 0 : base.exponentBits();
    }

    RandomizerBase randomizerBase() {
        return base;
    }

    /** The modulus N. */
    public BigInteger modulus() {
        return n;
    }

    /** N^2, the ciphertext group's modulus. */
    public BigInteger modulusSquared() {
        return nSquared;
    }

    /** Bit length of N. */
    public int bits() {
        return n.bitLength();
    }

    /** Number of bytes of a serialised ciphertext (the byte length of N^2). */
    public int ciphertextBytes() {
        return ciphertextBytes;
    }

    /** Number of bytes of the modulus N (fixed width of values in Z_N on the wire). */
    public int modulusBytes() {
        return modulusBytes;
    }

    /**
     * Largest magnitude a signed plaintext may have: floor(N/3). Since 3 does not divide N (no prime factor below
     * 1000), |x| &lt;= floor(N/3) is exactly the guard |x| &lt; N/3.
     */
    public BigInteger maxMagnitude() {
        return maxMagnitude;
    }

    /** Maps a signed value with |x| &lt; N/3 (that is, |x| &lt;= {@link #maxMagnitude()}) into Z_N. */
    public BigInteger toPlaintext(BigInteger signedValue) {
        Objects.requireNonNull(signedValue, "plaintext");
        if (signedValue.abs().compareTo(maxMagnitude) > 0) {
            throw new ValueOutOfRangeException("plaintext magnitude of " + signedValue.abs().bitLength()
                    + " bits is not below N/3 for a " + bits() + "-bit key");
        }
        return signedValue.signum() < 0 ? signedValue.add(n) : signedValue;
    }

    /**
     * Maps a residue in [0, N) back to a signed value, rejecting residues in the overflow gap
     * (floor(N/3), N - floor(N/3)): a sum of two in-range values of the same sign that overflowed lands there.
     */
    public BigInteger fromPlaintext(BigInteger residue) {
        Objects.requireNonNull(residue, "residue");
        if (residue.signum() < 0 || residue.compareTo(n) >= 0) {
            throw new ValueOutOfRangeException("plaintext residue is not in [0, N)");
        }
        if (residue.compareTo(maxMagnitude) <= 0) {
            return residue;
        }
        BigInteger negative = residue.subtract(n);
        if (negative.negate().compareTo(maxMagnitude) <= 0) {
            return negative;
        }
        throw new ValueOutOfRangeException("decrypted value lies in the overflow gap: |x| >= N/3");
    }

    /**
     * (1 + N)^k mod N^2 for any integer k, without exponentiation: the binomial expansion stops after its second
     * term modulo N^2, so it is 1 + (k mod N) N.
     *
     * @param k the exponent, of any sign and size
     * @return (1 + N)^k mod N^2
     */
    public BigInteger generatorPower(BigInteger k) {
        return BigInteger.ONE.add(k.mod(n).multiply(n));
    }

    /**
     * Computes a fresh randomizer (the expensive step): h_s^a mod N^2 for a uniform short exponent a when the key
     * publishes a randomizer base, else r^N mod N^2 for a uniformly random unit r.
     */
    public Randomizer newRandomizer(SecureRandom random) {
        if (base != null) {
            BigInteger a = base.exponent(random);
            return Randomizer.fast(this, base.power(a), a);
        }
        return newFullLengthRandomizer(random);
    }

    /**
     * Computes a full-length randomizer r^N mod N^2 for a uniformly random unit r, whether or not the key publishes
     * a randomizer base (the plain Paillier encryption, as a reference for the fast one).
     */
    public Randomizer newFullLengthRandomizer(SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(n.bitLength(), random);
        } while (r.signum() == 0 || r.compareTo(n) >= 0 || !r.gcd(n).equals(BigInteger.ONE));
        return Randomizer.full(this, r.modPow(n, nSquared), r);
    }

    /** Encrypts a signed value with a fresh randomizer (one full exponentiation). */
    public Ciphertext encrypt(BigInteger signedValue, SecureRandom random) {
        return encrypt(signedValue, newRandomizer(random));
    }

    /** Encrypts a signed value with a precomputed randomizer: one multiplication mod N^2. */
    public Ciphertext encrypt(BigInteger signedValue, Randomizer randomizer) {
        requireOwn(randomizer);
        BigInteger m = toPlaintext(signedValue);
        // (1 + N)^m = 1 + mN mod N^2 for g = N + 1.
        BigInteger gm = m.multiply(n).add(BigInteger.ONE).mod(nSquared);
        return new Ciphertext(this, gm.multiply(randomizer.value()).mod(nSquared));
    }

    /**
     * Encrypts a signed value with a precomputed randomizer and returns the ciphertext together with the N-th root
     * r of the randomizer, c = (1 + N)^m * r^N mod N^2: the witness a zero-knowledge proof about c needs.
     */
    public EncryptionWithRandomness encryptWithRandomness(BigInteger signedValue, Randomizer randomizer) {
        return new EncryptionWithRandomness(encrypt(signedValue, randomizer), randomizer.root());
    }

    /** Convenience for {@code long} plaintexts. */
    public Ciphertext encrypt(long signedValue, Randomizer randomizer) {
        return encrypt(BigInteger.valueOf(signedValue), randomizer);
    }

    /** Enc(a + b) from Enc(a) and Enc(b). */
    public Ciphertext add(Ciphertext a, Ciphertext b) {
        requireOwn(a);
        requireOwn(b);
        return new Ciphertext(this, a.value().multiply(b.value()).mod(nSquared));
    }

    /** Enc(a - b) from Enc(a) and Enc(b). */
    public Ciphertext subtract(Ciphertext a, Ciphertext b) {
        requireOwn(a);
        requireOwn(b);
        return new Ciphertext(this, a.value().multiply(b.value().modInverse(nSquared)).mod(nSquared));
    }

    /** Enc(k * a) from Enc(a) and a public signed integer k. */
    public Ciphertext multiply(Ciphertext a, BigInteger k) {
        requireOwn(a);
        BigInteger base = k.signum() < 0 ? a.value().modInverse(nSquared) : a.value();
        return new Ciphertext(this, base.modPow(k.abs(), nSquared));
    }

    /** Enc(a) with fresh randomness: the same plaintext, unlinkable to {@code a}. */
    public Ciphertext rerandomize(Ciphertext a, Randomizer randomizer) {
        requireOwn(a);
        requireOwn(randomizer);
        return new Ciphertext(this, a.value().multiply(randomizer.value()).mod(nSquared));
    }

    /** The product of many ciphertexts: Enc(sum of their plaintexts). An empty list gives Enc(0) with r = 1. */
    public Ciphertext sum(Iterable<Ciphertext> ciphertexts) {
        BigInteger acc = BigInteger.ONE;
        for (Ciphertext c : ciphertexts) {
            requireOwn(c);
            acc = acc.multiply(c.value()).mod(nSquared);
        }
        return new Ciphertext(this, acc);
    }

    /**
     * Validates an integer received from outside as a ciphertext of this key: 0 < c < N^2 and gcd(c, N) = 1.
     *
     * @throws InvalidCiphertextException naming which check failed
     */
    public Ciphertext ciphertext(BigInteger c) {
        Objects.requireNonNull(c, "ciphertext");
        if (c.signum() <= 0 || c.compareTo(nSquared) >= 0) {
            throw new InvalidCiphertextException("ciphertext is not in the range 0 < c < N^2");
        }
        if (!c.gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidCiphertextException("ciphertext is not a unit modulo N (gcd(c, N) != 1)");
        }
        return new Ciphertext(this, c);
    }

    /** Parses the fixed-width serialisation produced by {@link Ciphertext#toBytes()} and validates it. */
    public Ciphertext ciphertext(byte[] encoded) {
        if (encoded == null || encoded.length != ciphertextBytes) {
            throw new MalformedEncodingException("ciphertext must be exactly " + ciphertextBytes + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        return ciphertext(new BigInteger(1, encoded));
    }

    /**
     * Validates several integers received from outside as ciphertexts of this key with one gcd: each must satisfy
     * 0 &lt; c &lt; N^2, and since N's prime factors are prime, all are units modulo N exactly when their product
     * is. Only when that combined check fails are they checked one by one, to name the culprit.
     *
     * @return the ciphertexts, in order
     * @throws InvalidCiphertextException naming the index of the first invalid one
     */
    public java.util.List<Ciphertext> ciphertexts(java.util.List<BigInteger> values) {
        BigInteger product = BigInteger.ONE;
        java.util.List<Ciphertext> out = new java.util.ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            BigInteger c = Objects.requireNonNull(values.get(i), "ciphertext");
            if (c.signum() <= 0 || c.compareTo(nSquared) >= 0) {
                throw new InvalidCiphertextException("ciphertext " + i + " is not in the range 0 < c < N^2");
            }
            product = product.multiply(c).mod(n);
            out.add(new Ciphertext(this, c));
        }
        if (!product.gcd(n).equals(BigInteger.ONE)) {
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).gcd(n).equals(BigInteger.ONE)) {
                    throw new InvalidCiphertextException("ciphertext " + i
                            + " is not a unit modulo N (gcd(c, N) != 1)");
                }
            }
        }
        return out;
    }

    /**
     * Parses a fixed-width ciphertext that was fully validated when it entered (for example one that the market
     * contract itself validated and stored): checks its length and range, not again that it is a unit.
     *
     * @throws MalformedEncodingException  on a wrong length
     * @throws InvalidCiphertextException when the value is out of range
     */
    public Ciphertext ciphertextAlreadyValidated(byte[] encoded) {
        if (encoded == null || encoded.length != ciphertextBytes) {
            throw new MalformedEncodingException("ciphertext must be exactly " + ciphertextBytes + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        BigInteger c = new BigInteger(1, encoded);
        if (c.signum() <= 0 || c.compareTo(nSquared) >= 0) {
            throw new InvalidCiphertextException("ciphertext is not in the range 0 < c < N^2");
        }
        return new Ciphertext(this, c);
    }

    /** Parses a Base64 ciphertext and validates it. */
    public Ciphertext ciphertextFromBase64(String text) {
        return ciphertext(Bytes.fromBase64(text, "ciphertext"));
    }

    /**
     * Serialisation: version byte, the length-prefixed modulus and, for a key with a randomizer base, the
     * length-prefixed h (version 2); without one, version 1 as before.
     */
    public byte[] toBytes() {
        if (base == null) {
            return modulusEncoding();
        }
        return new Bytes.Writer().u8(ENCODING_VERSION_WITH_BASE).integer(n).integer(base.h()).toByteArray();
    }

    private byte[] modulusEncoding() {
        return new Bytes.Writer().u8(ENCODING_VERSION_MODULUS).integer(n).toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /** Parses {@link #toBytes()}, applying every check of {@link #of}. */
    public static PaillierPublicKey fromBytes(byte[] encoded) {
        Bytes.Reader in = new Bytes.Reader(encoded, "Paillier public key");
        int version = in.u8();
        if (version != ENCODING_VERSION_MODULUS && version != ENCODING_VERSION_WITH_BASE) {
            throw new MalformedEncodingException("Paillier public key has unknown version " + version);
        }
        BigInteger n = in.integer(MAX_BITS / 8);
        BigInteger h = version == ENCODING_VERSION_WITH_BASE ? in.integer(MAX_BITS / 8) : null;
        in.finish();
        return h == null ? of(n) : of(n, h);
    }

    /** Parses a Base64 public key. */
    public static PaillierPublicKey fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, "Paillier public key"));
    }

    /**
     * A short, stable identifier of this key: 16 hex digits (64 bits) of SHAKE256 over the encoding of its modulus
     * (version 1, without the randomizer base, so that a key keeps its fingerprint whichever base it publishes),
     * through a {@link Transcript} with domain {@code neighbourgrid/paillier-key-fingerprint/v1}.
     */
    public String fingerprint() {
        BigInteger h = new Transcript("neighbourgrid/paillier-key-fingerprint/v1").append("key", modulusEncoding())
                .challenge(64);
        return String.format(java.util.Locale.ROOT, "%016x", h);
    }

    void requireOwn(Ciphertext c) {
        if (!equals(c.key())) {
            throw new InvalidCiphertextException("ciphertext belongs to another Paillier key");
        }
    }

    private void requireOwn(Randomizer r) {
        if (!equals(r.key())) {
            throw new IllegalArgumentException("randomizer was computed for another Paillier key");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PaillierPublicKey other && n.equals(other.n));
    }

    @Override
    public int hashCode() {
        return n.hashCode();
    }

    @Override
    public String toString() {
        return "PaillierPublicKey[" + bits() + " bits, " + fingerprint()
                + (base == null ? ", full-length randomizers]" : ", randomizer base]");
    }

    private static BigInteger smallPrimesProduct(int limit) {
        BigInteger product = BigInteger.ONE;
        for (int p = 3; p < limit; p += 2) {
            if (BigInteger.valueOf(p).isProbablePrime(30)) {
                product = product.multiply(BigInteger.valueOf(p));
            }
        }
        return product;
    }
}
