package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import java.util.List;
import java.util.Set;

/**
 * The line manager's prices after an iteration (seed 002, Eq. 18), in 10^-12 USD/kW per line, in the order of the
 * configuration's lines. Public: every trader needs the prices of the lines its trades use.
 *
 * @param iteration the iteration {@code k} whose flows they answer
 * @param up        {@code rho_l^up}, non-negative
 * @param down      {@code rho_l^down}, non-negative
 */
public record LinePriceRecord(long iteration, List<Long> up, List<Long> down) {
    /** The argument's name in messages. */
    public static final String WHAT = "line prices";
    /** Every field, all required. */
    public static final Set<String> FIELDS = Set.of("iteration", "up", "down");

    public LinePriceRecord {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    /** The record as canonical JSON. */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /**
     * Parses and checks the line manager's argument.
     *
     * @param json  the argument
     * @param lines the number of configured lines
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} or {@code INVALID_ARGUMENT}
     */
    public static LinePriceRecord parse(String json, int lines) {
        LinePriceRecord r = RecordJson.parse(json, WHAT, FIELDS, LinePriceRecord.class);
        if (r.up().size() != lines || r.down().size() != lines) {
            throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + " need " + lines + " upper and lower prices");
        }
        for (int l = 0; l < lines; l++) {
            if (r.up().get(l) == null || r.down().get(l) == null || r.up().get(l) < 0 || r.down().get(l) < 0) {
                throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + " must be non-negative (line " + l + ")");
            }
        }
        return r;
    }
}
