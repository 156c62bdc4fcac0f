package io.neighbourgrid.chaincode.billing;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.json.JsonFormatException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillLayout;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Strict reading of the billing transactions' arguments. JSON arguments go through
 * {@link CanonicalJson}'s strict parser (no comments, no duplicate names, nothing after the value) and must have
 * exactly the expected fields; every failure is the {@link ErrorCode} the protocol documents, naming the argument.
 */
final class BillingArgs {
    /** Longest JSON argument, in characters. */
    static final int MAX_JSON_CHARS = 1 << 20;
    /** Longest decimal plaintext: beyond anything a key of the largest size carries. */
    static final int MAX_DECIMAL_CHARS = 2600;
    /** Longest Base64 proof. */
    static final int MAX_PROOF_CHARS = 1 << 16;
    private static final Pattern HOME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern WINDOW_INDEX = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Pattern PERIOD = Pattern.compile("(0|[1-9][0-9]{0,17})-(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DISPUTE_ID = Pattern.compile("[A-Za-z0-9._-]{1,256}");

    private BillingArgs() {
    }

    /** A JSON object with every field of {@code required}, possibly some of {@code optional}, and no other. */
    static Map<String, Object> object(String json, String what, Set<String> required, Set<String> optional) {
        if (json == null || json.isEmpty()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is empty");
        }
        if (json.length() > MAX_JSON_CHARS) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is longer than " + MAX_JSON_CHARS + " characters");
        }
        if (!json.strip().startsWith("{")) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " must be a JSON object");
        }
        Map<String, Object> o;
        try {
            o = CanonicalJson.toMap(json);
        } catch (JsonFormatException e) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is not well-formed JSON: " + e.getMessage(), e);
        }
        for (String name : new TreeSet<>(required)) {
            if (!o.containsKey(name)) {
                throw ErrorCode.MALFORMED_JSON.exception(what + " lacks the field \"" + name + "\"");
            }
        }
        for (String name : new TreeSet<>(o.keySet())) {
            if (!required.contains(name) && !optional.contains(name)) {
                throw ErrorCode.MALFORMED_JSON.exception(what + " has the unknown field \"" + name + "\"");
            }
        }
        return o;
    }

    /** A string field; {@code null} when absent. */
    static String string(Map<String, Object> o, String name, String what) {
        Object v = o.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be a string");
        }
        return s;
    }

    /** An integer field within the range of {@code long}. */
    static long integer(Map<String, Object> o, String name, String what) {
        Object v = o.get(name);
        if (!(v instanceof Long l)) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be an integer within 64 bits");
        }
        return l;
    }

    static long window(String window) {
        if (window == null || !WINDOW_INDEX.matcher(window).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("window index must be a non-negative decimal integer without "
                    + "leading zeros, at most 18 digits");
        }
        return Long.parseLong(window);
    }

    static String homeId(String homeId) {
        if (homeId == null || !HOME_ID.matcher(homeId).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("home id must be 1 to 64 characters of [A-Za-z0-9._-] "
                    + "starting with a letter or digit");
        }
        return homeId;
    }

    /** A billing period {@code from-to}: {@code from <= to}, at most {@link BillLayout#MAX_PERIOD_WINDOWS}. */
    static long[] period(String period) {
        var m = period == null ? null : PERIOD.matcher(period);
        if (m == null || !m.matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("period must be FROM-TO, two window indices");
        }
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        if (from > to || to - from >= BillLayout.MAX_PERIOD_WINDOWS) {
            throw ErrorCode.INVALID_ARGUMENT.exception("period " + period + " must have FROM <= TO and at most "
                    + BillLayout.MAX_PERIOD_WINDOWS + " windows");
        }
        return new long[] {from, to};
    }

    static BigInteger decimal(String text, String name) {
        if (text == null || text.length() > MAX_DECIMAL_CHARS || !DECIMAL.matcher(text).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(name + " must be a decimal integer without leading zeros");
        }
        return new BigInteger(text);
    }

    static String evidenceHash(String hash) {
        if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the evidence hash must be 64 lower-case hex digits (SHA-256)");
        }
        return hash;
    }

    /** A dispute id: the opening transaction's id. */
    static String disputeId(String id) {
        if (id == null || !DISPUTE_ID.matcher(id).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("dispute id must be 1 to 256 characters of [A-Za-z0-9._-]");
        }
        return id;
    }

    /** A dispute reason: 1 to 500 characters, no control characters. */
    static String reason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500
                || reason.codePoints().anyMatch(Character::isISOControl)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the reason must be 1 to 500 characters without control "
                    + "characters");
        }
        return reason;
    }
}
