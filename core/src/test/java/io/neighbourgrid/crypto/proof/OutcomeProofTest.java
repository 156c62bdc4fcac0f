package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketOutcome;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.OutcomeInequalities;
import io.neighbourgrid.market.Scales;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutcomeProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "outcome", "home-001");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(45);
    private static final MarketParameters PARAMS = MarketParameters.defaults();
    private static final long KWH = Scales.ENERGY;
    /** Three sellers and four buyers; per-home lower bounds and spans of (sn, k, d, |sn|). */
    private static final int[] COUNTS = {3, 3, 3, 4};
    private static final long[] LOWER = {1, 0, -2 * KWH, 1};
    private static final long[] SPANS = {10 * KWH, 1_000 * Scales.PREFERENCE, 20 * KWH, 10 * KWH};
    private static final long[] CAPS = {30 * KWH, 3_000 * Scales.PREFERENCE, 60 * KWH, 40 * KWH};

    private static PaillierKeyPair responder() {
        return CryptoFixtures.keyPair(1024, 1);
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** The slot sums U_j = T_j - n_j lo_j of the given totals. */
    private static long[] slotSums(long[] totals) {
        long[] u = new long[4];
        for (int j = 0; j < 4; j++) {
            u[j] = totals[j] - COUNTS[j] * LOWER[j];
        }
        return u;
    }

    private static Ciphertext aggregateOf(long[] totals) {
        return SlotSplitProofTest.packed(slotSums(totals));
    }

    private static OutcomeProof prove(Ciphertext aggregate) {
        return OutcomeProof.prove(responder().privateKey(), aggregate, CAPS, LOWER, COUNTS, PARAMS, params(),
                CONTEXT, RANDOM);
    }

    private static MarketOutcome verify(OutcomeProof proof, Ciphertext aggregate) {
        return proof.verify(responder().publicKey(), aggregate, CAPS, LOWER, COUNTS, PARAMS, params(), CONTEXT);
    }

    /** A general window at an interior price: E_s 2 kWh, sum k 400, sum d 4.8 kWh, E_b 5 kWh: 100 cents. */
    private static final long[] GENERAL = {2 * KWH, 400 * Scales.PREFERENCE, 4_800_000, 5 * KWH};

    @Nested
    class AnHonestResponder {
        @Test
        void provesTheOutcomeMarketMathComputesAndNothingElseIsDecrypted() {
            Ciphertext aggregate = aggregateOf(GENERAL);
            OutcomeProof proof = prove(aggregate);
            MarketOutcome outcome = verify(proof, aggregate);
            assertEquals(new MarketOutcome(MarketType.GENERAL, 100_000_000, MarketMath.fillRatio(2 * KWH, 5 * KWH)),
                    outcome);
            byte[] bytes = proof.toBytes();
            OutcomeProof parsed = OutcomeProof.fromBase64(responder().publicKey(), proof.toBase64());
            assertEquals(proof, parsed);
            assertArrayEquals(bytes, parsed.toBytes());
            assertEquals(outcome, verify(parsed, aggregate));
        }

        @Test
        void provesExtremeAndClampedWindows() {
            long[][] windows = {
                {6 * KWH, 400 * Scales.PREFERENCE, 4_800_000, 5 * KWH},
                {5 * KWH, 400 * Scales.PREFERENCE, 4_800_000, 5 * KWH},
                {2 * KWH, 400 * Scales.PREFERENCE, 10 * KWH, 5 * KWH},
                {2 * KWH, 400 * Scales.PREFERENCE, KWH, 5 * KWH},
                {2 * KWH, 400 * Scales.PREFERENCE, -KWH, 5 * KWH},
            };
            MarketType[] types = {MarketType.EXTREME, MarketType.EXTREME, MarketType.GENERAL, MarketType.GENERAL,
                MarketType.GENERAL};
            long[] prices = {PARAMS.lowPrice(), PARAMS.lowPrice(), PARAMS.lowPrice(), PARAMS.highPrice(),
                PARAMS.highPrice()};
            for (int i = 0; i < windows.length; i++) {
                Ciphertext aggregate = aggregateOf(windows[i]);
                MarketOutcome outcome = verify(prove(aggregate), aggregate);
                assertEquals(types[i], outcome.type(), "window " + i);
                assertEquals(prices[i], outcome.price(), "window " + i);
                assertEquals(OutcomeInequalities.outcome(windows[i], PARAMS), outcome, "window " + i);
            }
        }

        @Test
        void clearsAWindowFromMaskedContributionsAndTheMaskTransfer() {
            PaillierPrivateKey r1 = responder().privateKey();
            PaillierKeyPair r2 = CryptoFixtures.keyPair(1024, 0);
            long[][] sellers = {{KWH, 100 * Scales.PREFERENCE, 2 * KWH}, {600_000, 200 * Scales.PREFERENCE, KWH},
                {400_000, 100 * Scales.PREFERENCE, 1_800_000}};
            long[] buyers = {KWH, 2 * KWH, 1_500_000, 500_000};
            List<Ciphertext> c = new ArrayList<>();
            List<Ciphertext> d = new ArrayList<>();
            for (long[] s : sellers) {
                long[] u = {s[0] - LOWER[0], s[1] - LOWER[1], s[2] - LOWER[2], 0};
                contribute(u, r1.publicKey(), r2.publicKey(), c, d);
            }
            for (long b : buyers) {
                contribute(new long[] {0, 0, 0, b - LOWER[3]}, r1.publicKey(), r2.publicKey(), c, d);
            }
            Ciphertext t2 = r2.publicKey().sum(d);
            MaskTransfer transfer = MaskTransferProof.create(r2.privateKey(), t2, r1.publicKey(),
                    MaskTransferProof.MASK_TRANSFER_BOUND_BITS, params(), CONTEXT, RANDOM);
            transfer.proof().verify(r2.publicKey(), t2, r1.publicKey(), transfer.reencrypted(),
                    MaskTransferProof.MASK_TRANSFER_BOUND_BITS, params(), CONTEXT);
            Ciphertext aggregate = r1.publicKey().add(r1.publicKey().sum(c), transfer.reencrypted());
            MarketOutcome outcome = verify(prove(aggregate), aggregate);
            assertEquals(OutcomeInequalities.outcome(new long[] {2 * KWH, 400 * Scales.PREFERENCE, 4_800_000,
                5 * KWH}, PARAMS), outcome);
            assertEquals(100_000_000, outcome.price());
        }

        private void contribute(long[] u, PaillierPublicKey n1, PaillierPublicKey n2, List<Ciphertext> c,
                                List<Ciphertext> d) {
            BigInteger pack = BigInteger.ZERO;
            for (int j = 3; j >= 0; j--) {
                pack = pack.shiftLeft(64).add(BigInteger.valueOf(u[j]));
            }
            BigInteger mask = new BigInteger(384, RANDOM);
            c.add(n1.encrypt(pack.add(mask), RANDOM));
            d.add(n2.encrypt(mask.negate(), RANDOM));
        }
    }

    @Nested
    class ALyingResponderIsCaught {
        private final Ciphertext aggregate = aggregateOf(GENERAL);
        private final OutcomeProof honest = prove(aggregate);
        private final MarketOutcome truth = honest.outcome();

        private List<MarketOutcome> lies() {
            long p = truth.price();
            long rho = truth.fillRatio();
            return List.of(new MarketOutcome(MarketType.GENERAL, p + 1, rho),
                    new MarketOutcome(MarketType.GENERAL, p - 1, rho),
                    new MarketOutcome(MarketType.GENERAL, p, rho + 1),
                    new MarketOutcome(MarketType.GENERAL, p, rho - 1),
                    new MarketOutcome(MarketType.GENERAL, PARAMS.lowPrice(), rho),
                    new MarketOutcome(MarketType.GENERAL, PARAMS.highPrice(), rho),
                    new MarketOutcome(MarketType.EXTREME, PARAMS.lowPrice(), rho),
                    new MarketOutcome(MarketType.EXTREME, PARAMS.lowPrice(), MarketMath.fillRatio(2 * KWH, 5 * KWH)));
        }

        @Test
        void whenItClaimsAnotherOutcomeWithProofsMadeForIt() {
            BigInteger[] u = SlotSplitProof.split(responder().privateKey().decrypt(aggregate));
            BigInteger[] offsets = OutcomeInequalities.totalOffsets(LOWER, COUNTS);
            for (MarketOutcome lie : lies()) {
                OutcomeProof forged = OutcomeProof.forClaim(responder().privateKey(), aggregate, u, lie, CAPS,
                        offsets, PARAMS, params(), CONTEXT, RANDOM, false);
                InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(forged, aggregate),
                        lie.toString());
                assertTrue(e.getMessage().contains("form"), e.getMessage());
            }
        }

        @Test
        void whenItRelabelsTheHonestProofsWithAnotherOutcome() {
            for (MarketOutcome lie : lies()) {
                assertThrows(InvalidProofException.class, () -> verify(honest.withOutcome(lie), aggregate),
                        lie.toString());
            }
            MarketOutcome impossible = new MarketOutcome(MarketType.GENERAL, PARAMS.highPrice() + 1, 0);
            InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(
                    honest.withOutcome(impossible), aggregate));
            assertTrue(e.getMessage().contains("impossible"), e.getMessage());
        }

        @Test
        void whenItSwapsSlotCiphertexts() {
            List<Ciphertext> slots = honest.slotSplit().slotCiphertexts();
            List<Ciphertext> swapped = new ArrayList<>(slots);
            swapped.set(0, slots.get(3));
            swapped.set(3, slots.get(0));
            assertThrows(InvalidProofException.class, () -> verify(honest.withSplit(
                    honest.slotSplit().withSlots(swapped)), aggregate));
        }

        @Test
        void whenTheBundleIsPresentedForAnotherWindowOrStatement() {
            assertThrows(InvalidProofException.class, () -> verify(honest, aggregateOf(GENERAL)));
            assertThrows(InvalidProofException.class, () -> honest.verify(responder().publicKey(), aggregate, CAPS,
                    LOWER, COUNTS, PARAMS, params(), new ProofContext("ng-channel", 13, "outcome", "home-001")));
            assertThrows(InvalidProofException.class, () -> honest.verify(responder().publicKey(), aggregate, CAPS,
                    LOWER, new int[] {3, 3, 3, 5}, PARAMS, params(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> honest.verify(responder().publicKey(), aggregate, CAPS,
                    new long[] {2, 0, -2 * KWH, 1}, COUNTS, PARAMS, params(), CONTEXT));
            long[] wideCaps = CAPS.clone();
            wideCaps[1] *= 2;
            assertThrows(InvalidProofException.class, () -> honest.verify(responder().publicKey(), aggregate,
                    wideCaps, LOWER, COUNTS, PARAMS, params(), CONTEXT));
            // Another retail price moves the Stackelberg price: the pricing forms change.
            MarketParameters otherMarket = MarketParameters.ofCents(130, 80, 90, 110, 60, 2);
            assertThrows(InvalidProofException.class, () -> honest.verify(responder().publicKey(), aggregate, CAPS,
                    LOWER, COUNTS, otherMarket, params(), CONTEXT));
            PaillierPublicKey otherKey = CryptoFixtures.keyPair(1024, 0).publicKey();
            assertThrows(InvalidProofException.class, () -> honest.verify(otherKey, otherKey.encrypt(
                    BigInteger.ONE, RANDOM), CAPS, LOWER, COUNTS, PARAMS, params(), CONTEXT));
        }

        @Test
        void whenItMovesAFormProofToAnotherForm() {
            List<NonNegativityProof> forms = honest.formProofs();
            for (int i = 1; i < forms.size(); i++) {
                List<NonNegativityProof> moved = new ArrayList<>(forms);
                moved.set(0, forms.get(i));
                moved.set(i, forms.get(0));
                byte[] bytes = reencode(honest, moved);
                int at = i;
                assertThrows(InvalidProofException.class, () -> verify(OutcomeProof.fromBytes(
                        responder().publicKey(), bytes), aggregate), "form 0 <-> " + at);
            }
        }

        @Test
        void whenOnlyThePaillierPartOfAFormProofIsAltered() {
            List<NonNegativityProof> forms = honest.formProofs();
            for (int i = 0; i < forms.size(); i++) {
                BigInteger[] fields = forms.get(i).fields();
                for (int at : new int[] {11, fields.length - 1}) {
                    BigInteger[] altered = fields.clone();
                    altered[at] = altered[at].multiply(BigInteger.TWO).mod(responder().publicKey().modulus());
                    List<NonNegativityProof> changed = new ArrayList<>(forms);
                    changed.set(i, forms.get(i).withFields(altered));
                    byte[] bytes = reencode(honest, changed);
                    int form = i;
                    InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(
                            OutcomeProof.fromBytes(responder().publicKey(), bytes), aggregate), "form " + form);
                    assertTrue(e.getMessage().contains("form " + form + " ("), e.getMessage());
                }
            }
        }

        @Test
        void whenAnyByteIsFlipped() {
            byte[] bytes = honest.toBytes();
            Random positions = new Random(10);
            for (int k = 0; k < 60; k++) {
                int at = k < 20 ? k : positions.nextInt(bytes.length);
                byte[] altered = bytes.clone();
                altered[at] ^= (byte) (1 << positions.nextInt(8));
                assertThrows(CryptoException.class, () -> verify(OutcomeProof.fromBytes(responder().publicKey(),
                        altered), aggregate), "byte " + at);
            }
            assertThrows(MalformedEncodingException.class, () -> OutcomeProof.fromBytes(responder().publicKey(),
                    Arrays.copyOf(bytes, bytes.length - 1)));
            assertThrows(MalformedEncodingException.class, () -> OutcomeProof.fromBytes(responder().publicKey(),
                    Arrays.copyOf(bytes, bytes.length + 1)));
            assertThrows(MalformedEncodingException.class, () -> OutcomeProof.fromBase64(responder().publicKey(),
                    "AAEC"));
        }
    }

    /** The encoding of a bundle with other form proofs, written the way the class comment describes. */
    private static byte[] reencode(OutcomeProof proof, List<NonNegativityProof> forms) {
        byte[] original = proof.toBytes();
        int head = 1 + 1 + 8 + 8 + 4 + proof.slotSplit().toBytes().length;
        io.neighbourgrid.crypto.Bytes.Writer out = new io.neighbourgrid.crypto.Bytes.Writer()
                .raw(Arrays.copyOf(original, head)).u8(forms.size());
        forms.forEach(f -> out.field(f.toBytes()));
        return out.toByteArray();
    }

    @Test
    void knownAnswer() throws NoSuchAlgorithmException {
        RingPedersenParameters kat = RingPedersenFixtures.kat().parameters();
        SecureRandom random = CryptoFixtures.seeded(2026);
        PaillierKeyPair r1 = responder();
        BigInteger packed = BigInteger.valueOf(5 * KWH).shiftLeft(64).add(BigInteger.valueOf(4_800_000))
                .shiftLeft(64).add(BigInteger.valueOf(400 * Scales.PREFERENCE)).shiftLeft(64)
                .add(BigInteger.valueOf(2 * KWH));
        Ciphertext aggregate = r1.publicKey().encrypt(packed, random);
        long[] caps = {1L << 40, 1L << 40, 1L << 40, 1L << 40};
        int[] counts = {1, 1, 1, 1};
        long[] lower = {0, 0, 0, 0};
        OutcomeProof proof = OutcomeProof.prove(r1.privateKey(), aggregate, caps, lower, counts, PARAMS, kat,
                CryptoFixtures.context(), random);
        assertEquals(proof.outcome(), proof.verify(r1.publicKey(), aggregate, caps, lower, counts, PARAMS, kat,
                CryptoFixtures.context()));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(proof.toBytes()));
        assertEquals("cd46d1ab9364749ea6a9c176d7a50726bcdf99ca5fd5cb963ff35d3942e9ceb7", digest);
    }
}
