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
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.RangeProofTest.Encrypted;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContributionProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 9, "contribution", "home-007");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(47);
    private static final long[] SELLER = {5_000_000L, 1L << 30, (1L << 43) + 17, 0};
    private static final long[] BUYER = {0, 0, 0, 9_999_999L};

    private static PaillierKeyPair responder() {
        return CryptoFixtures.keyPair(1024, 0);
    }

    private static PaillierKeyPair initiator() {
        return CryptoFixtures.keyPair(1024, 1);
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** An honest member's contribution: C, D, their randomness, the values and the mask. */
    record Member(ContributionStatement st, long[] u, BigInteger mask, BigInteger rhoC, BigInteger rhoD) {
        static Member of(long[] spans, long[] u, SecureRandom random) {
            BigInteger mask = ContributionStatement.newMask(random);
            Encrypted c = Encrypted.of(responder().publicKey(), ContributionStatement.responderPlaintext(u, mask),
                    random);
            Encrypted d = Encrypted.of(initiator().publicKey(), ContributionStatement.initiatorPlaintext(mask),
                    random);
            return new Member(new ContributionStatement(responder().publicKey(), c.c(), initiator().publicKey(),
                    d.c(), params(), spans), u, mask, c.rho(), d.rho());
        }

        ContributionProof prove() {
            return ContributionProof.prove(st, u, mask, rhoC, rhoD, CONTEXT, RANDOM);
        }
    }

    private static long[] randomValues(long[] spans, Random values) {
        long[] u = new long[spans.length];
        for (int j = 0; j < spans.length; j++) {
            long pick = values.nextInt(4);
            u[j] = pick == 0 ? 0 : pick == 1 ? spans[j] : (long) (values.nextDouble() * spans[j]);
        }
        return u;
    }

    @Test
    void sellersAndBuyersAcrossTheirRangesProveAndVerifyAndThePlaintextsAddUp() {
        Random values = new Random(11);
        BigInteger sumC = BigInteger.ZERO;
        BigInteger sumD = BigInteger.ZERO;
        long[] slotSums = new long[4];
        for (int i = 0; i < 8; i++) {
            long[] spans = i % 2 == 0 ? SELLER : BUYER;
            long[] u = i < 2 ? spans.clone() : i < 4 ? new long[4] : randomValues(spans, values);
            Member m = Member.of(spans, u, RANDOM);
            ContributionProof proof = m.prove();
            proof.verify(m.st(), CONTEXT);
            byte[] bytes = proof.toBytes();
            assertEquals(ContributionProof.encodedLength(128, 128, 128, spans), bytes.length);
            ContributionProof parsed = ContributionProof.fromBase64(proof.toBase64());
            assertEquals(proof, parsed);
            assertArrayEquals(bytes, parsed.toBytes());
            parsed.verify(m.st(), CONTEXT);
            sumC = sumC.add(responder().privateKey().decrypt(m.st().c()));
            sumD = sumD.add(initiator().privateKey().decrypt(m.st().d()));
            for (int j = 0; j < 4; j++) {
                slotSums[j] += u[j];
            }
        }
        // The masks cancel and the slots of the sum are the sums of the slots: no carry between them.
        BigInteger pack = sumC.add(sumD);
        for (int j = 0; j < 4; j++) {
            assertEquals(BigInteger.valueOf(slotSums[j]), pack.shiftRight(64 * j).and(BigInteger.ONE.shiftLeft(64)
                    .subtract(BigInteger.ONE)), "slot " + j);
        }
    }

    @Test
    void anHonestProverRefusesValuesOutsideTheSpansAndCiphertextsThatDoNotMatch() {
        Member m = Member.of(SELLER, new long[] {1, 2, 3, 0}, RANDOM);
        assertThrows(ValueOutOfRangeException.class, () -> ContributionProof.prove(m.st(),
                new long[] {SELLER[0] + 1, 2, 3, 0}, m.mask(), m.rhoC(), m.rhoD(), CONTEXT, RANDOM));
        assertThrows(ValueOutOfRangeException.class, () -> ContributionProof.prove(m.st(), new long[] {1, 2, 3, 1},
                m.mask(), m.rhoC(), m.rhoD(), CONTEXT, RANDOM));
        assertThrows(ValueOutOfRangeException.class, () -> ContributionProof.prove(m.st(), new long[] {-1, 2, 3, 0},
                m.mask(), m.rhoC(), m.rhoD(), CONTEXT, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> ContributionProof.prove(m.st(), new long[] {1, 2, 4, 0},
                m.mask(), m.rhoC(), m.rhoD(), CONTEXT, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> ContributionProof.prove(m.st(), m.u(),
                m.mask().add(BigInteger.ONE), m.rhoC(), m.rhoD(), CONTEXT, RANDOM));
    }

    @Test
    void aStatementRefusesCiphertextsUnderTheWrongKeysAndBadSpans() {
        Member m = Member.of(SELLER, new long[] {1, 2, 3, 0}, RANDOM);
        PaillierPublicKey n1 = responder().publicKey();
        PaillierPublicKey n2 = initiator().publicKey();
        assertThrows(ValueOutOfRangeException.class, () -> new ContributionStatement(n1, m.st().c(), n2, m.st().c(),
                params(), SELLER));
        assertThrows(ValueOutOfRangeException.class, () -> new ContributionStatement(n1, m.st().c(), n1, m.st().c(),
                params(), SELLER));
        assertThrows(ValueOutOfRangeException.class, () -> new ContributionStatement(n1, m.st().c(), n2, m.st().d(),
                params(), new long[] {1L << 44, 0, 0, 0}));
        assertThrows(ValueOutOfRangeException.class, () -> new ContributionStatement(n1, m.st().c(), n2, m.st().d(),
                params(), new long[4]));
        assertThrows(ValueOutOfRangeException.class, () -> new ContributionStatement(n1, m.st().c(), n2, m.st().d(),
                params(), new long[] {-1, 5, 5, 0}));
    }

    /** A prover that encrypts {@code packed} and {@code minusMask} and runs the prover's algorithm on u and mask. */
    private static void assertCaught(long[] spans, BigInteger[] u, BigInteger mask, BigInteger packed,
                                     BigInteger minusMask, String what) {
        Encrypted c = Encrypted.of(responder().publicKey(), packed, RANDOM);
        Encrypted d = Encrypted.of(initiator().publicKey(), minusMask, RANDOM);
        ContributionStatement st = new ContributionStatement(responder().publicKey(), c.c(), initiator().publicKey(),
                d.c(), params(), spans);
        ContributionProof forged = ContributionProver.attempt(st, u, mask, c.rho(), d.rho(), CONTEXT, RANDOM);
        assertThrows(InvalidProofException.class, () -> forged.verify(st, CONTEXT), what);
        assertEquals(0, ContributionProof.firstInvalid(List.of(st), List.of(forged), List.of(CONTEXT), RANDOM), what);
    }

    private static BigInteger pack(BigInteger[] u) {
        BigInteger p = BigInteger.ZERO;
        for (int j = 3; j >= 0; j--) {
            p = p.shiftLeft(64).add(u[j]);
        }
        return p;
    }

    private static BigInteger[] big(long... u) {
        return Arrays.stream(u).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new);
    }

    @Test
    void proversWhoLieAreCaught() {
        BigInteger mask = ContributionStatement.newMask(RANDOM);
        for (int j = 0; j < 3; j++) {
            BigInteger[] above = big(1, 2, 3, 0);
            above[j] = BigInteger.valueOf(SELLER[j] + 1);
            assertCaught(SELLER, above, mask, pack(above).add(mask), mask.negate(), "slot " + j + " one above span");
            BigInteger[] below = big(1, 2, 3, 0);
            below[j] = BigInteger.ONE.negate();
            assertCaught(SELLER, below, mask, pack(below).add(mask), mask.negate(), "slot " + j + " at -1");
        }
        BigInteger[] buyerAbove = big(0, 0, 0, BUYER[3] + 1);
        assertCaught(BUYER, buyerAbove, mask, pack(buyerAbove).add(mask), mask.negate(), "demand one above span");
        BigInteger[] u = big(1, 2, 3, 0);
        assertCaught(SELLER, u, mask, pack(u).add(mask), mask.negate().add(BigInteger.ONE), "D hides another mask");
        assertCaught(SELLER, u, mask, pack(u).add(mask).add(BigInteger.ONE), mask.negate(), "C hides another mask");
        BigInteger[] inZeroSpan = big(1, 2, 3, 5);
        assertCaught(SELLER, inZeroSpan, mask, pack(inZeroSpan).add(mask), mask.negate(), "value in a span-0 slot");
        BigInteger huge = BigInteger.ONE.shiftLeft(700);
        assertCaught(SELLER, u, huge, pack(u).add(huge), huge.negate(), "a mask beyond the proven bound");
    }

    @Test
    void aProofForDUnderAnotherKeyDoesNotVerifyForTheInitiatorsKey() {
        PaillierPublicKey third = CryptoFixtures.keyPair(1024, 2).publicKey();
        long[] u = {1, 2, 3, 0};
        BigInteger mask = ContributionStatement.newMask(RANDOM);
        Encrypted c = Encrypted.of(responder().publicKey(), ContributionStatement.responderPlaintext(u, mask), RANDOM);
        Encrypted d = Encrypted.of(third, mask.negate(), RANDOM);
        ContributionStatement wrong = new ContributionStatement(responder().publicKey(), c.c(), third, d.c(), params(),
                SELLER);
        ContributionProof proof = ContributionProof.prove(wrong, u, mask, c.rho(), d.rho(), CONTEXT, RANDOM);
        proof.verify(wrong, CONTEXT);
        Encrypted d2 = Encrypted.of(initiator().publicKey(), mask.negate(), RANDOM);
        ContributionStatement right = new ContributionStatement(responder().publicKey(), c.c(),
                initiator().publicKey(), d2.c(), params(), SELLER);
        assertThrows(InvalidProofException.class, () -> proof.verify(right, CONTEXT));
    }

    @Test
    void aProofDoesNotCarryOverToAnotherContextCiphertextSpansOrParameterSet() {
        Member m = Member.of(SELLER, new long[] {1, 2, 3, 0}, RANDOM);
        ContributionProof proof = m.prove();
        ContributionStatement st = m.st();
        assertThrows(InvalidProofException.class, () -> proof.verify(st,
                new ProofContext("ng-channel", 10, "contribution", "home-007")));
        assertThrows(InvalidProofException.class, () -> proof.verify(st,
                new ProofContext("ng-channel", 9, "contribution", "home-008")));
        Member other = Member.of(SELLER, new long[] {1, 2, 3, 0}, RANDOM);
        assertThrows(InvalidProofException.class, () -> proof.verify(new ContributionStatement(st.responderKey(),
                other.st().c(), st.initiatorKey(), st.d(), params(), SELLER), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(new ContributionStatement(st.responderKey(),
                st.c(), st.initiatorKey(), other.st().d(), params(), SELLER), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(new ContributionStatement(st.responderKey(),
                st.c(), st.initiatorKey(), st.d(), params(), new long[] {SELLER[0], SELLER[1], SELLER[2] + 1, 0}),
                CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(new ContributionStatement(st.responderKey(),
                st.c(), st.initiatorKey(), st.d(), params(), new long[] {SELLER[0], SELLER[1], SELLER[2], 1}),
                CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(new ContributionStatement(st.responderKey(),
                st.c(), st.initiatorKey(), st.d(), RingPedersenFixtures.kat().parameters(), SELLER), CONTEXT));
    }

    @Test
    void everyIntegerAlteredByOneIsRejected() {
        Member m = Member.of(SELLER, new long[] {4_000_000L, 77, 1L << 42, 0}, RANDOM);
        ContributionProof proof = m.prove();
        BigInteger[] fields = proof.fields();
        for (int i = 0; i < fields.length; i++) {
            for (BigInteger delta : new BigInteger[] {BigInteger.ONE, BigInteger.ONE.negate()}) {
                BigInteger[] altered = fields.clone();
                altered[i] = altered[i].add(delta);
                ContributionProof bad = proof.withFields(altered);
                assertThrows(InvalidProofException.class, () -> bad.verify(m.st(), CONTEXT),
                        "field " + i + " + " + delta);
            }
        }
    }

    @Test
    void flippedBytesAreRejectedAsMalformedOrInvalid() {
        Member m = Member.of(BUYER, new long[] {0, 0, 0, 42}, RANDOM);
        byte[] bytes = m.prove().toBytes();
        Random positions = new Random(8);
        for (int k = 0; k < 300; k++) {
            int at = k < 80 ? k : positions.nextInt(bytes.length);
            byte[] altered = bytes.clone();
            altered[at] ^= (byte) (1 << positions.nextInt(8));
            assertThrows(CryptoException.class, () -> ContributionProof.fromBytes(altered).verify(m.st(), CONTEXT),
                    "byte " + at);
        }
        assertThrows(MalformedEncodingException.class, () -> ContributionProof.fromBytes(Arrays.copyOf(bytes,
                bytes.length + 1)));
    }

    @Test
    void batchVerificationAcceptsValidProofsAndNamesTheInvalidOneAtEveryPosition() {
        int n = 20;
        Random values = new Random(12);
        List<ContributionStatement> sts = new ArrayList<>();
        List<ContributionProof> proofs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] spans = i % 3 == 0 ? SELLER : BUYER;
            Member m = Member.of(spans, randomValues(spans, values), RANDOM);
            sts.add(m.st());
            proofs.add(m.prove());
        }
        List<ProofContext> contexts = Collections.nCopies(n, CONTEXT);
        assertEquals(-1, ContributionProof.firstInvalid(sts, proofs, contexts, RANDOM));
        assertEquals(-1, ContributionProof.firstInvalid(List.of(), List.of(), List.of(), RANDOM));
        BigInteger mask = ContributionStatement.newMask(RANDOM);
        BigInteger[] above = big(0, 0, 0, BUYER[3] + 1);
        Encrypted c = Encrypted.of(responder().publicKey(), pack(above).add(mask), RANDOM);
        Encrypted d = Encrypted.of(initiator().publicKey(), mask.negate(), RANDOM);
        ContributionStatement badSt = new ContributionStatement(responder().publicKey(), c.c(),
                initiator().publicKey(), d.c(), params(), BUYER);
        ContributionProof forged = ContributionProver.attempt(badSt, above, mask, c.rho(), d.rho(), CONTEXT, RANDOM);
        for (int at = 0; at < n; at++) {
            List<ContributionStatement> s = new ArrayList<>(sts);
            List<ContributionProof> p = new ArrayList<>(proofs);
            s.set(at, badSt);
            p.set(at, forged);
            assertEquals(at, ContributionProof.firstInvalid(s, p, contexts, RANDOM), "at " + at);
        }
        // Signs: a negated y1 (an N-th residue factor -1) passes single and batch verification alike; a negated
        // commitment changes the challenge and fails both.
        BigInteger[] f = proofs.get(4).fields();
        f[f.length - 2] = responder().publicKey().modulus().subtract(f[f.length - 2]);
        List<ContributionProof> p = new ArrayList<>(proofs);
        p.set(4, proofs.get(4).withFields(f));
        p.get(4).verify(sts.get(4), CONTEXT);
        assertEquals(-1, ContributionProof.firstInvalid(sts, p, contexts, RANDOM));
        BigInteger[] g = proofs.get(4).fields();
        g[0] = params().modulus().subtract(g[0]);
        p.set(4, proofs.get(4).withFields(g));
        assertThrows(InvalidProofException.class, () -> p.get(4).verify(sts.get(4), CONTEXT));
        assertEquals(4, ContributionProof.firstInvalid(sts, p, contexts, RANDOM));
    }

    @Test
    void theSizesAtTheMarketsKeySizes() {
        long seller = ContributionProof.encodedLength(256, 256, 256, new long[] {1L << 40, 1L << 40, 1L << 40, 0});
        long buyer = ContributionProof.encodedLength(256, 256, 256, new long[] {0, 0, 0, 1L << 40});
        assertTrue(seller + 2 * 512 <= 18_000, "seller contribution " + (seller + 1024));
        assertTrue(buyer + 2 * 512 <= 9_000, "buyer contribution " + (buyer + 1024));
    }

    @Test
    void knownAnswer() throws NoSuchAlgorithmException {
        SecureRandom random = CryptoFixtures.seeded(2025);
        RingPedersenParameters kat = RingPedersenFixtures.kat().parameters();
        long[] u = {31_337, 0, 4_096, 0};
        BigInteger mask = ContributionStatement.newMask(random);
        Encrypted c = Encrypted.of(responder().publicKey(), ContributionStatement.responderPlaintext(u, mask), random);
        Encrypted d = Encrypted.of(initiator().publicKey(), ContributionStatement.initiatorPlaintext(mask), random);
        ContributionStatement st = new ContributionStatement(responder().publicKey(), c.c(), initiator().publicKey(),
                d.c(), kat, new long[] {100_000, 1, 1L << 20, 0});
        ContributionProof proof = ContributionProof.prove(st, u, mask, c.rho(), d.rho(), CryptoFixtures.context(),
                random);
        proof.verify(st, CryptoFixtures.context());
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(proof.toBytes()));
        assertEquals("866b86effa91575708ac30302d3d9fc16d03a586f1150249cab6d0da484ef957", digest);
    }
}
