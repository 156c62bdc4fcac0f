package io.neighbourgrid.protocol.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Fabric's composite-key format, written once so both ledger implementations produce identical keys. */
public final class CompositeKeys {
    /** The separator of a composite key's parts, as Fabric's shim writes it. */
    public static final char DELIMITER = '\u0000';
    private static final int MAX_UNICODE = 0x10FFFF;

    private CompositeKeys() {
    }

    /** U+0000 + objectType + U+0000 + (attribute + U+0000)*, as the Fabric shim's {@code CompositeKey}. */
    public static String create(String objectType, String... attributes) {
        validate(objectType, "object type");
        StringBuilder sb = new StringBuilder().append(DELIMITER).append(objectType).append(DELIMITER);
        for (String a : attributes) {
            validate(a, "attribute");
            sb.append(a).append(DELIMITER);
        }
        return sb.toString();
    }

    /** Splits a composite key into its object type followed by its attributes. */
    public static List<String> split(String compositeKey) {
        if (compositeKey.isEmpty() || compositeKey.charAt(0) != DELIMITER) {
            throw new IllegalArgumentException("not a composite key");
        }
        List<String> parts = new ArrayList<>();
        int start = 1;
        for (int i = 1; i < compositeKey.length(); i++) {
            if (compositeKey.charAt(i) == DELIMITER) {
                parts.add(compositeKey.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static void validate(String part, String what) {
        Objects.requireNonNull(part, what);
        if (part.indexOf(DELIMITER) >= 0 || part.codePoints().anyMatch(c -> c == MAX_UNICODE)) {
            throw new IllegalArgumentException("composite key " + what + " contains a reserved character");
        }
    }
}
