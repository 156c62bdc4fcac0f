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
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotSplitProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "outcome", "home-001");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(44);
    private static final long[] CAPS = {5_000_000_000L, 900_000_000L, 7_000_000_000L, 6_000_000_000L};

    private static PaillierKeyPair responder() {
        return CryptoFixtures.keyPair(1024, 1);
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** Enc(sum u_j 2^{64 j}) for the given slot sums, under the responder's key. */
    static Ciphertext packed(long... u) {
        BigInteger p = BigInteger.ZERO;
        for (int j = u.length - 1; j >= 0; j--) {
            p = p.shiftLeft(64).add(BigInteger.valueOf(u[j]));
        }
        return responder().publicKey().encrypt(p, RANDOM);
    }

    private static SlotSplitProof prove(Ciphertext aggregate, long[] caps) {
        return SlotSplitProof.prove(responder().privateKey(), aggregate, caps, params(), CONTEXT, RANDOM);
    }

    private static void verify(SlotSplitProof proof, Ciphertext aggregate, long[] caps) {
        proof.verify(responder().publicKey(), aggregate, caps, params(), CONTEXT);
    }

    @Test
    void anHonestSplitVerifiesAndItsSlotsDecryptToTheSlotSums() {
        Ciphertext aggregate = packed(3_000_000_000L, 0, 6_999_999_999L, 6_000_000_000L);
        SlotSplitProof proof = prove(aggregate, CAPS);
        verify(proof, aggregate, CAPS);
        long[] expected = {3_000_000_000L, 0, 6_999_999_999L, 6_000_000_000L};
        for (int j = 0; j < 4; j++) {
            assertEquals(BigInteger.valueOf(expected[j]), responder().privateKey().decrypt(
                    proof.slotCiphertexts().get(j)));
        }
        byte[] bytes = proof.toBytes();
        SlotSplitProof parsed = SlotSplitProof.fromBase64(responder().publicKey(), proof.toBase64());
        assertEquals(proof, parsed);
        assertArrayEquals(bytes, parsed.toBytes());
        verify(parsed, aggregate, CAPS);
    }

    @Test
    void slotsAtZeroCapsAndAtTheirCapsVerify() {
        long[] caps = {0, 17, 0, Long.MAX_VALUE};
        Ciphertext aggregate = packed(0, 17, 0, Long.MAX_VALUE);
        verify(prove(aggregate, caps), aggregate, caps);
    }

    @Test
    void anHonestResponderRefusesASumAboveItsCapOrANegativeAggregate() {
        assertThrows(ValueOutOfRangeException.class, () -> prove(packed(5_000_000_001L, 0, 0, 0), CAPS));
        Ciphertext negative = responder().publicKey().encrypt(BigInteger.valueOf(-1), RANDOM);
        assertThrows(ValueOutOfRangeException.class, () -> prove(negative, CAPS));
        assertThrows(ValueOutOfRangeException.class, () -> SlotSplitProof.split(BigInteger.ONE.shiftLeft(256)));
    }

    @Test
    void aSlotAboveTheVerifiersCapIsRejected() {
        Ciphertext aggregate = packed(3, 4, 5, 6);
        SlotSplitProof proof = prove(aggregate, CAPS);
        for (int j = 0; j < 4; j++) {
            long[] tight = CAPS.clone();
            tight[j] = 3 + j - 1;
            int slot = j;
            InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(proof, aggregate, tight));
            assertTrue(e.getMessage().contains("slot " + slot + " is not shown <= its cap"), e.getMessage());
        }
    }

    @Test
    void swappedOrReplacedSlotCiphertextsAreRejected() {
        Ciphertext aggregate = packed(3, 4, 5, 6);
        SlotSplitProof proof = prove(aggregate, CAPS);
        PaillierPublicKey key = responder().publicKey();
        List<Ciphertext> slots = proof.slotCiphertexts();
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                List<Ciphertext> swapped = new ArrayList<>(slots);
                swapped.set(a, slots.get(b));
                swapped.set(b, slots.get(a));
                SlotSplitProof bad = proof.withSlots(swapped);
                assertThrows(InvalidProofException.class, () -> verify(bad, aggregate, CAPS), a + " <-> " + b);
            }
            for (BigInteger delta : new BigInteger[] {BigInteger.ONE, BigInteger.ONE.negate()}) {
                List<Ciphertext> raw = new ArrayList<>(slots);
                raw.set(a, key.ciphertext(slots.get(a).value().add(delta)));
                SlotSplitProof altered = proof.withSlots(raw);
                assertThrows(InvalidProofException.class, () -> verify(altered, aggregate, CAPS), "slot " + a
                        + " integer + " + delta);
            }
            List<Ciphertext> plusOne = new ArrayList<>(slots);
            plusOne.set(a, key.add(slots.get(a), key.encrypt(BigInteger.ONE, RANDOM)));
            SlotSplitProof bad = proof.withSlots(plusOne);
            InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(bad, aggregate, CAPS));
            assertTrue(e.getMessage().contains("do not add up"), e.getMessage());
        }
    }

    @Test
    void aProofDoesNotCarryOverToAnotherAggregateContextOrKey() {
        Ciphertext aggregate = packed(3, 4, 5, 6);
        SlotSplitProof proof = prove(aggregate, CAPS);
        assertThrows(InvalidProofException.class, () -> verify(proof, packed(3, 4, 5, 6), CAPS));
        assertThrows(InvalidProofException.class, () -> proof.verify(responder().publicKey(), aggregate, CAPS,
                params(), new ProofContext("ng-channel", 13, "outcome", "home-001")));
        PaillierPublicKey other = CryptoFixtures.keyPair(1024, 0).publicKey();
        assertThrows(InvalidProofException.class, () -> proof.verify(other, other.encrypt(BigInteger.ONE, RANDOM),
                CAPS, params(), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(responder().publicKey(), aggregate, CAPS,
                RingPedersenFixtures.kat().parameters(), CONTEXT));
    }

    @Test
    void flippedBytesAreRejectedAsMalformedOrInvalid() {
        Ciphertext aggregate = packed(3, 4, 5, 6);
        byte[] bytes = prove(aggregate, CAPS).toBytes();
        Random positions = new Random(9);
        for (int k = 0; k < 80; k++) {
            int at = k < 8 ? k : positions.nextInt(bytes.length);
            byte[] altered = bytes.clone();
            altered[at] ^= (byte) (1 << positions.nextInt(8));
            assertThrows(CryptoException.class, () -> verify(SlotSplitProof.fromBytes(responder().publicKey(),
                    altered), aggregate, CAPS), "byte " + at);
        }
        assertThrows(MalformedEncodingException.class, () -> SlotSplitProof.fromBytes(responder().publicKey(),
                Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(MalformedEncodingException.class, () -> SlotSplitProof.fromBytes(responder().publicKey(),
                Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(MalformedEncodingException.class, () -> SlotSplitProof.fromBytes(
                CryptoFixtures.katKey().publicKey(), bytes));
    }
}
