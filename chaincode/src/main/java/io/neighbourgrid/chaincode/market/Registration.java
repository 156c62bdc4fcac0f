package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.sha256;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requireConfig;
import static io.neighbourgrid.chaincode.market.Guards.selectedHome;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;

import com.google.gson.JsonObject;
import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.crypto.proof.RingPedersenProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.json.StrictJson;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.IdentityBinding;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.ProofParameters;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * PEM Protocol 1 lines 1-2 (and Section IV-C, Initialization): every home generates its Paillier key pair and shares
 * its public key; here it registers the key on the ledger with proofs that the key is well formed (a Paillier-Blum
 * modulus without a small prime factor), bound to its identity. Also the operator's market configuration (the prices
 * and deadlines every window copies) and its ring-Pedersen proof parameters (what the homes' no-small-factor proofs
 * are made against), a suspended home's return to selection, and the cache of parsed registered keys the later steps
 * encrypt and verify under.
 */
public final class Registration {
    private static final Set<String> CONFIG_FIELDS = Set.of("retailPrice", "feedInPrice", "lowPrice", "highPrice",
            "windowSeconds", "minimumCoalitionSize", "keyBits", "roleSeconds", "contributionSeconds",
            "transferSeconds", "outcomeSeconds", "selectionEpochWindows", "maxEnergyPerWindow", "minPreference",
            "maxPreference");

    /** Parsed keys by their encoding: parsing is a pure function of the bytes, so caching it keeps determinism. */
    private static final Map<String, PaillierPublicKey> PARSED_KEYS = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PaillierPublicKey> eldest) {
                    return size() > 1024;
                }
            });

    /** Parsed proof parameters by their encoding (one set per channel; parsing includes a primality test). */
    private static final Map<String, RingPedersenParameters> PARSED_PARAMETERS = Collections.synchronizedMap(
            new LinkedHashMap<>(4, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RingPedersenParameters> eldest) {
                    return size() > 16;
                }
            });

    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Registration(Guards guards) {
        this.guards = guards;
    }

    /**
     * Sets or updates the market configuration (operator organisation only). A window copies the configuration when
     * it opens, so an update applies to windows opened afterwards. The key size cannot change once a home is
     * registered.
     *
     * @param ctx  the transaction
     * @param json the configuration: every field of {@link MarketConfig}, integers in the units of
     *             {@code io.neighbourgrid.market.Scales}
     * @return the configuration written
     */
    public String configureMarket(TxContext ctx, String json) {
        guards.requireOperator(ctx, "configure the market");
        JsonObject o = StrictJson.object(json, "market configuration", CONFIG_FIELDS, Set.of());
        String what = "market configuration";
        MarketConfig config;
        try {
            config = new MarketConfig(StrictJson.longField(o, "retailPrice", what),
                    StrictJson.longField(o, "feedInPrice", what), StrictJson.longField(o, "lowPrice", what),
                    StrictJson.longField(o, "highPrice", what), StrictJson.longField(o, "windowSeconds", what),
                    StrictJson.intField(o, "minimumCoalitionSize", what), StrictJson.intField(o, "keyBits", what),
                    StrictJson.longField(o, "roleSeconds", what),
                    StrictJson.longField(o, "contributionSeconds", what),
                    StrictJson.longField(o, "transferSeconds", what),
                    StrictJson.longField(o, "outcomeSeconds", what),
                    StrictJson.longField(o, "selectionEpochWindows", what),
                    StrictJson.longField(o, "maxEnergyPerWindow", what),
                    StrictJson.longField(o, "minPreference", what),
                    StrictJson.longField(o, "maxPreference", what));
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("market configuration rejected: " + e.getMessage(), e);
        }
        MarketConfig current = read(ctx, StateKeys.market(), MarketConfig.class);
        if (current != null && current.keyBits() != config.keyBits()
                && !ctx.getStateByPartialCompositeKey(StateKeys.HOME).isEmpty()) {
            throw ErrorCode.CONFIGURATION_LOCKED.exception("keyBits cannot change from " + current.keyBits()
                    + " to " + config.keyBits() + " once homes are registered with keys of that size");
        }
        write(ctx, StateKeys.market(), config);
        MarketEvent.MARKET_CONFIGURED.emit(ctx, new EventPayload(null, null, null, null));
        return CanonicalJson.toJson(config);
    }

    /**
     * Registers the ring-Pedersen parameters (N^, s, t) every home's no-small-factor proof is made against (operator
     * organisation only, once per market), after verifying their proof that s is in the group generated by t, bound
     * to {@code (channel, 0, "proof-parameters", "operator")}. The operator made N^ and keeps no use for its
     * factorisation; the trust this takes is discussed in {@code docs/crypto.md}.
     *
     * @param ctx           the transaction, signed by an identity of the operator organisation
     * @param parametersB64 Base64 of {@link RingPedersenParameters#toBytes()}, a modulus of at least
     *                      {@value KeyPolicy#PROOF_PARAMETERS_MIN_BITS} bits
     * @param proofB64      Base64 of their {@link RingPedersenProof}
     * @return the {@link ProofParameters} record written
     */
    public String registerProofParameters(TxContext ctx, String parametersB64, String proofB64) {
        guards.requireOperator(ctx, "register the proof parameters");
        if (ctx.getState(StateKeys.proofParameters()) != null) {
            throw ErrorCode.PROOF_PARAMETERS_ALREADY_REGISTERED.exception("the proof parameters are registered"
                    + " already; they are registered once per market");
        }
        RingPedersenParameters params;
        try {
            params = RingPedersenParameters.fromBase64(parametersB64);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_PROOF_PARAMETERS.exception("proof parameters rejected: " + e.getMessage(), e);
        }
        if (params.bits() < KeyPolicy.PROOF_PARAMETERS_MIN_BITS) {
            throw ErrorCode.INVALID_PROOF_PARAMETERS.exception("the proof parameters' modulus has " + params.bits()
                    + " bits; at least " + KeyPolicy.PROOF_PARAMETERS_MIN_BITS + " are required");
        }
        RingPedersenProof proof;
        try {
            proof = RingPedersenProof.fromBase64(proofB64);
            proof.verify(params, ProofContexts.proofParameters(ctx.channelId()));
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_PROOF_PARAMETERS.exception("the proof of the proof parameters rejected: "
                    + e.getMessage(), e);
        }
        Creator creator = ctx.creator();
        ProofParameters record = new ProofParameters(params.toBase64(), proof.toBase64(), params.fingerprint(),
                params.bits(), creator.mspId(), creator.certificateHash(), timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.proofParameters(), record);
        MarketEvent.PROOF_PARAMETERS_REGISTERED.emit(ctx, new EventPayload(null, null, null, null));
        return CanonicalJson.toJson(record);
    }

    /**
     * Registers a home: binds the calling identity (MSP id and certificate hash) to {@code homeId} and records its
     * Paillier public key after verifying its key-correctness proof and its no-small-factor proof (against the
     * registered proof parameters), both bound to {@code (channel, 0, "registration", homeId)}. A home id is never
     * re-bound and an identity has one home. The registration transaction's id enters the home's selection score.
     *
     * @param ctx            the transaction, signed by an identity of a community organisation
     * @param homeId         1 to 64 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit
     * @param paillierKeyB64 the public key, Base64 of {@link PaillierPublicKey#toBytes()}
     * @param keyProofB64    the key-correctness proof, Base64
     * @param factorProofB64 the no-small-factor proof, Base64, made against the registered proof parameters
     * @return the home record written
     */
    public String registerHome(TxContext ctx, String homeId, String paillierKeyB64, String keyProofB64,
                               String factorProofB64) {
        Creator creator = ctx.creator();
        if (!guards.communityMspIds().contains(creator.mspId())) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + creator.mspId()
                    + " may not register homes; community organisations are " + guards.communityMspIds());
        }
        String id = Syntax.parseHomeId(homeId);
        MarketConfig config = requireConfig(ctx);
        ProofParameters parameters = read(ctx, StateKeys.proofParameters(), ProofParameters.class);
        if (parameters == null) {
            throw ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED.exception("homes register once the operator has"
                    + " registered the proof parameters their no-small-factor proofs are made against");
        }
        if (ctx.getState(StateKeys.home(id)) != null) {
            throw ErrorCode.HOME_ALREADY_REGISTERED.exception("home " + id + " is already registered");
        }
        String certificateHash = creator.certificateHash();
        String identityKey = StateKeys.identity(creator.mspId(), certificateHash);
        IdentityBinding existing = read(ctx, identityKey, IdentityBinding.class);
        if (existing != null) {
            throw ErrorCode.IDENTITY_ALREADY_BOUND.exception("the calling identity is already bound to home "
                    + existing.homeId());
        }
        Representatives.requireNotRepresentative(ctx, creator.mspId(), certificateHash);
        PaillierPublicKey key;
        try {
            key = PaillierPublicKey.fromBase64(paillierKeyB64);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY.exception("Paillier key of home " + id + " rejected: " + e.getMessage(), e);
        }
        if (key.bits() != config.keyBits()) {
            throw ErrorCode.INVALID_KEY.exception("Paillier key of home " + id + " has " + key.bits()
                    + " bits; the market requires exactly " + config.keyBits());
        }
        KeyCorrectnessProof proof;
        try {
            proof = KeyCorrectnessProof.fromBase64(keyProofB64);
            proof.verify(key, ProofContexts.registration(ctx.channelId(), id));
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY_PROOF.exception("key-correctness proof of home " + id + " rejected: "
                    + e.getMessage(), e);
        }
        NoSmallFactorProof factorProof;
        try {
            factorProof = NoSmallFactorProof.fromBase64(factorProofB64);
            factorProof.verify(key, parsedParameters(parameters.parameters()),
                    ProofContexts.registration(ctx.channelId(), id));
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY_PROOF.exception("no-small-factor proof of home " + id + " rejected: "
                    + e.getMessage(), e);
        }
        String now = timestamp(ctx);
        String proofText = proof.toBase64();
        HomeRecord home = new HomeRecord(id, creator.mspId(), certificateHash, key.toBase64(), key.fingerprint(),
                key.bits(), HexFormat.of().formatHex(sha256(proofText.getBytes(StandardCharsets.US_ASCII))), now,
                ctx.txId(), null);
        write(ctx, StateKeys.home(id), home);
        write(ctx, StateKeys.keyProof(id), new KeyProofRecord(id, proofText, factorProof.toBase64(),
                parameters.fingerprint(), ctx.txId()));
        write(ctx, identityKey, new IdentityBinding(creator.mspId(), certificateHash, id));
        MarketEvent.HOME_REGISTERED.emit(ctx, new EventPayload(null, null, id, null));
        return CanonicalJson.toJson(home);
    }

    /**
     * Clears the calling home's suspension from selection, so that windows whose roles close afterwards rank it
     * again. A home is suspended when it was selected and stayed silent past a deadline; it resumes itself when it
     * is back online. A home excluded for an invalid contribution resumes only once the window it is excluded until
     * has been opened ({@code HOME_EXCLUDED} before).
     *
     * @param ctx the transaction, signed by the identity bound to the home
     * @return the home record written
     */
    public String resumeHome(TxContext ctx) {
        HomeRecord home = guards.callerHome(ctx);
        if (!home.suspended()) {
            throw ErrorCode.NOT_SUSPENDED.exception("home " + home.homeId() + " is not suspended from selection");
        }
        Long until = home.suspension().excludedUntil();
        if (until != null && ctx.getState(StateKeys.window(until)) == null) {
            throw ErrorCode.HOME_EXCLUDED.exception("home " + home.homeId() + " is excluded from the market until "
                    + "window " + until + ", which has not opened yet");
        }
        HomeRecord resumed = home.resumed();
        write(ctx, StateKeys.home(home.homeId()), resumed);
        MarketEvent.HOME_RESUMED.emit(ctx, new EventPayload(null, null, home.homeId(), null));
        return CanonicalJson.toJson(resumed);
    }

    // ------------------------------------------------------------------------------------------------ key cache

    /** The registered key of a home the window selected. */
    static PaillierPublicKey homeKey(TxContext ctx, String homeId) {
        return parsedKey(selectedHome(ctx, homeId).paillierKey());
    }

    /**
     * The registered key of a home a contribution is under: one the window selected, or one the contributor expects
     * it to select ({@code declareAndContribute}).
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code UNKNOWN_HOME} if no such home is registered
     */
    static PaillierPublicKey contributionKey(TxContext ctx, String homeId) {
        HomeRecord home = read(ctx, StateKeys.home(homeId), HomeRecord.class);
        if (home == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("the expected selected home " + homeId + " is not registered");
        }
        return parsedKey(home.paillierKey());
    }

    /**
     * The market's registered proof parameters, parsed.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code PROOF_PARAMETERS_NOT_REGISTERED}
     */
    static RingPedersenParameters registeredParameters(TxContext ctx) {
        ProofParameters parameters = read(ctx, StateKeys.proofParameters(), ProofParameters.class);
        if (parameters == null) {
            throw ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED.exception("the market's proofs are made against the "
                    + "proof parameters, which the operator has not registered");
        }
        return parsedParameters(parameters.parameters());
    }

    /** The registered proof parameters, parsed once per encoding. */
    static RingPedersenParameters parsedParameters(String base64) {
        RingPedersenParameters params = PARSED_PARAMETERS.get(base64);
        if (params == null) {
            params = RingPedersenParameters.fromBase64(base64);
            PARSED_PARAMETERS.put(base64, params);
        }
        return params;
    }

    /** A registered key, parsed once per encoding. */
    static PaillierPublicKey parsedKey(String base64) {
        PaillierPublicKey key = PARSED_KEYS.get(base64);
        if (key == null) {
            key = PaillierPublicKey.fromBase64(base64);
            PARSED_KEYS.put(base64, key);
        }
        return key;
    }
}
