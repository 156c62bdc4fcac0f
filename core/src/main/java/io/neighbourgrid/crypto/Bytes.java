package io.neighbourgrid.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * Binary encodings shared by every type of the core: fixed-width unsigned integers, length-prefixed fields and a
 * strict reader that rejects truncation and trailing bytes. All integers are big-endian; lengths are 4-byte
 * prefixes ({@link Writer#field}) or, where a format fixes them, written by the format itself.
 */
public final class Bytes {
    private Bytes() {
    }

    /** Unsigned big-endian encoding of {@code value} left-padded to exactly {@code width} bytes. */
    public static byte[] fixedWidth(BigInteger value, int width) {
        if (value.signum() < 0) {
            throw new ValueOutOfRangeException("cannot encode a negative integer as unsigned");
        }
        byte[] raw = Transcript.unsigned(value);
        if (raw.length > width || (raw.length == width + 1 && raw[0] != 0)) {
            throw new ValueOutOfRangeException("integer of " + value.bitLength() + " bits does not fit " + width + " bytes");
        }
        byte[] out = new byte[width];
        System.arraycopy(raw, 0, out, width - raw.length, raw.length);
        return out;
    }

    /** Decodes standard Base64, naming {@code what} in the error. */
    public static byte[] fromBase64(String text, String what) {
        if (text == null) {
            throw new MalformedEncodingException(what + " is missing");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException(what + " is not valid Base64", e);
        }
    }

    /** Encodes as standard Base64 with padding. */
    public static String toBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Builds a binary message of length-prefixed fields. */
    public static final class Writer {
        private final ByteArrayOutputStream out;

        /** A writer for a message of unknown size. */
        public Writer() {
            this(64);
        }

        /**
         * A writer for a message of about {@code expectedSize} bytes (the buffer grows past it if needed).
         *
         * @param expectedSize the expected message size, for the initial buffer
         */
        public Writer(int expectedSize) {
            out = new ByteArrayOutputStream(Math.max(expectedSize, 16));
        }

        public Writer u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        /**
         * An unsigned 16-bit value.
         *
         * @param v the value, in [0, 65535]
         * @return this writer
         * @throws ValueOutOfRangeException if the value does not fit two bytes
         */
        public Writer u16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new ValueOutOfRangeException("value " + v + " does not fit two bytes");
            }
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        public Writer u32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        public Writer u64(long v) {
            for (int i = 56; i >= 0; i -= 8) {
                out.write((int) (v >>> i));
            }
            return this;
        }

        /** A length-prefixed byte string. */
        public Writer field(byte[] bytes) {
            u32(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        /**
         * Bytes without a prefix, for formats that fix or announce their length themselves.
         *
         * @param bytes the bytes to append
         * @return this writer
         */
        public Writer raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        /** A length-prefixed unsigned integer (minimal magnitude). */
        public Writer integer(BigInteger v) {
            return field(Transcript.unsigned(v));
        }

        /** A fixed-width unsigned integer without a prefix. */
        public Writer fixed(BigInteger v, int width) {
            out.writeBytes(fixedWidth(v, width));
            return this;
        }

        /**
         * A signed integer as one sign byte (0 for zero and positive values, 1 for negative ones) followed by its
         * magnitude in exactly {@code width} bytes, big-endian. Zero is always written with sign byte 0, so every
         * integer has exactly one encoding.
         *
         * @param v     the integer
         * @param width the magnitude's width in bytes
         * @return this writer
         * @throws ValueOutOfRangeException if the magnitude does not fit {@code width} bytes
         */
        public Writer signed(BigInteger v, int width) {
            u8(v.signum() < 0 ? 1 : 0);
            return fixed(v.abs(), width);
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /**
     * Reads what {@link Writer} wrote; every read checks bounds and {@link #finish()} rejects trailing bytes. A
     * defect raises {@link MalformedEncodingException}, or the exception a format asks for
     * ({@link #Reader(byte[], String, Function)}), with a message that names what was being read and where.
     */
    public static final class Reader {
        private final byte[] data;
        private final String what;
        private final Function<String, ? extends CryptoException> malformed;
        private int pos;

        /**
         * A reader raising {@link MalformedEncodingException}.
         *
         * @param data the encoding
         * @param what what is being read, for error messages
         * @throws MalformedEncodingException if {@code data} is null
         */
        public Reader(byte[] data, String what) {
            this(data, what, MalformedEncodingException::new);
        }

        /**
         * A reader raising the exception that {@code malformed} makes of a message, for formats with their own
         * error type.
         *
         * @param data      the encoding
         * @param what      what is being read, for error messages
         * @param malformed makes the exception for a truncated, overlong or otherwise malformed encoding
         * @throws CryptoException made by {@code malformed} if {@code data} is null
         */
        public Reader(byte[] data, String what, Function<String, ? extends CryptoException> malformed) {
            this.what = Objects.requireNonNull(what, "what");
            this.malformed = Objects.requireNonNull(malformed, "malformed");
            if (data == null) {
                throw malformed.apply(what + " is missing");
            }
            this.data = data;
        }

        private void need(int n) {
            if (n < 0 || data.length - pos < n) {
                throw malformed.apply(what + " is truncated at byte " + pos + " (needs " + n + " more bytes, has "
                        + (data.length - pos) + ")");
            }
        }

        public int u8() {
            need(1);
            return data[pos++] & 0xFF;
        }

        /**
         * An unsigned 16-bit value.
         *
         * @return the value, in [0, 65535]
         */
        public int u16() {
            need(2);
            int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        public int u32() {
            need(4);
            int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                    | (data[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        public long u64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (data[pos++] & 0xFF);
            }
            return v;
        }

        /** A length-prefixed byte string of at most {@code maxLength} bytes. */
        public byte[] field(int maxLength) {
            int len = u32();
            if (len < 0 || len > maxLength) {
                throw malformed.apply(what + " has a field of length " + len + " (at most " + maxLength + ")");
            }
            return raw(len);
        }

        /**
         * Exactly {@code length} bytes without a prefix.
         *
         * @param length how many bytes to read
         * @return a copy of them
         */
        public byte[] raw(int length) {
            need(length);
            byte[] out = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        /** A length-prefixed unsigned integer of at most {@code maxBytes} bytes, minimally encoded. */
        public BigInteger integer(int maxBytes) {
            byte[] b = field(maxBytes);
            if (b.length == 0 || (b.length > 1 && b[0] == 0)) {
                throw malformed.apply(what + " has a non-canonical integer at byte " + pos);
            }
            return new BigInteger(1, b);
        }

        /** A fixed-width unsigned integer. */
        public BigInteger fixed(int width) {
            need(width);
            BigInteger v = new BigInteger(1, data, pos, width);
            pos += width;
            return v;
        }

        /**
         * A signed integer written by {@link Writer#signed}: a sign byte that must be 0 or 1, then a magnitude of
         * exactly {@code width} bytes; a negative zero is rejected, so the encoding is canonical.
         *
         * @param width the magnitude's width in bytes
         * @return the integer
         */
        public BigInteger signed(int width) {
            int at = pos;
            int sign = u8();
            if (sign > 1) {
                throw malformed.apply(what + " has an unknown sign byte " + sign + " at byte " + at);
            }
            BigInteger magnitude = fixed(width);
            if (sign == 1 && magnitude.signum() == 0) {
                throw malformed.apply(what + " has a negative zero at byte " + at);
            }
            return sign == 1 ? magnitude.negate() : magnitude;
        }

        public void finish() {
            if (pos != data.length) {
                throw malformed.apply(what + " has " + (data.length - pos) + " trailing bytes after byte " + pos);
            }
        }
    }
}
