package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A non-interactive proof that a Paillier modulus N0 has no small prime factor: N0 = pq with
 * |p|, |q| &lt;= 2^{l + eps} sqrt(N0), so that each factor is at least sqrt(N0) / 2^{l + eps + 1}
 * ({@link #provenFactorBound}). It is Pi^fac of Canetti, Gennaro, Goldfeder, Makriyannis and Peled, "UC
 * Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts" (ePrint 2021/060, Figure 28, "No Small
 * Factor Proof"), made against ring-Pedersen parameters (N^, s, t) whose trapdoor the prover does not know
 * ({@link RingPedersenParameters}, shown well formed by a {@link RingPedersenProof}), and non-interactive by
 * Fiat-Shamir. Together with {@link KeyCorrectnessProof} (exactly two distinct primes) it excludes the moduli of
 * the BitForge attacks (CVE-2023-33241): a prime factor of 20 or 120 bits cannot be proven.
 *
 * <p>Parameters: challenge length l = {@value #CHALLENGE_BITS}, slack eps = {@value #SLACK_BITS} = 2l (the
 * paper's choice) for the masks x, y, r, and slack {@value #RESPONSE_SLACK_BITS} for alpha and beta (the paper
 * uses eps there too; their only job is to hide e p and e q, and the tighter range is what the proven bound
 * depends on: docs/crypto.md, section "No-small-factor proof").
 *
 * <p>Protocol, with A = {@value #RESPONSE_SLACK_BITS}, every exponentiation modulo N^ (negative exponents through
 * inverses: s, t and the commitments are units):
 * <ol>
 *   <li>The prover samples alpha, beta in +-2^{l+A} sqrt(N0); mu, nu in +-2^l N^; sigma in +-2^l N0 N^;
 *       r in +-2^{l+eps} N0 N^; x, y in +-2^{l+eps} N^, and computes P = s^p t^mu, Q = s^q t^nu,
 *       A = s^alpha t^x, B = s^beta t^y, T = Q^alpha t^r.</li>
 *   <li>e, uniform in [-2^l, 2^l), from SHAKE256 over {@value #DOMAIN}, N0, the parameters, P, Q, A, B, T, sigma
 *       and the {@link ProofContext} ({@link #challenge}).</li>
 *   <li>sigma^ = sigma - nu p; z1 = alpha + e p; z2 = beta + e q; w1 = x + e mu; w2 = y + e nu;
 *       v = r + e sigma^. If z1 or z2 falls outside the verifier's range (probability about 2^{-127} for keys
 *       of two equal-length primes) the prover starts again with fresh randomness.</li>
 *   <li>The verifier computes R = s^{N0} t^sigma and checks s^{z1} t^{w1} = A P^e, s^{z2} t^{w2} = B Q^e,
 *       Q^{z1} t^v = T R^e and |z1|, |z2| &lt;= 2^{l+A} isqrt(N0).</li>
 * </ol>
 *
 * <p>Encoding ({@link #toBytes()}), big-endian, signed integers as a sign byte (0 or 1) and a fixed-width
 * magnitude ({@link Bytes.Writer#signed}); L0 and L^ are the byte lengths of N0 and N^:
 * version (1 byte, 1), L0 (4 bytes), L^ (4 bytes), the parameters' 32-byte fingerprint, P, Q, A, B, T (L^ bytes
 * each), sigma (1 + 16 + L0 + L^), z1, z2 (1 + 32 + ceil(L0/2) each), w1, w2 (1 + 49 + L^ each),
 * v (1 + 49 + L0 + L^). 3,346 bytes for a 2048-bit key and 2048-bit parameters.
 */
public final class NoSmallFactorProof {
    /** Fiat-Shamir domain of this proof. */
    public static final String DOMAIN = "neighbourgrid/factor-proof/v1";
    /** l: the challenge is uniform in [-2^l, 2^l); soundness error 2^{-l} per hash query. */
    public static final int CHALLENGE_BITS = 128;
    /** eps = 2l: slack of the masks x, y (of mu, nu) and r (of sigma^), as in the paper. */
    public static final int SLACK_BITS = 2 * CHALLENGE_BITS;
    /** Slack of alpha and beta over e p and e q; with l it sets the range of z1, z2 and so the proven bound. */
    public static final int RESPONSE_SLACK_BITS = 128;
    static final int ENCODING_VERSION = 1;
    private static final int FINGERPRINT_BYTES = 32;
    /** Bytes of the magnitude of sigma beyond L0 + L^: |sigma| &lt;= 2^l N0 N^. */
    private static final int SIGMA_EXTRA = CHALLENGE_BITS / 8;
    /** Bytes of the magnitude of z beyond ceil(L0 / 2): |z| &lt;= 2^{l+A} isqrt(N0). */
    private static final int Z_EXTRA = (CHALLENGE_BITS + RESPONSE_SLACK_BITS) / 8;
    /** Bytes of the magnitude of w beyond L^: |w| &lt; 2^{l+eps+1} N^. */
    private static final int W_EXTRA = (CHALLENGE_BITS + SLACK_BITS) / 8 + 1;
    /** Bytes of the magnitude of v beyond L0 + L^: |v| &lt; 2^{l+eps+1} N0 N^. */
    private static final int V_EXTRA = (CHALLENGE_BITS + SLACK_BITS) / 8 + 1;
    /** Fresh attempts before an honest prover gives up (each fails with probability about 2^{-127}). */
    private static final int MAX_ATTEMPTS = 64;

    private final int modulusBytes;
    private final int parametersBytes;
    private final byte[] parametersFingerprint;
    private final BigInteger commitP;
    private final BigInteger commitQ;
    private final BigInteger commitA;
    private final BigInteger commitB;
    private final BigInteger commitT;
    private final BigInteger sigma;
    private final BigInteger z1;
    private final BigInteger z2;
    private final BigInteger w1;
    private final BigInteger w2;
    private final BigInteger v;

    NoSmallFactorProof(int modulusBytes, int parametersBytes, byte[] parametersFingerprint, BigInteger commitP,
                       BigInteger commitQ, BigInteger commitA, BigInteger commitB, BigInteger commitT,
                       BigInteger sigma, BigInteger z1, BigInteger z2, BigInteger w1, BigInteger w2, BigInteger v) {
        this.modulusBytes = modulusBytes;
        this.parametersBytes = parametersBytes;
        this.parametersFingerprint = parametersFingerprint.clone();
        this.commitP = commitP;
        this.commitQ = commitQ;
        this.commitA = commitA;
        this.commitB = commitB;
        this.commitT = commitT;
        this.sigma = sigma;
        this.z1 = z1;
        this.z2 = z2;
        this.w1 = w1;
        this.w2 = w2;
        this.v = v;
    }

    /**
     * Proves that the key's modulus has no small factor.
     *
     * @param key     the private key (its primes)
     * @param params  the verifier's ring-Pedersen parameters (on the ledger: the registered set)
     * @param context the registration context (channel, window, phase, home id)
     * @param random  source of the prover's randomness
     * @throws InvalidPublicKeyException if the primes are so unbalanced that no proof exists
     */
    public static NoSmallFactorProof prove(PaillierPrivateKey key, RingPedersenParameters params,
                                           ProofContext context, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(random, "random");
        BigInteger n0 = key.publicKey().modulus();
        BigInteger p = key.secretPrimeP();
        BigInteger q = key.secretPrimeQ();
        // An honest response z = alpha + e p leaves the range with probability about p / (2^{A+1} sqrt(N0)): keep
        // it below 2^-64, far from the 2^-127 of equal-length primes.
        BigInteger limit = n0.sqrt().shiftLeft(RESPONSE_SLACK_BITS - 64);
        if (p.compareTo(limit) > 0 || q.compareTo(limit) > 0) {
            throw new InvalidPublicKeyException("the key's primes are too unbalanced for a no-small-factor proof");
        }
        BigInteger bound = responseBound(n0);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            NoSmallFactorProof proof = attempt(n0, p, q, params, context, random);
            if (proof.z1.abs().compareTo(bound) <= 0 && proof.z2.abs().compareTo(bound) <= 0) {
                return proof;
            }
        }
        throw new IllegalStateException("no-small-factor proof: " + MAX_ATTEMPTS + " attempts out of range");
    }

    /**
     * One run of the prover's algorithm (steps 1 to 3 of the class comment) for claimed factors p, q of n0, without
     * the range check of step 3. {@link #prove} calls it; tests call it to play provers with bad moduli.
     */
    static NoSmallFactorProof attempt(BigInteger n0, BigInteger p, BigInteger q, RingPedersenParameters params,
                                      ProofContext context, SecureRandom random) {
        BigInteger nHat = params.modulus();
        BigInteger s = params.s();
        BigInteger t = params.t();
        int l = CHALLENGE_BITS;
        BigInteger alpha = uniformSigned(responseBound(n0), random);
        BigInteger beta = uniformSigned(responseBound(n0), random);
        BigInteger mu = uniformSigned(nHat.shiftLeft(l), random);
        BigInteger nu = uniformSigned(nHat.shiftLeft(l), random);
        BigInteger n0nHat = n0.multiply(nHat);
        BigInteger sigma = uniformSigned(n0nHat.shiftLeft(l), random);
        BigInteger r = uniformSigned(n0nHat.shiftLeft(l + SLACK_BITS), random);
        BigInteger x = uniformSigned(nHat.shiftLeft(l + SLACK_BITS), random);
        BigInteger y = uniformSigned(nHat.shiftLeft(l + SLACK_BITS), random);
        BigInteger commitP = pow(s, p, nHat).multiply(pow(t, mu, nHat)).mod(nHat);
        BigInteger commitQ = pow(s, q, nHat).multiply(pow(t, nu, nHat)).mod(nHat);
        BigInteger commitA = pow(s, alpha, nHat).multiply(pow(t, x, nHat)).mod(nHat);
        BigInteger commitB = pow(s, beta, nHat).multiply(pow(t, y, nHat)).mod(nHat);
        BigInteger commitT = pow(commitQ, alpha, nHat).multiply(pow(t, r, nHat)).mod(nHat);
        int l0 = byteLength(n0);
        BigInteger e = challenge(n0, params, commitP, commitQ, commitA, commitB, commitT, sigma, context);
        BigInteger sigmaHat = sigma.subtract(nu.multiply(p));
        return new NoSmallFactorProof(l0, params.modulusBytes(), params.fingerprintBytes(), commitP, commitQ,
                commitA, commitB, commitT, sigma, alpha.add(e.multiply(p)), beta.add(e.multiply(q)),
                x.add(e.multiply(mu)), y.add(e.multiply(nu)), r.add(e.multiply(sigmaHat)));
    }

    /**
     * Verifies that the key's modulus has no small factor, against these parameters and for this context.
     * Deterministic.
     *
     * @throws InvalidProofException naming the failed check
     */
    public void verify(PaillierPublicKey key, RingPedersenParameters params, ProofContext context) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        BigInteger n0 = key.modulus();
        BigInteger nHat = params.modulus();
        if (modulusBytes != key.modulusBytes()) {
            throw new InvalidProofException("no-small-factor proof is for a modulus of " + modulusBytes
                    + " bytes, the key has " + key.modulusBytes());
        }
        if (!MessageDigest.isEqual(parametersFingerprint, params.fingerprintBytes())) {
            throw new InvalidProofException("no-small-factor proof was made against ring-Pedersen parameters "
                    + parametersFingerprint() + ", not " + params.fingerprint());
        }
        if (parametersBytes != params.modulusBytes()) {
            throw new InvalidProofException("no-small-factor proof has " + parametersBytes
                    + "-byte commitments, the parameters a " + params.modulusBytes() + "-byte modulus");
        }
        BigInteger product = BigInteger.ONE;
        String[] names = {"P", "Q", "A", "B", "T"};
        BigInteger[] commitments = {commitP, commitQ, commitA, commitB, commitT};
        for (int i = 0; i < commitments.length; i++) {
            if (commitments[i].signum() <= 0 || commitments[i].compareTo(nHat) >= 0) {
                throw new InvalidProofException("no-small-factor proof check failed: " + names[i]
                        + " is not in 0 < " + names[i] + " < N^");
            }
            product = product.multiply(commitments[i]).mod(nHat);
        }
        if (!product.gcd(nHat).equals(BigInteger.ONE)) {
            throw new InvalidProofException("no-small-factor proof check failed: a commitment is not a unit modulo N^");
        }
        BigInteger bound = responseBound(n0);
        if (z1.abs().compareTo(bound) > 0) {
            throw new InvalidProofException("no-small-factor proof check failed: z1 is out of range"
                    + " (|z1| > 2^" + (CHALLENGE_BITS + RESPONSE_SLACK_BITS) + " sqrt(N0))");
        }
        if (z2.abs().compareTo(bound) > 0) {
            throw new InvalidProofException("no-small-factor proof check failed: z2 is out of range"
                    + " (|z2| > 2^" + (CHALLENGE_BITS + RESPONSE_SLACK_BITS) + " sqrt(N0))");
        }
        BigInteger s = params.s();
        BigInteger t = params.t();
        BigInteger e = challenge(n0, params, commitP, commitQ, commitA, commitB, commitT, sigma, context);
        if (!pow(s, z1, nHat).multiply(pow(t, w1, nHat)).mod(nHat)
                .equals(commitA.multiply(pow(commitP, e, nHat)).mod(nHat))) {
            throw new InvalidProofException("no-small-factor proof check failed: s^z1 t^w1 != A P^e mod N^");
        }
        if (!pow(s, z2, nHat).multiply(pow(t, w2, nHat)).mod(nHat)
                .equals(commitB.multiply(pow(commitQ, e, nHat)).mod(nHat))) {
            throw new InvalidProofException("no-small-factor proof check failed: s^z2 t^w2 != B Q^e mod N^");
        }
        BigInteger commitR = s.modPow(n0, nHat).multiply(pow(t, sigma, nHat)).mod(nHat);
        if (!pow(commitQ, z1, nHat).multiply(pow(t, v, nHat)).mod(nHat)
                .equals(commitT.multiply(pow(commitR, e, nHat)).mod(nHat))) {
            throw new InvalidProofException("no-small-factor proof check failed: Q^z1 t^v != T R^e mod N^"
                    + " (R = s^N0 t^sigma)");
        }
    }

    /**
     * The Fiat-Shamir challenge e in [-2^l, 2^l): an (l + 1)-bit challenge u from SHAKE256 over {@value #DOMAIN},
     * N0 (minimal), the parameters' encoding, P, Q, A, B, T (each in the parameters' modulus length), sigma (signed,
     * in its encoded width) and the context; e = u - 2^l.
     *
     * @return e
     */
    public static BigInteger challenge(BigInteger n0, RingPedersenParameters params, BigInteger commitP,
                                       BigInteger commitQ, BigInteger commitA, BigInteger commitB,
                                       BigInteger commitT, BigInteger sigma, ProofContext context) {
        int width = params.modulusBytes();
        Transcript t = new Transcript(DOMAIN)
                .append("N0", n0)
                .append("params", params.toBytes())
                .append("P", Bytes.fixedWidth(commitP, width))
                .append("Q", Bytes.fixedWidth(commitQ, width))
                .append("A", Bytes.fixedWidth(commitA, width))
                .append("B", Bytes.fixedWidth(commitB, width))
                .append("T", Bytes.fixedWidth(commitT, width))
                .append("sigma", new Bytes.Writer().signed(sigma, sigmaWidth(byteLength(n0), width)).toByteArray());
        return context.bindTo(t).challenge(CHALLENGE_BITS + 1).subtract(BigInteger.ONE.shiftLeft(CHALLENGE_BITS));
    }

    /**
     * The verifier's range of z1 and z2 (and the prover's of alpha and beta): 2^{l+A} isqrt(N0).
     *
     * @param n0 the modulus
     * @return the largest accepted |z|
     */
    public static BigInteger responseBound(BigInteger n0) {
        return n0.sqrt().shiftLeft(CHALLENGE_BITS + RESPONSE_SLACK_BITS);
    }

    /**
     * What an accepted proof shows about every prime factor of n0 (with the key-correctness proof: n0 has two):
     * each is at least isqrt(n0) / 2^{l+A+1}, rounded down. From two accepting transcripts with challenges e != e'
     * the factors are extracted as p = (z1 - z1') / (e - e'), so |p| &lt;= 2 * 2^{l+A} isqrt(n0), and q = n0 / p.
     *
     * @param n0 the modulus
     * @return the proven lower bound on each prime factor (zero when the modulus is too small to say anything)
     */
    public static BigInteger provenFactorBound(BigInteger n0) {
        return n0.sqrt().shiftRight(CHALLENGE_BITS + RESPONSE_SLACK_BITS + 1);
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        int zWidth = zWidth(modulusBytes);
        int wWidth = wWidth(parametersBytes);
        return new Bytes.Writer((int) encodedLength(modulusBytes, parametersBytes))
                .u8(ENCODING_VERSION)
                .u32(modulusBytes)
                .u32(parametersBytes)
                .raw(parametersFingerprint)
                .fixed(commitP, parametersBytes)
                .fixed(commitQ, parametersBytes)
                .fixed(commitA, parametersBytes)
                .fixed(commitB, parametersBytes)
                .fixed(commitT, parametersBytes)
                .signed(sigma, sigmaWidth(modulusBytes, parametersBytes))
                .signed(z1, zWidth)
                .signed(z2, zWidth)
                .signed(w1, wWidth)
                .signed(w2, wWidth)
                .signed(v, vWidth(modulusBytes, parametersBytes))
                .toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * The exact length of an encoding.
     *
     * @param modulusBytes    L0, the byte length of the Paillier modulus
     * @param parametersBytes L^, the byte length of the ring-Pedersen modulus
     * @return bytes
     */
    public static long encodedLength(int modulusBytes, int parametersBytes) {
        return 9L + FINGERPRINT_BYTES + 5L * parametersBytes + 1 + sigmaWidth(modulusBytes, parametersBytes)
                + 2L * (1 + zWidth(modulusBytes)) + 2L * (1 + wWidth(parametersBytes))
                + 1 + vWidth(modulusBytes, parametersBytes);
    }

    /**
     * Parses {@link #toBytes()} strictly: known version, lengths within the accepted sizes, exact total length,
     * canonical signed integers.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static NoSmallFactorProof fromBytes(byte[] bytes) {
        Bytes.Reader in = new Bytes.Reader(bytes, "no-small-factor proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("no-small-factor proof has unknown version " + version);
        }
        int l0 = in.u32();
        if (l0 < PaillierPublicKey.MIN_BITS / 8 || l0 > PaillierPublicKey.MAX_BITS / 8) {
            throw new MalformedEncodingException("no-small-factor proof has a modulus length of " + l0
                    + " bytes, outside [" + PaillierPublicKey.MIN_BITS / 8 + ", " + PaillierPublicKey.MAX_BITS / 8
                    + "]");
        }
        int lHat = in.u32();
        if (lHat < RingPedersenParameters.MIN_BITS / 8 || lHat > RingPedersenParameters.MAX_BITS / 8) {
            throw new MalformedEncodingException("no-small-factor proof has a parameter modulus length of " + lHat
                    + " bytes, outside [" + RingPedersenParameters.MIN_BITS / 8 + ", "
                    + RingPedersenParameters.MAX_BITS / 8 + "]");
        }
        long expected = encodedLength(l0, lHat);
        if (bytes.length != expected) {
            throw new MalformedEncodingException("no-small-factor proof must be exactly " + expected + " bytes for a "
                    + l0 + "-byte modulus and " + lHat + "-byte parameters, got " + bytes.length);
        }
        byte[] fingerprint = in.raw(FINGERPRINT_BYTES);
        BigInteger commitP = in.fixed(lHat);
        BigInteger commitQ = in.fixed(lHat);
        BigInteger commitA = in.fixed(lHat);
        BigInteger commitB = in.fixed(lHat);
        BigInteger commitT = in.fixed(lHat);
        BigInteger sigma = in.signed(sigmaWidth(l0, lHat));
        BigInteger z1 = in.signed(zWidth(l0));
        BigInteger z2 = in.signed(zWidth(l0));
        BigInteger w1 = in.signed(wWidth(lHat));
        BigInteger w2 = in.signed(wWidth(lHat));
        BigInteger v = in.signed(vWidth(l0, lHat));
        in.finish();
        return new NoSmallFactorProof(l0, lHat, fingerprint, commitP, commitQ, commitA, commitB, commitT, sigma,
                z1, z2, w1, w2, v);
    }

    /** Parses a Base64 no-small-factor proof. */
    public static NoSmallFactorProof fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, "no-small-factor proof"));
    }

    /** The fingerprint of the ring-Pedersen parameters the proof was made against, 64 hex digits. */
    public String parametersFingerprint() {
        return HexFormat.of().formatHex(parametersFingerprint);
    }

    // ------------------------------------------------------------------------------------------------ internals

    static int sigmaWidth(int l0, int lHat) {
        return SIGMA_EXTRA + l0 + lHat;
    }

    static int zWidth(int l0) {
        return Z_EXTRA + (l0 + 1) / 2;
    }

    static int wWidth(int lHat) {
        return W_EXTRA + lHat;
    }

    static int vWidth(int l0, int lHat) {
        return V_EXTRA + l0 + lHat;
    }

    private static int byteLength(BigInteger n) {
        return (n.bitLength() + 7) / 8;
    }

    /** base^exponent mod m for a unit base and any integer exponent. */
    static BigInteger pow(BigInteger base, BigInteger exponent, BigInteger m) {
        return exponent.signum() >= 0 ? base.modPow(exponent, m) : base.modInverse(m).modPow(exponent.negate(), m);
    }

    /** Uniform in Z*_n, by rejection. */
    static BigInteger uniformUnit(BigInteger n, SecureRandom random) {
        while (true) {
            BigInteger v = new BigInteger(n.bitLength(), random);
            if (v.signum() > 0 && v.compareTo(n) < 0 && v.gcd(n).equals(BigInteger.ONE)) {
                return v;
            }
        }
    }
    /** Uniform in [-bound, bound]. */
    static BigInteger uniformSigned(BigInteger bound, SecureRandom random) {
        return RingPedersenKeys.uniformBelow(bound.shiftLeft(1).add(BigInteger.ONE), random).subtract(bound);
    }

    // Accessors for tests that tamper with single fields.
    BigInteger[] fields() {
        return new BigInteger[] {commitP, commitQ, commitA, commitB, commitT, sigma, z1, z2, w1, w2, v};
    }

    NoSmallFactorProof withFields(BigInteger[] f) {
        return new NoSmallFactorProof(modulusBytes, parametersBytes, parametersFingerprint, f[0], f[1], f[2], f[3],
                f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof NoSmallFactorProof other && modulusBytes == other.modulusBytes
                && parametersBytes == other.parametersBytes
                && MessageDigest.isEqual(parametersFingerprint, other.parametersFingerprint)
                && java.util.Arrays.equals(fields(), other.fields()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(modulusBytes, commitP, z1);
    }

    @Override
    public String toString() {
        return "NoSmallFactorProof[" + modulusBytes * 8 + "-bit modulus, parameters "
                + parametersFingerprint().substring(0, 16) + "]";
    }
}
