package io.neighbourgrid.crypto.proof;

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
import java.util.List;
import java.util.Objects;

/**
 * A non-interactive zero-knowledge proof that a Paillier ciphertext C under a key N0 encrypts an integer x with
 * lo &lt;= x &lt;= hi exactly, at both ends, for public integers lo &lt;= hi with hi - lo &lt; 2^512. One
 * sum-of-squares argument on (x - lo)(hi - x) &gt;= 0 ({@link SquareRangeArgument}, on v = x - lo and w = hi - lo)
 * instead of two {@link NonNegativityProof}s, linked to C as in Pi^enc ({@link PaillierLink}): the verifier uses
 * C (1 + N0)^-lo, which encrypts v. One challenge e (128 bits) from SHAKE256 over {@value #DOMAIN}, N0, the
 * parameters' fingerprint, lo, hi, C, every commitment, E and the {@link ProofContext}.
 *
 * <p>Encoding ({@link #toBytes()}), big-endian, signed integers as a sign byte and a fixed-width magnitude:
 * version (1), L0 (4 bytes, byte length of N0), L^ (4, of N^), bits of w (4), the parameters' 32-byte fingerprint,
 * the eleven ring-Pedersen elements (L^ bytes each), E (2 L0), the ten responses, y (L0). 5,547 bytes at a 2048-bit
 * key, 2048-bit parameters and a 44-bit range.
 */
public final class RangeProof {
    /** Fiat-Shamir domain. */
    public static final String DOMAIN = "neighbourgrid/range-proof/v1";
    /** The widest range: hi - lo &lt; 2^512. */
    public static final int MAX_WIDTH_BITS = 512;
    static final int ENCODING_VERSION = 1;
    private static final int FINGERPRINT_BYTES = 32;
    private static final String WHAT = "range proof";

    /**
     * What a range proof proves: C under {@code key} encrypts a value in [lo, hi].
     *
     * @param key    N0
     * @param c      the ciphertext, under {@code key}
     * @param lo     the lower end
     * @param hi     the upper end, lo &lt;= hi &lt; lo + 2^512, both within the key's signed range
     * @param params the verifier's ring-Pedersen parameters
     */
    public record Statement(PaillierPublicKey key, Ciphertext c, BigInteger lo, BigInteger hi,
                            RingPedersenParameters params) {
        public Statement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(c, "c");
            Objects.requireNonNull(lo, "lo");
            Objects.requireNonNull(hi, "hi");
            Objects.requireNonNull(params, "params");
            BigInteger width = hi.subtract(lo);
            if (width.signum() < 0 || width.bitLength() > MAX_WIDTH_BITS) {
                throw new ValueOutOfRangeException("range proof needs lo <= hi < lo + 2^" + MAX_WIDTH_BITS);
            }
            if (lo.abs().compareTo(key.maxMagnitude()) > 0 || hi.abs().compareTo(key.maxMagnitude()) > 0) {
                throw new ValueOutOfRangeException("range ends must lie in the key's signed plaintext range");
            }
        }

        BigInteger width() {
            return hi.subtract(lo);
        }
    }

    private final int modulusBytes;
    private final int parametersBytes;
    private final int widthBits;
    private final byte[] parametersFingerprint;
    private final BigInteger[] elements;
    private final BigInteger commitE;
    private final BigInteger[] responses;
    private final BigInteger y;

    private RangeProof(int modulusBytes, int parametersBytes, int widthBits, byte[] parametersFingerprint,
                       BigInteger[] elements, BigInteger commitE, BigInteger[] responses, BigInteger y) {
        this.modulusBytes = modulusBytes;
        this.parametersBytes = parametersBytes;
        this.widthBits = widthBits;
        this.parametersFingerprint = parametersFingerprint.clone();
        this.elements = elements.clone();
        this.commitE = commitE;
        this.responses = responses.clone();
        this.y = y;
    }

    /**
     * Proves that {@code st.c()} encrypts x in [lo, hi], for a prover that knows the randomness rho of C
     * (C = (1 + N0)^x rho^N0 mod N0^2).
     *
     * @throws ValueOutOfRangeException if x is not in [lo, hi]
     * @throws IllegalArgumentException if C is not (1 + N0)^x rho^N0
     */
    public static RangeProof prove(Statement st, BigInteger x, BigInteger rho, ProofContext context,
                                   SecureRandom random) {
        Objects.requireNonNull(st, "statement");
        Objects.requireNonNull(context, "context");
        if (x.compareTo(st.lo()) < 0 || x.compareTo(st.hi()) > 0) {
            throw new ValueOutOfRangeException("range proof: the value is not in [lo, hi]");
        }
        PaillierLink.requireOpening(st.key(), st.c(), x, rho, WHAT);
        return attempt(st, x, rho, context, random);
    }

    /**
     * Proves, as the holder of the key, that {@code st.c()} encrypts a value in [lo, hi]: decrypts it and recovers
     * its randomness.
     *
     * @throws ValueOutOfRangeException if the plaintext is not in [lo, hi]
     */
    public static RangeProof proveAsKeyHolder(PaillierPrivateKey key, Statement st, ProofContext context,
                                              SecureRandom random) {
        Objects.requireNonNull(st, "statement");
        BigInteger x = key.decrypt(st.c());
        return prove(st, x, PaillierLink.randomnessOf(key, st.c(), x), context, random);
    }

    /** The prover's algorithm without its input checks; tests play provers of false statements with it. */
    static RangeProof attempt(Statement st, BigInteger x, BigInteger rho, ProofContext context, SecureRandom random) {
        RingPedersenTables tables = RingPedersenTables.of(st.params());
        SquareRangeArgument.Prover prover = SquareRangeArgument.Prover.fresh(tables, st.width(), x.subtract(st.lo()),
                random);
        BigInteger[] el = prover.elements();
        BigInteger[] link = PaillierLink.announce(st.key(), prover.valueMask(), random);
        BigInteger e = challenge(st, el, link[0], context);
        return new RangeProof(st.key().modulusBytes(), st.params().modulusBytes(), widthBitsOf(st.width()),
                st.params().fingerprintBytes(), el, link[0], prover.responses(e),
                PaillierLink.respond(st.key(), link[1], rho, e));
    }

    /**
     * Verifies the proof for a statement. Deterministic.
     *
     * @throws InvalidProofException naming the failed check
     */
    public void verify(Statement st, ProofContext context) {
        Objects.requireNonNull(st, "statement");
        Objects.requireNonNull(context, "context");
        RingPedersenTables tables = RingPedersenTables.of(st.params());
        BigInteger e = checkShape(st, tables, context);
        addEquations(st, e, ProductEquations.ringPedersen(tables, null, WHAT),
                ProductEquations.paillier(st.key(), null, WHAT));
    }

    /**
     * Batch verification: -1 if every proof verifies, else the index of one that does not (bisection, the index
     * confirmed by single verification). The coefficients come from {@code random}.
     *
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static int firstInvalid(List<Statement> sts, List<RangeProof> proofs, List<ProofContext> contexts,
                                   SecureRandom random) {
        if (sts.size() != proofs.size() || sts.size() != contexts.size()) {
            throw new IllegalArgumentException("range proof batch: " + sts.size() + " statements, " + proofs.size()
                    + " proofs and " + contexts.size() + " contexts");
        }
        return BatchSearch.firstInvalid(sts.size(), (from, to) -> {
            BatchAccumulator acc = new BatchAccumulator(random, WHAT);
            for (int i = from; i < to; i++) {
                Statement st = sts.get(i);
                RangeProof p = proofs.get(i);
                try {
                    BigInteger e = p.checkShape(st, acc.tables(st.params()), contexts.get(i));
                    p.addEquations(st, e, acc.ringPedersen(st.params()), acc.paillier(st.key()));
                } catch (InvalidProofException ex) {
                    return false;
                }
            }
            return acc.holds();
        }, i -> {
            try {
                proofs.get(i).verify(sts.get(i), contexts.get(i));
                return true;
            } catch (InvalidProofException ex) {
                return false;
            }
        });
    }

    private BigInteger checkShape(Statement st, RingPedersenTables tables, ProofContext context) {
        if (modulusBytes != st.key().modulusBytes() || parametersBytes != st.params().modulusBytes()
                || widthBits != widthBitsOf(st.width())) {
            throw new InvalidProofException("range proof is for a " + modulusBytes * 8 + "-bit key, "
                    + parametersBytes * 8 + "-bit parameters and a " + widthBits + "-bit range");
        }
        if (!MessageDigest.isEqual(parametersFingerprint, st.params().fingerprintBytes())) {
            throw new InvalidProofException("range proof was made against other ring-Pedersen parameters");
        }
        if (!st.c().key().equals(st.key())) {
            throw new InvalidProofException("range proof: the ciphertext is under another key");
        }
        SquareRangeArgument.checkShape(tables, sizes(parametersBytes, st.width()), elements, responses, WHAT);
        PaillierLink.checkShape(st.key(), commitE, y, WHAT);
        return challenge(st, elements, commitE, context);
    }

    private void addEquations(Statement st, BigInteger e, ProductEquations rp, ProductEquations paillier) {
        SquareRangeArgument.addEquations(rp, st.width(), e, elements, responses);
        PaillierLink.addEquation(paillier, "(1+N0)^(zv + e lo) y^N0 = E C^e",
                responses[SquareRangeArgument.ZV].add(e.multiply(st.lo())), commitE, y, st.c(), e);
    }

    static BigInteger challenge(Statement st, BigInteger[] el, BigInteger commitE, ProofContext context) {
        int width = st.params().modulusBytes();
        Transcript t = new Transcript(DOMAIN)
                .append("N0", st.key().modulus())
                .append("params", st.params().fingerprintBytes())
                .append("lo", st.lo().toByteArray())
                .append("hi", st.hi().toByteArray())
                .append("C", st.c().toBytes());
        for (int i = 0; i < el.length; i++) {
            t.append("element" + i, Bytes.fixedWidth(el[i], width));
        }
        t.append("E", Bytes.fixedWidth(commitE, st.key().ciphertextBytes()));
        return context.bindTo(t).challenge(SquareRangeArgument.CHALLENGE_BITS);
    }

    private static int widthBitsOf(BigInteger width) {
        return Math.max(1, width.bitLength());
    }

    private static SquareRangeArgument.Sizes sizes(int parametersBytes, BigInteger width) {
        return SquareRangeArgument.Sizes.of(8 * parametersBytes, width);
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        int[] bits = new SquareRangeArgument.Sizes(8 * parametersBytes, widthBits).responseBits();
        Bytes.Writer out = new Bytes.Writer((int) encodedLength(modulusBytes, parametersBytes, widthBits))
                .u8(ENCODING_VERSION).u32(modulusBytes).u32(parametersBytes).u32(widthBits)
                .raw(parametersFingerprint);
        for (BigInteger el : elements) {
            out.fixed(el, parametersBytes);
        }
        out.fixed(commitE, 2 * modulusBytes);
        for (int i = 0; i < responses.length; i++) {
            out.signed(responses[i], (bits[i] + 7) / 8);
        }
        return out.fixed(y, modulusBytes).toByteArray();
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
     * @param widthBits       bits of hi - lo (1 for hi = lo)
     */
    public static long encodedLength(int modulusBytes, int parametersBytes, int widthBits) {
        return 13L + FINGERPRINT_BYTES + new SquareRangeArgument.Sizes(8 * parametersBytes, widthBits)
                .encodedLength(parametersBytes) + 3L * modulusBytes;
    }

    /**
     * Parses {@link #toBytes()} strictly.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static RangeProof fromBytes(byte[] bytes) {
        Bytes.Reader in = new Bytes.Reader(bytes, WHAT);
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("range proof has unknown version " + version);
        }
        int l0 = in.u32();
        int lHat = in.u32();
        int widthBits = in.u32();
        if (l0 < PaillierPublicKey.MIN_BITS / 8 || l0 > PaillierPublicKey.MAX_BITS / 8
                || lHat < RingPedersenParameters.MIN_BITS / 8 || lHat > RingPedersenParameters.MAX_BITS / 8
                || widthBits < 1 || widthBits > MAX_WIDTH_BITS) {
            throw new MalformedEncodingException("range proof has sizes out of range: " + l0 + ", " + lHat + ", "
                    + widthBits);
        }
        long length = encodedLength(l0, lHat, widthBits);
        if (bytes.length != length) {
            throw new MalformedEncodingException("range proof must be exactly " + length + " bytes for its sizes, got "
                    + bytes.length);
        }
        byte[] fingerprint = in.raw(FINGERPRINT_BYTES);
        BigInteger[] el = new BigInteger[SquareRangeArgument.ELEMENTS];
        for (int i = 0; i < el.length; i++) {
            el[i] = in.fixed(lHat);
        }
        BigInteger commitE = in.fixed(2 * l0);
        int[] bits = new SquareRangeArgument.Sizes(8 * lHat, widthBits).responseBits();
        BigInteger[] z = new BigInteger[SquareRangeArgument.RESPONSES];
        for (int i = 0; i < z.length; i++) {
            z[i] = in.signed((bits[i] + 7) / 8);
        }
        BigInteger y = in.fixed(l0);
        in.finish();
        return new RangeProof(l0, lHat, widthBits, fingerprint, el, commitE, z, y);
    }

    /** Parses a Base64 range proof. */
    public static RangeProof fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, WHAT));
    }

    /** Every integer of the proof in encoding order, for tamper tests. */
    BigInteger[] fields() {
        BigInteger[] all = Arrays.copyOf(elements, elements.length + 1 + responses.length + 1);
        all[elements.length] = commitE;
        System.arraycopy(responses, 0, all, elements.length + 1, responses.length);
        all[all.length - 1] = y;
        return all;
    }

    /** The same proof with the integers of {@link #fields()} replaced. */
    RangeProof withFields(BigInteger[] f) {
        int n = elements.length;
        return new RangeProof(modulusBytes, parametersBytes, widthBits, parametersFingerprint, Arrays.copyOf(f, n),
                f[n], Arrays.copyOfRange(f, n + 1, n + 1 + responses.length), f[f.length - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof RangeProof other && modulusBytes == other.modulusBytes
                && parametersBytes == other.parametersBytes && widthBits == other.widthBits
                && MessageDigest.isEqual(parametersFingerprint, other.parametersFingerprint)
                && Arrays.equals(fields(), other.fields()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(modulusBytes, widthBits, commitE, y);
    }

    @Override
    public String toString() {
        return "RangeProof[" + widthBits + "-bit range, " + modulusBytes * 8 + "-bit key]";
    }
}
