package io.neighbourgrid.protocol.ecoin;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.json.StrictJson;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Strict reading of the e-coin contract's JSON arguments into their records: exactly the record's fields (checked by
 * {@link StrictJson#map}), then the record through the one canonical serializer, then the record's own checks.
 * Every failure is {@link ErrorCode#MALFORMED_JSON} or {@link ErrorCode#INVALID_ARGUMENT}, naming the argument.
 */
public final class EcoinJson {
    /** A lower-case hex SHA-256. */
    public static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Offer, request and batch ids: 16 to 64 characters of URL-safe Base64 or hex. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private EcoinJson() {
    }

    /**
     * Parses a JSON argument into its record, requiring exactly the record's components as fields.
     *
     * @param json the argument
     * @param what its name in messages
     * @param type the record type
     * @return the record
     */
    public static <T extends Record> T parse(String json, String what, Class<T> type) {
        Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toUnmodifiableSet());
        StrictJson.map(json, what, fields, Set.of());
        try {
            return CanonicalJson.fromJson(json, type);
        } catch (RuntimeException e) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " does not have the fields' types: " + e.getMessage(), e);
        }
    }

    /** Decodes standard Base64 of at most {@code maxBytes} bytes, else {@link ErrorCode#INVALID_ARGUMENT}. */
    public static byte[] base64(String text, String what, int maxBytes) {
        if (text == null || text.isEmpty() || text.length() > 4 * (maxBytes + 2) / 3 + 4) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " must be non-empty Base64 of at most " + maxBytes
                    + " bytes");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " is not Base64", e);
        }
    }

    /** Requires an id of {@link #ID}'s form. */
    public static String id(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " must be 16 to 64 characters of [A-Za-z0-9_-]");
        }
        return id;
    }

    /** Requires a lower-case hex SHA-256. */
    public static String sha256Hex(String hex, String what) {
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " must be a lower-case hex SHA-256");
        }
        return hex;
    }

    /** Requires a non-empty list of at most {@code max} entries. */
    public static List<String> list(List<String> list, String what, int max) {
        if (list == null || list.isEmpty() || list.size() > max || list.contains(null)) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " must list 1 to " + max + " entries");
        }
        return List.copyOf(list);
    }
}
