package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.sha256;
import static io.neighbourgrid.chaincode.StateIo.write;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.CiphertextUse;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cryptographic checks billing shares ({@code docs/billing.md}, sections 3, 5 and 6): a submitted ciphertext
 * must be valid under the key it claims to be under, and no ciphertext may have been used before (the
 * {@code CIPHERTEXT~sha256} index the market's contributions also write); a posted decryption must come with a
 * proof of correct decryption that verifies.
 */
final class BillingCrypto {
    private BillingCrypto() {
    }

    /**
     * A Base64 ciphertext under {@code key} ({@code MALFORMED_JSON} when absent, {@code INVALID_CIPHERTEXT} when not
     * a ciphertext under the key).
     *
     * @param field the field name, for messages
     * @param owner whose key it must be under, for messages ({@code "the billing key"})
     */
    static Ciphertext ciphertext(PaillierPublicKey key, String base64, String field, String owner) {
        if (base64 == null) {
            throw ErrorCode.MALFORMED_JSON.exception(field + " is missing");
        }
        try {
            return key.ciphertextFromBase64(base64);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under " + owner + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rejects a ciphertext used before ({@code INVALID_CIPHERTEXT}) and indexes every one of {@code parsed} as used
     * by the home in window {@code t}.
     *
     * @param parsed field name to ciphertext, in the order the fields are checked
     */
    static void indexCiphertexts(TxContext ctx, long t, String homeId, Map<String, Ciphertext> parsed) {
        // As for contributions: a copied ciphertext would count another home's value as one's own.
        Map<String, String> keys = new TreeMap<>();
        for (Map.Entry<String, Ciphertext> e : parsed.entrySet()) {
            String indexKey = StateKeys.ciphertext(HexFormat.of().formatHex(sha256(e.getValue().toBytes())));
            CiphertextUse earlier = read(ctx, indexKey, CiphertextUse.class);
            if (earlier != null || keys.containsKey(indexKey)) {
                String where = earlier == null ? "another field of this submission"
                        : "the " + earlier.field() + " of home " + earlier.homeId() + " in window " + earlier.window();
                throw ErrorCode.INVALID_CIPHERTEXT.exception(e.getKey() + " repeats a ciphertext already used as "
                        + where);
            }
            keys.put(indexKey, e.getKey());
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            write(ctx, e.getKey(), new CiphertextUse(t, homeId, e.getValue()));
        }
    }

    /** A posted proof's text, present and not too long ({@code INVALID_PROOF}). */
    static String proofText(String proof) {
        if (proof == null || proof.length() > BillingArgs.MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_PROOF.exception("the proof is missing or longer than "
                    + BillingArgs.MAX_PROOF_CHARS + " characters");
        }
        return proof;
    }

    /** Verifies that {@code plaintext} is the decryption of {@code aggregate} ({@code INVALID_PROOF}). */
    static void verifyProof(PaillierPublicKey key, String proofText, Ciphertext aggregate, BigInteger plaintext,
                            ProofContext context, String what) {
        try {
            DecryptionProof.fromBase64(key, proofText).verify(aggregate, plaintext, context);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_PROOF.exception("the decryption of " + what + " does not verify: "
                    + e.getMessage(), e);
        }
    }
}
