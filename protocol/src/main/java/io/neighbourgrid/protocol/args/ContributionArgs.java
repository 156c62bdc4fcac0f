package io.neighbourgrid.protocol.args;

import com.google.gson.JsonObject;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.json.StrictJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON argument of {@code submitContribution} (PEM Protocol 2 lines 2-13, with the packed totals of Protocol
 * 3): a member's four ciphertexts, each the canonical Base64 of a Paillier ciphertext. The member writes it with
 * {@link #toJson()}; the chaincode reads it with {@link #fields} and {@link #field}, or {@link #parse} at once.
 *
 * @param demandShare        under the responder r1's key: a buyer's {@code |sn| + r}, a seller's {@code r}
 * @param supplyShare        under the initiator r2's key: a seller's {@code sn + r}, a buyer's {@code r}
 * @param totalsForResponder under r1's key: the member's packed totals plus a mask, {@code pack + M}
 * @param totalsForInitiator under r2's key: {@code -M}
 */
public record ContributionArgs(String demandShare, String supplyShare, String totalsForResponder,
                               String totalsForInitiator) {
    /** The argument's name in messages. */
    public static final String WHAT = "contribution";
    /** Field of {@link #demandShare()}. */
    public static final String DEMAND_SHARE = "demandShare";
    /** Field of {@link #supplyShare()}. */
    public static final String SUPPLY_SHARE = "supplyShare";
    /** Field of {@link #totalsForResponder()}. */
    public static final String TOTALS_FOR_RESPONDER = "totalsForResponder";
    /** Field of {@link #totalsForInitiator()}. */
    public static final String TOTALS_FOR_INITIATOR = "totalsForInitiator";
    /** Every field, all required, in the order of the record. */
    public static final List<String> FIELDS = List.of(DEMAND_SHARE, SUPPLY_SHARE, TOTALS_FOR_RESPONDER,
            TOTALS_FOR_INITIATOR);

    public ContributionArgs {
        Objects.requireNonNull(demandShare, DEMAND_SHARE);
        Objects.requireNonNull(supplyShare, SUPPLY_SHARE);
        Objects.requireNonNull(totalsForResponder, TOTALS_FOR_RESPONDER);
        Objects.requireNonNull(totalsForInitiator, TOTALS_FOR_INITIATOR);
    }

    /**
     * The argument as canonical JSON (keys sorted, no whitespace), as a member submits it.
     *
     * @return e.g. {@code {"demandShare":"...","supplyShare":"...","totalsForInitiator":"...",
     *         "totalsForResponder":"..."}}
     */
    public String toJson() {
        Map<String, String> json = new TreeMap<>();
        json.put(DEMAND_SHARE, demandShare);
        json.put(SUPPLY_SHARE, supplyShare);
        json.put(TOTALS_FOR_RESPONDER, totalsForResponder);
        json.put(TOTALS_FOR_INITIATOR, totalsForInitiator);
        return CanonicalJson.toJson(json);
    }

    /**
     * Reads the argument's structure strictly: a JSON object with exactly the four fields. The fields' values are
     * read one at a time with {@link #field}, so the chaincode checks each ciphertext as soon as it reads it.
     *
     * @param json the argument
     * @return the object
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON}
     */
    public static JsonObject fields(String json) {
        return StrictJson.object(json, WHAT, Set.copyOf(FIELDS), Set.of());
    }

    /**
     * One field of an object read by {@link #fields}.
     *
     * @param fields the object
     * @param name   one of {@link #FIELDS}
     * @return its string
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} when it is not a JSON string
     */
    public static String field(JsonObject fields, String name) {
        return StrictJson.stringField(fields, name, WHAT);
    }

    /**
     * Parses the argument strictly: {@link #fields}, then every field in the order of {@link #FIELDS}.
     *
     * @param json the argument
     * @return the argument
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON}
     */
    public static ContributionArgs parse(String json) {
        JsonObject o = fields(json);
        return new ContributionArgs(field(o, DEMAND_SHARE), field(o, SUPPLY_SHARE), field(o, TOTALS_FOR_RESPONDER),
                field(o, TOTALS_FOR_INITIATOR));
    }
}
