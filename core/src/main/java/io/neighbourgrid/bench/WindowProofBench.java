package io.neighbourgrid.bench;

import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.EncryptionWithRandomness;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import io.neighbourgrid.crypto.proof.ContributionCoupons;
import io.neighbourgrid.crypto.proof.ContributionProof;
import io.neighbourgrid.crypto.proof.ContributionSecrets;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.crypto.proof.MaskTransfer;
import io.neighbourgrid.crypto.proof.MaskTransferProof;
import io.neighbourgrid.crypto.proof.OutcomeProof;
import io.neighbourgrid.crypto.proof.RingPedersenKeys;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rows of {@link CryptoBench} for the window's proofs, against ring-Pedersen parameters of
 * {@value #PARAMETER_BITS} bits: a seller's and a buyer's contribution proof (prove, verify, bytes, and the cost per
 * proof of the responder's batch verification of {@value #BATCH} seller proofs), the initiator's mask transfer of
 * a 50-home window (prove, verify, bytes) and the responder's outcome bundle for a general window at an interior
 * price (prove, verify, bytes, number of non-negativity proofs in it).
 */
final class WindowProofBench {
    /** Size of the ring-Pedersen modulus N^ the proofs are made against. */
    static final int PARAMETER_BITS = 2048;
    private static final int MEMBERS = 50;
    private static final int BATCH = 20;
    /** Slot spans of the default market: supply and demand up to 100 kWh, k over 1,000 units, d over 300 kWh. */
    private static final long[] SELLER_SPANS = {100 * Scales.ENERGY, 1_000 * Scales.PREFERENCE, 300 * Scales.ENERGY,
        0};
    private static final long[] BUYER_SPANS = {0, 0, 0, 100 * Scales.ENERGY};
    private static final long KWH = Scales.ENERGY;
    /** 20 sellers and 30 buyers with per-home spans of 10 kWh, 1,000 preference units and 20 kWh. */
    private static final int[] COUNTS = {20, 20, 20, 30};
    private static final long[] LOWER = {1, 0, -2 * KWH, 1};
    private static final long[] CAPS = {20 * 10 * KWH, 20 * 1_000 * Scales.PREFERENCE, 20 * 20 * KWH,
        30 * 10 * KWH};
    /** Totals E_s 20 kWh, sum k 4,000, sum d 48 kWh, E_b 50 kWh: a general market at 100 cents per kWh. */
    private static final long[] TOTALS = {20 * KWH, 4_000 * Scales.PREFERENCE, 48 * KWH, 50 * KWH};

    private WindowProofBench() {
    }

    /**
     * Adds the timings to {@code ms} and the sizes to {@code sizes}.
     *
     * @param bench  the running benchmark, whose timer brackets every sample with floor exponentiations
     * @param bits   the Paillier key size
     * @param random randomness for keys, parameters and provers
     */
    static void measure(CryptoBench bench, int bits, SecureRandom random, Map<String, CryptoBench.Measurement> ms,
                        Map<String, Long> sizes) {
        RingPedersenParameters rp = RingPedersenKeys.generate(PARAMETER_BITS, random).parameters();
        PaillierKeyPair responder = PaillierKeyPair.generate(bits, random);
        PaillierKeyPair initiator = PaillierKeyPair.generate(bits, random);
        PaillierPublicKey n1 = responder.publicKey();
        PaillierPublicKey n2 = initiator.publicKey();
        ProofContext transferContext = new ProofContext("bench", 1, "mask-transfer", "home-initiator");
        ProofContext outcomeContext = new ProofContext("bench", 1, "outcome", "home-responder");
        int bound = MaskTransferProof.MASK_TRANSFER_BOUND_BITS;
        contributions(bench, n1, n2, rp, random, ms, sizes);

        List<Ciphertext> shares = new ArrayList<>(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            shares.add(n2.encrypt(new BigInteger(384, random).negate(), random));
        }
        Ciphertext t2 = n2.sum(shares);
        ms.put("maskTransferProveMs", bench.time("maskTransferProve", 1, () -> MaskTransferProof.create(
                initiator.privateKey(), t2, n1, bound, rp, transferContext, random)));
        MaskTransfer transfer = MaskTransferProof.create(initiator.privateKey(), t2, n1, bound, rp, transferContext,
                random);
        ms.put("maskTransferVerifyMs", bench.time("maskTransferVerify", 1, () -> {
            transfer.proof().verify(n2, t2, n1, transfer.reencrypted(), bound, rp, transferContext);
            return transfer;
        }));
        sizes.put("maskTransferBytes", (long) transfer.proof().toBytes().length);

        BigInteger packed = BigInteger.ZERO;
        for (int j = TOTALS.length - 1; j >= 0; j--) {
            packed = packed.shiftLeft(64).add(BigInteger.valueOf(TOTALS[j] - COUNTS[j] * LOWER[j]));
        }
        Ciphertext aggregate = n1.encrypt(packed, random);
        MarketParameters market = MarketParameters.defaults();
        ms.put("outcomeProveMs", bench.time("outcomeProve", 1, () -> OutcomeProof.prove(responder.privateKey(),
                aggregate, CAPS, LOWER, COUNTS, market, rp, outcomeContext, random)));
        OutcomeProof outcome = OutcomeProof.prove(responder.privateKey(), aggregate, CAPS, LOWER, COUNTS, market, rp,
                outcomeContext, random);
        ms.put("outcomeVerifyMs", bench.time("outcomeVerify", 1, () -> outcome.verify(n1, aggregate, CAPS, LOWER,
                COUNTS, market, rp, outcomeContext)));
        sizes.put("outcomeBytes", (long) outcome.toBytes().length);
        sizes.put("outcomeSlotSplitBytes", (long) outcome.slotSplit().toBytes().length);
        sizes.put("outcomePriceUnits", outcome.outcome().price());
        sizes.put("ringPedersenBits", (long) rp.bits());
    }

    /** A member's contribution (C, D) with its proof, for the given spans and slot values. */
    private record Contribution(ContributionStatement statement, ContributionProof proof, ProofContext context) {
        static Contribution of(PaillierPublicKey n1, PaillierPublicKey n2, RingPedersenParameters rp, long[] spans,
                               long[] slots, int member, SecureRandom random) {
            BigInteger mask = ContributionStatement.newMask(random);
            EncryptionWithRandomness c = n1.encryptWithRandomness(ContributionStatement.responderPlaintext(slots,
                    mask), n1.newRandomizer(random));
            EncryptionWithRandomness d = n2.encryptWithRandomness(ContributionStatement.initiatorPlaintext(mask),
                    n2.newRandomizer(random));
            ContributionStatement st = new ContributionStatement(n1, c.ciphertext(), n2, d.ciphertext(), rp, spans);
            ProofContext ctx = new ProofContext("bench", 1, "contribution", "home-" + member);
            return new Contribution(st, ContributionProof.prove(st, slots, mask, c.root(), d.root(), ctx, random),
                    ctx);
        }
    }

    private static void contributions(CryptoBench bench, PaillierPublicKey n1, PaillierPublicKey n2,
                                      RingPedersenParameters rp, SecureRandom random,
                                      Map<String, CryptoBench.Measurement> ms, Map<String, Long> sizes) {
        long[] seller = {7 * Scales.ENERGY, 420 * Scales.PREFERENCE, 160 * Scales.ENERGY, 0};
        long[] buyer = {0, 0, 0, 3 * Scales.ENERGY};
        ms.put("contributionProveMs", bench.time("contributionProve", 1,
                () -> Contribution.of(n1, n2, rp, SELLER_SPANS, seller, 0, random)));
        List<Contribution> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(Contribution.of(n1, n2, rp, SELLER_SPANS, seller, i, random));
        }
        Contribution one = batch.get(0);
        ms.put("contributionVerifyMs", bench.time("contributionVerify", 1, () -> {
            one.proof().verify(one.statement(), one.context());
            return one;
        }));
        List<ContributionStatement> sts = batch.stream().map(Contribution::statement).toList();
        List<ContributionProof> proofs = batch.stream().map(Contribution::proof).toList();
        List<ProofContext> ctxs = batch.stream().map(Contribution::context).toList();
        ms.put("contributionBatchVerifyPerProofMs", bench.time("contributionBatchVerify", BATCH, () -> {
            int bad = ContributionProof.firstInvalid(sts, proofs, ctxs, random);
            if (bad >= 0) {
                throw new IllegalStateException("honest contribution proof " + bad + " rejected");
            }
            return sts;
        }));
        precomputed(bench, n1, n2, rp, seller, random, ms);
        sizes.put("contributionSellerBytes", (long) one.proof().toBytes().length);
        sizes.put("contributionBuyerBytes", (long) Contribution.of(n1, n2, rp, BUYER_SPANS, buyer, BATCH, random)
                .proof().toBytes().length);
    }

    /**
     * A seller's contribution proof split as a home runs it: {@code contributionPrecomputeMs}, the value-independent
     * randomness of one proof ({@link ContributionCoupons}) made in idle time, and {@code contributionOnlineProveMs},
     * what is left once the values are known: the two encryptions from precomputed randomizers and the proof from
     * the stock.
     */
    private static void precomputed(CryptoBench bench, PaillierPublicKey n1, PaillierPublicKey n2,
                                    RingPedersenParameters rp, long[] seller, SecureRandom random,
                                    Map<String, CryptoBench.Measurement> ms) {
        ContributionCoupons coupons = new ContributionCoupons(rp, random);
        ms.put("contributionPrecomputeMs", bench.time("contributionPrecompute", 1, () -> {
            coupons.precompute(SELLER_SPANS, coupons.available(SELLER_SPANS) + 1);
            return coupons;
        }));
        AtomicReference<Randomizer[]> randomizers = new AtomicReference<>();
        ProofContext ctx = new ProofContext("bench", 1, "contribution", "home-online");
        ms.put("contributionOnlineProveMs", bench.time("contributionOnlineProve", 1, () -> {
            coupons.precompute(SELLER_SPANS, 1);
            randomizers.set(new Randomizer[] {n1.newRandomizer(random), n2.newRandomizer(random),
                n1.newRandomizer(random), n2.newRandomizer(random)});
        }, () -> {
            Randomizer[] r = randomizers.get();
            BigInteger mask = ContributionStatement.newMask(random);
            ContributionStatement st = new ContributionStatement(n1, n1.encrypt(
                    ContributionStatement.responderPlaintext(seller, mask), r[0]), n2,
                    n2.encrypt(ContributionStatement.initiatorPlaintext(mask), r[1]), rp, SELLER_SPANS);
            return ContributionProof.prove(st, new ContributionSecrets(seller, mask, r[0], r[1], r[2], r[3]),
                    coupons, ctx, random);
        }));
        if (coupons.misses() > 0) {
            throw new IllegalStateException("the online proofs computed randomness on the spot");
        }
    }
}
