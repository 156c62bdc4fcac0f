package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.math.FixedBaseTable;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import io.neighbourgrid.crypto.math.BarrettReducer;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A DGK public key (Damgard, Geisler, Kroigaard, ACISP 2007, with the randomness length of their 2009
 * correction): modulus n = pq, generator g of order u v_p v_q, randomiser h of order v_p v_q, plaintext prime u
 * and randomness size t. A plaintext m in Z_u is encrypted as
 *
 * <pre>  Enc(m; r) = g^m h^r mod n,   r uniform of 2.5 t bits</pre>
 *
 * <p>The scheme is additively homomorphic modulo u; decryption is only needed as a test for zero, which the
 * private key does with c^{v_p} mod p. Both exponentiations of an encryption run on cached fixed-base tables
 * ({@link FixedBaseTable}), built on first use and kept as long as the key is: a 2048-bit encryption then costs
 * about 70 modular multiplications instead of a 400-bit square-and-multiply.
 *
 * <p>Parsing ({@link #fromBytes}) checks what a public key alone can show: the modulus is odd, of an accepted size,
 * free of prime factors below 1000 and not a square; u is a prime leaving room for t and for the comparison's
 * plaintexts; g and h are distinct units. That the orders of g and h are as stated cannot be checked without the
 * factorisation; the comparison runs in the semi-honest model, where the key owner generates its key honestly.
 * Parsed keys are interned in a small cache so that the precomputation tables of a peer's key are built once per
 * process.
 */
public final class DgkPublicKey {
    /** Version byte of {@link #toBytes()}. */
    static final int ENCODING_VERSION = 1;
    /** Domain label of the key's digest (fingerprint and cache key). */
    private static final String KEY_LABEL = "neighbourgrid/comparison/v1/key";
    /** Window of the table for h^r (r of 2.5t bits): 67 rows of 63 entries at t = 160. */
    private static final int RANDOMISER_WINDOW = 6;
    private static final int INTERN_CAPACITY = 16;
    private static final BigInteger SMALL_PRIMES_PRODUCT = DgkKeyGenerator.oddPrimesProduct(1000);
    private static final Map<String, DgkPublicKey> INTERNED = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DgkPublicKey> eldest) {
            return size() > INTERN_CAPACITY;
        }
    };

    private final BigInteger n;
    private final BigInteger g;
    private final BigInteger h;
    private final int u;
    private final int t;
    private final int modulusBytes;
    private final int randomnessBits;
    private final BarrettReducer reducer;
    private final byte[] encoding;
    private final String fingerprint;
    private volatile Tables tables;

    /** The two fixed-base tables of a key, built together on first use. */
    private record Tables(FixedBaseTable generator, FixedBaseTable randomiser) {
    }

    private DgkPublicKey(BigInteger n, BigInteger g, BigInteger h, int u, int t) {
        this.n = n;
        this.g = g;
        this.h = h;
        this.u = u;
        this.t = t;
        this.modulusBytes = (n.bitLength() + 7) / 8;
        this.randomnessBits = (5 * t + 1) / 2;
        this.reducer = new BarrettReducer(n);
        this.encoding = new Bytes.Writer(3 * modulusBytes + 9)
                .u8(ENCODING_VERSION)
                .u16(modulusBytes)
                .fixed(n, modulusBytes)
                .fixed(g, modulusBytes)
                .fixed(h, modulusBytes)
                .u32(u)
                .u16(t)
                .toByteArray();
        this.fingerprint = HexFormat.of().formatHex(ComparisonMessages.digest(KEY_LABEL, encoding), 0, 8);
    }

    /**
     * Builds and validates a public key from its components.
     *
     * @throws ComparisonException with {@link Reason#INVALID_PUBLIC_KEY} naming the defect
     */
    static DgkPublicKey of(BigInteger n, BigInteger g, BigInteger h, int u, int t) {
        validate(n, g, h, u, t);
        return new DgkPublicKey(n, g, h, u, t);
    }

    /**
     * Parses and validates the encoding written by {@link #toBytes()}:
     * {@code u8 version = 1 | u16 L | n (L bytes) | g (L bytes) | h (L bytes) | u32 u | u16 t}, all big-endian,
     * with L = ceil(bits(n) / 8).
     *
     * @throws ComparisonException {@link Reason#MALFORMED} or {@link Reason#UNSUPPORTED_VERSION} for a bad
     *                             encoding, {@link Reason#INVALID_PUBLIC_KEY} for a key that fails validation
     */
    public static DgkPublicKey fromBytes(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded public key");
        String cacheKey = HexFormat.of().formatHex(ComparisonMessages.digest(KEY_LABEL, encoded));
        synchronized (INTERNED) {
            DgkPublicKey known = INTERNED.get(cacheKey);
            if (known != null && Arrays.equals(known.encoding, encoded)) {
                return known;
            }
        }
        Bytes.Reader in = ComparisonMessages.reader(encoded, "comparison public key");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new ComparisonException(Reason.UNSUPPORTED_VERSION, "comparison public key has encoding version "
                    + version + ", expected " + ENCODING_VERSION);
        }
        int width = in.u16();
        int minWidth = (DgkParameters.MIN_MODULUS_BITS + 7) / 8;
        int maxWidth = (DgkParameters.MAX_MODULUS_BITS + 7) / 8;
        if (width < minWidth || width > maxWidth) {
            throw new ComparisonException(Reason.INVALID_PUBLIC_KEY, "comparison public key modulus has " + width
                    + " bytes, outside [" + minWidth + ", " + maxWidth + "]");
        }
        BigInteger n = in.fixed(width);
        if ((n.bitLength() + 7) / 8 != width) {
            throw new ComparisonException(Reason.MALFORMED, "comparison public key modulus is not minimally encoded");
        }
        BigInteger g = in.fixed(width);
        BigInteger h = in.fixed(width);
        int u = ComparisonMessages.nonNegativeU32(in, "comparison public key");
        int t = in.u16();
        in.finish();
        DgkPublicKey key = of(n, g, h, u, t);
        synchronized (INTERNED) {
            INTERNED.put(cacheKey, key);
        }
        return key;
    }

    private static void validate(BigInteger n, BigInteger g, BigInteger h, int u, int t) {
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(h, "h");
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw invalid("modulus must be a positive odd integer");
        }
        if (n.bitLength() < DgkParameters.MIN_MODULUS_BITS || n.bitLength() > DgkParameters.MAX_MODULUS_BITS) {
            throw invalid("modulus has " + n.bitLength() + " bits, outside [" + DgkParameters.MIN_MODULUS_BITS + ", "
                    + DgkParameters.MAX_MODULUS_BITS + "]");
        }
        if (!n.gcd(SMALL_PRIMES_PRODUCT).equals(BigInteger.ONE)) {
            throw invalid("modulus has a prime factor below 1000");
        }
        BigInteger root = n.sqrt();
        if (root.multiply(root).equals(n)) {
            throw invalid("modulus is a perfect square");
        }
        if (u < 5 || u > DgkParameters.MAX_PLAINTEXT_PRIME || !BigInteger.valueOf(u).isProbablePrime(64)) {
            throw invalid("plaintext modulus u = " + u + " is not a prime in [5, " + DgkParameters.MAX_PLAINTEXT_PRIME
                    + "]");
        }
        if (t < DgkParameters.MIN_RANDOMNESS_BITS || t > DgkParameters.MAX_RANDOMNESS_BITS) {
            throw invalid("randomness size t = " + t + " outside [" + DgkParameters.MIN_RANDOMNESS_BITS + ", "
                    + DgkParameters.MAX_RANDOMNESS_BITS + "]");
        }
        if (!DgkParameters.primeSizesFit(n.bitLength(), t, u)) {
            throw invalid("a " + n.bitLength() + "-bit modulus cannot hold primes p = 2 u v_p r_p + 1 with t = " + t);
        }
        requireGroupElement(n, g, "generator g");
        requireGroupElement(n, h, "randomiser h");
        if (g.equals(h)) {
            throw invalid("generator g equals randomiser h");
        }
    }

    private static void requireGroupElement(BigInteger n, BigInteger v, String what) {
        if (v.compareTo(BigInteger.TWO) < 0 || v.compareTo(n.subtract(BigInteger.ONE)) >= 0) {
            throw invalid(what + " is outside [2, n - 2]");
        }
        if (!v.gcd(n).equals(BigInteger.ONE)) {
            throw invalid(what + " is not a unit modulo n");
        }
    }

    private static ComparisonException invalid(String message) {
        return new ComparisonException(Reason.INVALID_PUBLIC_KEY, "comparison public key: " + message);
    }

    /** The encoding read by {@link #fromBytes}; a fresh copy. */
    public byte[] toBytes() {
        return encoding.clone();
    }

    /** The modulus n. */
    public BigInteger modulus() {
        return n;
    }

    /** Bit length of n. */
    public int modulusBits() {
        return n.bitLength();
    }

    /** Width in bytes of every encoded ciphertext: ceil(bits(n) / 8). */
    public int ciphertextBytes() {
        return modulusBytes;
    }

    /** The generator g (order u v_p v_q). */
    public BigInteger generator() {
        return g;
    }

    /** The randomiser h (order v_p v_q). */
    public BigInteger randomiser() {
        return h;
    }

    /** The plaintext modulus u. */
    public int plaintextModulus() {
        return u;
    }

    /** The randomness size t; encryption randomness has 2.5t bits. */
    public int randomnessBits() {
        return t;
    }

    /** The longest comparison this key supports: the largest l with 3l + 2 &lt; u (at most 128). */
    public int maxComparisonBits() {
        return Math.min(DgkParameters.MAX_COMPARISON_BITS, (u - 3) / 3);
    }

    /** A short hex identifier of this key (the first 8 bytes of the SHA-256 of its encoding). */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Encrypts {@code m mod u} with fresh randomness: g^m h^r mod n, r uniform of 2.5t bits.
     */
    public DgkCiphertext encrypt(long m, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Tables tab = tables();
        BigInteger gm = tab.generator().pow(BigInteger.valueOf(Math.floorMod(m, u)));
        return new DgkCiphertext(this, reducer.multiply(gm, randomiserPower(tab, random)));
    }

    /** Enc(a + b mod u): the product of the ciphertexts. */
    public DgkCiphertext add(DgkCiphertext a, DgkCiphertext b) {
        requireOwn(a);
        requireOwn(b);
        return new DgkCiphertext(this, reducer.multiply(a.value(), b.value()));
    }

    /** Enc(a + k mod u) without fresh randomness: c * g^k. */
    public DgkCiphertext addPlaintext(DgkCiphertext a, long k) {
        requireOwn(a);
        BigInteger gk = tables().generator().pow(BigInteger.valueOf(Math.floorMod(k, u)));
        return new DgkCiphertext(this, reducer.multiply(a.value(), gk));
    }

    /** Enc(k * a mod u) without fresh randomness: c^(k mod u). */
    public DgkCiphertext multiplyPlaintext(DgkCiphertext a, long k) {
        requireOwn(a);
        return new DgkCiphertext(this, a.value().modPow(BigInteger.valueOf(Math.floorMod(k, u)), n));
    }

    /** The same plaintext under fresh randomness: c * h^r, r uniform of 2.5t bits. */
    public DgkCiphertext rerandomize(DgkCiphertext a, SecureRandom random) {
        requireOwn(a);
        Objects.requireNonNull(random, "random");
        return new DgkCiphertext(this, reducer.multiply(a.value(), randomiserPower(tables(), random)));
    }

    /**
     * Validates a ciphertext received from outside: 0 &lt; c &lt; n and gcd(c, n) = 1.
     *
     * @throws ComparisonException {@link Reason#CIPHERTEXT_OUT_OF_RANGE} or {@link Reason#CIPHERTEXT_NOT_UNIT}
     */
    public DgkCiphertext ciphertext(BigInteger value) {
        Objects.requireNonNull(value, "ciphertext value");
        requireInRange(value, "ciphertext");
        if (!value.gcd(n).equals(BigInteger.ONE)) {
            throw new ComparisonException(Reason.CIPHERTEXT_NOT_UNIT, "ciphertext is not a unit modulo n");
        }
        return new DgkCiphertext(this, value);
    }

    /**
     * Decodes a fixed-width ciphertext of exactly {@link #ciphertextBytes()} bytes and validates it as
     * {@link #ciphertext(BigInteger)} does.
     */
    public DgkCiphertext decodeCiphertext(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded ciphertext");
        if (encoded.length != modulusBytes) {
            throw new ComparisonException(Reason.MALFORMED, "ciphertext has " + encoded.length + " bytes, expected "
                    + modulusBytes);
        }
        return ciphertext(new BigInteger(1, encoded));
    }

    /**
     * Validates a batch of received ciphertexts with one gcd: every value in (0, n), and their product a unit
     * (a product of residues is a unit exactly when each factor is). Names the first offending index.
     */
    DgkCiphertext[] ciphertexts(BigInteger[] values, String what) {
        DgkCiphertext[] out = new DgkCiphertext[values.length];
        BigInteger product = BigInteger.ONE;
        for (int i = 0; i < values.length; i++) {
            requireInRange(values[i], what + " " + i);
            product = reducer.multiply(product, values[i]);
            out[i] = new DgkCiphertext(this, values[i]);
        }
        if (!product.gcd(n).equals(BigInteger.ONE)) {
            for (int i = 0; i < values.length; i++) {
                if (!values[i].gcd(n).equals(BigInteger.ONE)) {
                    throw new ComparisonException(Reason.CIPHERTEXT_NOT_UNIT, what + " " + i
                            + " is not a unit modulo n");
                }
            }
        }
        return out;
    }

    private void requireInRange(BigInteger value, String what) {
        if (value.signum() <= 0 || value.compareTo(n) >= 0) {
            throw new ComparisonException(Reason.CIPHERTEXT_OUT_OF_RANGE, what + " is outside (0, n)");
        }
    }

    /** Wraps a value computed here from valid ciphertexts (no validation). */
    DgkCiphertext wrap(BigInteger value) {
        return new DgkCiphertext(this, value);
    }

    BarrettReducer reducer() {
        return reducer;
    }

    /** g^k for k in [0, u). */
    BigInteger generatorPower(int k) {
        return tables().generator().pow(BigInteger.valueOf(k));
    }

    /** h^r with r fresh and uniform of 2.5t bits. */
    BigInteger freshRandomiser(SecureRandom random) {
        return randomiserPower(tables(), random);
    }

    private BigInteger randomiserPower(Tables tab, SecureRandom random) {
        return tab.randomiser().pow(new BigInteger(randomnessBits, random));
    }

    private Tables tables() {
        Tables tab = tables;
        if (tab == null) {
            synchronized (this) {
                tab = tables;
                if (tab == null) {
                    int plaintextBits = 32 - Integer.numberOfLeadingZeros(u);
                    int generatorWindow = Math.min(8, (plaintextBits + 1) / 2);
                    tab = new Tables(new FixedBaseTable(g, reducer, plaintextBits, generatorWindow),
                            new FixedBaseTable(h, reducer, randomnessBits, RANDOMISER_WINDOW));
                    tables = tab;
                }
            }
        }
        return tab;
    }

    void requireOwn(DgkCiphertext c) {
        Objects.requireNonNull(c, "ciphertext");
        if (!c.key().equals(this)) {
            throw new IllegalArgumentException("ciphertext belongs to comparison key " + c.key().fingerprint()
                    + ", not " + fingerprint);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof DgkPublicKey other && Arrays.equals(encoding, other.encoding));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoding);
    }

    @Override
    public String toString() {
        return "DgkPublicKey[" + n.bitLength() + " bits, u=" + u + ", t=" + t + ", " + fingerprint + "]";
    }
}
