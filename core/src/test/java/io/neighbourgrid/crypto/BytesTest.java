package io.neighbourgrid.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Nested
    class FixedWidth {

        @Test
        void padsOnTheLeft() {
            assertArrayEquals(new byte[] {0, 0, 1, 2}, Bytes.fixedWidth(BigInteger.valueOf(0x0102), 4));
        }

        @Test
        void rejectsValuesThatDoNotFit() {
            assertThrows(ValueOutOfRangeException.class, () -> Bytes.fixedWidth(BigInteger.valueOf(0x010000), 2));
            assertThrows(ValueOutOfRangeException.class, () -> Bytes.fixedWidth(BigInteger.valueOf(-1), 2));
        }
    }

    @Nested
    class Reader {

        @Test
        void readsWhatTheWriterWrote() {
            byte[] encoded = new Bytes.Writer().u8(7).u32(70000).u64(-2L).field(new byte[] {9, 8})
                    .integer(BigInteger.valueOf(300)).fixed(BigInteger.TEN, 3).toByteArray();
            Bytes.Reader in = new Bytes.Reader(encoded, "test message");
            assertEquals(7, in.u8());
            assertEquals(70000, in.u32());
            assertEquals(-2L, in.u64());
            assertArrayEquals(new byte[] {9, 8}, in.field(2));
            assertEquals(BigInteger.valueOf(300), in.integer(2));
            assertEquals(BigInteger.TEN, in.fixed(3));
            in.finish();
        }

        @Test
        void rejectsTruncationTrailingBytesAndOverlongFields() {
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(new byte[] {0, 0}, "m").u32());
            Bytes.Reader trailing = new Bytes.Reader(new byte[] {1, 2}, "m");
            trailing.u8();
            assertThrows(MalformedEncodingException.class, trailing::finish);
            byte[] longField = new Bytes.Writer().field(new byte[5]).toByteArray();
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(longField, "m").field(4));
        }

        @Test
        void rejectsNonCanonicalIntegers() {
            byte[] leadingZero = new Bytes.Writer().field(new byte[] {0, 1}).toByteArray();
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(leadingZero, "m").integer(4));
            byte[] empty = new Bytes.Writer().field(new byte[0]).toByteArray();
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(empty, "m").integer(4));
        }

        @Test
        void readsUnprefixedBytesAndSixteenBitValues() {
            byte[] encoded = new Bytes.Writer(8).u16(0).u16(65_535).raw(new byte[] {4, 5, 6}).u16(258).toByteArray();
            assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF, 4, 5, 6, 1, 2}, encoded);
            Bytes.Reader in = new Bytes.Reader(encoded, "m");
            assertEquals(0, in.u16());
            assertEquals(65_535, in.u16());
            assertArrayEquals(new byte[] {4, 5, 6}, in.raw(3));
            assertEquals(258, in.u16());
            in.finish();
        }

        @Test
        void sixteenBitValuesOutOfRangeAreRefused() {
            assertThrows(ValueOutOfRangeException.class, () -> new Bytes.Writer().u16(65_536));
            assertThrows(ValueOutOfRangeException.class, () -> new Bytes.Writer().u16(-1));
        }

        @Test
        void truncatedRawReadsAndMissingInputAreMalformed() {
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(new byte[] {1, 2}, "m").raw(3));
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(new byte[] {1, 2}, "m").raw(-1));
            assertThrows(MalformedEncodingException.class, () -> new Bytes.Reader(new byte[] {1}, "m").u16());
            MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                    () -> new Bytes.Reader(null, "test message"));
            assertEquals("test message is missing", e.getMessage());
        }

        @Test
        void aFormatCanRaiseItsOwnExceptionForEveryDefect() {
            Function<String, InvalidProofException> own = InvalidProofException::new;
            assertThrows(InvalidProofException.class, () -> new Bytes.Reader(null, "m", own));
            assertThrows(InvalidProofException.class, () -> new Bytes.Reader(new byte[] {1}, "m", own).u32());
            Bytes.Reader trailing = new Bytes.Reader(new byte[] {1, 2}, "m", own);
            trailing.u8();
            InvalidProofException e = assertThrows(InvalidProofException.class, trailing::finish);
            assertEquals("m has 1 trailing bytes after byte 1", e.getMessage());
            byte[] longField = new Bytes.Writer().field(new byte[5]).toByteArray();
            assertThrows(InvalidProofException.class, () -> new Bytes.Reader(longField, "m", own).field(4));
            byte[] leadingZero = new Bytes.Writer().field(new byte[] {0, 1}).toByteArray();
            assertThrows(InvalidProofException.class, () -> new Bytes.Reader(leadingZero, "m", own).integer(4));
        }

        @Test
        void base64ErrorsNameWhatWasBeingDecoded() {
            MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                    () -> Bytes.fromBase64("not base64!", "ciphertext"));
            assertEquals("ciphertext is not valid Base64", e.getMessage());
        }
    }
}
