package io.neighbourgrid.crypto.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComparisonProtocolTest {
    private static final SecureRandom RANDOM = TestKeys.RANDOM;
    private static final byte[] CONTEXT = "market-channel|window-42|evaluation".getBytes(StandardCharsets.UTF_8);

    /** One complete run; checks that both parties' view of the shares agrees with the published messages. */
    private static boolean lessThan(BigInteger x, BigInteger y, int bits) {
        return lessThan(TestKeys.small(), x, y, bits);
    }

    private static boolean lessThan(ComparisonKeyPair keys, BigInteger x, BigInteger y, int bits) {
        ComparisonInitiator a = new ComparisonInitiator(keys, x, bits, CONTEXT, RANDOM);
        ComparisonResponder b = new ComparisonResponder(y, bits, CONTEXT, RANDOM);
        byte[] m1 = a.start();
        byte[] m2 = b.respond(m1);
        byte[] sa = a.finish(m2);
        byte[] sb = b.shareMessage();
        boolean combined = ComparisonOutcome.combine(sa, sb, CONTEXT);
        assertEquals(combined, a.share() ^ b.share());
        assertEquals(combined, ComparisonOutcome.combine(sa, sb, CONTEXT, m1, m2));
        return combined;
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static BigInteger max(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    private static ComparisonException rejects(Reason reason, Runnable action) {
        ComparisonException e = assertThrows(ComparisonException.class, action::run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Nested
    class Correctness {
        @Test
        void aSmallerXIsBelow() {
            assertTrue(lessThan(big(1_000), big(2_000), 64));
        }

        @Test
        void equalValuesAreNotBelow() {
            for (int i = 0; i < 6; i++) {
                assertFalse(lessThan(big(123_456_789), big(123_456_789), 64), "run " + i);
            }
        }

        @Test
        void aLargerXIsNotBelow() {
            assertFalse(lessThan(big(2_000), big(1_000), 64));
        }

        @Test
        void theExtremesOfTheRangeCompareCorrectly() {
            BigInteger top = max(64);
            assertFalse(lessThan(BigInteger.ZERO, BigInteger.ZERO, 64));
            assertTrue(lessThan(BigInteger.ZERO, top, 64));
            assertFalse(lessThan(top, BigInteger.ZERO, 64));
            assertFalse(lessThan(top, top, 64));
            assertTrue(lessThan(top.subtract(BigInteger.ONE), top, 64));
        }

        @Test
        void adjacentValuesCompareCorrectlyInBothDirections() {
            for (long v : new long[] {0, 1, 255, 256, 1L << 32, (1L << 62) + 12_345}) {
                assertTrue(lessThan(big(v), big(v + 1), 64), v + " < " + (v + 1));
                assertFalse(lessThan(big(v + 1), big(v), 64), (v + 1) + " !< " + v);
            }
        }

        @Test
        void valuesDifferingOnlyInTheTopBitCompareCorrectly() {
            BigInteger top = BigInteger.ONE.shiftLeft(63);
            assertTrue(lessThan(big(5), top.add(big(5)), 64));
            assertFalse(lessThan(top.add(big(5)), big(5), 64));
        }

        @Test
        void randomPairsAgreeWithPlainComparison() {
            for (int i = 0; i < 40; i++) {
                BigInteger x = new BigInteger(64, RANDOM);
                // A quarter of the pairs share a long prefix, so that the first difference is in the low bits.
                BigInteger y = i % 4 == 0 ? x.xor(new BigInteger(1 + RANDOM.nextInt(8), RANDOM))
                        : new BigInteger(64, RANDOM);
                assertEquals(x.compareTo(y) < 0, lessThan(x, y, 64), "pair " + i);
            }
        }

        @Test
        void oneBitComparisonsCoverAllFourCases() {
            assertFalse(lessThan(big(0), big(0), 1));
            assertTrue(lessThan(big(0), big(1), 1));
            assertFalse(lessThan(big(1), big(0), 1));
            assertFalse(lessThan(big(1), big(1), 1));
        }

        @Test
        void oneHundredTwentyEightBitComparisonsWork() {
            BigInteger top = max(128);
            assertTrue(lessThan(top.subtract(BigInteger.ONE), top, 128));
            assertFalse(lessThan(top, top, 128));
            assertFalse(lessThan(top, BigInteger.ZERO, 128));
        }

        @Test
        void aDefaultSizeKeyComparesSixtyFourBitValues() {
            ComparisonKeyPair full = ComparisonKeyPair.generate(RANDOM);
            assertEquals(2048, full.publicKey().modulusBits());
            assertEquals(DgkParameters.DEFAULT.plaintextPrime(), full.publicKey().plaintextModulus());
            BigInteger x = new BigInteger(64, RANDOM);
            assertTrue(lessThan(full, x.shiftRight(1), x.shiftRight(1).add(BigInteger.ONE), 64));
            assertFalse(lessThan(full, x, x, 64));
        }

        @Test
        void aKeyWithTheSmallestSufficientPlaintextPrimeWorksAtItsLimit() {
            ComparisonKeyPair tight = ComparisonKeyPair.generate(DgkParameters.forComparisons(512, 16), RANDOM);
            assertEquals(53, tight.publicKey().plaintextModulus());
            assertEquals(16, tight.publicKey().maxComparisonBits());
            assertTrue(lessThan(tight, big(0), max(16), 16));
            assertFalse(lessThan(tight, max(16), max(16), 16));
            assertFalse(lessThan(tight, max(16), big(0), 16));
            assertTrue(lessThan(tight, big(0x7FFF), big(0x8000), 16));
        }
    }

    @Nested
    class Shares {
        @Test
        void eachShareAloneIsUnbiasedAcrossRuns() {
            int initiatorOnes = 0;
            int responderOnes = 0;
            int runs = 24;
            for (int i = 0; i < runs; i++) {
                ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(10), 8, CONTEXT, RANDOM);
                ComparisonResponder b = new ComparisonResponder(big(20), 8, CONTEXT, RANDOM);
                a.finish(b.respond(a.start()));
                initiatorOnes += a.share() ? 1 : 0;
                responderOnes += b.share() ? 1 : 0;
                assertTrue(a.share() ^ b.share());
            }
            // Both values occur: the probability that 24 fair coins agree is 2^-23.
            assertTrue(initiatorOnes > 0 && initiatorOnes < runs, "initiator ones " + initiatorOnes);
            assertTrue(responderOnes > 0 && responderOnes < runs, "responder ones " + responderOnes);
        }

        @Test
        void theMessage2OfAnEqualPairHasAtMostOneZeroAndTheRightCount() {
            ComparisonKeyPair keys = TestKeys.small();
            ComparisonInitiator a = new ComparisonInitiator(keys, big(77), 8, CONTEXT, RANDOM);
            ComparisonResponder b = new ComparisonResponder(big(77), 8, CONTEXT, RANDOM);
            byte[] m2 = b.respond(a.start());
            var decoded = ComparisonMessages.decodeBlindedDifferences(m2, CONTEXT, 9, 64);
            int zeros = 0;
            for (BigInteger c : decoded.ciphertexts()) {
                zeros += keys.privateKey().isZero(keys.publicKey().ciphertext(c)) ? 1 : 0;
            }
            // Equal inputs: a zero exactly when the responder chose s = -1, i.e. its share is 1.
            assertEquals(b.share() ? 1 : 0, zeros);
        }
    }

    @Nested
    class InputValidation {
        @Test
        void inputsOutsideTheRangeAreRejectedWithoutShowingThem() {
            ComparisonKeyPair keys = TestKeys.small();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ComparisonInitiator(keys, BigInteger.ONE.shiftLeft(64), 64, CONTEXT, RANDOM));
            assertFalse(e.getMessage().contains("18446744073709551616"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new ComparisonInitiator(keys, big(-1), 64, CONTEXT, RANDOM));
            assertThrows(IllegalArgumentException.class,
                    () -> new ComparisonResponder(big(256), 8, CONTEXT, RANDOM));
            assertThrows(IllegalArgumentException.class,
                    () -> new ComparisonResponder(big(-5), 8, CONTEXT, RANDOM));
        }

        @Test
        void bitLengthsOutsideOneTo128AreRejected() {
            ComparisonKeyPair keys = TestKeys.small();
            assertThrows(IllegalArgumentException.class, () -> new ComparisonInitiator(keys, big(0), 0, CONTEXT, RANDOM));
            assertThrows(IllegalArgumentException.class,
                    () -> new ComparisonInitiator(keys, big(0), 129, CONTEXT, RANDOM));
            assertThrows(IllegalArgumentException.class, () -> new ComparisonResponder(big(0), 0, CONTEXT, RANDOM));
            assertThrows(IllegalArgumentException.class, () -> new ComparisonResponder(big(0), 129, CONTEXT, RANDOM));
        }

        @Test
        void aKeyWhosePlaintextSpaceIsTooSmallIsRefusedByBothParties() {
            ComparisonKeyPair tight = ComparisonKeyPair.generate(DgkParameters.forComparisons(512, 16), RANDOM);
            assertThrows(IllegalArgumentException.class, () -> new ComparisonInitiator(tight, big(0), 17, CONTEXT, RANDOM));
            // A (misconfigured) initiator sends 17 encrypted bits under a key that holds only 16-bit comparisons.
            DgkCiphertext[] bits = new DgkCiphertext[17];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = tight.privateKey().encrypt(0, RANDOM);
            }
            byte[] m1 = ComparisonMessages.encodeEncryptedBits(CONTEXT, 17, tight.publicKey(), bits);
            ComparisonException e = rejects(Reason.PARAMETER_MISMATCH,
                    () -> new ComparisonResponder(big(0), 17, CONTEXT, RANDOM).respond(m1));
            assertTrue(e.getMessage().contains("cannot hold"), e.getMessage());
        }

        @Test
        void anEmptyOrOverlongContextIsRejected() {
            ComparisonKeyPair keys = TestKeys.small();
            assertThrows(IllegalArgumentException.class, () -> new ComparisonInitiator(keys, big(0), 8, new byte[0], RANDOM));
            assertThrows(IllegalArgumentException.class,
                    () -> new ComparisonResponder(big(0), 8, new byte[1025], RANDOM));
            assertThrows(NullPointerException.class, () -> new ComparisonResponder(big(0), 8, null, RANDOM));
        }
    }

    @Nested
    class CallOrder {
        private ComparisonInitiator initiator() {
            return new ComparisonInitiator(TestKeys.small(), big(3), 8, CONTEXT, RANDOM);
        }

        private ComparisonResponder responder() {
            return new ComparisonResponder(big(4), 8, CONTEXT, RANDOM);
        }

        @Test
        void theInitiatorCannotFinishBeforeStartingOrStartTwice() {
            ComparisonInitiator a = initiator();
            byte[] m2 = responder().respond(initiator().start());
            assertThrows(IllegalStateException.class, () -> a.finish(m2));
            a.start();
            assertThrows(IllegalStateException.class, a::start);
        }

        @Test
        void theInitiatorHasNoShareBeforeFinishingAndCannotFinishTwice() {
            ComparisonInitiator a = initiator();
            assertThrows(IllegalStateException.class, a::share);
            ComparisonResponder b = responder();
            byte[] m2 = b.respond(a.start());
            assertThrows(IllegalStateException.class, a::share);
            assertThrows(IllegalStateException.class, a::shareMessage);
            a.finish(m2);
            assertThrows(IllegalStateException.class, () -> a.finish(m2));
            assertEquals(a.share() ^ b.share(), ComparisonOutcome.combine(a.shareMessage(), b.shareMessage(), CONTEXT));
        }

        @Test
        void theResponderHasNoShareBeforeRespondingAndCannotRespondTwice() {
            ComparisonResponder b = responder();
            assertThrows(IllegalStateException.class, b::shareMessage);
            assertThrows(IllegalStateException.class, b::share);
            byte[] m1 = initiator().start();
            b.respond(m1);
            assertThrows(IllegalStateException.class, () -> b.respond(m1));
        }

        @Test
        void aRejectedMessageLeavesTheInitiatorWaitingForTheGenuineOne() {
            ComparisonInitiator a = initiator();
            ComparisonResponder b = responder();
            byte[] m2 = b.respond(a.start());
            byte[] bad = m2.clone();
            bad[bad.length - 1] ^= 1;
            assertThrows(ComparisonException.class, () -> a.finish(bad));
            a.finish(m2);
            assertTrue(ComparisonOutcome.combine(a.shareMessage(), b.shareMessage(), CONTEXT));
        }

        @Test
        void aRejectedMessageLeavesTheResponderWaitingForTheGenuineOne() {
            ComparisonInitiator a = initiator();
            ComparisonResponder b = responder();
            byte[] m1 = a.start();
            assertThrows(ComparisonException.class, () -> b.respond(new byte[] {1, 1, 0}));
            byte[] m2 = b.respond(m1);
            a.finish(m2);
            assertTrue(ComparisonOutcome.combine(a.shareMessage(), b.shareMessage(), CONTEXT));
        }
    }

    @Nested
    class SessionBinding {
        private final byte[] otherContext = "market-channel|window-43|evaluation".getBytes(StandardCharsets.UTF_8);

        @Test
        void message1OfAnotherSessionIsRejected() {
            byte[] m1 = new ComparisonInitiator(TestKeys.small(), big(1), 8, otherContext, RANDOM).start();
            rejects(Reason.CONTEXT_MISMATCH, () -> new ComparisonResponder(big(2), 8, CONTEXT, RANDOM).respond(m1));
        }

        @Test
        void aContextOfTheSameLengthButOtherBytesIsRejected() {
            byte[] sameLength = CONTEXT.clone();
            sameLength[sameLength.length - 1] ^= 1;
            byte[] m1 = new ComparisonInitiator(TestKeys.small(), big(1), 8, sameLength, RANDOM).start();
            rejects(Reason.CONTEXT_MISMATCH, () -> new ComparisonResponder(big(2), 8, CONTEXT, RANDOM).respond(m1));
        }

        @Test
        void message2OfAnotherSessionIsRejected() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            byte[] m1 = a.start();
            ComparisonInitiator other = new ComparisonInitiator(TestKeys.small(), big(1), 8, otherContext, RANDOM);
            byte[] m2Other = new ComparisonResponder(big(2), 8, otherContext, RANDOM).respond(other.start());
            rejects(Reason.CONTEXT_MISMATCH, () -> a.finish(m2Other));
            assertEquals(37 + CONTEXT.length, a.finish(new ComparisonResponder(big(2), 8, CONTEXT, RANDOM).respond(m1))
                    .length);
        }

        @Test
        void message2AnsweringAnotherRunOfTheSameSessionIsRejected() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            a.start();
            ComparisonInitiator earlier = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            byte[] stale = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM).respond(earlier.start());
            rejects(Reason.TRANSCRIPT_MISMATCH, () -> a.finish(stale));
        }

        @Test
        void aMessageForAnotherStepIsRejected() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            byte[] m1 = a.start();
            rejects(Reason.WRONG_STEP, () -> a.finish(m1));
            ComparisonResponder b = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM);
            byte[] m2 = b.respond(m1);
            rejects(Reason.WRONG_STEP, () -> new ComparisonResponder(big(2), 8, CONTEXT, RANDOM).respond(m2));
            byte[] sa = a.finish(m2);
            byte[] sb = b.shareMessage();
            rejects(Reason.WRONG_STEP, () -> ComparisonOutcome.combine(sb, sa, CONTEXT));
            rejects(Reason.WRONG_STEP, () -> ComparisonOutcome.checkEnvelope(m1, ComparisonStep.BLINDED_DIFFERENCES,
                    CONTEXT));
            ComparisonOutcome.checkEnvelope(m2, ComparisonStep.BLINDED_DIFFERENCES, CONTEXT);
        }

        @Test
        void aBitLengthMismatchIsRejected() {
            byte[] m1 = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM).start();
            rejects(Reason.PARAMETER_MISMATCH, () -> new ComparisonResponder(big(2), 9, CONTEXT, RANDOM).respond(m1));
        }

        @Test
        void aResponderExpectingTheRegisteredKeyRejectsAnotherKey() {
            byte[] m1 = new ComparisonInitiator(TestKeys.other(), big(1), 8, CONTEXT, RANDOM).start();
            rejects(Reason.KEY_MISMATCH, () -> new ComparisonResponder(big(2), 8, CONTEXT, RANDOM,
                    TestKeys.small().publicKey()).respond(m1));
            byte[] mine = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM).start();
            assertEquals(4 + CONTEXT.length + 32 + 4 + 9 * 64, new ComparisonResponder(big(2), 8, CONTEXT, RANDOM,
                    TestKeys.small().publicKey()).respond(mine).length);
        }

        @Test
        void sharesOfDifferentRunsDoNotCombine() {
            ComparisonInitiator a1 = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            ComparisonResponder b1 = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM);
            a1.finish(b1.respond(a1.start()));
            ComparisonInitiator a2 = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            ComparisonResponder b2 = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM);
            byte[] m1 = a2.start();
            byte[] m2 = b2.respond(m1);
            a2.finish(m2);
            rejects(Reason.TRANSCRIPT_MISMATCH, () -> ComparisonOutcome.combine(a1.shareMessage(), b2.shareMessage(),
                    CONTEXT));
            rejects(Reason.TRANSCRIPT_MISMATCH, () -> ComparisonOutcome.combine(a1.shareMessage(), b1.shareMessage(),
                    CONTEXT, m1, m2));
            assertTrue(ComparisonOutcome.combine(a2.shareMessage(), b2.shareMessage(), CONTEXT, m1, m2));
        }

        @Test
        void sharesOfAnotherSessionDoNotCombine() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            ComparisonResponder b = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM);
            a.finish(b.respond(a.start()));
            rejects(Reason.CONTEXT_MISMATCH, () -> ComparisonOutcome.combine(a.shareMessage(), b.shareMessage(),
                    otherContext));
        }
    }

    @Nested
    class MessageSizes {
        @Test
        void sizesFollowTheDocumentedLayout() {
            ComparisonKeyPair keys = TestKeys.small();
            int width = keys.publicKey().ciphertextBytes();
            int keyBytes = keys.publicKey().toBytes().length;
            int bits = 64;
            ComparisonInitiator a = new ComparisonInitiator(keys, big(9), bits, CONTEXT, RANDOM);
            ComparisonResponder b = new ComparisonResponder(big(8), bits, CONTEXT, RANDOM);
            byte[] m1 = a.start();
            byte[] m2 = b.respond(m1);
            byte[] sa = a.finish(m2);
            int envelope = 4 + CONTEXT.length;
            assertEquals(envelope + 1 + 4 + keyBytes + 4 + bits * width, m1.length);
            assertEquals(envelope + 32 + 4 + (bits + 1) * width, m2.length);
            assertEquals(envelope + 32 + 1, sa.length);
            assertEquals(envelope + 32 + 1, b.shareMessage().length);
            assertEquals(9 + 3 * width, keyBytes);
        }
    }

    @Nested
    class ShareMessages {
        @Test
        void aShareByteOtherThanZeroOrOneIsRejected() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            ComparisonResponder b = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM);
            byte[] sa = a.finish(b.respond(a.start()));
            byte[] bad = sa.clone();
            bad[bad.length - 1] = 2;
            rejects(Reason.INVALID_SHARE, () -> ComparisonOutcome.combine(bad, b.shareMessage(), CONTEXT));
        }

        @Test
        void everyByteOfAShareMessageButTheShareBitIsCheckedByCombine() {
            ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), big(1), 8, CONTEXT, RANDOM);
            ComparisonResponder b = new ComparisonResponder(big(2), 8, CONTEXT, RANDOM);
            byte[] sa = a.finish(b.respond(a.start()));
            byte[] sb = b.shareMessage();
            for (int pos = 0; pos < sa.length; pos++) {
                for (int flip : new int[] {0x01, 0x80}) {
                    byte[] mutatedA = sa.clone();
                    mutatedA[pos] ^= (byte) flip;
                    byte[] mutatedB = sb.clone();
                    mutatedB[pos] ^= (byte) flip;
                    if (pos == sa.length - 1 && flip == 0x01) {
                        // The share bit itself is what the party asserts: flipping it flips the outcome. Its
                        // integrity comes from the ledger's signed transaction, not from the message.
                        assertFalse(ComparisonOutcome.combine(mutatedA, sb, CONTEXT));
                        assertFalse(ComparisonOutcome.combine(sa, mutatedB, CONTEXT));
                        continue;
                    }
                    assertThrows(ComparisonException.class, () -> ComparisonOutcome.combine(mutatedA, sb, CONTEXT),
                            "initiator share byte " + pos);
                    assertThrows(ComparisonException.class, () -> ComparisonOutcome.combine(sa, mutatedB, CONTEXT),
                            "responder share byte " + pos);
                }
            }
            assertThrows(ComparisonException.class, () -> ComparisonOutcome.combine(
                    java.util.Arrays.copyOf(sa, sa.length - 1), sb, CONTEXT));
            assertThrows(ComparisonException.class, () -> ComparisonOutcome.combine(
                    sa, java.util.Arrays.copyOf(sb, sb.length + 1), CONTEXT));
        }
    }
}
