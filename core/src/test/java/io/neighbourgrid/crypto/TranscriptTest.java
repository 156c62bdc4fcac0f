package io.neighbourgrid.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    private static Transcript pinned() {
        return new Transcript("neighbourgrid/test/v1")
                .append("label", "value")
                .append("n", BigInteger.valueOf(1000))
                .append("zero", BigInteger.ZERO)
                .append("w", 7L);
    }

    @Nested
    class KnownAnswers {

        @Test
        void challengeOf128BitsIsTheFirst16BytesOfShake256OverTheLengthPrefixedEncoding() {
            // Computed independently: SHAKE256 over 4-byte big-endian length || bytes for "domain", the domain,
            // and each (label, value); 1000 as 0x03e8, zero as one 0x00 byte, 7L as 8 bytes.
            assertEquals(new BigInteger("272769820750109636220122204772594087114"), pinned().challenge(128));
        }

        @Test
        void challengeOfAnOddBitLengthMasksTheExcessTopBits() {
            assertEquals(new BigInteger("1046541068518506802474930834696"), pinned().challenge(100));
        }

        @Test
        void severalChallengesAreConsecutiveSlicesOfOneSqueeze() {
            BigInteger[] two = pinned().challenges(128, 2);
            assertEquals(new BigInteger("272769820750109636220122204772594087114"), two[0]);
            assertEquals(new BigInteger("9b4362be0489ce7fa9087a8b9a7e4af5", 16), two[1]);
        }
    }

    @Nested
    class Encoding {

        @Test
        void lengthPrefixesKeepShiftedBoundariesApart() {
            BigInteger ab = new Transcript("d").append("x", "ab").append("y", "c").challenge(128);
            BigInteger a = new Transcript("d").append("x", "a").append("y", "bc").challenge(128);
            assertNotEquals(ab, a);
        }

        @Test
        void labelsAreBound() {
            assertNotEquals(new Transcript("d").append("x", "v").challenge(128),
                    new Transcript("d").append("y", "v").challenge(128));
        }

        @Test
        void domainsAreSeparated() {
            assertNotEquals(new Transcript("d1").append("x", "v").challenge(128),
                    new Transcript("d2").append("x", "v").challenge(128));
        }

        @Test
        void integersAreAbsorbedAsTheirMinimalUnsignedMagnitude() {
            byte[] magnitude = {(byte) 0x80};
            assertEquals(new Transcript("d").append("x", magnitude).challenge(64),
                    new Transcript("d").append("x", BigInteger.valueOf(128)).challenge(64));
            assertArrayEquals(new byte[] {0}, Transcript.unsigned(BigInteger.ZERO));
        }

        @Test
        void negativeIntegersAreRejected() {
            assertThrows(ValueOutOfRangeException.class,
                    () -> new Transcript("d").append("x", BigInteger.valueOf(-1)));
        }

        @Test
        void aTranscriptYieldsOneChallengeStream() {
            Transcript t = new Transcript("d").append("x", "v".getBytes(StandardCharsets.UTF_8));
            t.challenge(64);
            assertThrows(IllegalStateException.class, () -> t.append("y", "w"));
        }

        @Test
        void challengesBelowAModulusStayBelowIt() {
            BigInteger modulus = BigInteger.valueOf(1_000_003);
            for (BigInteger c : new Transcript("d").append("x", "v").challengesBelow(modulus, 200)) {
                assertTrue(c.signum() >= 0 && c.compareTo(modulus) < 0);
            }
        }
    }
}
