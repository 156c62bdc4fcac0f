package io.neighbourgrid.audit;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.state.HomeRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The audit of PEM Protocol 1 lines 1-2 on the ledger, and of who wrote what: each home's registration (the identity
 * bound to it and its key-correctness proof, re-verified and matched against the digest in its home record), and
 * whether a record's transaction is the last committed write of its key. Home records are read once per audit
 * object.
 */
final class RegistrationAudit {
    private final MarketClient market;
    private final Map<String, HomeRecord> homes = new HashMap<>();

    RegistrationAudit(MarketClient market) {
        this.market = market;
    }

    /** Keeps a home record already read, so that later checks do not read it again. */
    void remember(String homeId, HomeRecord home) {
        homes.put(homeId, home);
    }

    /** The home's record, or {@code null} when it is not registered. */
    HomeRecord homeRecord(String homeId) throws LedgerException {
        HomeRecord h = homes.get(homeId);
        if (h == null) {
            h = market.home(homeId).orElse(null);
            if (h != null) {
                homes.put(homeId, h);
            }
        }
        return h;
    }

    /** The identity bound to the home, {@code mspId/certificateHash}. */
    String identity(String homeId) throws LedgerException {
        HomeRecord h = homeRecord(homeId);
        return h == null ? "an unregistered identity" : h.mspId() + "/" + h.certificateHash();
    }

    /** Re-verifies the key-correctness proof the home registered with. */
    Finding keyProof(String homeId) throws LedgerException {
        String check = "key of " + homeId;
        HomeRecord h = homeRecord(homeId);
        if (h == null) {
            return Finding.fail(check, "home " + homeId + " is not registered");
        }
        String proofText = market.keyProof(homeId).keyProof();
        String digest = HexFormat.of().formatHex(sha256(proofText.getBytes(StandardCharsets.US_ASCII)));
        if (!digest.equals(h.keyProofSha256())) {
            return Finding.fail(check, "the stored key-correctness proof does not match the digest in the home record");
        }
        try {
            KeyCorrectnessProof.fromBase64(proofText).verify(PaillierPublicKey.fromBase64(h.paillierKey()),
                    ProofContexts.registration(market.channel(), homeId));
            return Finding.pass(check, "key-correctness proof verified (key " + h.keyFingerprint() + ")");
        } catch (CryptoException e) {
            return Finding.fail(check, "the key-correctness proof does not verify: " + e.getMessage());
        }
    }

    /** The committed history of a state key ({@code TYPE/attribute/...}), oldest first. */
    JsonArray history(String key) throws LedgerException {
        return JsonParser.parseString(market.history(key)).getAsJsonArray();
    }

    /** Checks that a record's transaction id is the last committed write of its key. */
    Finding lastWrite(String check, String key, String txId) throws LedgerException {
        JsonArray history = history(key);
        if (txId == null) {
            return history.isEmpty() ? Finding.note(check, "no record")
                    : Finding.fail(check, "the key " + key + " has history but no record is returned");
        }
        if (history.isEmpty()) {
            return Finding.fail(check, "the key " + key + " has no committed history");
        }
        String last = history.get(history.size() - 1).getAsJsonObject().get("txId").getAsString();
        return last.equals(txId) ? Finding.pass(check, history.size() + " committed versions, the last by "
                + "transaction " + txId)
                : Finding.fail(check, "the record claims transaction " + txId + " but the key's last committed "
                + "write is " + last);
    }

    private static byte[] sha256(byte[] data) {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
