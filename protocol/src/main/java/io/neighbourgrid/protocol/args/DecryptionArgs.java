package io.neighbourgrid.protocol.args;

import com.google.gson.JsonObject;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.json.StrictJson;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON argument of a proven decryption ({@code postPairPrice} of the negotiation): a key holder's decryption of
 * a ciphertext with its proof of correct decryption. The client writes it with {@link #toJson()}; the chaincode
 * reads it with {@link #parse}.
 *
 * @param plaintext the decrypted value (signed)
 * @param proof     the decryption proof, Base64
 */
public record DecryptionArgs(BigInteger plaintext, String proof) {
    /** The argument's name in messages. */
    public static final String WHAT = "decryption";
    /** Field of {@link #plaintext()}: a signed decimal string. */
    public static final String PLAINTEXT = "plaintext";
    /** Field of {@link #proof()}. */
    public static final String PROOF = "proof";
    /** Every field, all required. */
    public static final Set<String> FIELDS = Set.of(PLAINTEXT, PROOF);
    /** Largest accepted decryption proof, Base64 characters. */
    public static final int MAX_PROOF_CHARS = 1 << 16;

    public DecryptionArgs {
        Objects.requireNonNull(plaintext, PLAINTEXT);
        Objects.requireNonNull(proof, PROOF);
    }

    /**
     * The argument as canonical JSON, as a selected home submits it.
     *
     * @return {@code {"plaintext":"<signed decimal>","proof":"<base64>"}}
     */
    public String toJson() {
        Map<String, String> json = new TreeMap<>();
        json.put(PLAINTEXT, plaintext.toString());
        json.put(PROOF, proof);
        return CanonicalJson.toJson(json);
    }

    /**
     * Parses the argument strictly: a JSON object with exactly the two string fields, the plaintext a decimal
     * integer without leading zeros. The proof is returned as sent; its size and validity are the verifier's to
     * check.
     *
     * @param json  the argument
     * @param share what the plaintext decrypts (e.g. {@code T_r1}), named in messages
     * @return the argument
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON}, or {@code INVALID_ARGUMENT} for a
     *                                                        plaintext that is not a decimal integer
     */
    public static DecryptionArgs parse(String json, String share) {
        JsonObject o = StrictJson.object(json, WHAT, FIELDS, Set.of());
        BigInteger plaintext = Syntax.parseDecimal(StrictJson.stringField(o, PLAINTEXT, WHAT),
                "the plaintext of " + share);
        return new DecryptionArgs(plaintext, StrictJson.stringField(o, PROOF, WHAT));
    }
}
