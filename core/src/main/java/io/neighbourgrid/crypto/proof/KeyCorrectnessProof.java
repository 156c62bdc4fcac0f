package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.math.NumberTheory;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A non-interactive proof that a Paillier modulus N is a Paillier-Blum modulus: N = pq for distinct primes
 * p = q = 3 (mod 4) with gcd(N, phi(N)) = 1. It is the protocol Pi^mod of Canetti, Gennaro, Goldfeder,
 * Makriyannis and Peled, "UC Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts" (CCS 2020,
 * ePrint 2021/060, Figure 16), with m = {@value #ROUNDS} repetitions for soundness error 2^{-80}.
 *
 * <p>Protocol. The prover picks w in Z*_N with Jacobi symbol (w/N) = -1. Challenges y_1..y_m in Z*_N are
 * derived from SHAKE256 over the domain {@value #DOMAIN}, N, w and the {@link ProofContext}. For each i the
 * prover finds the unique a_i, b_i in {0, 1} such that y'_i = (-1)^{a_i} w^{b_i} y_i is a quadratic residue,
 * and sends x_i = y'_i^{1/4} mod N (a fourth root exists because, modulo a Blum prime, a square has a square
 * root that is itself a square) and z_i = y_i^{N^{-1} mod phi(N)} mod N. The verifier checks that N is odd and
 * not prime, that w is a unit with Jacobi symbol -1, and for every i that x_i^4 = (-1)^{a_i} w^{b_i} y_i and
 * z_i^N = y_i (mod N).
 *
 * <p>Why it is sound (CGGMP21, the analysis of Figure 16): z_i^N = y_i for random y_i shows that x -&gt; x^N is onto
 * Z*_N, i.e. gcd(N, phi(N)) = 1, which also excludes any square factor; the fourth roots show that one of four
 * fixed cosets of y_i is a fourth power, which for random y_i happens with probability at most 1/2 per round
 * unless N has exactly two prime factors, both 3 mod 4. A prime N would pass those two checks, hence the
 * explicit primality test.
 *
 * <p>What it does not prove, and why the checks of {@link PaillierPublicKey#of} are needed as well: Pi^mod says
 * nothing about the size of p and q. The BitForge attacks (Makriyannis, Yomtov, Galansky, Fireblocks 2023;
 * CVE-2023-33241) used Paillier moduli with many small prime factors, N = p_1 ... p_16 q, against threshold
 * ECDSA implementations that skipped these proofs, to read a peer's secret modulo every small p_i. Pi^mod rules
 * out more than two factors; the trial division of {@code PaillierPublicKey.of} (no prime factor below 1000)
 * and its perfect-square test reject the cheapest malformed moduli before any proof work. A modulus pq with one
 * prime of, say, 40 bits still passes both; the "no small factor" proof Pi^fac of CGGMP21
 * ({@link NoSmallFactorProof}, made against ring-Pedersen parameters the prover does not control) excludes it, and
 * the market requires both proofs at registration. Decryption proofs do not rely on it alone either (see
 * {@link DecryptionProof#maxProvableMagnitude}).
 *
 * <p>Encoding ({@link #toBytes()}): version (1 byte, 1), L = byte length of N (4 bytes, big-endian), m (1 byte,
 * {@value #ROUNDS}), w (L bytes), then for each round a flags byte (bit 0 = a_i, bit 1 = b_i, other bits zero),
 * x_i (L bytes) and z_i (L bytes), all integers big-endian and fixed width.
 */
public final class KeyCorrectnessProof {
    /** Fiat-Shamir domain of this proof. */
    public static final String DOMAIN = "neighbourgrid/key-proof/v1";
    /** Number of repetitions m; soundness error 2^{-m}. */
    public static final int ROUNDS = 80;
    static final int ENCODING_VERSION = 1;
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final BigInteger FOUR = BigInteger.valueOf(4);

    private final int modulusBytes;
    private final BigInteger w;
    private final boolean[] a;
    private final boolean[] b;
    private final BigInteger[] x;
    private final BigInteger[] z;

    private KeyCorrectnessProof(int modulusBytes, BigInteger w, boolean[] a, boolean[] b, BigInteger[] x,
            BigInteger[] z) {
        this.modulusBytes = modulusBytes;
        this.w = w;
        this.a = a;
        this.b = b;
        this.x = x;
        this.z = z;
    }

    /**
     * Proves that the modulus of {@code key} is a Paillier-Blum modulus.
     *
     * @param key     the private key (its primes must both be 3 mod 4, as {@code PaillierKeyPair.generate} makes)
     * @param context the registration context (channel, window, phase, home id)
     * @param random  source of w
     * @throws InvalidPublicKeyException if the key's primes are not Blum primes, so no such proof exists
     */
    public static KeyCorrectnessProof prove(PaillierPrivateKey key, ProofContext context, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(random, "random");
        BigInteger p = key.secretPrimeP();
        BigInteger q = key.secretPrimeQ();
        if (!p.mod(FOUR).equals(THREE) || !q.mod(FOUR).equals(THREE)) {
            throw new InvalidPublicKeyException("the key's primes are not both 3 mod 4: its modulus is not a"
                    + " Paillier-Blum modulus and cannot be proven one");
        }
        PaillierPublicKey pk = key.publicKey();
        BigInteger n = pk.modulus();
        // Fourth root of a square s modulo a Blum prime p: s^(((p+1)/4)^2) (each ^((p+1)/4) is the square root
        // that is itself a square).
        BigInteger fourthRootExpP = p.add(BigInteger.ONE).shiftRight(2).pow(2).mod(p.subtract(BigInteger.ONE));
        BigInteger fourthRootExpQ = q.add(BigInteger.ONE).shiftRight(2).pow(2).mod(q.subtract(BigInteger.ONE));
        BigInteger qInverseModP = q.modInverse(p);
        while (true) {
            BigInteger w = randomUnit(n, random);
            // (w/N) = (w/p)(w/q) = -1: w is a square modulo exactly one of the primes.
            if (legendre(w, p) * legendre(w, q) != -1) {
                continue;
            }
            BigInteger[] y = challenges(pk, w, context);
            if (!allUnits(y, n)) {
                continue;
            }
            boolean[] a = new boolean[ROUNDS];
            boolean[] b = new boolean[ROUNDS];
            BigInteger[] x = new BigInteger[ROUNDS];
            BigInteger[] z = new BigInteger[ROUNDS];
            int wp = legendre(w, p);
            int wq = legendre(w, q);
            for (int i = 0; i < ROUNDS; i++) {
                int sp = legendre(y[i], p);
                int sq = legendre(y[i], q);
                // Multiplying by w flips the symbol modulo exactly one prime; by -1 flips both (-1 is a
                // non-square modulo a Blum prime).
                boolean useW = sp != sq;
                if (useW) {
                    sp *= wp;
                    sq *= wq;
                }
                boolean negate = sp == -1;
                BigInteger target = y[i];
                if (useW) {
                    target = target.multiply(w).mod(n);
                }
                if (negate) {
                    target = n.subtract(target);
                }
                BigInteger xp = target.mod(p).modPow(fourthRootExpP, p);
                BigInteger xq = target.mod(q).modPow(fourthRootExpQ, q);
                a[i] = negate;
                b[i] = useW;
                x[i] = crt(xp, xq, p, q, qInverseModP);
                z[i] = key.nthRootModN(y[i]);
            }
            return new KeyCorrectnessProof(pk.modulusBytes(), w, a, b, x, z);
        }
    }

    /**
     * Verifies that {@code key}'s modulus is a Paillier-Blum modulus, for this context. Deterministic.
     *
     * @throws InvalidProofException naming the failed check (and the round, where there is one)
     */
    public void verify(PaillierPublicKey key, ProofContext context) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(context, "context");
        BigInteger n = key.modulus();
        if (modulusBytes != key.modulusBytes()) {
            throw new InvalidProofException("key proof is for a modulus of " + modulusBytes + " bytes, the key has "
                    + key.modulusBytes());
        }
        // PaillierPublicKey.of already rejects even moduli; Pi^mod's soundness argument needs N odd, so the proof
        // states it itself rather than rely on how the key object was made.
        if (!n.testBit(0)) {
            throw new InvalidProofException("key proof check failed: modulus is even");
        }
        if (n.isProbablePrime(64)) {
            throw new InvalidProofException("key proof check failed: modulus is prime");
        }
        if (w.signum() <= 0 || w.compareTo(n) >= 0 || !w.gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidProofException("key proof check failed: w is not a unit modulo N");
        }
        if (NumberTheory.jacobi(w, n) != -1) {
            throw new InvalidProofException("key proof check failed: w does not have Jacobi symbol -1");
        }
        BigInteger[] y = challenges(key, w, context);
        for (int i = 0; i < ROUNDS; i++) {
            if (!y[i].gcd(n).equals(BigInteger.ONE)) {
                throw new InvalidProofException("key proof check failed: challenge " + i + " shares a factor with N");
            }
        }
        // The cheap fourth-root checks of all rounds first, then the N-th root checks.
        for (int i = 0; i < ROUNDS; i++) {
            if (x[i].signum() <= 0 || x[i].compareTo(n) >= 0) {
                throw new InvalidProofException("key proof round " + i + ": x is not in the range 0 < x < N");
            }
            BigInteger expected = b[i] ? y[i].multiply(w).mod(n) : y[i];
            if (a[i]) {
                expected = n.subtract(expected);
            }
            BigInteger x2 = x[i].multiply(x[i]).mod(n);
            if (!x2.multiply(x2).mod(n).equals(expected)) {
                throw new InvalidProofException("key proof round " + i
                        + ": fourth-root check failed (x^4 != (-1)^a w^b y mod N)");
            }
        }
        for (int i = 0; i < ROUNDS; i++) {
            if (z[i].signum() <= 0 || z[i].compareTo(n) >= 0) {
                throw new InvalidProofException("key proof round " + i + ": z is not in the range 0 < z < N");
            }
            if (!z[i].modPow(n, n).equals(y[i])) {
                throw new InvalidProofException("key proof round " + i + ": N-th root check failed (z^N != y mod N)");
            }
        }
    }

    /** The fixed-width encoding described in the class comment. */
    public byte[] toBytes() {
        Bytes.Writer out = new Bytes.Writer()
                .u8(ENCODING_VERSION)
                .u32(modulusBytes)
                .u8(ROUNDS)
                .fixed(w, modulusBytes);
        for (int i = 0; i < ROUNDS; i++) {
            out.u8((a[i] ? 1 : 0) | (b[i] ? 2 : 0))
                    .fixed(x[i], modulusBytes)
                    .fixed(z[i], modulusBytes);
        }
        return out.toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * Parses {@link #toBytes()} strictly: known version, modulus length within the accepted key sizes, exactly
     * {@value #ROUNDS} rounds, no unknown flag bits, exact total length.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static KeyCorrectnessProof fromBytes(byte[] bytes) {
        Bytes.Reader in = new Bytes.Reader(bytes, "key proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("key proof has unknown version " + version);
        }
        int length = in.u32();
        if (length < PaillierPublicKey.MIN_BITS / 8 || length > PaillierPublicKey.MAX_BITS / 8) {
            throw new MalformedEncodingException("key proof has a modulus length of " + length
                    + " bytes, outside [" + PaillierPublicKey.MIN_BITS / 8 + ", " + PaillierPublicKey.MAX_BITS / 8
                    + "]");
        }
        int rounds = in.u8();
        if (rounds != ROUNDS) {
            throw new MalformedEncodingException("key proof has " + rounds + " rounds, expected " + ROUNDS);
        }
        long expected = 6L + length + (long) ROUNDS * (1 + 2L * length);
        if (bytes.length != expected) {
            throw new MalformedEncodingException("key proof must be exactly " + expected + " bytes for a "
                    + length + "-byte modulus, got " + bytes.length);
        }
        BigInteger w = in.fixed(length);
        boolean[] a = new boolean[ROUNDS];
        boolean[] b = new boolean[ROUNDS];
        BigInteger[] x = new BigInteger[ROUNDS];
        BigInteger[] z = new BigInteger[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            int flags = in.u8();
            if ((flags & ~3) != 0) {
                throw new MalformedEncodingException("key proof round " + i + " has unknown flag bits " + flags);
            }
            a[i] = (flags & 1) != 0;
            b[i] = (flags & 2) != 0;
            x[i] = in.fixed(length);
            z[i] = in.fixed(length);
        }
        in.finish();
        return new KeyCorrectnessProof(length, w, a, b, x, z);
    }

    /** Parses a Base64 key proof. */
    public static KeyCorrectnessProof fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, "key proof"));
    }

    /**
     * The challenges y_1..y_m, uniform in [0, N): SHAKE256 over the domain, N, w (fixed width) and the context,
     * reduced from 64 extra bits ({@link Transcript#challengesBelow}).
     */
    static BigInteger[] challenges(PaillierPublicKey key, BigInteger w, ProofContext context) {
        Transcript t = new Transcript(DOMAIN)
                .append("N", key.modulus())
                .append("w", Bytes.fixedWidth(w, key.modulusBytes()));
        return context.bindTo(t).challengesBelow(key.modulus(), ROUNDS);
    }


    /** Legendre symbol of a unit v modulo an odd prime p by Euler's criterion. */
    private static int legendre(BigInteger v, BigInteger p) {
        BigInteger s = v.mod(p).modPow(p.subtract(BigInteger.ONE).shiftRight(1), p);
        return s.equals(BigInteger.ONE) ? 1 : -1;
    }

    private static BigInteger crt(BigInteger xp, BigInteger xq, BigInteger p, BigInteger q, BigInteger qInverseModP) {
        BigInteger h = xp.subtract(xq).multiply(qInverseModP).mod(p);
        return xq.add(h.multiply(q));
    }

    private static BigInteger randomUnit(BigInteger n, SecureRandom random) {
        BigInteger v;
        do {
            v = new BigInteger(n.bitLength(), random);
        } while (v.signum() == 0 || v.compareTo(n) >= 0 || !v.gcd(n).equals(BigInteger.ONE));
        return v;
    }

    private static boolean allUnits(BigInteger[] values, BigInteger n) {
        for (BigInteger v : values) {
            if (!v.gcd(n).equals(BigInteger.ONE)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof KeyCorrectnessProof other && modulusBytes == other.modulusBytes
                && w.equals(other.w) && Arrays.equals(a, other.a) && Arrays.equals(b, other.b)
                && Arrays.equals(x, other.x) && Arrays.equals(z, other.z));
    }

    @Override
    public int hashCode() {
        return Objects.hash(modulusBytes, w, Arrays.hashCode(x));
    }

    @Override
    public String toString() {
        return "KeyCorrectnessProof[" + modulusBytes * 8 + "-bit modulus, " + ROUNDS + " rounds]";
    }
}
