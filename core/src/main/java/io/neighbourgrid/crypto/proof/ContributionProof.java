package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A non-interactive zero-knowledge proof of a {@link ContributionStatement}: C = Enc_N1(pack + M) and
 * D = Enc_N2(-M) for slot values u_j in [0, span_j] exactly and one integer mask M with |M| &lt; 2^641. Made by the
 * member that encrypted C and D (it knows u, M and both randomnesses).
 *
 * <p>Construction (docs/crypto.md, section "Range and contribution proofs"), l = 128, eps = 128: for every slot
 * of positive span the ring-Pedersen range argument of {@link SquareRangeArgument} on v = u_j, w = span_j, with its
 * value mask alpha_j; for the mask a commitment S_M = s^M t^muM with announcement A_M = s^alphaM t^gammaM,
 * alphaM in +-(2^640 - 2^512); and two Paillier links ({@link PaillierLink}): E1 = (1 + N1)^{sum_j 2^{64 j}
 * alpha_j + alphaM} zeta1^N1 and E2 = (1 + N2)^{-alphaM} zeta2^N2. One challenge e (128 bits) from SHAKE256 over
 * {@value #DOMAIN}, both keys, C, D, the parameters' fingerprint, the slot and mask sizes, the spans, every
 * element, E1, E2 and the {@link ProofContext}. Responses: those of each slot, zM = alphaM + e M,
 * wM = gammaM + e muM, y1 = zeta1 rhoC^e mod N1, y2 = zeta2 rhoD^e mod N2. Besides each slot's equations the
 * verifier checks |zM| &lt; 2^640, s^zM t^wM = A_M S_M^e, (1 + N1)^{sum_j 2^{64 j} zv_j + zM} y1^N1 = E1 C^e and
 * (1 + N2)^{-zM} y2^N2 = E2 D^e, every equation squared ({@link ProductEquations}).
 *
 * <p>Encoding ({@link #toBytes()}), big-endian, signed integers as a sign byte and a fixed-width magnitude:
 * version (1), L1, L2, L^ (4 bytes each), span_0..span_3 (8 bytes each), the parameters' 32-byte fingerprint;
 * the eleven elements of each slot of positive span in slot order, then S_M and A_M (L^ bytes each); E1 (2 L1),
 * E2 (2 L2); the ten responses of each such slot, zM (80 bytes), wM; y1 (L1), y2 (L2).
 */
public final class ContributionProof {
    /** Fiat-Shamir domain. */
    public static final String DOMAIN = "neighbourgrid/contribution-proof/v1";
    static final int ENCODING_VERSION = 1;
    private static final int FINGERPRINT_BYTES = 32;
    private static final int HEADER_BYTES = 13 + 8 * ContributionStatement.SLOTS + FINGERPRINT_BYTES;
    /** |zM| &lt; 2^640: alphaM in +-(2^640 - 2^512) plus e M with e &lt; 2^128, M &lt; 2^384. */
    static final int MASK_RESPONSE_BITS = ContributionStatement.PROVEN_MASK_BITS - 1;
    static final int EL = SquareRangeArgument.ELEMENTS;
    static final int RE = SquareRangeArgument.RESPONSES;
    static final String WHAT = "contribution proof";

    private final int responderBytes;
    private final int initiatorBytes;
    private final int parametersBytes;
    private final long[] spans;
    private final byte[] parametersFingerprint;
    /** EL elements per active slot, then S_M, A_M. */
    private final BigInteger[] elements;
    private final BigInteger commitE1;
    private final BigInteger commitE2;
    /** RE responses per active slot, then zM, wM. */
    private final BigInteger[] responses;
    private final BigInteger y1;
    private final BigInteger y2;

    ContributionProof(int responderBytes, int initiatorBytes, int parametersBytes, long[] spans,
                              byte[] parametersFingerprint, BigInteger[] elements, BigInteger commitE1,
                              BigInteger commitE2, BigInteger[] responses, BigInteger y1, BigInteger y2) {
        this.responderBytes = responderBytes;
        this.initiatorBytes = initiatorBytes;
        this.parametersBytes = parametersBytes;
        this.spans = spans.clone();
        this.parametersFingerprint = parametersFingerprint.clone();
        this.elements = elements.clone();
        this.commitE1 = commitE1;
        this.commitE2 = commitE2;
        this.responses = responses.clone();
        this.y1 = y1;
        this.y2 = y2;
    }

    /**
     * Proves a contribution.
     *
     * @param st         the statement (C and D already encrypted, see
     *                   {@link ContributionStatement#responderPlaintext} and
     *                   {@link ContributionStatement#initiatorPlaintext})
     * @param slotValues u_0..u_3, u_j in [0, span_j]
     * @param mask       M in [0, 2^384) ({@link ContributionStatement#newMask})
     * @param rhoC       the randomness of C under N1
     * @param rhoD       the randomness of D under N2
     * @throws ValueOutOfRangeException if a slot value or the mask is out of range
     * @throws IllegalArgumentException if C or D does not encrypt what the values and mask say
     */
    public static ContributionProof prove(ContributionStatement st, long[] slotValues, BigInteger mask,
                                          BigInteger rhoC, BigInteger rhoD, ProofContext ctx, SecureRandom rnd) {
        Objects.requireNonNull(st, "statement");
        BigInteger[] u = ContributionProver.checkedValues(st, slotValues, mask);
        PaillierLink.requireOpening(st.responderKey(), st.c(), ContributionStatement.responderPlaintext(slotValues,
                mask), rhoC, WHAT + " (C)");
        PaillierLink.requireOpening(st.initiatorKey(), st.d(),
                ContributionStatement.initiatorPlaintext(mask), rhoD, WHAT + " (D)");
        return ContributionProver.attempt(st, u, mask, rhoC, rhoD, ctx, rnd);
    }

    /**
     * Proves a contribution from precomputed randomness: the randomizers of the secrets and, for the range
     * arguments and the mask, the {@code coupons} (computed on the spot where the stock is empty). The proof is
     * distributed as one made by {@link #prove(ContributionStatement, long[], BigInteger, BigInteger, BigInteger,
     * ProofContext, SecureRandom)}, up to the announcement nonces being short-exponent randomizers (docs/crypto.md).
     *
     * @throws ValueOutOfRangeException if a slot value or the mask is out of range
     * @throws IllegalArgumentException if C or D does not encrypt what the secrets say, or the coupons are for other
     *                                  parameters
     */
    public static ContributionProof prove(ContributionStatement st, ContributionSecrets secrets,
                                          ContributionCoupons coupons, ProofContext ctx, SecureRandom rnd) {
        Objects.requireNonNull(st, "statement");
        Objects.requireNonNull(secrets, "secrets");
        if (!coupons.parameters().equals(st.params())) {
            throw new IllegalArgumentException(WHAT + ": the precomputed randomness is for other parameters");
        }
        long[] slotValues = secrets.slotValues();
        BigInteger mask = secrets.mask();
        BigInteger[] u = ContributionProver.checkedValues(st, slotValues, mask);
        PaillierLink.requireOpening(st.responderKey(), st.c(), ContributionStatement.responderPlaintext(slotValues,
                mask), secrets.forC(), WHAT + " (C)");
        PaillierLink.requireOpening(st.initiatorKey(), st.d(), ContributionStatement.initiatorPlaintext(mask),
                secrets.forD(), WHAT + " (D)");
        ContributionProof proof = ContributionProver.attempt(st, u, mask, secrets.forC().root(), secrets.forD().root(),
                PaillierLink.Nonce.of(st.responderKey(), secrets.announceC()),
                PaillierLink.Nonce.of(st.initiatorKey(), secrets.announceD()), coupons, ctx, rnd);
        return proof;
    }

    /**
     * Verifies the proof for a statement. Deterministic.
     *
     * @throws InvalidProofException naming the failed check
     */
    public void verify(ContributionStatement st, ProofContext ctx) {
        Objects.requireNonNull(st, "statement");
        Objects.requireNonNull(ctx, "context");
        RingPedersenTables tables = RingPedersenTables.of(st.params());
        BigInteger e = checkShape(st, tables, ctx);
        addEquations(st, e, ProductEquations.ringPedersen(tables, null, WHAT),
                ProductEquations.paillier(st.responderKey(), null, WHAT),
                ProductEquations.paillier(st.initiatorKey(), null, WHAT));
    }

    /**
     * Batch verification: -1 if every proof verifies, else the index of one that does not, confirmed by single
     * verification. Equations of all proofs under the same parameters or key are combined with random 128-bit
     * coefficients from {@code rnd} into one multi-exponentiation per modulus; a failing batch is bisected.
     *
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static int firstInvalid(List<ContributionStatement> sts, List<ContributionProof> proofs,
                                   List<ProofContext> ctxs, SecureRandom rnd) {
        if (sts.size() != proofs.size() || sts.size() != ctxs.size()) {
            throw new IllegalArgumentException("contribution proof batch: " + sts.size() + " statements, "
                    + proofs.size() + " proofs and " + ctxs.size() + " contexts");
        }
        return BatchSearch.firstInvalid(sts.size(), (from, to) -> {
            BatchAccumulator acc = new BatchAccumulator(rnd, WHAT);
            for (int i = from; i < to; i++) {
                ContributionStatement st = sts.get(i);
                ContributionProof p = proofs.get(i);
                try {
                    BigInteger e = p.checkShape(st, acc.tables(st.params()), ctxs.get(i));
                    p.addEquations(st, e, acc.ringPedersen(st.params()), acc.paillier(st.responderKey()),
                            acc.paillier(st.initiatorKey()));
                } catch (InvalidProofException ex) {
                    return false;
                }
            }
            return acc.holds();
        }, i -> {
            try {
                proofs.get(i).verify(sts.get(i), ctxs.get(i));
                return true;
            } catch (InvalidProofException ex) {
                return false;
            }
        });
    }

    private BigInteger checkShape(ContributionStatement st, RingPedersenTables tables, ProofContext ctx) {
        if (responderBytes != st.responderKey().modulusBytes() || initiatorBytes != st.initiatorKey().modulusBytes()
                || parametersBytes != st.params().modulusBytes()) {
            throw new InvalidProofException("contribution proof is for " + responderBytes * 8 + "- and "
                    + initiatorBytes * 8 + "-bit keys and " + parametersBytes * 8 + "-bit parameters");
        }
        if (!Arrays.equals(spans, st.spans())) {
            throw new InvalidProofException("contribution proof is for the spans " + Arrays.toString(spans));
        }
        if (!MessageDigest.isEqual(parametersFingerprint, st.params().fingerprintBytes())) {
            throw new InvalidProofException("contribution proof was made against other ring-Pedersen parameters");
        }
        for (int j = 0, a = 0; j < ContributionStatement.SLOTS; j++) {
            if (st.active(j)) {
                SquareRangeArgument.checkShape(tables, sizes(parametersBytes, spans[j]), slotElements(a),
                        slotResponses(a), WHAT + ", slot " + j);
                a++;
            }
        }
        int m = elements.length - 2;
        BigInteger nHat = st.params().modulus();
        for (int i = m; i < elements.length; i++) {
            if (elements[i].signum() <= 0 || elements[i].compareTo(nHat) >= 0
                    || !elements[i].gcd(nHat).equals(BigInteger.ONE)) {
                throw new InvalidProofException(WHAT + " check failed: " + (i == m ? "S_M" : "A_M")
                        + " is not a unit in (0, N^)");
            }
        }
        if (responses[responses.length - 2].bitLength() > MASK_RESPONSE_BITS) {
            throw new InvalidProofException(WHAT + " check failed: zM is out of range");
        }
        PaillierLink.checkShape(st.responderKey(), commitE1, y1, WHAT + " (N1)");
        PaillierLink.checkShape(st.initiatorKey(), commitE2, y2, WHAT + " (N2)");
        return challenge(st, elements, commitE1, commitE2, ctx);
    }

    private void addEquations(ContributionStatement st, BigInteger e, ProductEquations rp, ProductEquations n1,
                              ProductEquations n2) {
        BigInteger z1 = responses[responses.length - 2];
        for (int j = 0, a = 0; j < ContributionStatement.SLOTS; j++) {
            if (st.active(j)) {
                BigInteger[] z = slotResponses(a);
                SquareRangeArgument.addEquations(rp, BigInteger.valueOf(spans[j]), e, slotElements(a), z);
                z1 = z1.add(z[SquareRangeArgument.ZV].shiftLeft(ContributionStatement.SLOT_BITS * j));
                a++;
            }
        }
        BigInteger zM = responses[responses.length - 2];
        rp.begin("s^zM t^wM = A_M S_M^e").s(zM).t(responses[responses.length - 1])
                .factor(elements[elements.length - 1], BigInteger.ONE.negate())
                .factor(elements[elements.length - 2], e.negate()).end();
        PaillierLink.addEquation(n1, "(1+N1)^(sum 2^(64 j) zv_j + zM) y1^N1 = E1 C^e", z1, commitE1, y1, st.c(), e);
        PaillierLink.addEquation(n2, "(1+N2)^-zM y2^N2 = E2 D^e", zM.negate(), commitE2, y2, st.d(), e);
    }

    private BigInteger[] slotElements(int a) {
        return Arrays.copyOfRange(elements, a * EL, (a + 1) * EL);
    }

    private BigInteger[] slotResponses(int a) {
        return Arrays.copyOfRange(responses, a * RE, (a + 1) * RE);
    }

    static BigInteger challenge(ContributionStatement st, BigInteger[] el, BigInteger commitE1, BigInteger commitE2,
                                ProofContext ctx) {
        Transcript t = st.bindTo(new Transcript(DOMAIN));
        int width = st.params().modulusBytes();
        for (int i = 0; i < el.length; i++) {
            t.append("element" + i, Bytes.fixedWidth(el[i], width));
        }
        t.append("E1", Bytes.fixedWidth(commitE1, st.responderKey().ciphertextBytes()))
                .append("E2", Bytes.fixedWidth(commitE2, st.initiatorKey().ciphertextBytes()));
        return ctx.bindTo(t).challenge(SquareRangeArgument.CHALLENGE_BITS);
    }

    private static SquareRangeArgument.Sizes sizes(int parametersBytes, long span) {
        return SquareRangeArgument.Sizes.of(8 * parametersBytes, BigInteger.valueOf(span));
    }

    /** Magnitude widths in bytes of all responses, in encoding order. */
    private static int[] responseWidths(int parametersBytes, long[] spans) {
        int[] widths = new int[0];
        for (long span : spans) {
            if (span > 0) {
                int at = widths.length;
                int[] bits = sizes(parametersBytes, span).responseBits();
                widths = Arrays.copyOf(widths, at + RE);
                for (int i = 0; i < RE; i++) {
                    widths[at + i] = (bits[i] + 7) / 8;
                }
            }
        }
        widths = Arrays.copyOf(widths, widths.length + 2);
        widths[widths.length - 2] = (MASK_RESPONSE_BITS + 7) / 8;
        widths[widths.length - 1] = (8 * parametersBytes + SquareRangeArgument.CHALLENGE_BITS
                + SquareRangeArgument.SLACK_BITS + 1 + 7) / 8;
        return widths;
    }

    /**
     * The exact length of an encoding.
     *
     * @param responderBytes  L1, byte length of N1
     * @param initiatorBytes  L2, byte length of N2
     * @param parametersBytes L^, byte length of N^
     * @param spans           the four spans
     */
    public static long encodedLength(int responderBytes, int initiatorBytes, int parametersBytes, long[] spans) {
        long total = HEADER_BYTES + 3L * (responderBytes + initiatorBytes);
        int active = 0;
        for (long span : spans) {
            active += span > 0 ? 1 : 0;
        }
        total += (active * (long) EL + 2) * parametersBytes;
        for (int w : responseWidths(parametersBytes, spans)) {
            total += 1 + w;
        }
        return total;
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        Bytes.Writer out = new Bytes.Writer((int) encodedLength(responderBytes, initiatorBytes, parametersBytes, spans))
                .u8(ENCODING_VERSION).u32(responderBytes).u32(initiatorBytes).u32(parametersBytes);
        for (long span : spans) {
            out.u64(span);
        }
        out.raw(parametersFingerprint);
        for (BigInteger el : elements) {
            out.fixed(el, parametersBytes);
        }
        out.fixed(commitE1, 2 * responderBytes).fixed(commitE2, 2 * initiatorBytes);
        int[] widths = responseWidths(parametersBytes, spans);
        for (int i = 0; i < responses.length; i++) {
            out.signed(responses[i], widths[i]);
        }
        return out.fixed(y1, responderBytes).fixed(y2, initiatorBytes).toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * Parses {@link #toBytes()} strictly: known version, sizes in range, spans that a statement accepts, exact
     * length, canonical signed integers.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static ContributionProof fromBytes(byte[] bytes) {
        Bytes.Reader in = new Bytes.Reader(bytes, WHAT);
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException(WHAT + " has unknown version " + version);
        }
        int l1 = in.u32();
        int l2 = in.u32();
        int lHat = in.u32();
        int minKey = ContributionStatement.MIN_KEY_BITS / 8;
        int maxKey = PaillierPublicKey.MAX_BITS / 8;
        if (l1 < minKey || l1 > maxKey || l2 < minKey || l2 > maxKey || lHat < RingPedersenParameters.MIN_BITS / 8
                || lHat > RingPedersenParameters.MAX_BITS / 8) {
            throw new MalformedEncodingException(WHAT + " has sizes out of range: " + l1 + ", " + l2 + ", " + lHat);
        }
        long[] spans = new long[ContributionStatement.SLOTS];
        long any = 0;
        for (int j = 0; j < spans.length; j++) {
            spans[j] = in.u64();
            if (spans[j] < 0 || spans[j] >= 1L << ContributionStatement.MAX_SPAN_BITS) {
                throw new MalformedEncodingException(WHAT + " has span " + j + " out of range");
            }
            any |= spans[j];
        }
        if (any == 0) {
            throw new MalformedEncodingException(WHAT + " has no slot of positive span");
        }
        long length = encodedLength(l1, l2, lHat, spans);
        if (bytes.length != length) {
            throw new MalformedEncodingException(WHAT + " must be exactly " + length + " bytes for its sizes, got "
                    + bytes.length);
        }
        byte[] fingerprint = in.raw(FINGERPRINT_BYTES);
        int[] widths = responseWidths(lHat, spans);
        BigInteger[] el = new BigInteger[(widths.length - 2) / RE * EL + 2];
        for (int i = 0; i < el.length; i++) {
            el[i] = in.fixed(lHat);
        }
        BigInteger e1 = in.fixed(2 * l1);
        BigInteger e2 = in.fixed(2 * l2);
        BigInteger[] z = new BigInteger[widths.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = in.signed(widths[i]);
        }
        BigInteger y1 = in.fixed(l1);
        BigInteger y2 = in.fixed(l2);
        in.finish();
        return new ContributionProof(l1, l2, lHat, spans, fingerprint, el, e1, e2, z, y1, y2);
    }

    /** Parses a Base64 contribution proof. */
    public static ContributionProof fromBase64(String text) {
        return fromBytes(Bytes.fromBase64(text, WHAT));
    }

    /** Every integer of the proof in encoding order, for tamper tests. */
    BigInteger[] fields() {
        int n = elements.length;
        BigInteger[] all = Arrays.copyOf(elements, n + 2 + responses.length + 2);
        all[n] = commitE1;
        all[n + 1] = commitE2;
        System.arraycopy(responses, 0, all, n + 2, responses.length);
        all[all.length - 2] = y1;
        all[all.length - 1] = y2;
        return all;
    }

    /** The same proof with the integers of {@link #fields()} replaced. */
    ContributionProof withFields(BigInteger[] f) {
        int n = elements.length;
        return new ContributionProof(responderBytes, initiatorBytes, parametersBytes, spans, parametersFingerprint,
                Arrays.copyOf(f, n), f[n], f[n + 1], Arrays.copyOfRange(f, n + 2, n + 2 + responses.length),
                f[f.length - 2], f[f.length - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof ContributionProof other && responderBytes == other.responderBytes
                && initiatorBytes == other.initiatorBytes && parametersBytes == other.parametersBytes
                && Arrays.equals(spans, other.spans)
                && MessageDigest.isEqual(parametersFingerprint, other.parametersFingerprint)
                && Arrays.equals(fields(), other.fields()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(spans), commitE1, commitE2, y1, y2);
    }

    @Override
    public String toString() {
        return "ContributionProof[spans " + Arrays.toString(spans) + ", " + responderBytes * 8 + "-bit keys]";
    }
}
