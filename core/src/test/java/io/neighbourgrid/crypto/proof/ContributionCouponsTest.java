package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contribution proofs from precomputed randomness: valid, single use, and as strict as the others. */
class ContributionCouponsTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "contribution", "home-011");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(4711);
    private static final long[] SELLER = {5_000_000L, 1L << 30, (1L << 43) + 17, 0};
    private static final long[] BUYER = {0, 0, 0, 9_999_999L};

    private static PaillierPublicKey responder() {
        return CryptoFixtures.keyPair(1024, 0).publicKey();
    }

    private static PaillierPublicKey initiator() {
        return CryptoFixtures.keyPair(1024, 1).publicKey();
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** A member's statement and secrets, encrypted with randomizers as a home does. */
    private record Member(ContributionStatement st, ContributionSecrets secrets) {
        static Member of(long[] spans, long[] u) {
            BigInteger mask = ContributionStatement.newMask(RANDOM);
            Randomizer forC = responder().newRandomizer(RANDOM);
            Randomizer forD = initiator().newRandomizer(RANDOM);
            Ciphertext c = responder().encrypt(ContributionStatement.responderPlaintext(u, mask), forC);
            Ciphertext d = initiator().encrypt(ContributionStatement.initiatorPlaintext(mask), forD);
            return new Member(new ContributionStatement(responder(), c, initiator(), d, params(), spans),
                    new ContributionSecrets(u, mask, forC, forD, responder().newRandomizer(RANDOM),
                            initiator().newRandomizer(RANDOM)));
        }
    }

    @Test
    void proofsFromTheStockVerifyAloneAndInABatchAndEmptyTheStock() {
        ContributionCoupons coupons = new ContributionCoupons(params(), RANDOM);
        coupons.precompute(SELLER, 2);
        coupons.precompute(BUYER, 2);
        assertEquals(2, coupons.available(SELLER));
        assertEquals(2, coupons.available(BUYER));
        List<ContributionStatement> sts = new ArrayList<>();
        List<ContributionProof> proofs = new ArrayList<>();
        long[][] values = {{0, 1L << 30, 17, 0}, {5_000_000L, 0, (1L << 43) + 17, 0}, {0, 0, 0, 0},
            {0, 0, 0, 9_999_999L}};
        for (int i = 0; i < values.length; i++) {
            Member m = Member.of(i < 2 ? SELLER : BUYER, values[i]);
            ContributionProof p = ContributionProof.prove(m.st(), m.secrets(), coupons, CONTEXT, RANDOM);
            p.verify(m.st(), CONTEXT);
            assertEquals(p, ContributionProof.fromBytes(p.toBytes()));
            sts.add(m.st());
            proofs.add(p);
        }
        assertEquals(0, coupons.available(SELLER));
        assertEquals(0, coupons.available(BUYER));
        assertEquals(0, coupons.misses());
        assertEquals(-1, ContributionProof.firstInvalid(sts, proofs, Collections.nCopies(4, CONTEXT), RANDOM));
        // An empty stock still proves, computing on the spot.
        Member m = Member.of(SELLER, new long[] {1, 2, 3, 0});
        ContributionProof.prove(m.st(), m.secrets(), coupons, CONTEXT, RANDOM).verify(m.st(), CONTEXT);
        assertEquals(1, coupons.misses(), "one contribution's randomness computed on the spot");
    }

    @Test
    void everyAlteredIntegerOfAPrecomputedProofIsRejected() {
        ContributionCoupons coupons = new ContributionCoupons(params(), RANDOM);
        coupons.precompute(SELLER, 1);
        Member m = Member.of(SELLER, new long[] {4_000_000L, 12_345, 99, 0});
        ContributionProof p = ContributionProof.prove(m.st(), m.secrets(), coupons, CONTEXT, RANDOM);
        BigInteger[] fields = p.fields();
        for (int i = 0; i < fields.length; i++) {
            BigInteger[] f = fields.clone();
            f[i] = f[i].add(BigInteger.ONE);
            ContributionProof altered = p.withFields(f);
            assertThrows(InvalidProofException.class, () -> altered.verify(m.st(), CONTEXT), "field " + i);
        }
        ContributionProof onOtherContext = p;
        assertThrows(InvalidProofException.class, () -> onOtherContext.verify(m.st(),
                new ProofContext("ng-channel", 13, "contribution", "home-011")));
    }

    @Test
    void precomputedRandomnessIsUsedOnce() {
        RingPedersenTables tables = RingPedersenTables.of(params());
        SquareRangeArgument.Coupon slot = new SquareRangeArgument.Coupon(tables, BigInteger.TEN, RANDOM);
        SquareRangeArgument.Prover.of(tables, slot, BigInteger.TWO, RANDOM);
        assertThrows(IllegalStateException.class, () -> SquareRangeArgument.Prover.of(tables, slot, BigInteger.ONE,
                RANDOM));
        ContributionCoupons.MaskCoupon mask = new ContributionCoupons.MaskCoupon(tables, RANDOM);
        mask.claim();
        assertThrows(IllegalStateException.class, mask::claim);
        // The stock hands each contribution's randomness out once.
        ContributionCoupons coupons = new ContributionCoupons(params(), RANDOM);
        coupons.precompute(BUYER, 1);
        ContributionCoupons.Set first = coupons.take(tables, BUYER);
        assertTrue(first != coupons.take(tables, BUYER));
        assertEquals(1, first.slots.length);
        assertEquals(1, coupons.misses());
    }

    @Test
    void wrongInputsAreRefusedBeforeAnythingIsProven() {
        ContributionCoupons coupons = new ContributionCoupons(params(), RANDOM);
        Member m = Member.of(SELLER, new long[] {1, 2, 3, 0});
        ContributionSecrets s = m.secrets();
        ContributionCoupons otherParams = new ContributionCoupons(RingPedersenFixtures.kat().parameters(), RANDOM);
        assertThrows(IllegalArgumentException.class, () -> ContributionProof.prove(m.st(), s, otherParams, CONTEXT,
                RANDOM));
        ContributionSecrets swapped = new ContributionSecrets(s.slotValues(), s.mask(), s.forD(), s.forC(),
                s.announceC(), s.announceD());
        assertThrows(IllegalArgumentException.class, () -> ContributionProof.prove(m.st(), swapped, coupons,
                CONTEXT, RANDOM));
        ContributionSecrets wrongValue = new ContributionSecrets(new long[] {1, 2, 4, 0}, s.mask(), s.forC(),
                s.forD(), s.announceC(), s.announceD());
        assertThrows(IllegalArgumentException.class, () -> ContributionProof.prove(m.st(), wrongValue, coupons,
                CONTEXT, RANDOM));
        ContributionSecrets above = new ContributionSecrets(new long[] {SELLER[0] + 1, 2, 3, 0}, s.mask(),
                s.forC(), s.forD(), s.announceC(), s.announceD());
        assertThrows(ValueOutOfRangeException.class, () -> ContributionProof.prove(m.st(), above, coupons, CONTEXT,
                RANDOM));
        ContributionSecrets badAnnouncement = new ContributionSecrets(s.slotValues(), s.mask(), s.forC(), s.forD(),
                initiator().newRandomizer(RANDOM), s.announceD());
        assertThrows(IllegalArgumentException.class, () -> ContributionProof.prove(m.st(), badAnnouncement, coupons,
                CONTEXT, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> new ContributionSecrets(s.slotValues(), s.mask(),
                s.forC(), s.forD(), s.forC(), s.announceD()));
        assertEquals(0, coupons.misses(), "nothing was drawn for refused inputs");
    }

    @Test
    void aBackgroundStockRefillsTheShapesItServed() throws InterruptedException {
        try (ContributionCoupons coupons = ContributionCoupons.inBackground(params(), 2, RANDOM)) {
            Member m = Member.of(BUYER, new long[] {0, 0, 0, 77});
            ContributionProof.prove(m.st(), m.secrets(), coupons, CONTEXT, RANDOM).verify(m.st(), CONTEXT);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (coupons.available(BUYER) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, coupons.available(BUYER));
        }
    }
}
