package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.json.StrictJson;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The consumer's part of a pair's price update, under the producer's key, and its commitment to the mask it added.
 *
 * @param share          {@code Enc_n(floor(lambda^k / 2) - alpha_n^k P_mn + r)} (Base64)
 * @param maskCommitment {@link MaskCommitment} of its mask {@code r} (hex)
 */
public record ConsumerShareArgs(String share, String maskCommitment) {
    /** The argument's name in messages. */
    public static final String WHAT = "consumer share";
    /** Every field, all required. */
    public static final Set<String> FIELDS = Set.of("share", "maskCommitment");

    /** The argument as canonical JSON. */
    public String toJson() {
        Map<String, String> m = new TreeMap<>();
        m.put("share", share);
        m.put("maskCommitment", maskCommitment);
        return CanonicalJson.toJson(m);
    }

    /** Parses the argument strictly. */
    public static ConsumerShareArgs parse(String json) {
        JsonObject o = StrictJson.object(json, WHAT, FIELDS, Set.of());
        return new ConsumerShareArgs(StrictJson.stringField(o, "share", WHAT),
                StrictJson.stringField(o, "maskCommitment", WHAT));
    }
}
