package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidCiphertextException;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A non-interactive zero-knowledge proof that a posted plaintext m is the decryption of a Paillier ciphertext c
 * (Damgard, Jurik and Nielsen, "A generalization of Paillier's public-key system with applications to electronic
 * voting", protocol for N^s-th powers with s = 1; the seeds' 002, Appendix A, Algorithm A1: "u is an encryption
 * of zero"), made non-interactive with Fiat-Shamir.
 *
 * <p>Statement: u = c * (1+N)^{-m} mod N^2 is an N-th residue modulo N^2, i.e. u = r^N for some r in Z*_N, which
 * for g = N + 1 holds exactly when Dec(c) = m. Protocol:
 * <ol>
 *   <li>the prover picks s uniformly in Z*_N and computes the commitment a = s^N mod N^2;</li>
 *   <li>the challenge e (128 bits) is SHAKE256 over domain {@value #DOMAIN}, N, c, m, a and the
 *       {@link ProofContext}, each length-prefixed ({@link Transcript});</li>
 *   <li>the response is z = s * r^e mod N, with r = u^{N^{-1} mod phi(N)} mod N the N-th root of u;</li>
 *   <li>the verifier checks 0 &lt; a &lt; N^2, 0 &lt; z &lt; N, gcd(a, N) = gcd(z, N) = 1, c is a valid
 *       ciphertext, |m| &lt;= {@link #maxProvableMagnitude}, and z^N = a * u^e mod N^2.</li>
 * </ol>
 * Since z^N = s^N * r^{eN} = a * u^e, an honest proof always verifies; z is uniform in Z*_N whatever r is, so
 * the proof reveals nothing beyond the statement (honest-verifier zero knowledge, perfect). The prover
 * ({@link DecryptionProver}) computes a and z modulo the primes of N, which gives the same values with about a
 * third of the work.
 *
 * <p>Soundness (for a modulus whose {@link KeyCorrectnessProof} verified, so N = pq with distinct primes and
 * gcd(N, phi(N)) = 1, hence Z*_{N^2} = &lt;1+N&gt; x {N-th residues}): if Dec(c) = m0 != m, then u has the
 * component delta = m0 - m != 0 in &lt;1+N&gt; = Z_N, and a proof verifies only if e * delta equals a value
 * fixed by a before e was drawn, i.e. if e hits one residue modulo ord(delta). The key proof does not show that
 * p and q are large, so ord(delta) might be a small prime p. The market also requires a {@link NoSmallFactorProof}
 * at registration, but that proof is computational and rests on the operator's parameters; the plaintext bound
 * closes the gap statistically, on its own: both m and m0
 * lie within +/-N/2^{130}, so |delta| &lt;= N/2^{129}, and a delta of order p is a non-zero multiple of q, so
 * q &lt;= N/2^{129} and p &gt;= 2^{129}. Hence ord(delta) &gt; 2^{128} and a cheating prover succeeds with
 * probability at most 2^{-128} per hash query. See docs/crypto.md.
 *
 * <p>Encoding ({@link #toBytes()}): one version byte (1), a as exactly {@link PaillierPublicKey#ciphertextBytes()}
 * big-endian bytes, z as exactly {@link PaillierPublicKey#modulusBytes()} big-endian bytes.
 */
public final class DecryptionProof {
    /** Fiat-Shamir domain of this proof. */
    public static final String DOMAIN = "neighbourgrid/decryption-proof/v1";
    /** Length of the challenge e in bits. */
    public static final int CHALLENGE_BITS = 128;
    static final int ENCODING_VERSION = 1;

    private final PaillierPublicKey key;
    private final BigInteger commitment;
    private final BigInteger response;

    /** A proof from its elements; callers check or have computed 0 &lt; a &lt; N^2 and 0 &lt; z &lt; N. */
    DecryptionProof(PaillierPublicKey key, BigInteger commitment, BigInteger response) {
        this.key = key;
        this.commitment = commitment;
        this.response = response;
    }

    /**
     * Largest magnitude of a plaintext whose decryption can be proven under {@code key}: floor(N / 2^{130}). The
     * bound makes the proof sound even for a modulus with one small prime factor (see the class comment); for a
     * 2048-bit key it is about 2^{1917}, far beyond any market quantity.
     */
    public static BigInteger maxProvableMagnitude(PaillierPublicKey key) {
        return key.modulus().shiftRight(CHALLENGE_BITS + 2);
    }

    /**
     * Proves that {@code plaintext} is the decryption of {@code c}. One proof; a decryptor that proves several
     * decryptions under one key keeps a {@link DecryptionProver}, which this method builds for each call.
     *
     * @param key       the private key of the ciphertext's key
     * @param c         the ciphertext
     * @param plaintext the signed plaintext, as {@link PaillierPrivateKey#decrypt} returns it
     * @param context   where the proof belongs (channel, window, phase, prover)
     * @param random    source of the commitment randomness s
     * @return the proof
     * @throws IllegalArgumentException  if {@code plaintext} is not the decryption of {@code c}
     * @throws ValueOutOfRangeException  if |plaintext| exceeds {@link #maxProvableMagnitude}
     * @throws InvalidCiphertextException if {@code c} belongs to another key
     */
    public static DecryptionProof prove(PaillierPrivateKey key, Ciphertext c, BigInteger plaintext,
            ProofContext context, SecureRandom random) {
        return new DecryptionProver(key).prove(c, plaintext, context, random);
    }

    /**
     * Verifies that {@code plaintext} is the decryption of {@code c} for this context. Deterministic.
     *
     * @throws InvalidProofException naming the failed check
     */
    public void verify(Ciphertext c, BigInteger plaintext, ProofContext context) {
        Objects.requireNonNull(c, "ciphertext");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        BigInteger residue = checkClaim(c, plaintext);
        if (!unitWitness(c).gcd(key.modulus()).equals(BigInteger.ONE)) {
            requireUnits(c);
        }
        BigInteger e = challenge(key, c, residue, commitment, context);
        if (!equationHolds(c, residue, e)) {
            throw new InvalidProofException("decryption proof does not verify: z^N != a * u^e mod N^2");
        }
    }

    /** The key this proof was made under. */
    public PaillierPublicKey key() {
        return key;
    }

    /** Fixed-width encoding: version byte, a, z. */
    public byte[] toBytes() {
        return new Bytes.Writer()
                .u8(ENCODING_VERSION)
                .fixed(commitment, key.ciphertextBytes())
                .fixed(response, key.modulusBytes())
                .toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * Parses {@link #toBytes()} for {@code key}: exact length, known version, 0 &lt; a &lt; N^2 and 0 &lt; z &lt; N.
     * That a and z are units is checked by verification, where a batch needs one gcd for all its proofs.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static DecryptionProof fromBytes(PaillierPublicKey key, byte[] bytes) {
        Objects.requireNonNull(key, "key");
        int expected = 1 + key.ciphertextBytes() + key.modulusBytes();
        if (bytes == null || bytes.length != expected) {
            throw new MalformedEncodingException("decryption proof must be exactly " + expected + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        Bytes.Reader in = new Bytes.Reader(bytes, "decryption proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("decryption proof has unknown version " + version);
        }
        BigInteger a = in.fixed(key.ciphertextBytes());
        BigInteger z = in.fixed(key.modulusBytes());
        in.finish();
        String defect = rangeDefect(key, a, z);
        if (defect != null) {
            throw new MalformedEncodingException("decryption proof " + defect);
        }
        return new DecryptionProof(key, a, z);
    }

    /** Parses a Base64 proof for {@code key}. */
    public static DecryptionProof fromBase64(PaillierPublicKey key, String text) {
        return fromBytes(key, Bytes.fromBase64(text, "decryption proof"));
    }

    // ---- shared with batch verification ----

    /**
     * The checks of a claim that need no exponentiation and no gcd: proof and ciphertext under the same key,
     * 0 &lt; c &lt; N^2, |m| within the provable bound, a and z in range. Returns m as its residue in [0, N).
     */
    BigInteger checkClaim(Ciphertext c, BigInteger plaintext) {
        if (!key.equals(c.key())) {
            throw new InvalidProofException("decryption proof was made under another Paillier key than the ciphertext");
        }
        if (c.value().signum() <= 0 || c.value().compareTo(key.modulusSquared()) >= 0) {
            throw new InvalidProofException("statement ciphertext is not in the range 0 < c < N^2");
        }
        if (plaintext.abs().compareTo(maxProvableMagnitude(key)) > 0) {
            throw new InvalidProofException("claimed plaintext of " + plaintext.abs().bitLength()
                    + " bits exceeds the provable bound N/2^" + (CHALLENGE_BITS + 2));
        }
        String defect = rangeDefect(key, commitment, response);
        if (defect != null) {
            throw new InvalidProofException("decryption proof " + defect);
        }
        return key.toPlaintext(plaintext);
    }

    /** (a mod N) * z * (c mod N) mod N: a unit modulo N exactly when each of a, z and c is. */
    BigInteger unitWitness(Ciphertext c) {
        BigInteger n = key.modulus();
        return commitment.mod(n).multiply(response).mod(n).multiply(c.value().mod(n)).mod(n);
    }

    /** Names which of a, z, c shares a factor with N; called when {@link #unitWitness} is not a unit. */
    void requireUnits(Ciphertext c) {
        BigInteger n = key.modulus();
        if (!commitment.gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidProofException("decryption proof commitment a is not a unit (gcd(a, N) != 1)");
        }
        if (!response.gcd(n).equals(BigInteger.ONE)) {
            throw new InvalidProofException("decryption proof response z is not a unit (gcd(z, N) != 1)");
        }
        throw new InvalidProofException("statement ciphertext is not a unit (gcd(c, N) != 1)");
    }

    /** The single-proof equation z^N == a * u^e mod N^2 with u = c * (1+N)^{-m}. */
    boolean equationHolds(Ciphertext c, BigInteger residue, BigInteger e) {
        BigInteger nSquared = key.modulusSquared();
        BigInteger u = statementElement(key, c, residue);
        BigInteger left = response.modPow(key.modulus(), nSquared);
        BigInteger right = commitment.multiply(u.modPow(e, nSquared)).mod(nSquared);
        return left.equals(right);
    }

    BigInteger commitment() {
        return commitment;
    }

    BigInteger response() {
        return response;
    }

    /**
     * The Fiat-Shamir challenge: SHAKE256 over the domain, N, c (fixed width), m as its residue in [0, N)
     * (fixed width), a (fixed width) and the context, every element length-prefixed and labelled.
     */
    static BigInteger challenge(PaillierPublicKey key, Ciphertext c, BigInteger residue, BigInteger a,
            ProofContext context) {
        Transcript t = new Transcript(DOMAIN)
                .append("N", key.modulus())
                .append("c", c.toBytes())
                .append("m", Bytes.fixedWidth(residue, key.modulusBytes()))
                .append("a", Bytes.fixedWidth(a, key.ciphertextBytes()));
        return context.bindTo(t).challenge(CHALLENGE_BITS);
    }

    /** u = c * (1+N)^{-m} = c * (1 - mN) mod N^2, since (1+N)^k = 1 + kN mod N^2. */
    static BigInteger statementElement(PaillierPublicKey key, Ciphertext c, BigInteger residue) {
        BigInteger nSquared = key.modulusSquared();
        BigInteger inverseGm = BigInteger.ONE.subtract(residue.multiply(key.modulus())).mod(nSquared);
        return c.value().multiply(inverseGm).mod(nSquared);
    }

    /** Null if 0 &lt; a &lt; N^2 and 0 &lt; z &lt; N, otherwise what is wrong. */
    private static String rangeDefect(PaillierPublicKey key, BigInteger a, BigInteger z) {
        if (a.signum() <= 0 || a.compareTo(key.modulusSquared()) >= 0) {
            return "commitment a is not in the range 0 < a < N^2";
        }
        if (z.signum() <= 0 || z.compareTo(key.modulus()) >= 0) {
            return "response z is not in the range 0 < z < N";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof DecryptionProof other && key.equals(other.key)
                && commitment.equals(other.commitment) && response.equals(other.response));
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, commitment, response);
    }

    @Override
    public String toString() {
        return "DecryptionProof[" + key.fingerprint() + "]";
    }
}
