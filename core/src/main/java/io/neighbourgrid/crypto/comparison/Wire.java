package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The binary encoding of keys and comparison messages: big-endian fixed-width integers, length-prefixed byte
 * strings and fixed-width unsigned integers. The reader checks every bound and rejects trailing bytes, raising
 * {@link ComparisonException} with {@link Reason#MALFORMED}.
 */
final class Wire {
    private Wire() {
    }

    /** Unsigned big-endian encoding of {@code value} left-padded to exactly {@code width} bytes. */
    static byte[] fixedWidth(BigInteger value, int width) {
        if (value.signum() < 0 || value.bitLength() > 8 * width) {
            throw new IllegalArgumentException("integer of " + value.bitLength() + " bits does not fit " + width
                    + " bytes");
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
        return out;
    }

    static final class Writer {
        private final ByteArrayOutputStream out;

        Writer(int expectedSize) {
            out = new ByteArrayOutputStream(expectedSize);
        }

        Writer u8(int v) {
            if (v < 0 || v > 0xFF) {
                throw new IllegalArgumentException("value does not fit one byte: " + v);
            }
            out.write(v);
            return this;
        }

        Writer u16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("value does not fit two bytes: " + v);
            }
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer u32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Writer fixed(BigInteger v, int width) {
            return raw(fixedWidth(v, width));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final byte[] data;
        private final String what;
        private int pos;

        Reader(byte[] data, String what) {
            if (data == null) {
                throw new ComparisonException(Reason.MALFORMED, what + " is missing");
            }
            this.data = data;
            this.what = what;
        }

        private void need(int n) {
            if (n < 0 || data.length - pos < n) {
                throw new ComparisonException(Reason.MALFORMED, what + " is truncated at byte " + pos + " (needs " + n
                        + " more bytes, has " + (data.length - pos) + ")");
            }
        }

        int position() {
            return pos;
        }

        int u8() {
            need(1);
            return data[pos++] & 0xFF;
        }

        int u16() {
            need(2);
            int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        /** An unsigned 32-bit value; values above {@link Integer#MAX_VALUE} are rejected as malformed. */
        int u32() {
            need(4);
            int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                    | (data[pos + 3] & 0xFF);
            if (v < 0) {
                throw new ComparisonException(Reason.MALFORMED, what + " has a 32-bit field above 2^31 - 1 at byte " + pos);
            }
            pos += 4;
            return v;
        }

        byte[] raw(int length) {
            need(length);
            byte[] out = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        BigInteger fixed(int width) {
            need(width);
            BigInteger v = new BigInteger(1, data, pos, width);
            pos += width;
            return v;
        }

        void finish() {
            if (pos != data.length) {
                throw new ComparisonException(Reason.MALFORMED, what + " has " + (data.length - pos)
                        + " trailing bytes after byte " + pos);
            }
        }
    }
}
