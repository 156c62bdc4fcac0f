package io.neighbourgrid.chaincode.billing;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.json.StrictJson;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of the billing transactions' arguments. JSON arguments go through {@link StrictJson#map} (the
 * strict parser of {@code CanonicalJson}: no comments, no duplicate names, nothing after the value) and must have
 * exactly the expected fields; home ids, window indices and decimals follow the contract's {@link Syntax}; every
 * failure is the {@link ErrorCode} the protocol documents, naming the argument.
 */
final class BillingArgs {
    /** Longest JSON argument, in characters. */
    static final int MAX_JSON_CHARS = StrictJson.MAX_CHARS;
    /** Longest decimal plaintext: beyond anything a key of the largest size carries. */
    static final int MAX_DECIMAL_CHARS = Syntax.MAX_DECIMAL_CHARS;
    /** Longest Base64 proof. */
    static final int MAX_PROOF_CHARS = DecryptionArgs.MAX_PROOF_CHARS;
    private static final Pattern PERIOD = Pattern.compile("(" + Syntax.WINDOW_INDEX_REGEX + ")-("
            + Syntax.WINDOW_INDEX_REGEX + ")");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DISPUTE_ID = Pattern.compile("[A-Za-z0-9._-]{1,256}");

    private BillingArgs() {
    }

    /** A JSON object with every field of {@code required}, possibly some of {@code optional}, and no other. */
    static Map<String, Object> object(String json, String what, Set<String> required, Set<String> optional) {
        return StrictJson.map(json, what, required, optional);
    }

    /** A string field; {@code null} when absent. */
    static String string(Map<String, Object> o, String name, String what) {
        return StrictJson.string(o, name, what);
    }

    /** An integer field within the range of {@code long}. */
    static long integer(Map<String, Object> o, String name, String what) {
        return StrictJson.integer(o, name, what);
    }

    static long window(String window) {
        return Syntax.parseWindow(window);
    }

    static String homeId(String homeId) {
        return Syntax.parseHomeId(homeId);
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
        return Syntax.parseDecimal(text, name);
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
