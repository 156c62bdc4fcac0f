package io.neighbourgrid.audit;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.crypto.proof.RingPedersenProof;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.ProofParameters;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The audit of PEM Protocol 1 lines 1-2 on the ledger, and of who wrote what: each home's registration (the identity
 * bound to it, its key-correctness proof, re-verified and matched against the digest in its home record, and its
 * no-small-factor proof, re-verified against the registered proof parameters, whose own proof is re-verified too),
 * and whether a record's transaction is the last committed write of its key. Home records are read once per audit
 * object, and so are the proof parameters.
 */
final class RegistrationAudit {
    private final MarketClient market;
    private final Map<String, HomeRecord> homes = new HashMap<>();
    /** The registered proof parameters once read and verified, or why they are not usable. */
    private RingPedersenParameters parameters;
    private String parametersProblem;

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

    /**
     * The registered proof parameters after re-verifying their proof, read once.
     *
     * @return the parameters, or empty with {@link #parametersProblem} set
     */
    private Optional<RingPedersenParameters> proofParameters() throws LedgerException {
        if (parameters == null && parametersProblem == null) {
            Optional<ProofParameters> record = market.proofParameters();
            if (record.isEmpty()) {
                parametersProblem = "no proof parameters are registered";
            } else {
                try {
                    RingPedersenParameters p = RingPedersenParameters.fromBase64(record.get().parameters());
                    RingPedersenProof.fromBase64(record.get().parametersProof()).verify(p,
                            ProofContexts.proofParameters(market.channel()));
                    if (!p.fingerprint().equals(record.get().fingerprint())) {
                        parametersProblem = "the proof parameters' record names another fingerprint";
                    } else {
                        parameters = p;
                    }
                } catch (CryptoException e) {
                    parametersProblem = "the proof parameters do not verify: " + e.getMessage();
                }
            }
        }
        return Optional.ofNullable(parameters);
    }

    /**
     * Re-verifies the key-correctness proof and the no-small-factor proof the home registered with (and, once, the
     * proof parameters the latter was made against).
     */
    Finding keyProof(String homeId) throws LedgerException {
        String check = "key of " + homeId;
        HomeRecord h = homeRecord(homeId);
        if (h == null) {
            return Finding.fail(check, "home " + homeId + " is not registered");
        }
        KeyProofRecord proofs = market.keyProof(homeId);
        String proofText = proofs.keyProof();
        String digest = HexFormat.of().formatHex(sha256(proofText.getBytes(StandardCharsets.US_ASCII)));
        if (!digest.equals(h.keyProofSha256())) {
            return Finding.fail(check, "the stored key-correctness proof does not match the digest in the home record");
        }
        if (!proofs.txId().equals(h.txId())) {
            return Finding.fail(check, "the stored proofs were written by transaction " + proofs.txId()
                    + ", not by the home's registration " + h.txId());
        }
        PaillierPublicKey key;
        try {
            key = PaillierPublicKey.fromBase64(h.paillierKey());
            KeyCorrectnessProof.fromBase64(proofText).verify(key, ProofContexts.registration(market.channel(), homeId));
        } catch (CryptoException e) {
            return Finding.fail(check, "the key-correctness proof does not verify: " + e.getMessage());
        }
        Optional<RingPedersenParameters> params = proofParameters();
        if (params.isEmpty()) {
            return Finding.fail(check, "the no-small-factor proof cannot be checked: " + parametersProblem);
        }
        if (!params.get().fingerprint().equals(proofs.proofParameters())) {
            return Finding.fail(check, "the no-small-factor proof is recorded against parameters "
                    + proofs.proofParameters() + ", not the registered " + params.get().fingerprint());
        }
        try {
            NoSmallFactorProof.fromBase64(proofs.factorProof()).verify(key, params.get(),
                    ProofContexts.registration(market.channel(), homeId));
        } catch (CryptoException e) {
            return Finding.fail(check, "the no-small-factor proof does not verify: " + e.getMessage());
        }
        int bound = NoSmallFactorProof.provenFactorBound(key.modulus()).bitLength() - 1;
        return Finding.pass(check, "key-correctness and no-small-factor proofs verified (key " + h.keyFingerprint()
                + (bound > 0 ? "; every prime factor is at least 2^" + bound : "") + ")");
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
