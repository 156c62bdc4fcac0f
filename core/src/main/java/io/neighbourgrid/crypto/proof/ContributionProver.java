package io.neighbourgrid.crypto.proof;

import static io.neighbourgrid.crypto.proof.ContributionProof.EL;
import static io.neighbourgrid.crypto.proof.ContributionProof.RE;

import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The prover's side of a {@link ContributionProof}: the slots' range arguments, the mask's commitment, the two
 * Paillier announcements, the challenge and the responses, either with randomness drawn on the spot or with the
 * precomputed randomness of {@link ContributionCoupons}.
 */
final class ContributionProver {
    private ContributionProver() {
    }

    /**
     * The slot values as integers, after the prover's input checks: four slot values each in [0, span], a mask in
     * [0, 2^384).
     *
     * @throws ValueOutOfRangeException naming the value out of range
     */
    static BigInteger[] checkedValues(ContributionStatement st, long[] slotValues, BigInteger mask) {
        ContributionStatement.responderPlaintext(slotValues, mask); // checks the slot count and signs
        for (int j = 0; j < ContributionStatement.SLOTS; j++) {
            if (slotValues[j] > st.span(j)) {
                throw new ValueOutOfRangeException("slot value " + j + " is above its span");
            }
        }
        if (mask.signum() < 0 || mask.bitLength() > ContributionStatement.MASK_BITS) {
            throw new ValueOutOfRangeException("the mask must be in [0, 2^" + ContributionStatement.MASK_BITS + ")");
        }
        BigInteger[] u = new BigInteger[slotValues.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = BigInteger.valueOf(slotValues[j]);
        }
        return u;
    }

    /** The prover's algorithm without its input checks; tests play provers of false statements with it. */
    static ContributionProof attempt(ContributionStatement st, BigInteger[] u, BigInteger mask, BigInteger rhoC,
                                     BigInteger rhoD, ProofContext ctx, SecureRandom rnd) {
        RingPedersenTables tables = RingPedersenTables.of(st.params());
        BigInteger alphaM = ContributionCoupons.MaskCoupon.alphaOf(rnd);
        SquareRangeArgument.Prover[] provers = new SquareRangeArgument.Prover[st.activeSlots()];
        for (int j = 0, a = 0; j < ContributionStatement.SLOTS; j++) {
            if (st.active(j)) {
                provers[a++] = SquareRangeArgument.Prover.fresh(tables, BigInteger.valueOf(st.span(j)), u[j], rnd);
            }
        }
        ContributionCoupons.MaskCoupon m = new ContributionCoupons.MaskCoupon(tables, alphaM, rnd);
        return assemble(st, tables, provers, m, mask, rhoC, rhoD, PaillierLink.Nonce.fresh(st.responderKey(), rnd),
                PaillierLink.Nonce.fresh(st.initiatorKey(), rnd), ctx);
    }

    /** The same from precomputed randomness: the coupons of {@code coupons} and the announcements' nonces. */
    static ContributionProof attempt(ContributionStatement st, BigInteger[] u, BigInteger mask, BigInteger rhoC,
                                     BigInteger rhoD, PaillierLink.Nonce nonce1, PaillierLink.Nonce nonce2,
                                     ContributionCoupons coupons, ProofContext ctx, SecureRandom rnd) {
        RingPedersenTables tables = RingPedersenTables.of(st.params());
        ContributionCoupons.Set set = coupons.take(tables, st.spans());
        SquareRangeArgument.Prover[] provers = new SquareRangeArgument.Prover[st.activeSlots()];
        for (int j = 0, a = 0; j < ContributionStatement.SLOTS; j++) {
            if (st.active(j)) {
                provers[a] = SquareRangeArgument.Prover.of(tables, set.slots[a], u[j], rnd);
                a++;
            }
        }
        ContributionCoupons.MaskCoupon m = set.mask;
        return assemble(st, tables, provers, m, mask, rhoC, rhoD, nonce1, nonce2, ctx);
    }

    /** The elements, the challenge and the responses, from the slots' provers, the mask's randomness and nonces. */
    private static ContributionProof assemble(ContributionStatement st, RingPedersenTables tables,
                                              SquareRangeArgument.Prover[] provers, ContributionCoupons.MaskCoupon m,
                                              BigInteger mask, BigInteger rhoC, BigInteger rhoD,
                                              PaillierLink.Nonce nonce1, PaillierLink.Nonce nonce2,
                                              ProofContext ctx) {
        Objects.requireNonNull(ctx, "context");
        m.claim();
        int active = provers.length;
        BigInteger[] el = new BigInteger[active * EL + 2];
        BigInteger alpha1 = m.alpha;
        for (int j = 0, a = 0; j < ContributionStatement.SLOTS; j++) {
            if (st.active(j)) {
                System.arraycopy(provers[a].elements(), 0, el, a * EL, EL);
                alpha1 = alpha1.add(provers[a].valueMask().shiftLeft(ContributionStatement.SLOT_BITS * j));
                a++;
            }
        }
        el[active * EL] = tables.reducer().multiply(tables.s(mask), m.tMu);
        el[active * EL + 1] = m.announced;
        BigInteger commitE1 = PaillierLink.announce(st.responderKey(), alpha1, nonce1);
        BigInteger commitE2 = PaillierLink.announce(st.initiatorKey(), m.alpha.negate(), nonce2);
        BigInteger e = ContributionProof.challenge(st, el, commitE1, commitE2, ctx);
        BigInteger[] z = new BigInteger[active * RE + 2];
        for (int a = 0; a < active; a++) {
            System.arraycopy(provers[a].responses(e), 0, z, a * RE, RE);
        }
        z[active * RE] = m.alpha.add(e.multiply(mask));
        z[active * RE + 1] = m.gamma.add(e.multiply(m.mu));
        return new ContributionProof(st.responderKey().modulusBytes(), st.initiatorKey().modulusBytes(),
                st.params().modulusBytes(), st.spans(), st.params().fingerprintBytes(), el, commitE1, commitE2, z,
                PaillierLink.respond(st.responderKey(), nonce1.zeta(), rhoC, e),
                PaillierLink.respond(st.initiatorKey(), nonce2.zeta(), rhoD, e));
    }
}
