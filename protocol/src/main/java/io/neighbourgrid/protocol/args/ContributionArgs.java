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
 * The JSON argument of {@code submitContribution} (PEM Protocol 2 lines 2-13 with the values of Protocol 3): a
 * member's two ciphertexts and its contribution proof, each canonical Base64. The member writes it with
 * {@link #toJson()}; the chaincode reads it with {@link #fields} and {@link #field}, or {@link #parse} at once.
 *
 * @param totalsForResponder under r1's key: the member's packed slot values plus a mask, {@code pack + M}
 * @param totalsForInitiator under r2's key: {@code -M}
 * @param proof              the {@code ContributionProof}: every slot value in its published range, the same
 *                           {@code M} behind both ciphertexts
 */
public record ContributionArgs(String totalsForResponder, String totalsForInitiator, String proof) {
    /** The argument's name in messages. */
    public static final String WHAT = "contribution";
    /** Field of {@link #totalsForResponder()}. */
    public static final String TOTALS_FOR_RESPONDER = "totalsForResponder";
    /** Field of {@link #totalsForInitiator()}. */
    public static final String TOTALS_FOR_INITIATOR = "totalsForInitiator";
    /** Field of {@link #proof()}. */
    public static final String PROOF = "proof";
    /** Every field, all required, in the order of the record. */
    public static final List<String> FIELDS = List.of(TOTALS_FOR_RESPONDER, TOTALS_FOR_INITIATOR, PROOF);
    /** Longest accepted proof, in Base64 characters (a 2048-bit proof is about 25,000). */
    public static final int MAX_PROOF_CHARS = 1 << 18;

    public ContributionArgs {
        Objects.requireNonNull(totalsForResponder, TOTALS_FOR_RESPONDER);
        Objects.requireNonNull(totalsForInitiator, TOTALS_FOR_INITIATOR);
        Objects.requireNonNull(proof, PROOF);
    }

    /**
     * The argument as canonical JSON (keys sorted, no whitespace), as a member submits it.
     *
     * @return e.g. {@code {"proof":"...","totalsForInitiator":"...","totalsForResponder":"..."}}
     */
    public String toJson() {
        Map<String, String> json = new TreeMap<>();
        json.put(TOTALS_FOR_RESPONDER, totalsForResponder);
        json.put(TOTALS_FOR_INITIATOR, totalsForInitiator);
        json.put(PROOF, proof);
        return CanonicalJson.toJson(json);
    }

    /**
     * Reads the argument's structure strictly: a JSON object with exactly the three fields.
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
        return new ContributionArgs(field(o, TOTALS_FOR_RESPONDER), field(o, TOTALS_FOR_INITIATOR), field(o, PROOF));
    }
}
