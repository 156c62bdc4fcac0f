package io.neighbourgrid.crypto.proof;

import static io.neighbourgrid.crypto.proof.NoSmallFactorProof.pow;
import static io.neighbourgrid.crypto.proof.NoSmallFactorProof.uniformSigned;
import static io.neighbourgrid.crypto.proof.NoSmallFactorProof.uniformUnit;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.math.FixedBaseCache;
import io.neighbourgrid.crypto.math.NumberTheory;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A non-interactive zero-knowledge proof that a Paillier ciphertext C under a key N0 encrypts a non-negative
 * integer x, exactly: the plaintext of C, read as a signed integer, equals a1^2 + a2^2 + a3^2 + a4^2 for integers
 * a_j (Lagrange), and is below 2^{L + l + eps + 2} (the slack of the bounded response). Any prover that knows x and
 * the randomness of C can make it: the home that encrypted C, or the holder of N0's key, who recovers the
 * randomness of any ciphertext ({@link #proveAsKeyHolder}). It is the integer-commitment range proof of Lipmaa
 * ("On Diophantine complexity and statistical zero-knowledge arguments", Asiacrypt 2003) over the ring-Pedersen
 * commitments of {@link RingPedersenParameters} (Damgard and Fujisaki's scheme), linked to the Paillier ciphertext
 * as in Pi^enc of Canetti et al. (ePrint 2021/060, Figure 14), non-interactive by Fiat-Shamir.
 *
 * <p>Protocol, l = {@value #CHALLENGE_BITS}, eps = {@value #SLACK_BITS}, h = ceil(L / 2), every exponentiation
 * modulo N^ (negative exponents through inverses) except E and the last check, modulo N0^2:
 * <ol>
 *   <li>The prover writes x = sum a_j^2 ({@link NumberTheory#fourSquares}), each a_j &lt; 2^h, and commits
 *       S_j = s^{a_j} t^{mu_j} (mu_j in +-2^l N^) and T = prod S_j^{a_j} t^nu (nu in +-2^l N^), so that
 *       T = s^x t^{r} with r = sum a_j mu_j + nu. It samples alpha_j in +-2^{h+l+eps}, gamma_j in +-2^{l+eps} N^,
 *       kappa in +-2^{2l+eps} N^, beta in +-2^{L+l+eps}, phi in +-2^{h+2l+eps+3} N^ and zeta in Z*_N0, and sends
 *       A_j = s^{alpha_j} t^{gamma_j}, B = prod S_j^{alpha_j} t^kappa, D = s^beta t^phi and
 *       E = (1 + N0)^beta zeta^N0 mod N0^2.</li>
 *   <li>e, uniform in [0, 2^l), from SHAKE256 over {@value #DOMAIN}, N0, the parameters, L, C, the commitments
 *       and the {@link ProofContext} ({@link #challenge}).</li>
 *   <li>z_j = alpha_j + e a_j, w_j = gamma_j + e mu_j, u = kappa + e nu, zx = beta + e x, wx = phi + e r,
 *       y = zeta rho^e mod N0 (rho the randomness of C).</li>
 *   <li>The verifier checks s^{z_j} t^{w_j} = A_j S_j^e, prod S_j^{z_j} t^u = B T^e, s^{zx} t^{wx} = D T^e,
 *       (1 + N0)^{zx} y^N0 = E C^e mod N0^2, |z_j| &lt;= 2^{h+l+eps+1} and |zx| &lt;= 2^{L+l+eps+1}.</li>
 * </ol>
 * Soundness (docs/crypto.md, section "Non-negativity proof"): from two accepting transcripts with e != e' and
 * d = e - e', the ring-Pedersen relations give integers a_j = (z_j - z_j') / d and x' = (zx - zx') / d (strong RSA
 * modulo N^, whose factorisation the prover does not know), the binding of T gives x' = sum a_j^2 &gt;= 0, and the
 * Paillier relation gives d m = d x' modulo N0 for the plaintext m of C; d is invertible modulo N0 because N0 has no
 * prime factor below 2^l ({@link NoSmallFactorProof}), so m = x' modulo N0, and |x'| &lt; 2^{L+l+eps+2} &lt; N0 / 2
 * makes x' the signed plaintext itself.
 *
 * <p>Encoding ({@link #toBytes()}), big-endian, signed integers as a sign byte and a fixed-width magnitude: version
 * (1 byte, 1), L0 (4 bytes), L^ (4 bytes), L (4 bytes), the parameters' 32-byte fingerprint; S_1..S_4, T, A_1..A_4,
 * B, D (L^ bytes each); E (2 L0 bytes); z_1..z_4, w_1..w_4, u, zx, wx (signed, widths from the bounds above); y (L0
 * bytes).
 */
public final class NonNegativityProof {
    /** Fiat-Shamir domain of this proof. */
    public static final String DOMAIN = "neighbourgrid/non-negativity-proof/v1";
    /** l: the challenge is uniform in [0, 2^l). */
    public static final int CHALLENGE_BITS = 128;
    /** eps: statistical slack of every mask over what it hides. */
    public static final int SLACK_BITS = 128;
    /** The largest L: the proven bound 2^{L + l + eps + 2} must stay far below N0 / 2 for every accepted key. */
    public static final int MAX_VALUE_BITS = 512;
    static final int ENCODING_VERSION = 1;
    private static final int FINGERPRINT_BYTES = 32;
    private static final int SQUARES = 4;

    private final Layout layout;
    private final byte[] parametersFingerprint;
    /** S_1..S_4, T, A_1..A_4, B, D. */
    private final BigInteger[] commitments;
    private final BigInteger commitE;
    /** z_1..z_4, w_1..w_4, u, zx, wx. */
    private final BigInteger[] responses;
    private final BigInteger y;

    private NonNegativityProof(Layout layout, byte[] parametersFingerprint, BigInteger[] commitments,
                               BigInteger commitE, BigInteger[] responses, BigInteger y) {
        this.layout = layout;
        this.parametersFingerprint = parametersFingerprint.clone();
        this.commitments = commitments.clone();
        this.commitE = commitE;
        this.responses = responses.clone();
        this.y = y;
    }

    /**
     * Proves that {@code c} encrypts {@code x} &gt;= 0, for a prover that knows the randomness rho of c
     * (c = (1 + N0)^x rho^N0 mod N0^2).
     *
     * @param key       the key c is under
     * @param c         the ciphertext
     * @param x         its plaintext, in [0, 2^valueBits)
     * @param rho       its randomness, in Z*_N0
     * @param valueBits L, the honest range's bit length, 1 .. {@value #MAX_VALUE_BITS}
     * @param params    the verifier's ring-Pedersen parameters (on the ledger: the registered set)
     * @param context   where the proof belongs
     * @param random    the prover's randomness
     * @throws ValueOutOfRangeException if x is not in [0, 2^valueBits) or valueBits is out of range
     * @throws IllegalArgumentException if c is not (1 + N0)^x rho^N0
     */
    public static NonNegativityProof prove(PaillierPublicKey key, Ciphertext c, BigInteger x, BigInteger rho,
                                           int valueBits, RingPedersenParameters params, ProofContext context,
                                           SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(random, "random");
        Layout layout = layout(key, x, valueBits, params);
        PaillierLink.requireOpening(key, c, x, rho, "non-negativity proof");
        return attempt(key, c, x, rho, layout, params, context, random);
    }

    /** {@link #prove} without the re-encryption check of c, for an x and rho right by construction. */
    static NonNegativityProof proveOwn(PaillierPublicKey key, Ciphertext c, BigInteger x, BigInteger rho,
                                       int valueBits, RingPedersenParameters params, ProofContext context,
                                       SecureRandom random) {
        return attempt(key, c, x, rho, layout(key, x, valueBits, params), params, context, random);
    }

    private static Layout layout(PaillierPublicKey key, BigInteger x, int valueBits, RingPedersenParameters params) {
        Layout layout = Layout.of(key.modulusBytes(), params.modulusBytes(), valueBits);
        if (x.signum() < 0 || x.bitLength() > valueBits) {
            throw new ValueOutOfRangeException("non-negativity proof: the value is not in [0, 2^" + valueBits + ")");
        }
        return layout;
    }

    /**
     * Proves, as the holder of the key, that {@code c} encrypts a value in [0, 2^valueBits): decrypts it and recovers
     * its randomness.
     *
     * @throws ValueOutOfRangeException if the plaintext is not in [0, 2^valueBits)
     */
    public static NonNegativityProof proveAsKeyHolder(PaillierPrivateKey key, Ciphertext c, int valueBits,
                                                      RingPedersenParameters params, ProofContext context,
                                                      SecureRandom random) {
        BigInteger x = key.decrypt(c);
        return proveOwn(key.publicKey(), c, x, PaillierLink.randomnessOf(key, c, x), valueBits, params, context,
                random);
    }

    /**
     * The prover's algorithm (steps 1 to 3) without its input checks; tests call it to play provers of false
     * statements (a negative x written as squares modulo nothing, or a ciphertext of another value).
     */
    static NonNegativityProof attempt(PaillierPublicKey key, Ciphertext c, BigInteger x, BigInteger rho,
                                      Layout layout, RingPedersenParameters params, ProofContext context,
                                      SecureRandom random) {
        BigInteger nHat = params.modulus();
        BigInteger s = params.s();
        BigInteger t = params.t();
        int l = CHALLENGE_BITS;
        int h = layout.halfBits();
        BigInteger[] a = NumberTheory.fourSquares(x.abs(), random);
        BigInteger[] mu = new BigInteger[SQUARES];
        BigInteger[] alpha = new BigInteger[SQUARES];
        BigInteger[] gamma = new BigInteger[SQUARES];
        BigInteger[] commitments = new BigInteger[2 * SQUARES + 3];
        BigInteger nu = uniformSigned(nHat.shiftLeft(l), random);
        BigInteger commitT = FixedBaseCache.pow(t, nu, nHat);
        BigInteger r = nu;
        BigInteger kappa = uniformSigned(nHat.shiftLeft(2 * l + SLACK_BITS), random);
        BigInteger commitB = FixedBaseCache.pow(t, kappa, nHat);
        for (int j = 0; j < SQUARES; j++) {
            mu[j] = uniformSigned(nHat.shiftLeft(l), random);
            alpha[j] = uniformSigned(BigInteger.ONE.shiftLeft(h + l + SLACK_BITS), random);
            gamma[j] = uniformSigned(nHat.shiftLeft(l + SLACK_BITS), random);
            commitments[j] = params.commit(a[j], mu[j]);
            commitT = commitT.multiply(commitments[j].modPow(a[j], nHat)).mod(nHat);
            r = r.add(a[j].multiply(mu[j]));
            commitments[SQUARES + 1 + j] = params.commit(alpha[j], gamma[j]);
            commitB = commitB.multiply(pow(commitments[j], alpha[j], nHat)).mod(nHat);
        }
        BigInteger beta = uniformSigned(BigInteger.ONE.shiftLeft(layout.valueBits() + l + SLACK_BITS), random);
        BigInteger phi = uniformSigned(nHat.shiftLeft(h + 2 * l + SLACK_BITS + 3), random);
        BigInteger n0 = key.modulus();
        BigInteger n0Squared = key.modulusSquared();
        BigInteger zeta = uniformUnit(n0, random);
        commitments[SQUARES] = commitT;
        commitments[2 * SQUARES + 1] = commitB;
        commitments[2 * SQUARES + 2] = params.commit(beta, phi);
        BigInteger commitE = key.generatorPower(beta).multiply(zeta.modPow(n0, n0Squared)).mod(n0Squared);
        BigInteger e = challenge(key, c, layout.valueBits(), params, commitments, commitE, context);
        BigInteger[] responses = new BigInteger[2 * SQUARES + 3];
        for (int j = 0; j < SQUARES; j++) {
            responses[j] = alpha[j].add(e.multiply(a[j]));
            responses[SQUARES + j] = gamma[j].add(e.multiply(mu[j]));
        }
        responses[2 * SQUARES] = kappa.add(e.multiply(nu));
        responses[2 * SQUARES + 1] = beta.add(e.multiply(x));
        responses[2 * SQUARES + 2] = phi.add(e.multiply(r));
        BigInteger y = zeta.multiply(rho.modPow(e, n0)).mod(n0);
        return new NonNegativityProof(layout, params.fingerprintBytes(), commitments, commitE, responses, y);
    }

    /**
     * Verifies that {@code c} encrypts a non-negative value below 2^{L + l + eps + 2}, L being the proof's
     * {@link #valueBits()}. Deterministic.
     *
     * @param key       the key c is under
     * @param c         the ciphertext (a valid ciphertext of {@code key})
     * @param valueBits the L the verifier requires: a proof made for another L is rejected
     * @throws InvalidProofException naming the failed check
     */
    public void verify(PaillierPublicKey key, Ciphertext c, int valueBits, RingPedersenParameters params,
                       ProofContext context) {
        verify(key, c, valueBits, params, context, null);
    }

    /** {@link #verify}, or with a batch every check but the Paillier equation, which joins the batch. */
    void verify(PaillierPublicKey key, Ciphertext c, int valueBits, RingPedersenParameters params,
                ProofContext context, PaillierEquationBatch batch) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        if (layout.valueBits() != valueBits) {
            throw new InvalidProofException("non-negativity proof is for " + layout.valueBits() + "-bit values, "
                    + valueBits + " are required");
        }
        if (layout.modulusBytes() != key.modulusBytes() || layout.parametersBytes() != params.modulusBytes()) {
            throw new InvalidProofException("non-negativity proof is for a " + layout.modulusBytes() * 8
                    + "-bit key and " + layout.parametersBytes() * 8 + "-bit parameters");
        }
        if (!MessageDigest.isEqual(parametersFingerprint, params.fingerprintBytes())) {
            throw new InvalidProofException("non-negativity proof was made against other ring-Pedersen parameters");
        }
        if (!c.key().equals(key)) {
            throw new InvalidProofException("non-negativity proof: the ciphertext is under another key");
        }
        BigInteger nHat = params.modulus();
        BigInteger product = BigInteger.ONE;
        for (int i = 0; i < commitments.length; i++) {
            if (commitments[i].signum() <= 0 || commitments[i].compareTo(nHat) >= 0) {
                throw new InvalidProofException("non-negativity proof check failed: commitment " + i
                        + " is not in (0, N^)");
            }
            product = product.multiply(commitments[i]).mod(nHat);
        }
        if (!product.gcd(nHat).equals(BigInteger.ONE)) {
            throw new InvalidProofException("non-negativity proof check failed: a commitment is not a unit mod N^");
        }
        BigInteger n0 = key.modulus();
        BigInteger n0Squared = key.modulusSquared();
        if (commitE.signum() <= 0 || commitE.compareTo(n0Squared) >= 0 || !commitE.gcd(n0).equals(BigInteger.ONE)) {
            throw new InvalidProofException("non-negativity proof check failed: E is not a unit modulo N0^2");
        }
        if (y.signum() <= 0 || y.compareTo(n0) >= 0 || !y.gcd(n0).equals(BigInteger.ONE)) {
            throw new InvalidProofException("non-negativity proof check failed: y is not a unit modulo N0");
        }
        BigInteger squareBound = BigInteger.ONE.shiftLeft(layout.halfBits() + CHALLENGE_BITS + SLACK_BITS + 1);
        for (int j = 0; j < SQUARES; j++) {
            if (responses[j].abs().compareTo(squareBound) > 0) {
                throw new InvalidProofException("non-negativity proof check failed: z" + (j + 1) + " is out of range");
            }
        }
        BigInteger zx = responses[2 * SQUARES + 1];
        if (zx.abs().compareTo(valueBound(valueBits)) > 0) {
            throw new InvalidProofException("non-negativity proof check failed: zx is out of range");
        }
        BigInteger s = params.s();
        BigInteger t = params.t();
        BigInteger e = challenge(key, c, valueBits, params, commitments, commitE, context);
        BigInteger commitT = commitments[SQUARES];
        BigInteger left = FixedBaseCache.pow(t, responses[2 * SQUARES], nHat);
        for (int j = 0; j < SQUARES; j++) {
            BigInteger sj = commitments[j];
            if (!params.commit(responses[j], responses[SQUARES + j])
                    .equals(commitments[SQUARES + 1 + j].multiply(sj.modPow(e, nHat)).mod(nHat))) {
                throw new InvalidProofException("non-negativity proof check failed: s^z" + (j + 1) + " t^w" + (j + 1)
                        + " != A" + (j + 1) + " S" + (j + 1) + "^e mod N^");
            }
            left = left.multiply(pow(sj, responses[j], nHat)).mod(nHat);
        }
        if (!left.equals(commitments[2 * SQUARES + 1].multiply(commitT.modPow(e, nHat)).mod(nHat))) {
            throw new InvalidProofException("non-negativity proof check failed: prod S_j^z_j t^u != B T^e mod N^");
        }
        if (!params.commit(zx, responses[2 * SQUARES + 2])
                .equals(commitments[2 * SQUARES + 2].multiply(commitT.modPow(e, nHat)).mod(nHat))) {
            throw new InvalidProofException("non-negativity proof check failed: s^zx t^wx != D T^e mod N^");
        }
        if (batch != null) {
            batch.add(zx, y, commitE, c, e);
        } else if (!key.generatorPower(zx).multiply(y.modPow(n0, n0Squared)).mod(n0Squared)
                .equals(commitE.multiply(c.value().modPow(e, n0Squared)).mod(n0Squared))) {
            throw new InvalidProofException("non-negativity proof check failed: (1+N0)^zx y^N0 != E C^e mod N0^2");
        }
    }

    /**
     * The Fiat-Shamir challenge in [0, 2^l): SHAKE256 over {@value #DOMAIN}, N0, the parameters' encoding, L, C,
     * the eleven ring-Pedersen commitments (each in the parameters' modulus length), E and the context.
     */
    static BigInteger challenge(PaillierPublicKey key, Ciphertext c, int valueBits, RingPedersenParameters params,
                                BigInteger[] commitments, BigInteger commitE, ProofContext context) {
        int width = params.modulusBytes();
        Transcript t = new Transcript(DOMAIN)
                .append("N0", key.modulus())
                .append("params", params.toBytes())
                .append("L", valueBits)
                .append("C", c.toBytes());
        for (int i = 0; i < commitments.length; i++) {
            t.append("commitment" + i, Bytes.fixedWidth(commitments[i], width));
        }
        t.append("E", Bytes.fixedWidth(commitE, key.ciphertextBytes()));
        return context.bindTo(t).challenge(CHALLENGE_BITS);
    }

    /**
     * What an accepted proof shows as the upper end: the plaintext is below this (and at least zero).
     *
     * @param valueBits L
     * @return 2^{L + l + eps + 2}
     */
    public static BigInteger provenBound(int valueBits) {
        return BigInteger.ONE.shiftLeft(valueBits + CHALLENGE_BITS + SLACK_BITS + 2);
    }

    private static BigInteger valueBound(int valueBits) {
        return BigInteger.ONE.shiftLeft(valueBits + CHALLENGE_BITS + SLACK_BITS + 1);
    }

    /** L: the bit length of the honest range this proof was made for. */
    public int valueBits() {
        return layout.valueBits();
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        Bytes.Writer out = new Bytes.Writer((int) layout.encodedLength())
                .u8(ENCODING_VERSION)
                .u32(layout.modulusBytes())
                .u32(layout.parametersBytes())
                .u32(layout.valueBits())
                .raw(parametersFingerprint);
        for (BigInteger commitment : commitments) {
            out.fixed(commitment, layout.parametersBytes());
        }
        out.fixed(commitE, 2 * layout.modulusBytes());
        int[] widths = layout.responseWidths();
        for (int i = 0; i < responses.length; i++) {
            out.signed(responses[i], widths[i]);
        }
        return out.fixed(y, layout.modulusBytes()).toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * The exact length of an encoding.
     *
     * @param modulusBytes    L0
     * @param parametersBytes L^
     * @param valueBits       L
     * @return bytes
     */
    public static long encodedLength(int modulusBytes, int parametersBytes, int valueBits) {
        return Layout.of(modulusBytes, parametersBytes, valueBits).encodedLength();
    }

    /**
     * Parses {@link #toBytes()} strictly: known version, lengths within the accepted sizes, exact total length,
     * canonical signed integers.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static NonNegativityProof fromBytes(byte[] bytes) {
        Bytes.Reader in = new Bytes.Reader(bytes, "non-negativity proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("non-negativity proof has unknown version " + version);
        }
        int l0 = in.u32();
        int lHat = in.u32();
        int valueBits = in.u32();
        Layout layout;
        try {
            layout = Layout.of(l0, lHat, valueBits);
        } catch (ValueOutOfRangeException e) {
            throw new MalformedEncodingException("non-negativity proof: " + e.getMessage());
        }
        if (bytes.length != layout.encodedLength()) {
            throw new MalformedEncodingException("non-negativity proof must be exactly " + layout.encodedLength()
                    + " bytes for its sizes, got " + bytes.length);
        }
        byte[] fingerprint = in.raw(FINGERPRINT_BYTES);
        BigInteger[] commitments = new BigInteger[2 * SQUARES + 3];
        for (int i = 0; i < commitments.length; i++) {
            commitments[i] = in.fixed(lHat);
        }
        BigInteger commitE = in.fixed(2 * l0);
        int[] widths = layout.responseWidths();
        BigInteger[] responses = new BigInteger[widths.length];
        for (int i = 0; i < widths.length; i++) {
            responses[i] = in.signed(widths[i]);
        }
        BigInteger y = in.fixed(l0);
        in.finish();
        return new NonNegativityProof(layout, fingerprint, commitments, commitE, responses, y);
    }

    /** Parses a Base64 non-negativity proof. */
    public static NonNegativityProof fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, "non-negativity proof"));
    }

    /** Every integer of the proof in encoding order (commitments, E, responses, y), for tamper tests. */
    BigInteger[] fields() {
        BigInteger[] all = Arrays.copyOf(commitments, commitments.length + 1 + responses.length + 1);
        all[commitments.length] = commitE;
        System.arraycopy(responses, 0, all, commitments.length + 1, responses.length);
        all[all.length - 1] = y;
        return all;
    }

    /** The same proof with the integers of {@link #fields()} replaced. */
    NonNegativityProof withFields(BigInteger[] f) {
        int n = commitments.length;
        return new NonNegativityProof(layout, parametersFingerprint, Arrays.copyOf(f, n), f[n],
                Arrays.copyOfRange(f, n + 1, n + 1 + responses.length), f[f.length - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof NonNegativityProof other && layout.equals(other.layout)
                && MessageDigest.isEqual(parametersFingerprint, other.parametersFingerprint)
                && Arrays.equals(fields(), other.fields()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, commitE, y);
    }

    @Override
    public String toString() {
        return "NonNegativityProof[" + layout.valueBits() + "-bit values, " + layout.modulusBytes() * 8 + "-bit key]";
    }


    /** The sizes a proof is made for, and the widths of its encoded integers. */
    record Layout(int modulusBytes, int parametersBytes, int valueBits) {
        static Layout of(int modulusBytes, int parametersBytes, int valueBits) {
            if (valueBits < 1 || valueBits > MAX_VALUE_BITS) {
                throw new ValueOutOfRangeException("value bits must be in [1, " + MAX_VALUE_BITS + "], got "
                        + valueBits);
            }
            if (modulusBytes < PaillierPublicKey.MIN_BITS / 8 || modulusBytes > PaillierPublicKey.MAX_BITS / 8) {
                throw new ValueOutOfRangeException("modulus length " + modulusBytes + " bytes is out of range");
            }
            if (parametersBytes < RingPedersenParameters.MIN_BITS / 8
                    || parametersBytes > RingPedersenParameters.MAX_BITS / 8) {
                throw new ValueOutOfRangeException("parameter modulus length " + parametersBytes
                        + " bytes is out of range");
            }
            if ((long) valueBits + CHALLENGE_BITS + SLACK_BITS + 2 >= 8L * modulusBytes - 16) {
                throw new ValueOutOfRangeException(valueBits + "-bit values need a larger key than "
                        + modulusBytes * 8 + " bits");
            }
            return new Layout(modulusBytes, parametersBytes, valueBits);
        }

        int halfBits() {
            return (valueBits + 1) / 2;
        }

        /** Magnitude widths of z_1..z_4, w_1..w_4, u, zx, wx. */
        int[] responseWidths() {
            int nHatBits = 8 * parametersBytes;
            int l = CHALLENGE_BITS;
            int[] widths = new int[2 * SQUARES + 3];
            for (int j = 0; j < SQUARES; j++) {
                widths[j] = bytes(halfBits() + l + SLACK_BITS + 2);
                widths[SQUARES + j] = bytes(nHatBits + l + SLACK_BITS + 2);
            }
            widths[2 * SQUARES] = bytes(nHatBits + 2 * l + SLACK_BITS + 2);
            widths[2 * SQUARES + 1] = bytes(valueBits + l + SLACK_BITS + 2);
            widths[2 * SQUARES + 2] = bytes(nHatBits + halfBits() + 2 * l + SLACK_BITS + 5);
            return widths;
        }

        long encodedLength() {
            long total = 13L + FINGERPRINT_BYTES + (2L * SQUARES + 3) * parametersBytes + 2L * modulusBytes
                    + modulusBytes;
            for (int w : responseWidths()) {
                total += 1 + w;
            }
            return total;
        }

        private static int bytes(int bits) {
            return (bits + 7) / 8;
        }
    }
}
