package io.neighbourgrid.privacy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Searches bytes for private values written in any encoding the project uses: decimal, fixed-point decimal (kWh,
 * cents), JSON number, hexadecimal, big-endian two's-complement bytes and Base64 of those bytes at every alignment.
 *
 * <p>What is too short to search, so that bytes that merely happen to agree with a value are not reported:
 * <ul>
 *   <li>a value below {@link #MIN_UNITS} in magnitude (fewer than five decimal digits, such as 0, or 2048, or 2025
 *       as the ledger's key sizes and timestamps write them) is not searched at all;</li>
 *   <li>a number written as text is matched only as a whole number (no letter or digit, nor a point between digits,
 *       next to it inside its field) and only with at least {@link #MIN_DIGITS} significant digits;</li>
 *   <li>raw bytes are matched anywhere, when at least {@link #MIN_BYTES} long and at least
 *       {@link #MIN_SIGNIFICANT_BYTES} of them are not sign extension: {@code 00 00 00 00 00 00 27 10} is also a
 *       zero count followed by a length;</li>
 *   <li>Base64 is matched anywhere, when its bytes pass that rule and at least {@link #MIN_BASE64_CHARS} characters
 *       (48 bits) are left after dropping the edge characters that the value shares with its neighbouring bytes.</li>
 * </ul>
 */
final class LeakageScanner {
    static final long MIN_UNITS = 10_000;
    static final int MIN_DIGITS = 5;
    static final int MIN_BYTES = 4;
    static final int MIN_SIGNIFICANT_BYTES = 3;
    static final int MIN_BASE64_CHARS = 8;

    /** One private value: what it is, whose and when, in fixed-point units of {@code scale}. */
    record Secret(String home, long window, String quantity, long units, long scale) {
        @Override
        public String toString() {
            return home + " window " + window + " " + quantity + " = " + units;
        }
    }

    /** How a needle is matched: anywhere, or only as a whole number. */
    enum Match { ANYWHERE, WHOLE_NUMBER }

    /** One way of writing a value; {@code encode} returns {@code null} where the encoding does not apply. */
    record Encoding(String name, Match match, Function<Secret, byte[]> encode) {
    }

    private static final Base64.Encoder STANDARD = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    /** Every encoding searched. Adding one is one line. */
    static final List<Encoding> ENCODINGS = List.of(
            number("decimal", s -> Long.toString(s.units())),
            number("fixed-point decimal (kWh, cents)", s -> fixedPoint(s).toPlainString()),
            number("fixed-point decimal, trailing zeros dropped", s -> fixedPoint(s).stripTrailingZeros()
                    .toPlainString()),
            number("JSON number (double)", s -> Double.toString((double) s.units() / s.scale())),
            number("hex", s -> BigInteger.valueOf(s.units()).toString(16)),
            number("HEX", s -> BigInteger.valueOf(s.units()).toString(16).toUpperCase(Locale.ROOT)),
            number("0x hex", s -> "0x" + Long.toHexString(s.units())),
            number("hex of the minimal bytes", s -> HexFormat.of().formatHex(bytes(s))),
            number("HEX of the minimal bytes", s -> HexFormat.of().withUpperCase().formatHex(bytes(s))),
            anywhere("hex of the 8 bytes", s -> ascii(String.format(Locale.ROOT, "%016x", s.units()))),
            anywhere("HEX of the 8 bytes", s -> ascii(String.format(Locale.ROOT, "%016X", s.units()))),
            anywhere("minimal bytes", LeakageScanner::minimal),
            anywhere("8 bytes", LeakageScanner::eight),
            base64("Base64 of the minimal bytes", STANDARD, LeakageScanner::minimal, 0),
            base64("Base64 of the minimal bytes", STANDARD, LeakageScanner::minimal, 1),
            base64("Base64 of the minimal bytes", STANDARD, LeakageScanner::minimal, 2),
            base64("URL-safe Base64 of the minimal bytes", URL_SAFE, LeakageScanner::minimal, 0),
            base64("URL-safe Base64 of the minimal bytes", URL_SAFE, LeakageScanner::minimal, 1),
            base64("URL-safe Base64 of the minimal bytes", URL_SAFE, LeakageScanner::minimal, 2),
            base64("Base64 of the 8 bytes", STANDARD, LeakageScanner::eight, 0),
            base64("Base64 of the 8 bytes", STANDARD, LeakageScanner::eight, 1),
            base64("Base64 of the 8 bytes", STANDARD, LeakageScanner::eight, 2),
            base64("URL-safe Base64 of the 8 bytes", URL_SAFE, LeakageScanner::eight, 0),
            base64("URL-safe Base64 of the 8 bytes", URL_SAFE, LeakageScanner::eight, 1),
            base64("URL-safe Base64 of the 8 bytes", URL_SAFE, LeakageScanner::eight, 2),
            base64("Base64 of the decimal text", STANDARD, s -> ascii(Long.toString(s.units())), 0),
            base64("Base64 of the decimal text", STANDARD, s -> ascii(Long.toString(s.units())), 1),
            base64("Base64 of the decimal text", STANDARD, s -> ascii(Long.toString(s.units())), 2));

    /** The bytes searched for one value, and every encoding (and alignment) that yields them. */
    record Needle(long units, byte[] bytes, Match match, List<String> encodings) {
        boolean occursAt(byte[] data, int at) {
            int end = at + bytes.length;
            return end <= data.length && Arrays.equals(data, at, end, bytes, 0, bytes.length);
        }

        /** Whether an occurrence at {@code at}, inside a field spanning {@code [from, to)}, is a match. */
        boolean matchesAt(byte[] data, int at, int from, int to) {
            return match == Match.ANYWHERE || !continuesNumber(data, at - 1, -1, from, to)
                    && !continuesNumber(data, at + bytes.length, 1, from, to);
        }

        String text() {
            return printable(bytes, 0, bytes.length);
        }
    }

    /** A needle found: in which block and field, at which offset, with the bytes around it. */
    record Hit(Needle needle, List<Secret> secrets, long block, String field, int offset, String context) {
        @Override
        public String toString() {
            return secrets + " as " + needle.encodings() + " '" + needle.text() + "' in block " + block + ", " + field
                    + ", offset " + offset + ": ..." + context + "...";
        }
    }

    private final Map<Long, List<Secret>> secretsByUnits = new TreeMap<>();
    private final Map<Integer, List<Needle>> needlesByPrefix = new HashMap<>();
    private final Map<String, Integer> needlesPerEncoding = new LinkedHashMap<>();
    private int needles;
    private int skippedNeedles;
    private int skippedSecrets;
    private long bytesScanned;

    /** Prepares the needles of every secret (values too short to search are counted and left out). */
    LeakageScanner(List<Secret> secrets) {
        for (Secret s : secrets) {
            if (Math.abs(s.units()) < MIN_UNITS) {
                skippedSecrets++;
            } else {
                secretsByUnits.computeIfAbsent(s.units(), u -> new ArrayList<>()).add(s);
            }
        }
        ENCODINGS.forEach(e -> needlesPerEncoding.put(e.name(), 0));
        for (List<Secret> same : secretsByUnits.values()) {
            Map<String, Needle> distinct = new LinkedHashMap<>();
            for (Encoding e : ENCODINGS) {
                byte[] b = e.encode().apply(same.get(0));
                if (b == null) {
                    skippedNeedles++;
                    continue;
                }
                Needle n = distinct.computeIfAbsent(e.match() + ":" + HexFormat.of().formatHex(b),
                        k -> new Needle(same.get(0).units(), b, e.match(), new ArrayList<>()));
                if (!n.encodings().contains(e.name())) {
                    n.encodings().add(e.name());
                    needlesPerEncoding.merge(e.name(), 1, Integer::sum);
                }
            }
            for (Needle n : distinct.values()) {
                needlesByPrefix.computeIfAbsent(prefix(n.bytes(), 0), k -> new ArrayList<>()).add(n);
                needles++;
            }
        }
    }

    /** Every needle found in {@code block}. */
    List<Hit> scan(BlockLog.LoggedBlock block) {
        byte[] data = block.encoding();
        bytesScanned += data.length;
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i + 4 <= data.length; i++) {
            List<Needle> candidates = needlesByPrefix.get(prefix(data, i));
            if (candidates == null) {
                continue;
            }
            for (Needle n : candidates) {
                if (!n.occursAt(data, i)) {
                    continue;
                }
                BlockLog.Field field = block.fieldAt(i);
                int from = field == null ? 0 : field.start();
                int to = field == null ? data.length : field.end();
                // Every value is written inside one field: bytes that only line up across a field's end are not one.
                if (i + n.bytes().length <= to && n.matchesAt(data, i, from, to)) {
                    hits.add(new Hit(n, secretsByUnits.get(n.units()), block.number(),
                            field == null ? "block framing" : field.label(), i,
                            printable(data, Math.max(from, i - 40), Math.min(to, i + n.bytes().length + 40))));
                }
            }
        }
        return hits;
    }

    /** Distinct values searched. */
    int values() {
        return secretsByUnits.size();
    }

    /** Secrets not searched because they are shorter than {@link #MIN_UNITS}. */
    int skippedSecrets() {
        return skippedSecrets;
    }

    /** Needles searched (distinct byte strings over all values and encodings). */
    int needles() {
        return needles;
    }

    /** Value-encoding pairs left out because the encoding was too short for the value. */
    int skippedNeedles() {
        return skippedNeedles;
    }

    /** How many values each encoding contributed a needle for. */
    Map<String, Integer> needlesPerEncoding() {
        return needlesPerEncoding;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    // ------------------------------------------------------------------ encodings

    private static Encoding number(String name, Function<Secret, String> text) {
        return new Encoding(name, Match.WHOLE_NUMBER, s -> {
            String t = text.apply(s);
            return significantDigits(t) < MIN_DIGITS ? null : ascii(t);
        });
    }

    private static Encoding anywhere(String name, Function<Secret, byte[]> bytes) {
        return new Encoding(name, Match.ANYWHERE, bytes);
    }

    /**
     * Base64 of {@code bytes} placed after {@code shift} other bytes of a longer string: only the characters made
     * wholly of the value's bits are fixed, so the edge characters shared with the neighbours are dropped.
     */
    private static Encoding base64(String name, Base64.Encoder encoder, Function<Secret, byte[]> bytes, int shift) {
        return new Encoding(name + (shift == 0 ? "" : ", shifted by " + shift), Match.ANYWHERE, s -> {
            byte[] value = bytes.apply(s);
            if (value == null) {
                return null;
            }
            byte[] placed = new byte[shift + value.length];
            System.arraycopy(value, 0, placed, shift, value.length);
            String text = encoder.encodeToString(placed);
            String fixed = text.substring((8 * shift + 5) / 6, 8 * placed.length / 6);
            return fixed.length() < MIN_BASE64_CHARS ? null : ascii(fixed);
        });
    }

    private static BigDecimal fixedPoint(Secret s) {
        return new BigDecimal(BigInteger.valueOf(s.units()), Long.toString(s.scale()).length() - 1);
    }

    /** Big-endian two's complement, as short as the value allows ({@link BigInteger#toByteArray}). */
    private static byte[] bytes(Secret s) {
        return BigInteger.valueOf(s.units()).toByteArray();
    }

    /** {@link #bytes}, when long enough to search. */
    private static byte[] minimal(Secret s) {
        return searchable(s, bytes(s));
    }

    /** Big-endian two's complement in 8 bytes, as {@link ByteBuffer#putLong} and {@code DataOutput} write it. */
    private static byte[] eight(Secret s) {
        return searchable(s, ByteBuffer.allocate(8).putLong(s.units()).array());
    }

    private static byte[] searchable(Secret s, byte[] b) {
        int significant = bytes(s).length;
        return b.length < MIN_BYTES || significant < MIN_SIGNIFICANT_BYTES ? null : b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int significantDigits(String number) {
        String digits = number.replaceFirst("^-?(0x)?", "").replace(".", "").replaceFirst("^0+", "");
        return digits.length();
    }

    // ------------------------------------------------------------------ matching

    /**
     * Whether the byte at {@code i} would make the number next to it a longer number; the edges of the field
     * {@code [from, to)} (a length prefix precedes every string) end a number.
     */
    private static boolean continuesNumber(byte[] data, int i, int away, int from, int to) {
        if (i < from || i >= to) {
            return false;
        }
        char c = (char) (data[i] & 0xFF);
        if (c < 128 && Character.isLetterOrDigit(c)) {
            return true;
        }
        int beyond = i + away;
        return c == '.' && beyond >= from && beyond < to && Character.isDigit((char) (data[beyond] & 0xFF));
    }

    private static int prefix(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static String printable(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 32 && c < 127 ? (char) c : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return s.toString();
    }
}
