package io.neighbourgrid.crypto.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Flips bits (XOR 0x01 and XOR 0x80) of messages 1 and 2 at a sample of positions covering every header, length
 * and context byte, every field of the embedded public key and the first, middle and last bytes of several
 * ciphertexts, and checks what the receiver does.
 *
 * <p>Findings, asserted below:
 * <ul>
 *   <li>Message 1, envelope and every length, count, width, bit-length and key-header byte: rejected by the
 *       responder.</li>
 *   <li>Message 1, bytes inside the public key's n, g, h, u, t: rejected by the responder when the mutated key
 *       fails validation (small factor, non-unit, composite u, t out of range...); otherwise accepted, since
 *       a key alone cannot prove its structure. A responder constructed with the initiator's registered key rejects
 *       all of them (KEY_MISMATCH). Either way the initiator rejects the resulting message 2 (TRANSCRIPT_MISMATCH).
 *   </li>
 *   <li>Message 1, bytes inside a ciphertext: rejected when the value leaves (0, n); otherwise accepted by the
 *       responder, which cannot tell, and the initiator rejects the resulting message 2 (TRANSCRIPT_MISMATCH).</li>
 *   <li>Message 2, every sampled byte: rejected by the initiator; inside a ciphertext body the mutated value is
 *       out of range or fails the private-key group test c^{v_p u} = 1 mod p (probability of passing about
 *       1 / r_p, below 2^-80 here).</li>
 * </ul>
 * No mutation makes either party throw anything but {@link ComparisonException}.
 */
class ComparisonTamperTest {
    private static final SecureRandom RANDOM = TestKeys.RANDOM;
    private static final byte[] CONTEXT = "market-channel|window-7|evaluation".getBytes(StandardCharsets.UTF_8);
    private static final int BITS = 16;
    private static final int[] FLIPS = {0x01, 0x80};

    private enum Region { ENVELOPE, FIELDS, KEY_HEADER, KEY_MATERIAL, CIPHERTEXT }

    private record Position(int offset, Region region) {
    }

    /** Offsets of message 1 for the 512-bit test key (see ComparisonMessages for the layout). */
    private static List<Position> message1Positions(int width) {
        List<Position> out = new ArrayList<>();
        int envelope = 4 + CONTEXT.length;
        for (int i = 0; i < envelope; i++) {
            out.add(new Position(i, Region.ENVELOPE));
        }
        for (int i = envelope; i < envelope + 5; i++) {
            out.add(new Position(i, Region.FIELDS)); // bit length, key length
        }
        int key = envelope + 5;
        for (int i = key; i < key + 3; i++) {
            out.add(new Position(i, Region.KEY_HEADER)); // key version, modulus width
        }
        for (int field = 0; field < 3; field++) { // n, g, h
            int start = key + 3 + field * width;
            for (int i : new int[] {0, 1, 2, width / 2, width - 2, width - 1}) {
                out.add(new Position(start + i, Region.KEY_MATERIAL));
            }
        }
        for (int i = key + 3 + 3 * width; i < key + 9 + 3 * width; i++) {
            out.add(new Position(i, Region.KEY_MATERIAL)); // u, t
        }
        int counts = key + 9 + 3 * width;
        for (int i = counts; i < counts + 4; i++) {
            out.add(new Position(i, Region.FIELDS)); // ciphertext count, width
        }
        addCiphertextSamples(out, counts + 4, width, new int[] {0, BITS / 2, BITS - 1});
        return out;
    }

    private static List<Position> message2Positions(int width) {
        List<Position> out = new ArrayList<>();
        int envelope = 4 + CONTEXT.length;
        for (int i = 0; i < envelope; i++) {
            out.add(new Position(i, Region.ENVELOPE));
        }
        for (int i = envelope; i < envelope + 36; i++) {
            out.add(new Position(i, Region.FIELDS)); // digest of message 1, count, width
        }
        addCiphertextSamples(out, envelope + 36, width, new int[] {0, BITS / 2, BITS});
        return out;
    }

    private static void addCiphertextSamples(List<Position> out, int start, int width, int[] indices) {
        for (int index : indices) {
            for (int i : new int[] {0, 1, width / 2, width - 2, width - 1}) {
                out.add(new Position(start + index * width + i, Region.CIPHERTEXT));
            }
        }
    }

    private static byte[] flipped(byte[] message, int offset, int flip) {
        byte[] copy = message.clone();
        copy[offset] ^= (byte) flip;
        return copy;
    }

    @Nested
    class Message1 {
        @Test
        void everyMutationIsRejectedByTheResponderOrByTheInitiatorAfterIt() {
            ComparisonKeyPair keys = TestKeys.small();
            ComparisonInitiator a = new ComparisonInitiator(keys, BigInteger.valueOf(1234), BITS, CONTEXT, RANDOM);
            byte[] m1 = a.start();
            List<Position> positions = message1Positions(keys.publicKey().ciphertextBytes());
            assertEquals(m1.length - 1, positions.get(positions.size() - 1).offset(), "sample reaches the last byte");
            Set<Region> acceptedRegions = EnumSet.noneOf(Region.class);
            Set<String> reasons = new TreeSet<>();
            for (Position pos : positions) {
                for (int flip : FLIPS) {
                    byte[] mutated = flipped(m1, pos.offset(), flip);
                    ComparisonResponder b = new ComparisonResponder(BigInteger.valueOf(999), BITS, CONTEXT, RANDOM);
                    byte[] m2;
                    try {
                        m2 = b.respond(mutated);
                    } catch (ComparisonException e) {
                        reasons.add(pos.region() + ":" + e.reason());
                        continue;
                    }
                    acceptedRegions.add(pos.region());
                    ComparisonException e = assertThrows(ComparisonException.class, () -> a.finish(m2),
                            "initiator accepted a reply to a mutated message 1 at " + pos);
                    assertEquals(Reason.TRANSCRIPT_MISMATCH, e.reason());
                }
            }
            assertTrue(EnumSet.of(Region.KEY_MATERIAL, Region.CIPHERTEXT).containsAll(acceptedRegions),
                    "accepted mutations outside key material and ciphertexts: " + acceptedRegions + " " + reasons);
            assertTrue(reasons.contains("ENVELOPE:CONTEXT_MISMATCH") && reasons.contains("ENVELOPE:WRONG_STEP")
                    && reasons.contains("ENVELOPE:UNSUPPORTED_VERSION") && reasons.contains("FIELDS:PARAMETER_MISMATCH")
                    && reasons.contains("FIELDS:MALFORMED") && reasons.contains("KEY_MATERIAL:INVALID_PUBLIC_KEY"),
                    reasons.toString());
            // The genuine message still completes the run.
            ComparisonResponder b = new ComparisonResponder(BigInteger.valueOf(999), BITS, CONTEXT, RANDOM);
            a.finish(b.respond(m1));
            assertEquals(false, ComparisonOutcome.combine(a.shareMessage(), b.shareMessage(), CONTEXT));
        }

        @Test
        void aResponderHoldingTheRegisteredKeyRejectsEveryMutationOfTheKey() {
            ComparisonKeyPair keys = TestKeys.small();
            byte[] m1 = new ComparisonInitiator(keys, BigInteger.ONE, BITS, CONTEXT, RANDOM).start();
            for (Position pos : message1Positions(keys.publicKey().ciphertextBytes())) {
                if (pos.region() != Region.KEY_MATERIAL && pos.region() != Region.KEY_HEADER) {
                    continue;
                }
                for (int flip : FLIPS) {
                    byte[] mutated = flipped(m1, pos.offset(), flip);
                    assertThrows(ComparisonException.class, () -> new ComparisonResponder(BigInteger.TWO, BITS, CONTEXT,
                            RANDOM, keys.publicKey()).respond(mutated), "accepted key mutation at " + pos);
                }
            }
        }

        @Test
        void truncatedAndExtendedMessagesAreMalformed() {
            byte[] m1 = new ComparisonInitiator(TestKeys.small(), BigInteger.ONE, BITS, CONTEXT, RANDOM).start();
            for (int length : new int[] {0, 1, 3, 4 + CONTEXT.length, 100, m1.length - 64, m1.length - 1}) {
                ComparisonException e = assertThrows(ComparisonException.class,
                        () -> new ComparisonResponder(BigInteger.TWO, BITS, CONTEXT, RANDOM)
                                .respond(Arrays.copyOf(m1, length)), "length " + length);
                assertTrue(e.reason() == Reason.MALFORMED || e.reason() == Reason.CONTEXT_MISMATCH,
                        length + ": " + e.getMessage());
            }
            ComparisonException e = assertThrows(ComparisonException.class,
                    () -> new ComparisonResponder(BigInteger.TWO, BITS, CONTEXT, RANDOM)
                            .respond(Arrays.copyOf(m1, m1.length + 1)));
            assertEquals(Reason.MALFORMED, e.reason());
            assertThrows(ComparisonException.class,
                    () -> new ComparisonResponder(BigInteger.TWO, BITS, CONTEXT, RANDOM).respond(null));
        }
    }

    @Nested
    class Message2 {
        @Test
        void everyMutationIsRejectedByTheInitiator() {
            ComparisonKeyPair keys = TestKeys.small();
            ComparisonInitiator a = new ComparisonInitiator(keys, BigInteger.valueOf(50_000), BITS, CONTEXT, RANDOM);
            ComparisonResponder b = new ComparisonResponder(BigInteger.valueOf(40_000), BITS, CONTEXT, RANDOM);
            byte[] m2 = b.respond(a.start());
            List<Position> positions = message2Positions(keys.publicKey().ciphertextBytes());
            assertEquals(m2.length - 1, positions.get(positions.size() - 1).offset(), "sample reaches the last byte");
            Set<String> reasons = new TreeSet<>();
            for (Position pos : positions) {
                for (int flip : FLIPS) {
                    byte[] mutated = flipped(m2, pos.offset(), flip);
                    try {
                        a.finish(mutated);
                        fail("initiator accepted message 2 mutated at " + pos + " with flip " + flip);
                    } catch (ComparisonException e) {
                        reasons.add(pos.region() + ":" + e.reason());
                    }
                }
            }
            assertTrue(reasons.contains("CIPHERTEXT:CIPHERTEXT_NOT_IN_GROUP") && reasons.contains("FIELDS:TRANSCRIPT_MISMATCH")
                    && reasons.contains("ENVELOPE:CONTEXT_MISMATCH"), reasons.toString());
            // Every rejection left the initiator waiting; the genuine message completes the run.
            a.finish(m2);
            assertEquals(false, ComparisonOutcome.combine(a.shareMessage(), b.shareMessage(), CONTEXT));
        }

        @Test
        void truncatedAndExtendedMessagesAreRejected() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), BigInteger.ONE, BITS, CONTEXT, RANDOM);
            byte[] m2 = new ComparisonResponder(BigInteger.TWO, BITS, CONTEXT, RANDOM).respond(a.start());
            for (int length : new int[] {0, 2, 4 + CONTEXT.length + 10, m2.length - 1}) {
                assertThrows(ComparisonException.class, () -> a.finish(Arrays.copyOf(m2, length)), "length " + length);
            }
            ComparisonException e = assertThrows(ComparisonException.class,
                    () -> a.finish(Arrays.copyOf(m2, m2.length + 64)));
            assertEquals(Reason.MALFORMED, e.reason());
        }

        @Test
        void aCiphertextReplacedByZeroOrTheModulusIsOutOfRange() {
            ComparisonKeyPair keys = TestKeys.small();
            ComparisonInitiator a = new ComparisonInitiator(keys, BigInteger.ONE, BITS, CONTEXT, RANDOM);
            byte[] m2 = new ComparisonResponder(BigInteger.TWO, BITS, CONTEXT, RANDOM).respond(a.start());
            int width = keys.publicKey().ciphertextBytes();
            int first = 4 + CONTEXT.length + 36;
            byte[] zero = m2.clone();
            Arrays.fill(zero, first, first + width, (byte) 0);
            assertEquals(Reason.CIPHERTEXT_OUT_OF_RANGE, assertThrows(ComparisonException.class,
                    () -> a.finish(zero)).reason());
            byte[] modulus = m2.clone();
            System.arraycopy(Bytes.fixedWidth(keys.publicKey().modulus(), width), 0, modulus, first, width);
            assertEquals(Reason.CIPHERTEXT_OUT_OF_RANGE, assertThrows(ComparisonException.class,
                    () -> a.finish(modulus)).reason());
        }
    }
}
