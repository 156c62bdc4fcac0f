package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.json.StrictJson;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The producer's part of a pair's price update: its secret step and its share of the next price, both encrypted
 * under its own key.
 *
 * @param step  {@code Enc_n(alpha_n^k)} (Base64)
 * @param share {@code Enc_n(lambda^k - floor(lambda^k / 2) - alpha_n^k P_nm)} (Base64)
 */
public record ProducerShareArgs(String step, String share) {
    /** The argument's name in messages. */
    public static final String WHAT = "producer share";
    /** Every field, all required. */
    public static final Set<String> FIELDS = Set.of("step", "share");

    /** The argument as canonical JSON. */
    public String toJson() {
        Map<String, String> m = new TreeMap<>();
        m.put("step", step);
        m.put("share", share);
        return CanonicalJson.toJson(m);
    }

    /** Parses the argument strictly. */
    public static ProducerShareArgs parse(String json) {
        JsonObject o = StrictJson.object(json, WHAT, FIELDS, Set.of());
        return new ProducerShareArgs(StrictJson.stringField(o, "step", WHAT), StrictJson.stringField(o, "share", WHAT));
    }
}
