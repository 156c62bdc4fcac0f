package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.math.ForkedRandom;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.market.AffineForm;
import io.neighbourgrid.market.MarketOutcome;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.OutcomeInequalities;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The responder's outcome of a window, proven from totals nobody else learns (PEM Theorem 1: the channel learns the
 * market type, the price and the fill ratio only). The bundle holds the claimed {@link MarketOutcome}, the
 * {@link SlotSplitProof} (fresh slot ciphertexts E_j = Enc_N1(U_j) that split the packed aggregate, each within its
 * cap) and one {@link NonNegativityProof} per form of {@link OutcomeInequalities#forms}: the verifier forms each
 * combination prod E_j^{c_j} (1 + N1)^c homomorphically ({@link #combination}) and checks that it encrypts a
 * non-negative integer. Since the forms hold exactly when {@link io.neighbourgrid.market.MarketMath} computes the
 * claimed outcome from the totals U_j + o_j, an accepted bundle shows that the claim is the market's outcome.
 *
 * <p>Each form's proof is made for the bit length of the largest value the form can take with every U_j in
 * [0, cap_j] ({@link AffineForm#valueBits}); its slack (the proven bound is 2^{L + 258}) does not matter, since only
 * the lower end, exact, is used. Form i is bound to the phase {@code phase + "/form-i"}.
 *
 * <p>Encoding ({@link #toBytes()}): version (1 byte, 1), type (1 byte: 0 general, 1 extreme), price (8 bytes), fill
 * ratio (8 bytes), the slot split proof (length-prefixed, 4 bytes), the number of form proofs (1 byte), each form
 * proof length-prefixed.
 */
public final class OutcomeProof {
    static final int ENCODING_VERSION = 1;
    private static final int MAX_FORMS = 16;

    private final MarketOutcome outcome;
    private final SlotSplitProof split;
    private final List<NonNegativityProof> forms;

    private OutcomeProof(MarketOutcome outcome, SlotSplitProof split, List<NonNegativityProof> forms) {
        this.outcome = outcome;
        this.split = split;
        this.forms = List.copyOf(forms);
    }

    /**
     * Decrypts the window's packed aggregate, computes the market outcome from its slot sums and proves it.
     *
     * @param r1              the responder's private key (N1)
     * @param packedAggregate Enc_N1(sum pack) = (prod C_i) X1
     * @param caps            cap_j = contributors of the slot's role times span_j, each in [0, 2^63)
     * @param offsets         lo_j, the published lower bound of each slot's per-home value
     * @param roleCounts      n_j, the contributors of each slot (sellers for slots 0-2, buyers for slot 3)
     * @param params          the market parameters
     * @param rp              the registered ring-Pedersen parameters
     * @param context         where the proof belongs
     * @param random          the prover's randomness
     * @return the bundle
     * @throws ValueOutOfRangeException if the aggregate does not split into slot sums within the caps
     * @throws IllegalArgumentException if the totals have no market outcome ({@link OutcomeInequalities#outcome})
     */
    public static OutcomeProof prove(PaillierPrivateKey r1, Ciphertext packedAggregate, long[] caps, long[] offsets,
                                     int[] roleCounts, MarketParameters params, RingPedersenParameters rp,
                                     ProofContext context, SecureRandom random) {
        Objects.requireNonNull(r1, "r1");
        Objects.requireNonNull(params, "params");
        BigInteger[] u = SlotSplitProof.split(r1.decrypt(packedAggregate));
        BigInteger[] o = OutcomeInequalities.totalOffsets(offsets, roleCounts);
        long[] totals = new long[SlotSplitProof.SLOTS];
        for (int j = 0; j < totals.length; j++) {
            totals[j] = u[j].add(o[j]).longValueExact();
        }
        MarketOutcome outcome = OutcomeInequalities.outcome(totals, params);
        return forClaim(r1, packedAggregate, u, outcome, caps, o, params, rp, context, random, true);
    }

    /**
     * Proves {@code claim} on the decrypted slot sums u. {@code checked}: honest proofs, which refuse a negative
     * form; otherwise the proofs of a lying responder (for tests), made whatever the forms' values.
     */
    static OutcomeProof forClaim(PaillierPrivateKey r1, Ciphertext aggregate, BigInteger[] u, MarketOutcome claim,
                                 long[] caps, BigInteger[] offsets, MarketParameters params,
                                 RingPedersenParameters rp, ProofContext context, SecureRandom random,
                                 boolean checked) {
        PaillierPublicKey key = r1.publicKey();
        SlotSplitProof split = SlotSplitProof.prove(r1, aggregate, u, caps, rp, context, random);
        List<AffineForm> forms = OutcomeInequalities.forms(claim, params, offsets);
        BigInteger[] capValues = capValues(caps);
        // The forms' proofs are independent: made in parallel, each from its own child of the prover's randomness.
        SecureRandom[] randoms = ForkedRandom.fork(random, forms.size());
        List<NonNegativityProof> proofs = IntStream.range(0, forms.size()).parallel().mapToObj(i -> {
            AffineForm form = forms.get(i);
            Ciphertext c = combination(key, split.slotCiphertexts(), form);
            BigInteger value = form.evaluate(u);
            BigInteger rho = r1.nthRootModN(c.value().multiply(key.generatorPower(value.negate()))
                    .mod(key.modulusSquared()));
            int bits = form.valueBits(capValues);
            ProofContext part = SlotSplitProof.part(context, "form-" + i);
            return checked ? NonNegativityProof.proveOwn(key, c, value, rho, bits, rp, part, randoms[i])
                    : NonNegativityProof.attempt(key, c, value, rho, NonNegativityProof.Layout.of(key.modulusBytes(),
                    rp.modulusBytes(), bits), rp, part, randoms[i]);
        }).toList();
        return new OutcomeProof(claim, split, proofs);
    }

    /**
     * Verifies the bundle: recomputes the forms of the claimed outcome, checks the slot split and every form's
     * proof on the combination the contract forms. Deterministic.
     *
     * @return the proven outcome
     * @throws InvalidProofException naming the impossible claim, the slot or the form that failed
     */
    public MarketOutcome verify(PaillierPublicKey r1, Ciphertext packedAggregate, long[] caps, long[] offsets,
                                int[] roleCounts, MarketParameters params, RingPedersenParameters rp,
                                ProofContext context) {
        Objects.requireNonNull(r1, "r1");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(context, "context");
        BigInteger[] totalOffsets = OutcomeInequalities.totalOffsets(offsets, roleCounts);
        List<AffineForm> expected;
        try {
            expected = OutcomeInequalities.forms(outcome, params, totalOffsets);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("outcome proof claims an impossible outcome: " + e.getMessage());
        }
        if (expected.size() != forms.size()) {
            throw new InvalidProofException("outcome proof has " + forms.size() + " form proofs, the claimed "
                    + outcome.type() + " outcome needs " + expected.size());
        }
        PaillierEquationBatch batch = new PaillierEquationBatch(r1);
        check(r1, packedAggregate, caps, expected, rp, context, batch);
        if (!batch.holds(context)) {
            check(r1, packedAggregate, caps, expected, rp, context, null);
            throw new InvalidProofException("outcome proof: the batch of Paillier equations does not verify");
        }
        return outcome;
    }

    /** The slot split and every form's proof; with a batch, their Paillier equations join it. */
    private void check(PaillierPublicKey r1, Ciphertext packedAggregate, long[] caps, List<AffineForm> expected,
                       RingPedersenParameters rp, ProofContext context, PaillierEquationBatch batch) {
        split.verify(r1, packedAggregate, caps, rp, context, batch);
        BigInteger[] capValues = capValues(caps);
        for (int i = 0; i < forms.size(); i++) {
            AffineForm form = expected.get(i);
            Ciphertext c = combination(r1, split.slotCiphertexts(), form);
            try {
                forms.get(i).verify(r1, c, form.valueBits(capValues), rp, SlotSplitProof.part(context, "form-" + i),
                        batch);
            } catch (InvalidProofException e) {
                throw new InvalidProofException("outcome proof: form " + i + " (" + form.name()
                        + ") is not shown to hold: " + e.getMessage());
            }
        }
    }

    /**
     * The ciphertext of a form's value: prod E_j^{c_j} (1 + N)^c mod N^2, negative coefficients through the
     * inverse. What the contract computes from the posted slot ciphertexts and the public coefficients.
     *
     * @param key   N1
     * @param slots E_0..E_3
     * @param form  the form
     * @return Enc(sum c_j U_j + c)
     */
    public static Ciphertext combination(PaillierPublicKey key, List<Ciphertext> slots, AffineForm form) {
        BigInteger nn = key.modulusSquared();
        BigInteger acc = key.generatorPower(form.constant());
        for (int j = 0; j < AffineForm.SLOTS; j++) {
            BigInteger c = form.coefficient(j);
            if (c.signum() != 0) {
                acc = acc.multiply(key.multiply(slots.get(j), c).value()).mod(nn);
            }
        }
        return key.ciphertext(acc);
    }

    private static BigInteger[] capValues(long[] caps) {
        BigInteger[] v = new BigInteger[caps.length];
        for (int j = 0; j < caps.length; j++) {
            v[j] = BigInteger.valueOf(caps[j]);
        }
        return v;
    }

    /** The claimed outcome (proven once {@link #verify} returns). */
    public MarketOutcome outcome() {
        return outcome;
    }

    /** The slot split: the slot ciphertexts and their proofs. */
    public SlotSplitProof slotSplit() {
        return split;
    }

    /** The encoding of the class comment. */
    public byte[] toBytes() {
        Bytes.Writer out = new Bytes.Writer()
                .u8(ENCODING_VERSION)
                .u8(outcome.type() == MarketType.GENERAL ? 0 : 1)
                .u64(outcome.price())
                .u64(outcome.fillRatio())
                .field(split.toBytes())
                .u8(forms.size());
        for (NonNegativityProof p : forms) {
            out.field(p.toBytes());
        }
        return out.toByteArray();
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    /**
     * Parses {@link #toBytes()} for the responder's key.
     *
     * @throws MalformedEncodingException naming the defect
     */
    public static OutcomeProof fromBytes(PaillierPublicKey r1, byte[] bytes) {
        Objects.requireNonNull(r1, "r1");
        Bytes.Reader in = new Bytes.Reader(bytes, "outcome proof");
        int version = in.u8();
        if (version != ENCODING_VERSION) {
            throw new MalformedEncodingException("outcome proof has unknown version " + version);
        }
        int type = in.u8();
        if (type > 1) {
            throw new MalformedEncodingException("outcome proof has an unknown market type " + type);
        }
        MarketOutcome outcome;
        try {
            outcome = new MarketOutcome(type == 0 ? MarketType.GENERAL : MarketType.EXTREME, in.u64(), in.u64());
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("outcome proof: " + e.getMessage());
        }
        SlotSplitProof split = SlotSplitProof.fromBytes(r1, in.field(bytes.length));
        int count = in.u8();
        if (count > MAX_FORMS) {
            throw new MalformedEncodingException("outcome proof has " + count + " form proofs, at most " + MAX_FORMS);
        }
        List<NonNegativityProof> forms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            forms.add(NonNegativityProof.fromBytes(in.field(bytes.length)));
        }
        in.finish();
        return new OutcomeProof(outcome, split, forms);
    }

    /** Parses a Base64 outcome proof for the responder's key. */
    public static OutcomeProof fromBase64(PaillierPublicKey r1, String text) {
        return fromBytes(r1, Bytes.fromBase64(text, "outcome proof"));
    }

    /** The same bundle with another claimed outcome, for tests. */
    OutcomeProof withOutcome(MarketOutcome other) {
        return new OutcomeProof(other, split, forms);
    }

    /** The same bundle with another slot split, for tests. */
    OutcomeProof withSplit(SlotSplitProof other) {
        return new OutcomeProof(outcome, other, forms);
    }

    /** The form proofs, for tests. */
    List<NonNegativityProof> formProofs() {
        return forms;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof OutcomeProof other && outcome.equals(other.outcome)
                && split.equals(other.split) && forms.equals(other.forms));
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, split, forms);
    }

    @Override
    public String toString() {
        return "OutcomeProof[" + outcome + ", " + forms.size() + " forms]";
    }
}
