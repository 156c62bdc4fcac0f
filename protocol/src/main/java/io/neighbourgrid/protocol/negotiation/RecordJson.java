package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.json.StrictJson;
import java.util.Set;

/** Strict reading of the negotiation's JSON records: exact top-level fields, then the record's own types. */
final class RecordJson {
    private RecordJson() {
    }

    /**
     * Parses {@code json} as {@code type} after checking its fields.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON}
     */
    static <T> T parse(String json, String what, Set<String> fields, Class<T> type) {
        return parse(json, what, fields, Set.of(), type);
    }

    /** As {@link #parse(String, String, Set, Class)}, with optional fields. */
    static <T> T parse(String json, String what, Set<String> fields, Set<String> optional, Class<T> type) {
        StrictJson.object(json, what, fields, optional);
        try {
            return CanonicalJson.fromJson(json, type);
        } catch (RuntimeException e) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " does not match its record: " + e.getMessage());
        }
    }
}
