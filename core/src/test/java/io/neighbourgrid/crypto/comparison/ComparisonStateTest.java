package io.neighbourgrid.crypto.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Saving and restoring the two parties between messages: every state round-trips and the restored party carries
 * the comparison on exactly as the original would; a truncated, extended or altered state is rejected before
 * anything in it is used, and a state whose digest matches but whose content is wrong is rejected by the checks
 * behind it.
 */
class ComparisonStateTest {
    private static final SecureRandom RANDOM = TestKeys.RANDOM;
    private static final byte[] CONTEXT = "market|window-3|comparison".getBytes(StandardCharsets.UTF_8);
    private static final int BITS = 64;
    private static final BigInteger X = BigInteger.valueOf(123_456_789L);
    private static final BigInteger Y = BigInteger.valueOf(987_654_321L);
    private static final String INITIATOR_LABEL = "neighbourgrid/comparison/v1/initiator-state";
    private static final String RESPONDER_LABEL = "neighbourgrid/comparison/v1/responder-state";

    private static ComparisonInitiator initiator() {
        return new ComparisonInitiator(TestKeys.small(), X, BITS, CONTEXT, RANDOM);
    }

    private static ComparisonResponder responder() {
        return new ComparisonResponder(Y, BITS, CONTEXT, RANDOM);
    }

    private static ComparisonException rejects(Reason reason, Runnable action) {
        ComparisonException e = assertThrows(ComparisonException.class, action::run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    /** The body of a state (without its digest) and a state built from a body with a correct digest. */
    private static byte[] body(byte[] state) {
        return Arrays.copyOf(state, state.length - ComparisonMessages.DIGEST_BYTES);
    }

    private static byte[] sealed(String label, byte[] body) {
        byte[] digest = ComparisonMessages.digest(label, body);
        byte[] out = Arrays.copyOf(body, body.length + digest.length);
        System.arraycopy(digest, 0, out, body.length, digest.length);
        return out;
    }

    private static byte[] withByte(byte[] bytes, int offset, int value) {
        byte[] out = bytes.clone();
        out[offset] = (byte) value;
        return out;
    }

    @Nested
    class RoundTrips {
        @Test
        void anInitiatorSavedBeforeStartingStartsAndFinishes() {
            ComparisonInitiator restored = ComparisonInitiator.fromSecretBytes(initiator().toSecretBytes(), RANDOM);
            assertFalse(restored.started());
            ComparisonResponder b = responder();
            byte[] m1 = restored.start();
            byte[] m2 = b.respond(m1);
            byte[] m3 = restored.finish(m2);
            assertTrue(ComparisonOutcome.combine(m3, b.shareMessage(), CONTEXT, m1, m2));
        }

        @Test
        void anInitiatorSavedAfterMessage1FinishesAsTheOriginalWould() {
            ComparisonInitiator a = initiator();
            byte[] m1 = a.start();
            byte[] saved = a.toSecretBytes();
            ComparisonInitiator restored = ComparisonInitiator.fromSecretBytes(saved, RANDOM);
            assertTrue(restored.started());
            assertFalse(restored.finished());
            assertArrayEquals(m1, restored.message1(), "the restored initiator sends the same message 1 again");
            assertArrayEquals(saved, restored.toSecretBytes(), "restoring and saving again changes nothing");

            ComparisonResponder b = responder();
            byte[] m2 = b.respond(m1);
            byte[] m3 = restored.finish(m2);
            assertArrayEquals(a.finish(m2), m3, "the restored initiator's share message is the original's");
            assertEquals(a.share(), restored.share());
            assertTrue(ComparisonOutcome.combine(m3, b.shareMessage(), CONTEXT, m1, m2), "x < y");
        }

        @Test
        void aFinishedInitiatorKeepsItsShareMessage() {
            ComparisonInitiator a = initiator();
            byte[] m1 = a.start();
            ComparisonResponder b = responder();
            byte[] m2 = b.respond(m1);
            byte[] m3 = a.finish(m2);
            ComparisonInitiator restored = ComparisonInitiator.fromSecretBytes(a.toSecretBytes(), RANDOM);
            assertTrue(restored.finished());
            assertArrayEquals(m3, restored.shareMessage());
            assertEquals(a.share(), restored.share());
            assertArrayEquals(m1, restored.message1());
            assertThrows(IllegalStateException.class, () -> restored.finish(m2), "a finished initiator stays finished");
        }

        @Test
        void aResponderSavedBeforeAnsweringAnswers() {
            ComparisonResponder restored = ComparisonResponder.fromSecretBytes(responder().toSecretBytes(), RANDOM);
            assertFalse(restored.responded());
            ComparisonInitiator a = initiator();
            byte[] m1 = a.start();
            byte[] m2 = restored.respond(m1);
            assertTrue(ComparisonOutcome.combine(a.finish(m2), restored.shareMessage(), CONTEXT, m1, m2));
        }

        @Test
        void aResponderSavedAfterMessage2SendsTheSameMessagesAndShare() {
            ComparisonInitiator a = initiator();
            byte[] m1 = a.start();
            ComparisonResponder b = new ComparisonResponder(Y, BITS, CONTEXT, RANDOM, TestKeys.small().publicKey());
            byte[] m2 = b.respond(m1);
            byte[] saved = b.toSecretBytes();
            ComparisonResponder restored = ComparisonResponder.fromSecretBytes(saved, RANDOM);
            assertTrue(restored.responded());
            assertTrue(restored.answers(m1));
            assertFalse(restored.answers(initiator().start()), "another message 1 is not the one answered");
            assertArrayEquals(m2, restored.message2());
            assertArrayEquals(b.shareMessage(), restored.shareMessage());
            assertEquals(b.share(), restored.share());
            assertArrayEquals(saved, restored.toSecretBytes());
            assertTrue(ComparisonOutcome.combine(a.finish(m2), restored.shareMessage(), CONTEXT, m1, m2));
            assertThrows(IllegalStateException.class, () -> restored.respond(m1), "a responder answers once");
        }

        @Test
        void partiesRestoredBeforeEveryMessageStillCompareCorrectly() {
            for (long[] xy : new long[][] {{5, 6}, {6, 5}, {7, 7}, {0, 0}, {0, 1}, {Long.MAX_VALUE, 0}}) {
                ComparisonInitiator a = new ComparisonInitiator(TestKeys.small(), BigInteger.valueOf(xy[0]), BITS,
                        CONTEXT, RANDOM);
                ComparisonResponder b = new ComparisonResponder(BigInteger.valueOf(xy[1]), BITS, CONTEXT, RANDOM);
                ComparisonInitiator a1 = ComparisonInitiator.fromSecretBytes(a.toSecretBytes(), RANDOM);
                byte[] m1 = a1.start();
                ComparisonInitiator a2 = ComparisonInitiator.fromSecretBytes(a1.toSecretBytes(), RANDOM);
                ComparisonResponder b1 = ComparisonResponder.fromSecretBytes(b.toSecretBytes(), RANDOM);
                byte[] m2 = b1.respond(m1);
                ComparisonResponder b2 = ComparisonResponder.fromSecretBytes(b1.toSecretBytes(), RANDOM);
                byte[] m3 = a2.finish(m2);
                ComparisonInitiator a3 = ComparisonInitiator.fromSecretBytes(a2.toSecretBytes(), RANDOM);
                assertArrayEquals(m3, a3.shareMessage());
                assertEquals(xy[0] < xy[1], ComparisonOutcome.combine(a3.shareMessage(), b2.shareMessage(), CONTEXT,
                        m1, m2), xy[0] + " < " + xy[1]);
            }
        }
    }

    @Nested
    class Rejections {
        private byte[] startedInitiator() {
            ComparisonInitiator a = initiator();
            a.start();
            return a.toSecretBytes();
        }

        private byte[] respondedResponder() {
            ComparisonResponder b = responder();
            b.respond(initiator().start());
            return b.toSecretBytes();
        }

        @Test
        void everyTruncationIsRejected() {
            for (byte[] state : new byte[][] {startedInitiator(), respondedResponder()}) {
                for (int length = 0; length < state.length; length++) {
                    byte[] cut = Arrays.copyOf(state, length);
                    rejects(Reason.MALFORMED, () -> ComparisonInitiator.fromSecretBytes(cut, RANDOM));
                    rejects(Reason.MALFORMED, () -> ComparisonResponder.fromSecretBytes(cut, RANDOM));
                }
            }
        }

        @Test
        void trailingBytesAreRejected() {
            byte[] started = startedInitiator();
            byte[] a = Arrays.copyOf(started, started.length + 1);
            rejects(Reason.MALFORMED, () -> ComparisonInitiator.fromSecretBytes(a, RANDOM));
            byte[] b = respondedResponder();
            byte[] longer = Arrays.copyOf(b, b.length + 1);
            rejects(Reason.MALFORMED, () -> ComparisonResponder.fromSecretBytes(longer, RANDOM));
        }

        @Test
        void everyAlteredByteIsRejected() {
            byte[] a = startedInitiator();
            for (int i = 0; i < a.length; i++) {
                for (int flip : new int[] {0x01, 0x80}) {
                    byte[] altered = withByte(a, i, a[i] ^ flip);
                    rejects(Reason.MALFORMED, () -> ComparisonInitiator.fromSecretBytes(altered, RANDOM));
                }
            }
            byte[] b = respondedResponder();
            for (int i = 0; i < b.length; i++) {
                byte[] altered = withByte(b, i, b[i] ^ 0x01);
                rejects(Reason.MALFORMED, () -> ComparisonResponder.fromSecretBytes(altered, RANDOM));
            }
        }

        @Test
        void aStateOfTheOtherPartyIsRejected() {
            byte[] a = startedInitiator();
            byte[] b = respondedResponder();
            rejects(Reason.MALFORMED, () -> ComparisonResponder.fromSecretBytes(a, RANDOM));
            rejects(Reason.MALFORMED, () -> ComparisonInitiator.fromSecretBytes(b, RANDOM));
        }

        @Test
        void contentBehindAMatchingDigestIsStillChecked() {
            byte[] a = body(startedInitiator());
            // u8 version | u8 state | u8 l | u16 context length | context | u32 key length | key | x | ...
            rejects(Reason.UNSUPPORTED_VERSION,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, withByte(a, 0, 2)), RANDOM));
            rejects(Reason.MALFORMED,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, withByte(a, 1, 3)), RANDOM));
            rejects(Reason.MALFORMED,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, withByte(a, 2, 0)), RANDOM));
            rejects(Reason.MALFORMED,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, withByte(a, 2, 129)), RANDOM));
            // Marked created, but message 1 follows: trailing bytes.
            rejects(Reason.MALFORMED,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, withByte(a, 1, 0)), RANDOM));
            // Marked finished, but the digest of message 2 and the share are missing.
            rejects(Reason.MALFORMED,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, withByte(a, 1, 2)), RANDOM));
            // x of 8 bytes with l = 60 would need its top bits clear.
            int keyLength = new Bytes.Reader(Arrays.copyOfRange(a, 5 + CONTEXT.length, 9 + CONTEXT.length), "len")
                    .u32();
            int xOffset = 9 + CONTEXT.length + keyLength;
            byte[] wide = withByte(withByte(a, 2, 60), xOffset, 0xFF);
            rejects(Reason.MALFORMED, () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, wide),
                    RANDOM));
            // A bit of the private key changed: no longer a consistent key.
            byte[] badKey = withByte(a, 9 + CONTEXT.length + keyLength - 1, a[9 + CONTEXT.length + keyLength - 1] ^ 2);
            assertThrows(ComparisonException.class,
                    () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, badKey), RANDOM));
        }

        @Test
        void anInitiatorStateWithAnotherKeysMessage1IsRejected() {
            ComparisonInitiator a = initiator();
            a.start();
            ComparisonInitiator other = new ComparisonInitiator(TestKeys.other(), X, BITS, CONTEXT, RANDOM);
            byte[] otherM1 = other.start();
            byte[] mine = a.message1();
            assertEquals(mine.length, otherM1.length);
            byte[] state = body(a.toSecretBytes());
            int at = indexOf(state, mine);
            System.arraycopy(otherM1, 0, state, at, otherM1.length);
            rejects(Reason.MALFORMED, () -> ComparisonInitiator.fromSecretBytes(sealed(INITIATOR_LABEL, state),
                    RANDOM));
        }

        @Test
        void aResponderStateWithABrokenMessage2IsRejected() {
            byte[] b = body(respondedResponder());
            // Message 2 found by its envelope (version 1, step 2, context length); the share byte and the u32
            // length of message 2 precede it.
            byte[] envelope = {1, 2, 0, (byte) CONTEXT.length};
            int at = indexOf(b, envelope);
            rejects(Reason.WRONG_STEP, () -> ComparisonResponder.fromSecretBytes(
                    sealed(RESPONDER_LABEL, withByte(b, at + 1, 1)), RANDOM));
            rejects(Reason.MALFORMED, () -> ComparisonResponder.fromSecretBytes(
                    sealed(RESPONDER_LABEL, withByte(b, at - 5, 2)), RANDOM));
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new AssertionError("not found");
        }
    }
}
