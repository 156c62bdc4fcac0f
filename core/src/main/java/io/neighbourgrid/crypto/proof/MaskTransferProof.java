package io.neighbourgrid.crypto.proof;

import static io.neighbourgrid.crypto.proof.NoSmallFactorProof.uniformSigned;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A non-interactive zero-knowledge proof that two Paillier ciphertexts under two different keys hide the same
 * signed integer: the plaintext x of T2 under the source key N2, read as a signed integer, equals that of X1 under
 * the target key N1, and |x| &lt; 2^{B + l + eps + 2} for the bound B the verifier names. The window's initiator
 * makes it once per window ({@link #create}): it decrypts the aggregate T2 = prod D_i of the members' mask shares
 * (x = -sum M_i), re-encrypts x under the responder's key, and the contract forms Enc_N1(sum pack) =
 * (prod C_i) X1 without anybody learning a mask. The market's bound is {@link #MASK_TRANSFER_BOUND_BITS}.
 *
 * <p>Construction: a ring-Pedersen commitment to x (so that x is extracted as an integer under strong RSA) linked
 * to both Paillier ciphertexts by one bounded response, as in Pi^enc of Canetti et al. (ePrint 2021/060, Figure 14)
 * with a second Paillier equation. l = {@value #CHALLENGE_BITS}, eps = {@value #SLACK_BITS}:
 * <ol>
 *   <li>The prover knows x, rho2 with T2 = (1 + N2)^x rho2^N2 mod N2^2 (the holder of N2's key recovers rho2 as the
 *       N2-th root of T2 (1 + N2)^{-x}) and rho1 with X1 = (1 + N1)^x rho1^N1 mod N1^2 (its own encryption). It
 *       commits S = s^x t^mu (mu in +-2^l N^), samples alpha in +-2^{B+l+eps}, gamma in +-2^{2l+eps} N^, zeta2 in
 *       Z*_N2, zeta1 in Z*_N1 and sends D = s^alpha t^gamma mod N^, A2 = (1 + N2)^alpha zeta2^N2 mod N2^2 and
 *       A1 = (1 + N1)^alpha zeta1^N1 mod N1^2.</li>
 *   <li>e, uniform in [0, 2^l), from SHAKE256 over {@value #DOMAIN}, N2, N1, the parameters, B, T2, X1, S, D, A2, A1
 *       and the {@link ProofContext}.</li>
 *   <li>z = alpha + e x, w = gamma + e mu (integers), y2 = zeta2 rho2^e mod N2, y1 = zeta1 rho1^e mod N1.</li>
 *   <li>The verifier checks |z| &lt;= 2^{B+l+eps+1}, s^z t^w = D S^e mod N^, (1 + N2)^z y2^N2 = A2 T2^e mod N2^2 and
 *       (1 + N1)^z y1^N1 = A1 X1^e mod N1^2.</li>
 * </ol>
 * Soundness (docs/crypto.md, "Mask transfer proof"): two accepting transcripts with e != e', d = e - e', give the
 * integer x' = (z - z') / d (strong RSA modulo N^), |x'| &lt; 2^{B+l+eps+2}; the Paillier relations give
 * d m2 = d x' mod N2 and d m1 = d x' mod N1 for the plaintexts m2, m1, and d &lt; 2^l is invertible modulo both
 * keys (no prime factor below 2^l, {@link NoSmallFactorProof}), so m2 = x' mod N2 and m1 = x' mod N1; the bound
 * below N/3 for both keys makes x' the signed plaintext of both. Without the commitment the two Paillier relations
 * alone would allow (z - z') / d to be two different residues modulo N2 and N1.
 *
 * <p>Encoding ({@link #toBytes()}), big-endian, signed integers as a sign byte and a fixed-width magnitude: version
 * (1 byte, 1), L2, L1, L^ (bytes of N2, N1, N^; 4 bytes each), B (4 bytes), the parameters' 32-byte fingerprint;
 * S, D (L^ bytes each); A2 (2 L2 bytes), A1 (2 L1 bytes); z, w (signed, widths from the bounds above); y2 (L2 bytes),
 * y1 (L1 bytes).
 */
public final class MaskTransferProof {
    /** Fiat-Shamir domain of this proof. */
    public static final String DOMAIN = "neighbourgrid/mask-transfer-proof/v1";
    /** l: the challenge is uniform in [0, 2^l). */
    public static final int CHALLENGE_BITS = 128;
    /** eps: statistical slack of every mask over what it hides. */
    public static final int SLACK_BITS = 128;
    /**
     * The market's bound B on the transferred mask sum: at most 2^20 members, each mask below 2^641 (a 384-bit mask
     * with the contribution proof's slack), so |sum M| &lt; 2^661.
     */
    public static final int MASK_TRANSFER_BOUND_BITS = 661;
    static final int ENCODING_VERSION = 1;
    private static final int FINGERPRINT_BYTES = 32;

    private final Layout layout;
    private final byte[] parametersFingerprint;
    /** S, D modulo N^; A2 modulo N2^2; A1 modulo N1^2; z, w; y2 modulo N2; y1 modulo N1. */
    private final BigInteger[] f;

    private MaskTransferProof(Layout layout, byte[] parametersFingerprint, BigInteger[] fields) {
        this.layout = layout;
        this.parametersFingerprint = parametersFingerprint.clone();
        this.f = fields.clone();
    }

    private static final int S = 0;
    private static final int D = 1;
    private static final int A2 = 2;
    private static final int A1 = 3;
    private static final int Z = 4;
    private static final int W = 5;
    private static final int Y2 = 6;
    private static final int Y1 = 7;
    private static final int FIELDS = 8;

    /**
     * Decrypts {@code t2} with the holder's key, re-encrypts its signed plaintext under {@code target} and proves
     * that both hide the same integer.
     *
     * @param holder    the private key of N2, under which t2 is
     * @param t2        the aggregate to transfer
     * @param target    N1, the key to re-encrypt under
     * @param boundBits B: the honest plaintext's magnitude is below 2^B
     * @param params    the registered ring-Pedersen parameters
     * @param context   where the proof belongs
     * @param random    the prover's randomness
     * @return X1 and the proof
     * @throws ValueOutOfRangeException if |x| &gt;= 2^B, or B is too large for one of the keys
     */
    public static MaskTransfer create(PaillierPrivateKey holder, Ciphertext t2, PaillierPublicKey target,
                                      int boundBits, RingPedersenParameters params, ProofContext context,
                                      SecureRandom random) {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(random, "random");
        PaillierPublicKey source = holder.publicKey();
        Layout layout = Layout.of(source.modulusBytes(), target.modulusBytes(), params.modulusBytes(), boundBits);
        BigInteger x = holder.decrypt(t2);
        if (x.bitLength() > boundBits) {
            throw new ValueOutOfRangeException("mask transfer: the plaintext has " + x.bitLength()
                    + " bits, above the bound of " + boundBits);
        }
        BigInteger residue = t2.value().multiply(source.generatorPower(x.negate())).mod(source.modulusSquared());
        BigInteger rho2 = holder.nthRootModN(residue);
        BigInteger rho1 = NoSmallFactorProof.uniformUnit(target.modulus(), random);
        Ciphertext x1 = encrypt(target, x, rho1);
        MaskTransferProof proof = attempt(source, t2, x, rho2, target, x1, rho1, layout, params, context, random);
        return new MaskTransfer(x1, proof);
    }

    /** (1 + N)^x rho^N mod N^2. */
    static Ciphertext encrypt(PaillierPublicKey key, BigInteger x, BigInteger rho) {
        BigInteger nn = key.modulusSquared();
        return key.ciphertext(key.generatorPower(x).multiply(rho.modPow(key.modulus(), nn)).mod(nn));
    }

    /**
     * The prover's algorithm (steps 1 to 3) without input checks: one witness x for both ciphertexts. Tests call it
     * to play provers of false statements (X1 of x + 1, or of x + N2).
     */
    static MaskTransferProof attempt(PaillierPublicKey source, Ciphertext t2, BigInteger x, BigInteger rho2,
                                     PaillierPublicKey target, Ciphertext x1, BigInteger rho1, Layout layout,
                                     RingPedersenParameters params, ProofContext context, SecureRandom random) {
        BigInteger nHat = params.modulus();
        int l = CHALLENGE_BITS;
        BigInteger mu = uniformSigned(nHat.shiftLeft(l), random);
        BigInteger alpha = uniformSigned(BigInteger.ONE.shiftLeft(layout.boundBits() + l + SLACK_BITS), random);
        BigInteger gamma = uniformSigned(nHat.shiftLeft(2 * l + SLACK_BITS), random);
        BigInteger zeta2 = NoSmallFactorProof.uniformUnit(source.modulus(), random);
        BigInteger zeta1 = NoSmallFactorProof.uniformUnit(target.modulus(), random);
        BigInteger[] fields = new BigInteger[FIELDS];
        fields[S] = params.commit(x, mu);
        fields[D] = params.commit(alpha, gamma);
        fields[A2] = encrypt(source, alpha, zeta2).value();
        fields[A1] = encrypt(target, alpha, zeta1).value();
        BigInteger e = challenge(source, t2, target, x1, layout.boundBits(), params, fields, context);
        fields[Z] = alpha.add(e.multiply(x));
        fields[W] = gamma.add(e.multiply(mu));
        fields[Y2] = zeta2.multiply(rho2.modPow(e, source.modulus())).mod(source.modulus());
        fields[Y1] = zeta1.multiply(rho1.modPow(e, target.modulus())).mod(target.modulus());
        return new MaskTransferProof(layout, params.fingerprintBytes(), fields);
    }

    /**
     * Verifies that {@code t2} under {@code source} and {@code reencrypted} under {@code target} hide the same
     * signed integer, of magnitude below 2^{boundBits + l + eps + 2}. Deterministic.
     *
     * @param boundBits the B the verifier requires: a proof made for another B is rejected
     * @throws InvalidProofException naming the failed check
     */
    public void verify(PaillierPublicKey source, Ciphertext t2, PaillierPublicKey target, Ciphertext reencrypted,
                       int boundBits, RingPedersenParameters params, ProofContext context) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reencrypted, "reencrypted");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        if (layout.boundBits() != boundBits) {
            throw new InvalidProofException("mask transfer proof is for a " + layout.boundBits() + "-bit bound, "
                    + boundBits + " is required");
        }
        if (layout.sourceBytes() != source.modulusBytes() || layout.targetBytes() != target.modulusBytes()
                || layout.parametersBytes() != params.modulusBytes()) {
            throw new InvalidProofException("mask transfer proof is for other key or parameter sizes");
        }
        if (!MessageDigest.isEqual(parametersFingerprint, params.fingerprintBytes())) {
            throw new InvalidProofException("mask transfer proof was made against other ring-Pedersen parameters");
        }
        if (!t2.key().equals(source)) {
            throw new InvalidProofException("mask transfer proof: the aggregate is not under the source key");
        }
        if (!reencrypted.key().equals(target)) {
            throw new InvalidProofException("mask transfer proof: the re-encryption is not under the target key");
        }
        BigInteger nHat = params.modulus();
        requireUnit(f[S], nHat, "S");
        requireUnit(f[D], nHat, "D");
        requireUnit(f[A2], source.modulusSquared(), source.modulus(), "A2");
        requireUnit(f[A1], target.modulusSquared(), target.modulus(), "A1");
        requireUnit(f[Y2], source.modulus(), "y2");
        requireUnit(f[Y1], target.modulus(), "y1");
        if (f[Z].abs().compareTo(BigInteger.ONE.shiftLeft(boundBits + CHALLENGE_BITS + SLACK_BITS + 1)) > 0) {
            throw new InvalidProofException("mask transfer proof check failed: z is out of range");
        }
        BigInteger e = challenge(source, t2, target, reencrypted, boundBits, params, f, context);
        if (!params.commit(f[Z], f[W]).equals(f[D].multiply(f[S].modPow(e, nHat)).mod(nHat))) {
            throw new InvalidProofException("mask transfer proof check failed: s^z t^w != D S^e mod N^");
        }
        requirePaillier(source, t2, f[A2], f[Y2], e, "(1+N2)^z y2^N2 != A2 T2^e mod N2^2");
        requirePaillier(target, reencrypted, f[A1], f[Y1], e, "(1+N1)^z y1^N1 != A1 X1^e mod N1^2");
    }

    private void requirePaillier(PaillierPublicKey key, Ciphertext c, BigInteger commitment, BigInteger y,
                                 BigInteger e, String equation) {
        BigInteger nn = key.modulusSquared();
        BigInteger left = key.generatorPower(f[Z]).multiply(y.modPow(key.modulus(), nn)).mod(nn);
        if (!left.equals(commitment.multiply(c.value().modPow(e, nn)).mod(nn))) {
            throw new InvalidProofException("mask transfer proof check failed: " + equation);
        }
    }

    private static void requireUnit(BigInteger v, BigInteger modulus, String name) {
        requireUnit(v, modulus, modulus, name);
    }

    /** v in (0, bound) and a unit modulo {@code unitModulus}. */
    private static void requireUnit(BigInteger v, BigInteger bound, BigInteger unitModulus, String name) {
        if (v.signum() <= 0 || v.compareTo(bound) >= 0 || !v.gcd(unitModulus).equals(BigInteger.ONE)) {
            throw new InvalidProofException("mask transfer proof check failed: " + name + " is not a unit in range");
        }
    }

    /** The Fiat-Shamir challenge of the class comment. */
    static BigInteger challenge(PaillierPublicKey source, Ciphertext t2, PaillierPublicKey target, Ciphertext x1,
                                int boundBits, RingPedersenParameters params, BigInteger[] fields,
                                ProofContext context) {
        int width = params.modulusBytes();
        Transcript t = new Transcript(DOMAIN)
                .append("N2", source.modulus())
                .append("N1", target.modulus())
                .append("params", params.toBytes())
                .append("bound", boundBits)
                .append("T2", t2.toBytes())
                .append("X1", x1.toBytes())
                .append("S", Bytes.fixedWidth(fields[S], width))
                .append("D", Bytes.fixedWidth(fields[D], width))
                .append("A2", Bytes.fixedWidth(fields[A2], source.ciphertextBytes()))
                .append("A1", Bytes.fixedWidth(fields[A1], target.ciphertextBytes()));
        return context.bindTo(t).challenge(CHALLENGE_BITS);
    }

    /**
     * What an accepted proof shows: the common plaintext's magnitude is below this.
     *
     * @param boundBits B
     * @return 2^{B + l + eps + 2}
     */
    public static BigInteger provenBound(int boundBits) {
        return BigInteger.ONE.shiftLeft(boundBits + CHALLENGE_BITS + SLACK_BITS + 2);
    }

    /** B: the bound this proof was made for. */
    public int boundBits() {
        return layout.boundBits();
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        Bytes.Writer out = new Bytes.Writer((int) layout.encodedLength())
                .u8(ENCODING_VERSION)
                .u32(layout.sourceBytes())
                .u32(layout.targetBytes())
                .u32(layout.parametersBytes())
                .u32(layout.boundBits())
                .raw(parametersFingerprint)
                .fixed(f[S], layout.parametersBytes())
                .fixed(f[D], layout.parametersBytes())
                .fixed(f[A2], 2 * layout.sourceBytes())
                .fixed(f[A1], 2 * layout.targetBytes())
                .signed(f[Z], layout.zWidth())
                .signed(f[W], layout.wWidth())
                .fixed(f[Y2], layout.sourceBytes())
                .fixed(f[Y1], layout.targetBytes());
        return out.toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * The exact length of an encoding.
     *
     * @param sourceBytes     L2
     * @param targetBytes     L1
     * @param parametersBytes L^
     * @param boundBits       B
     * @return bytes
     */
    public static long encodedLength(int sourceBytes, int targetBytes, int parametersBytes, int boundBits) {
        return Layout.of(sourceBytes, targetBytes, parametersBytes, boundBits).encodedLength();
    }

    /**
     * Parses {@link #toBytes()} strictly: known version, sizes within the accepted ranges, exact total length,
     * canonical signed integers.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static MaskTransferProof fromBytes(byte[] bytes) {
        Bytes.Reader in = new Bytes.Reader(bytes, "mask transfer proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("mask transfer proof has unknown version " + version);
        }
        Layout layout;
        try {
            layout = Layout.of(in.u32(), in.u32(), in.u32(), in.u32());
        } catch (ValueOutOfRangeException e) {
            throw new MalformedEncodingException("mask transfer proof: " + e.getMessage());
        }
        if (bytes.length != layout.encodedLength()) {
            throw new MalformedEncodingException("mask transfer proof must be exactly " + layout.encodedLength()
                    + " bytes for its sizes, got " + bytes.length);
        }
        byte[] fingerprint = in.raw(FINGERPRINT_BYTES);
        BigInteger[] fields = new BigInteger[FIELDS];
        fields[S] = in.fixed(layout.parametersBytes());
        fields[D] = in.fixed(layout.parametersBytes());
        fields[A2] = in.fixed(2 * layout.sourceBytes());
        fields[A1] = in.fixed(2 * layout.targetBytes());
        fields[Z] = in.signed(layout.zWidth());
        fields[W] = in.signed(layout.wWidth());
        fields[Y2] = in.fixed(layout.sourceBytes());
        fields[Y1] = in.fixed(layout.targetBytes());
        in.finish();
        return new MaskTransferProof(layout, fingerprint, fields);
    }

    /** Parses a Base64 mask transfer proof. */
    public static MaskTransferProof fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, "mask transfer proof"));
    }

    /** Every integer of the proof in encoding order, for tamper tests. */
    BigInteger[] fields() {
        return f.clone();
    }

    /** The same proof with the integers of {@link #fields()} replaced. */
    MaskTransferProof withFields(BigInteger[] fields) {
        return new MaskTransferProof(layout, parametersFingerprint, fields);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof MaskTransferProof other && layout.equals(other.layout)
                && MessageDigest.isEqual(parametersFingerprint, other.parametersFingerprint)
                && Arrays.equals(f, other.f));
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, Arrays.hashCode(f));
    }

    @Override
    public String toString() {
        return "MaskTransferProof[" + layout.boundBits() + "-bit bound, " + layout.sourceBytes() * 8 + "-bit to "
                + layout.targetBytes() * 8 + "-bit key]";
    }

    /** The sizes a proof is made for, and the widths of its encoded integers. */
    record Layout(int sourceBytes, int targetBytes, int parametersBytes, int boundBits) {
        static Layout of(int sourceBytes, int targetBytes, int parametersBytes, int boundBits) {
            for (int keyBytes : new int[] {sourceBytes, targetBytes}) {
                if (keyBytes < PaillierPublicKey.MIN_BITS / 8 || keyBytes > PaillierPublicKey.MAX_BITS / 8) {
                    throw new ValueOutOfRangeException("modulus length " + keyBytes + " bytes is out of range");
                }
            }
            if (parametersBytes < RingPedersenParameters.MIN_BITS / 8
                    || parametersBytes > RingPedersenParameters.MAX_BITS / 8) {
                throw new ValueOutOfRangeException("parameter modulus length " + parametersBytes
                        + " bytes is out of range");
            }
            int smaller = Math.min(sourceBytes, targetBytes);
            // 2^{B + l + eps + 2} must lie below N / 3 for both keys, so that the extracted integer is the signed
            // plaintext of both ciphertexts; N >= 2^{8 L - 8}, so B + 258 < 8 L - 16 leaves a margin.
            if (boundBits < 1 || (long) boundBits + CHALLENGE_BITS + SLACK_BITS + 2 >= 8L * smaller - 16) {
                throw new ValueOutOfRangeException("a " + boundBits + "-bit mask transfer bound needs keys larger"
                        + " than " + smaller * 8 + " bits (the proven bound 2^(B + " + (CHALLENGE_BITS + SLACK_BITS
                        + 2) + ") must stay below N / 3)");
            }
            return new Layout(sourceBytes, targetBytes, parametersBytes, boundBits);
        }

        int zWidth() {
            return (boundBits + CHALLENGE_BITS + SLACK_BITS + 2 + 7) / 8;
        }

        int wWidth() {
            return (8 * parametersBytes + 2 * CHALLENGE_BITS + SLACK_BITS + 2 + 7) / 8;
        }

        long encodedLength() {
            return 17L + FINGERPRINT_BYTES + 2L * parametersBytes + 2L * sourceBytes + 2L * targetBytes
                    + 1 + zWidth() + 1 + wWidth() + sourceBytes + targetBytes;
        }
    }
}
