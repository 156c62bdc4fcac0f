package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import java.util.List;
import java.util.Set;

/**
 * The market operator's recording of the negotiated trades, one per pair, and the ledger's record of it.
 *
 * @param iterations the iterations the negotiation took
 * @param trades     the trades, one per configured pair
 * @param recordedAt the recording transaction's timestamp (ISO-8601), set by the contract ({@code null} in the
 *                   argument)
 * @param txId       the recording transaction's id, set by the contract ({@code null} in the argument)
 */
public record TradeRecording(long iterations, List<TradeRecord> trades, String recordedAt, String txId) {
    /** The argument's name in messages. */
    public static final String WHAT = "trade recording";
    /** Fields of the argument. */
    public static final Set<String> FIELDS = Set.of("iterations", "trades");

    public TradeRecording {
        trades = List.copyOf(trades);
    }

    /** The argument as canonical JSON. */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /**
     * Parses the market operator's argument.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} or {@code INVALID_ARGUMENT}
     */
    public static TradeRecording parse(String json) {
        TradeRecording r = RecordJson.parse(json, WHAT, FIELDS, TradeRecording.class);
        for (TradeRecord t : r.trades()) {
            if (t == null || t.producer() == null || t.consumer() == null || (t.mask() == null) != (t.salt() == null)) {
                throw ErrorCode.MALFORMED_JSON.exception(WHAT + " has an incomplete trade");
            }
        }
        return r;
    }
}
