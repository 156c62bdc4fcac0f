package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.readAll;
import static io.neighbourgrid.chaincode.StateIo.sha256;
import static io.neighbourgrid.chaincode.StateIo.write;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.comparison.ComparisonOutcome;
import io.neighbourgrid.crypto.comparison.ComparisonStep;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.Selections;
import io.neighbourgrid.protocol.contract.CompositeKeys;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.CiphertextUse;
import io.neighbourgrid.protocol.state.Coalitions;
import io.neighbourgrid.protocol.state.ComparisonMessage;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.Decryptions;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HistoryEntry;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.IdentityBinding;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.Suspension;
import io.neighbourgrid.protocol.state.TotalsDecryption;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The market contract: every rule of the market and where it is enforced. A plain class over {@link TxContext},
 * so the Fabric peer (through {@code fabric.MarketContract}) and the embedded ledger (through
 * {@link MarketTransactions}) run exactly this code.
 *
 * <p>One trading window runs PEM's Protocol 1 (Xie et al., ICDCS 2020) with the ledger in the middle: homes declare
 * their roles; chaincode fixes the coalitions and selects two homes from the epoch's public ranking, the
 * comparison initiator r2 and the responder r1; every member submits four ciphertexts, two under each selected
 * home's key; chaincode multiplies them into the masked sums of Protocol 2 ({@code R_b}, {@code R_s}) and into two
 * additive shares of the packed totals ({@code T_r1}, {@code T_r2}); r1 and r2 run the secure comparison of
 * {@code R_s} and {@code R_b} through the ledger and each posts the decryption of its share of the totals with a
 * proof that chaincode verifies; chaincode adds the two plaintexts, unpacks {@code E_s}, {@code sum k},
 * {@code sum d} and {@code E_b}, checks them against the comparison and computes the market type, the price
 * (Eq. 13 and 14) and the fill ratio with {@link MarketMath}. Neither selected home ever holds the key of an
 * individual value: every ciphertext it can decrypt is masked. Deadlines on every phase keep a silent home from
 * freezing the market: the window then ends with the grid only, and a silent selected home is suspended from
 * selection until it resumes, so the next window selects the next-ranked home. The full protocol, the state layout
 * and what each party learns are in {@code docs/protocol.md}.
 *
 * <p>Determinism: the only clock is the transaction timestamp, nothing is random, every collection iterated is
 * sorted, all arithmetic is exact ({@code Math.*Exact}, {@code BigInteger}) and every record is written as
 * canonical JSON. Every submitted transaction sets exactly one event.
 *
 * <p>Every method either returns the canonical JSON of the record it wrote or read, or throws the
 * {@link io.neighbourgrid.protocol.ContractException} of an {@link ErrorCode}.
 */
public final class MarketLogic {
    /** Largest comparison message accepted, in bytes (a 64-bit comparison under a 2048-bit key is about 34 KB). */
    public static final int MAX_COMPARISON_MESSAGE_BYTES = 1 << 20;
    /** Largest accepted decryption proof, Base64 characters. */
    private static final int MAX_PROOF_CHARS = 1 << 16;
    /** Longest decimal plaintext accepted: beyond any value a Paillier key of the largest size can carry. */
    private static final int MAX_DECIMAL_CHARS = 2600;

    private static final Pattern HOME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern WINDOW_INDEX = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");

    private static final Set<String> CONFIG_FIELDS = Set.of("retailPrice", "feedInPrice", "lowPrice", "highPrice",
            "windowSeconds", "minimumCoalitionSize", "keyBits", "roleSeconds", "contributionSeconds",
            "comparisonSeconds", "decryptionSeconds", "selectionEpochWindows");
    private static final String DEMAND_SHARE = "demandShare";
    private static final String SUPPLY_SHARE = "supplyShare";
    private static final String TOTALS_FOR_RESPONDER = "totalsForResponder";
    private static final String TOTALS_FOR_INITIATOR = "totalsForInitiator";
    private static final Set<String> CONTRIBUTION_FIELDS = Set.of(DEMAND_SHARE, SUPPLY_SHARE, TOTALS_FOR_RESPONDER,
            TOTALS_FOR_INITIATOR);
    private static final String PLAINTEXT = "plaintext";
    private static final String PROOF = "proof";
    private static final Set<String> DECRYPTION_FIELDS = Set.of(PLAINTEXT, PROOF);

    private final String operatorMspId;
    private final SortedSet<String> communityMspIds;

    /**
     * The contract for a channel whose operator organisation and community organisations are given.
     *
     * @param operatorMspId   the MSP id of the operator organisation (configures the market, opens windows and runs
     *                        the deadline-driven transactions)
     * @param communityMspIds the MSP ids whose identities may register homes
     * @throws IllegalArgumentException if an id is blank or no community organisation is given
     */
    public MarketLogic(String operatorMspId, Collection<String> communityMspIds) {
        this.operatorMspId = requireMspId(operatorMspId);
        TreeSet<String> community = new TreeSet<>();
        for (String id : Objects.requireNonNull(communityMspIds, "communityMspIds")) {
            community.add(requireMspId(id));
        }
        if (community.isEmpty()) {
            throw new IllegalArgumentException("at least one community MSP id is required");
        }
        this.communityMspIds = Collections.unmodifiableSortedSet(community);
    }

    /** The operator organisation's MSP id. */
    public String operatorMspId() {
        return operatorMspId;
    }

    /** The community organisations' MSP ids, sorted. */
    public SortedSet<String> communityMspIds() {
        return communityMspIds;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Configuration and registration
    // ---------------------------------------------------------------------------------------------------------

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
        requireOperator(ctx, "configure the market");
        JsonObject o = JsonArgs.object(json, "market configuration", CONFIG_FIELDS, Set.of());
        String what = "market configuration";
        MarketConfig config;
        try {
            config = new MarketConfig(JsonArgs.longField(o, "retailPrice", what),
                    JsonArgs.longField(o, "feedInPrice", what), JsonArgs.longField(o, "lowPrice", what),
                    JsonArgs.longField(o, "highPrice", what), JsonArgs.longField(o, "windowSeconds", what),
                    JsonArgs.intField(o, "minimumCoalitionSize", what), JsonArgs.intField(o, "keyBits", what),
                    JsonArgs.longField(o, "roleSeconds", what), JsonArgs.longField(o, "contributionSeconds", what),
                    JsonArgs.longField(o, "comparisonSeconds", what),
                    JsonArgs.longField(o, "decryptionSeconds", what),
                    JsonArgs.longField(o, "selectionEpochWindows", what));
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
        emit(ctx, MarketEvent.MARKET_CONFIGURED, new EventPayload(null, null, null, null));
        return CanonicalJson.toJson(config);
    }

    /**
     * Registers a home: binds the calling identity (MSP id and certificate hash) to {@code homeId} and records its
     * Paillier public key after verifying its key-correctness proof, bound to
     * {@code (channel, 0, "registration", homeId)}. A home id is never re-bound and an identity has one home. The
     * registration transaction's id enters the home's selection score.
     *
     * @param ctx            the transaction, signed by an identity of a community organisation
     * @param homeId         1 to 64 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit
     * @param paillierKeyB64 the public key, Base64 of {@link PaillierPublicKey#toBytes()}
     * @param keyProofB64    the key-correctness proof, Base64
     * @return the home record written
     */
    public String registerHome(TxContext ctx, String homeId, String paillierKeyB64, String keyProofB64) {
        Creator creator = ctx.creator();
        if (!communityMspIds.contains(creator.mspId())) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + creator.mspId()
                    + " may not register homes; community organisations are " + communityMspIds);
        }
        String id = parseHomeId(homeId);
        MarketConfig config = requireConfig(ctx);
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
        String now = timestamp(ctx);
        String proofText = proof.toBase64();
        HomeRecord home = new HomeRecord(id, creator.mspId(), certificateHash, key.toBase64(), key.fingerprint(),
                key.bits(), HexFormat.of().formatHex(sha256(proofText.getBytes(StandardCharsets.US_ASCII))), now,
                ctx.txId(), null);
        write(ctx, StateKeys.home(id), home);
        write(ctx, StateKeys.keyProof(id), new KeyProofRecord(id, proofText, ctx.txId()));
        write(ctx, identityKey, new IdentityBinding(creator.mspId(), certificateHash, id));
        emit(ctx, MarketEvent.HOME_REGISTERED, new EventPayload(null, null, id, null));
        return CanonicalJson.toJson(home);
    }

    /**
     * Clears the calling home's suspension from selection, so that windows whose roles close afterwards rank it
     * again. A home is suspended when it was selected and stayed silent past a deadline; it resumes itself when it
     * is back online.
     *
     * @param ctx the transaction, signed by the identity bound to the home
     * @return the home record written
     */
    public String resumeHome(TxContext ctx) {
        HomeRecord home = callerHome(ctx);
        if (!home.suspended()) {
            throw ErrorCode.NOT_SUSPENDED.exception("home " + home.homeId() + " is not suspended from selection");
        }
        HomeRecord resumed = home.resumed();
        write(ctx, StateKeys.home(home.homeId()), resumed);
        emit(ctx, MarketEvent.HOME_RESUMED, new EventPayload(null, null, home.homeId(), null));
        return CanonicalJson.toJson(resumed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Window phases
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Opens window {@code t} (operator organisation only): records the opening transaction's id and timestamp, the
     * configuration in force and the role deadline. Windows may be opened in any order, each once.
     *
     * @param ctx    the transaction
     * @param window the window index, decimal
     * @return the window record written
     */
    public String openWindow(TxContext ctx, String window) {
        requireOperator(ctx, "open windows");
        long t = parseWindow(window);
        MarketConfig config = requireConfig(ctx);
        if (ctx.getState(StateKeys.window(t)) != null) {
            throw ErrorCode.WINDOW_EXISTS.exception("window " + t + " was opened before");
        }
        Instant now = ctx.txTimestamp();
        WindowRecord record = WindowRecord.opened(t, config, ctx.txId(), now.toString(),
                deadline(now, config.roleSeconds()));
        write(ctx, StateKeys.window(t), record);
        emit(ctx, MarketEvent.WINDOW_OPENED, new EventPayload(t, record.phase(), null, null));
        return CanonicalJson.toJson(record);
    }

    /**
     * Declares the calling home's role in window {@code t}: {@code SELLER}, {@code BUYER} or {@code OFF}. Once per
     * home, in the role phase, before its deadline.
     *
     * @param ctx    the transaction, signed by the identity bound to the home
     * @param window the window index
     * @param role   {@code SELLER}, {@code BUYER} or {@code OFF}
     * @return the declaration written
     */
    public String declareRole(TxContext ctx, String window, String role) {
        HomeRecord home = callerHome(ctx);
        long t = parseWindow(window);
        Role declared = parseRole(role);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.ROLES);
        requireBefore(ctx, w.rolesDeadline(), "role declarations of window " + t);
        String key = StateKeys.role(t, home.homeId());
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + home.homeId() + " already declared its role in "
                    + "window " + t);
        }
        RoleDeclaration declaration = new RoleDeclaration(t, home.homeId(), declared, timestamp(ctx), ctx.txId());
        write(ctx, key, declaration);
        emit(ctx, MarketEvent.ROLE_DECLARED, new EventPayload(t, WindowPhase.ROLES, home.homeId(), null));
        return CanonicalJson.toJson(declaration);
    }

    /**
     * Closes the role phase of window {@code t}. Anyone may close it once every registered home has declared; before
     * that only the operator organisation may, and only after the role deadline (homes that did not declare are
     * then off market). Transaction timestamps are chosen by the submitting client, so leaving the early close to
     * the operator keeps a home from forward-dating a proposal to cut the phase short. Fixes the sorted coalitions;
     * below the minimum coalition size the window goes grid only, otherwise the selected homes r2 and r1 are taken
     * from the epoch's ranking (see {@link #selectionRanking}); with fewer than two selectable homes that declared,
     * the window goes grid only too.
     *
     * @param ctx    the transaction (anyone once complete, else the operator organisation)
     * @param window the window index
     * @return the window record written
     */
    public String closeRoles(TxContext ctx, String window) {
        long t = parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.ROLES);
        List<RoleDeclaration> declarations = readAll(ctx, RoleDeclaration.class, StateKeys.ROLE, Long.toString(t));
        List<HomeRecord> homes = readAll(ctx, HomeRecord.class, StateKeys.HOME);
        Set<String> declared = new TreeSet<>();
        declarations.forEach(d -> declared.add(d.homeId()));
        int missing = 0;
        for (HomeRecord h : homes) {
            if (!declared.contains(h.homeId())) {
                missing++;
            }
        }
        if (missing > 0) {
            requireOperator(ctx, "close the roles of window " + t + " while " + missing
                    + " registered homes have not declared");
            if (!passed(ctx, w.rolesDeadline())) {
                throw ErrorCode.DEADLINE_NOT_REACHED.exception(missing + " registered homes have not declared a role "
                        + "in window " + t + " and the role deadline " + w.rolesDeadline() + " has not passed");
            }
        }
        return CanonicalJson.toJson(doCloseRoles(ctx, w, declarations, homes));
    }

    /**
     * Submits the calling member's encrypted contribution to window {@code t}: four ciphertexts, the demand share
     * and the responder's totals share under r1's registered key, the supply share and the initiator's totals share
     * under r2's. Each ciphertext is parsed and validated against the key it must be under, must not repeat any
     * ciphertext used before, and is stored in canonical form under the member's own key.
     *
     * @param ctx    the transaction, signed by a coalition member
     * @param window the window index
     * @param json   {@code {"demandShare", "supplyShare", "totalsForResponder", "totalsForInitiator"}}, Base64
     *               ciphertexts, the same four fields for sellers and buyers
     * @return the contribution written
     */
    public String submitContribution(TxContext ctx, String window, String json) {
        HomeRecord home = callerHome(ctx);
        long t = parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.CONTRIBUTIONS);
        requireBefore(ctx, w.coalitions().contributionsDeadline(), "contributions to window " + t);
        String homeId = home.homeId();
        Role role = w.coalitions().sellers().contains(homeId) ? Role.SELLER
                : w.coalitions().buyers().contains(homeId) ? Role.BUYER : Role.OFF;
        if (role == Role.OFF) {
            throw ErrorCode.NOT_A_MEMBER.exception("home " + homeId + " is not a member of a coalition of window "
                    + t);
        }
        String key = StateKeys.contribution(t, homeId);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + homeId + " already contributed to window " + t);
        }
        JsonObject o = JsonArgs.object(json, "contribution", CONTRIBUTION_FIELDS, Set.of());
        String what = "contribution";
        SelectedHomes s = w.coalitions().selection();
        PaillierPublicKey responderKey = homeKey(ctx, s.responder());
        PaillierPublicKey initiatorKey = homeKey(ctx, s.initiator());
        String r1 = "r1 " + s.responder();
        String r2 = "r2 " + s.initiator();
        // Field name -> validated ciphertext, in a fixed order; one combined unit check per key.
        Map<String, Ciphertext> parsed = new LinkedHashMap<>();
        List<Ciphertext> underResponder = ciphertexts(responderKey, o, what, r1, DEMAND_SHARE, TOTALS_FOR_RESPONDER);
        List<Ciphertext> underInitiator = ciphertexts(initiatorKey, o, what, r2, SUPPLY_SHARE, TOTALS_FOR_INITIATOR);
        parsed.put(DEMAND_SHARE, underResponder.get(0));
        parsed.put(SUPPLY_SHARE, underInitiator.get(0));
        parsed.put(TOTALS_FOR_RESPONDER, underResponder.get(1));
        parsed.put(TOTALS_FOR_INITIATOR, underInitiator.get(1));
        // A copied ciphertext would count another home's value twice; point reads of a per-ciphertext index find
        // it without a range query (which would make concurrent contributions conflict).
        Map<String, String> indexKeys = new TreeMap<>();
        for (Map.Entry<String, Ciphertext> e : parsed.entrySet()) {
            String digest = HexFormat.of().formatHex(sha256(e.getValue().toBytes()));
            String indexKey = StateKeys.ciphertext(digest);
            CiphertextUse earlier = read(ctx, indexKey, CiphertextUse.class);
            if (earlier != null || indexKeys.containsKey(indexKey)) {
                String where = earlier == null ? "another field of this contribution"
                        : "the " + earlier.field() + " of home " + earlier.homeId() + " in window " + earlier.window();
                throw ErrorCode.INVALID_CIPHERTEXT.exception(e.getKey() + " repeats a ciphertext already used as "
                        + where);
            }
            indexKeys.put(indexKey, e.getKey());
        }
        Contribution contribution = new Contribution(t, homeId, role, parsed.get(DEMAND_SHARE).toBase64(),
                parsed.get(SUPPLY_SHARE).toBase64(), parsed.get(TOTALS_FOR_RESPONDER).toBase64(),
                parsed.get(TOTALS_FOR_INITIATOR).toBase64(), timestamp(ctx), ctx.txId());
        write(ctx, key, contribution);
        for (Map.Entry<String, String> e : indexKeys.entrySet()) {
            write(ctx, e.getKey(), new CiphertextUse(t, homeId, e.getValue()));
        }
        emit(ctx, MarketEvent.CONTRIBUTION_SUBMITTED, new EventPayload(t, WindowPhase.CONTRIBUTIONS, homeId, null));
        return CanonicalJson.toJson(contribution);
    }

    /**
     * Closes the contribution phase of window {@code t}. Anyone may close it once every member has contributed;
     * before that only the operator organisation may, and only after the contribution deadline. Members that did
     * not contribute are dropped (they trade with the grid); a selected home among them ends the window with the
     * grid and is suspended; the coalitions are checked against the minimum size again. Then chaincode multiplies
     * the ciphertexts into the aggregates {@code R_b}, {@code R_s}, {@code T_r1} and {@code T_r2}.
     *
     * @param ctx    the transaction (anyone once complete, else the operator organisation)
     * @param window the window index
     * @return the window record written
     */
    public String closeContributions(TxContext ctx, String window) {
        long t = parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.CONTRIBUTIONS);
        List<Contribution> contributions = readAll(ctx, Contribution.class, StateKeys.CONTRIBUTION,
                Long.toString(t));
        int members = w.coalitions().sellers().size() + w.coalitions().buyers().size();
        int missing = members - contributions.size();
        if (missing > 0) {
            requireOperator(ctx, "close the contributions of window " + t + " while " + missing
                    + " members have not contributed");
            if (!passed(ctx, w.coalitions().contributionsDeadline())) {
                throw ErrorCode.DEADLINE_NOT_REACHED.exception(missing + " members have not contributed to window "
                        + t + " and the contribution deadline " + w.coalitions().contributionsDeadline()
                        + " has not passed");
            }
        }
        return CanonicalJson.toJson(doCloseContributions(ctx, w, contributions));
    }

    /**
     * Posts one message of window {@code t}'s secure comparison (PEM Protocol 2, lines 14-18): step 1 by the
     * initiator r2 (its input is {@code R_s}), step 2 by the responder r1 (its input is {@code R_b}), step 3 by r2
     * (its output share), step 4 by r1 (its output share). Steps are strictly in order, each once, before the
     * comparison deadline; chaincode checks each message's envelope (version, step, session context). After step 4
     * chaincode combines the two shares into {@code supplyBelowDemand}, checking that both were made over the
     * recorded messages 1 and 2, and decides the window if both decryptions of the totals are already posted.
     *
     * @param ctx     the transaction, signed by the selected home of the step
     * @param window  the window index
     * @param step    1 to 4
     * @param message the message, Base64
     * @return the comparison message written
     */
    public String postComparisonMessage(TxContext ctx, String window, String step, String message) {
        HomeRecord home = callerHome(ctx);
        long t = parseWindow(window);
        int number = parseStep(step);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        PostedStep posted = applyComparisonStep(ctx, home, w, t, number, message);
        WindowRecord next = decideIfReady(ctx, posted.window());
        write(ctx, StateKeys.window(t), next);
        emit(ctx, MarketEvent.COMPARISON_MESSAGE_POSTED, new EventPayload(t, next.phase(), home.homeId(), number));
        return CanonicalJson.toJson(posted.message());
    }

    /**
     * A selected home's turn in window {@code t}'s evaluation in one transaction: its decryption of its totals share
     * (exactly as {@link #postDecryption}), unless {@code decryptionJson} is empty, then comparison message
     * {@code step} (exactly as {@link #postComparisonMessage}). r2 posts its decryption with step 1 and r1 with
     * step 2, so the evaluation takes four ordered transactions instead of six. Either part failing rejects the
     * whole transaction; whichever transaction completes step 4 and both decryptions decides the outcome.
     *
     * @param ctx            the transaction, signed by the selected home of the step
     * @param window         the window index
     * @param step           1 to 4
     * @param message        the comparison message, Base64
     * @param decryptionJson {@code {"plaintext", "proof"}} as for {@link #postDecryption}, or empty
     * @return the window record written
     */
    public String postEvaluationStep(TxContext ctx, String window, String step, String message,
                                     String decryptionJson) {
        HomeRecord home = callerHome(ctx);
        long t = parseWindow(window);
        int number = parseStep(step);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        WindowRecord next = decryptionJson.isEmpty() ? w : applyDecryption(ctx, home, w, t, decryptionJson);
        next = decideIfReady(ctx, applyComparisonStep(ctx, home, next, t, number, message).window());
        write(ctx, StateKeys.window(t), next);
        emit(ctx, MarketEvent.COMPARISON_MESSAGE_POSTED, new EventPayload(t, next.phase(), home.homeId(), number));
        return CanonicalJson.toJson(next);
    }

    /** A comparison message written to its own key, and the window record with the step counted (not written). */
    private record PostedStep(ComparisonMessage message, WindowRecord window) {
    }

    /**
     * Checks comparison message {@code number} of the caller against window record {@code w} (in evaluation), writes
     * it, and returns the record with the step counted; after step 4, with the comparison's result.
     */
    private PostedStep applyComparisonStep(TxContext ctx, HomeRecord home, WindowRecord w, long t, int number,
                                           String message) {
        SelectedHomes s = w.coalitions().selection();
        String expected = number % 2 == 1 ? s.initiator() : s.responder();
        if (!home.homeId().equals(expected)) {
            throw ErrorCode.NOT_SELECTED.exception("comparison step " + number + " of window " + t + " is posted by "
                    + (number % 2 == 1 ? "the initiator r2 " : "the responder r1 ") + expected + ", not by "
                    + home.homeId());
        }
        if (number <= w.comparisonSteps()) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("comparison step " + number + " of window " + t
                    + " was already posted");
        }
        if (number != w.comparisonSteps() + 1) {
            throw ErrorCode.OUT_OF_ORDER.exception("comparison step " + number + " of window " + t
                    + " cannot be posted before step " + (w.comparisonSteps() + 1));
        }
        requireBefore(ctx, w.aggregation().comparisonDeadline(), "the comparison of window " + t);
        byte[] bytes = comparisonBytes(message, number);
        byte[] session = ProofContexts.comparisonSession(ctx.channelId(), t);
        try {
            ComparisonOutcome.checkEnvelope(bytes, comparisonStep(number), session);
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("comparison step " + number + " of window " + t
                    + " rejected: " + e.getMessage(), e);
        }
        ComparisonMessage posted = new ComparisonMessage(t, number, home.homeId(), Bytes.toBase64(bytes),
                timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.comparison(t, number), posted);
        WindowRecord next;
        if (number < 4) {
            next = w.withComparison(number, null);
        } else {
            byte[] m1 = storedComparisonMessage(ctx, t, 1);
            byte[] m2 = storedComparisonMessage(ctx, t, 2);
            byte[] m3 = storedComparisonMessage(ctx, t, 3);
            boolean supplyBelowDemand;
            try {
                // x = R_s (initiator), y = R_b (responder): "x < y" is R_s < R_b, i.e. E_s < E_b (PEM Protocol 2
                // line 15: the common mask sum cancels in the comparison).
                supplyBelowDemand = ComparisonOutcome.combine(m3, bytes, session, m1, m2);
            } catch (CryptoException | IllegalArgumentException e) {
                throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("the comparison shares of window " + t
                        + " do not combine: " + e.getMessage(), e);
            }
            next = w.withComparison(4, supplyBelowDemand);
        }
        return new PostedStep(posted, next);
    }

    private WindowRecord decideIfReady(TxContext ctx, WindowRecord w) {
        return w.readyToDecide() ? decide(ctx, w) : w;
    }

    /**
     * Posts a selected home's decryption of its share of window {@code t}'s packed totals: r1 decrypts
     * {@code T_r1} ({@code totalsForResponder}), r2 decrypts {@code T_r2} ({@code totalsForInitiator}), each once,
     * with a proof of correct decryption bound to {@code (channel, t, "totals", prover)} that chaincode verifies
     * against the recorded aggregate. Each plaintext alone is masked; their sum is the packed
     * {@code (E_s, sum k, sum d, E_b)}. The decryptions need not wait for the comparison: whichever of the three
     * (two decryptions, comparison step 4) comes last decides the outcome.
     *
     * @param ctx    the transaction, signed by r1 or r2
     * @param window the window index
     * @param json   {@code {"plaintext": "<signed decimal>", "proof": "<base64>"}}
     * @return the window record written
     */
    public String postDecryption(TxContext ctx, String window, String json) {
        HomeRecord home = callerHome(ctx);
        long t = parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        WindowRecord next = decideIfReady(ctx, applyDecryption(ctx, home, w, t, json));
        write(ctx, StateKeys.window(t), next);
        emit(ctx, MarketEvent.DECRYPTION_POSTED, new EventPayload(t, next.phase(), home.homeId(), null));
        return CanonicalJson.toJson(next);
    }

    /**
     * Checks the caller's decryption of its totals share against window record {@code w} (in evaluation) and
     * returns the record with it (not written).
     */
    private WindowRecord applyDecryption(TxContext ctx, HomeRecord home, WindowRecord w, long t, String json) {
        SelectedHomes s = w.coalitions().selection();
        String homeId = home.homeId();
        boolean responder = homeId.equals(s.responder());
        if (!responder && !homeId.equals(s.initiator())) {
            throw ErrorCode.NOT_SELECTED.exception("the totals of window " + t + " are decrypted by r1 "
                    + s.responder() + " and r2 " + s.initiator() + ", not by " + homeId);
        }
        String share = responder ? "T_r1" : "T_r2";
        if (w.decryptions() != null && w.decryptions().postedBy(homeId)) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the decryption of " + share + " of window " + t
                    + " was already posted");
        }
        requireBefore(ctx, w.aggregation().decryptionDeadline(), "the decryptions of window " + t);
        String what = "decryption";
        JsonObject o = JsonArgs.object(json, what, DECRYPTION_FIELDS, Set.of());
        BigInteger plaintext = decimal(JsonArgs.stringField(o, PLAINTEXT, what), share);
        String proofText = JsonArgs.stringField(o, PROOF, what);
        if (proofText.length() > MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_PROOF.exception("the proof of " + share + " is longer than " + MAX_PROOF_CHARS
                    + " characters");
        }
        PaillierPublicKey key = parsedKey(home.paillierKey());
        Aggregates a = w.aggregation().aggregates();
        Ciphertext aggregate = key.ciphertextFromBase64(responder ? a.totalsForResponder() : a.totalsForInitiator());
        DecryptionProof proof;
        try {
            proof = DecryptionProof.fromBase64(key, proofText);
            proof.verify(aggregate, plaintext, ProofContexts.totals(ctx.channelId(), t, homeId));
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_PROOF.exception("the decryption of " + share + " of window " + t + " by "
                    + homeId + " does not verify: " + e.getMessage(), e);
        }
        TotalsDecryption posted = new TotalsDecryption(homeId, plaintext.toString(), proof.toBase64(),
                timestamp(ctx), ctx.txId());
        return responder ? w.withResponderDecryption(posted) : w.withInitiatorDecryption(posted);
    }

    /**
     * Writes the settlement of window {@code t}, once, after the window was cleared or went grid only.
     *
     * @param ctx    the transaction (anyone)
     * @param window the window index
     * @return the settlement written
     */
    public String settleWindow(TxContext ctx, String window) {
        long t = parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        if (w.phase() == WindowPhase.SETTLED) {
            throw ErrorCode.ALREADY_SETTLED.exception("window " + t + " is already settled");
        }
        if (w.phase() != WindowPhase.CLEARED && w.phase() != WindowPhase.GRID_ONLY) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " is in phase " + w.phase()
                    + "; it can be settled once CLEARED or GRID_ONLY");
        }
        Coalitions c = w.coalitions();
        Outcome o = w.outcome();
        boolean market = w.phase() == WindowPhase.CLEARED;
        List<String> sellers = market ? w.aggregation().sellers() : List.of();
        List<String> buyers = market ? w.aggregation().buyers() : List.of();
        Settlement settlement = new Settlement(t, o.clearing(), o.price(), o.fillRatio(), o.supply(), o.demand(),
                sellers, buyers, minus(c.sellers(), sellers), minus(c.buyers(), buyers), c.offMarket(),
                w.config().retailPrice(), w.config().feedInPrice(), timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.settlement(t), settlement);
        WindowRecord next = w.settled();
        write(ctx, StateKeys.window(t), next);
        emit(ctx, MarketEvent.WINDOW_SETTLED, new EventPayload(t, next.phase(), null, null));
        return CanonicalJson.toJson(settlement);
    }

    /**
     * Moves window {@code t} on after its current phase's deadline has passed (operator organisation only: the
     * transaction timestamp is the client's, so only the operator's agent may act on a deadline). In the role phase
     * it closes the roles (undeclared homes are off market); in the contribution phase it closes the contributions
     * (silent members are dropped); in the evaluation phase, when the comparison or a decryption is missing past its
     * deadline, the window goes grid only naming the silent selected homes, which are suspended from selection.
     * Never settles.
     *
     * @param ctx    the transaction, signed by the operator organisation
     * @param window the window index
     * @return the window record written
     */
    public String expireWindow(TxContext ctx, String window) {
        requireOperator(ctx, "expire windows");
        long t = parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        switch (w.phase()) {
            case ROLES -> {
                requirePassed(ctx, w.rolesDeadline(), "the role deadline of window " + t);
                List<RoleDeclaration> declarations = readAll(ctx, RoleDeclaration.class, StateKeys.ROLE,
                        Long.toString(t));
                return CanonicalJson.toJson(doCloseRoles(ctx, w, declarations, readAll(ctx, HomeRecord.class,
                        StateKeys.HOME)));
            }
            case CONTRIBUTIONS -> {
                requirePassed(ctx, w.coalitions().contributionsDeadline(), "the contribution deadline of window "
                        + t);
                List<Contribution> contributions = readAll(ctx, Contribution.class, StateKeys.CONTRIBUTION,
                        Long.toString(t));
                return CanonicalJson.toJson(doCloseContributions(ctx, w, contributions));
            }
            case EVALUATION -> {
                return CanonicalJson.toJson(expireEvaluation(ctx, w));
            }
            case SETTLED -> throw ErrorCode.ALREADY_SETTLED.exception("window " + t + " is already settled");
            default -> throw ErrorCode.WRONG_PHASE.exception("window " + t + " is already decided (" + w.phase()
                    + "); settle it instead");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------------------------

    /**
     * The market configuration.
     *
     * @param ctx the transaction
     * @return the configuration
     */
    public String getMarket(TxContext ctx) {
        return CanonicalJson.toJson(requireConfig(ctx));
    }

    /**
     * A registered home.
     *
     * @param ctx    the transaction
     * @param homeId the home id
     * @return its record
     */
    public String getHome(TxContext ctx, String homeId) {
        String id = parseHomeId(homeId);
        HomeRecord home = read(ctx, StateKeys.home(id), HomeRecord.class);
        if (home == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("no home " + id + " is registered");
        }
        return CanonicalJson.toJson(home);
    }

    /**
     * Every registered home, sorted by home id.
     *
     * @param ctx the transaction
     * @return a JSON array of home records
     */
    public String listHomes(TxContext ctx) {
        return CanonicalJson.toJson(readAll(ctx, HomeRecord.class, StateKeys.HOME));
    }

    /**
     * Everything about window {@code t}: the window record (aggregates, decryptions with proofs, outcome), the
     * selected homes r2 ({@code initiator}) and r1 ({@code responder}) with their keys, every declaration,
     * contribution and comparison message, and the settlement.
     *
     * @param ctx    the transaction
     * @param window the window index
     * @return the window view
     */
    public String getWindow(TxContext ctx, String window) {
        long t = parseWindow(window);
        String attr = Long.toString(t);
        return windowView(ctx, t, readAll(ctx, RoleDeclaration.class, StateKeys.ROLE, attr),
                readAll(ctx, Contribution.class, StateKeys.CONTRIBUTION, attr));
    }

    /** The view of window {@code t} with the given declarations and contributions. */
    private String windowView(TxContext ctx, long t, List<RoleDeclaration> declarations,
                              List<Contribution> contributions) {
        WindowRecord w = requireWindow(ctx, t);
        List<ComparisonMessage> messages = new ArrayList<>(readAll(ctx, ComparisonMessage.class,
                StateKeys.COMPARISON, Long.toString(t)));
        messages.sort((x, y) -> Integer.compare(x.step(), y.step()));
        SelectedHomes s = w.coalitions() == null ? null : w.coalitions().selection();
        String initiator = s == null ? null : s.initiator();
        String responder = s == null ? null : s.responder();
        WindowView view = new WindowView(w, initiator, responder,
                s == null ? null : selectedHome(ctx, initiator).paillierKey(),
                s == null ? null : selectedHome(ctx, responder).paillierKey(),
                declarations, contributions, messages, read(ctx, StateKeys.settlement(t), Settlement.class));
        return CanonicalJson.toJson(view);
    }

    /**
     * The key-correctness proof a home registered with (for auditors; {@code getHome} carries its SHA-256).
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return the proof record
     */
    public String getKeyProof(TxContext ctx, String homeId) {
        KeyProofRecord record = read(ctx, StateKeys.keyProof(parseHomeId(homeId)), KeyProofRecord.class);
        if (record == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("home " + homeId + " is not registered");
        }
        return CanonicalJson.toJson(record);
    }

    /**
     * Window {@code t} as one home needs it: the same view as {@link #getWindow} but with only that home's own
     * declaration and contribution, so a home controller polling the window reads a few kilobytes instead of every
     * member's ciphertexts.
     *
     * @param ctx    the transaction
     * @param window the window index
     * @param homeId the home, or empty for the window without any home's declaration or contribution
     * @return the window view restricted to the home's own declaration and contribution
     */
    public String getWindowForHome(TxContext ctx, String window, String homeId) {
        long t = parseWindow(window);
        boolean home = !homeId.isEmpty();
        String id = home ? parseHomeId(homeId) : homeId;
        RoleDeclaration declaration = home ? read(ctx, StateKeys.role(t, id), RoleDeclaration.class) : null;
        Contribution contribution = home ? read(ctx, StateKeys.contribution(t, id), Contribution.class) : null;
        return windowView(ctx, t, declaration == null ? List.of() : List.of(declaration),
                contribution == null ? List.of() : List.of(contribution));
    }

    /**
     * Every committed modification of a state key, oldest first.
     *
     * @param ctx the transaction
     * @param key the key as {@code TYPE/attribute/...} (e.g. {@code WINDOW/7}, {@code HOME/h1}, {@code MARKET}) or
     *            a raw composite key starting with U+0000
     * @return a JSON array of history entries
     */
    public String getHistory(TxContext ctx, String key) {
        if (key == null || key.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the history key is empty");
        }
        String compositeKey;
        try {
            if (key.charAt(0) == CompositeKeys.DELIMITER) {
                List<String> parts = CompositeKeys.split(key);
                if (parts.isEmpty() || !StateKeys.OBJECT_TYPES.contains(parts.get(0))) {
                    throw new IllegalArgumentException("not a key of the market contract");
                }
                compositeKey = key;
            } else {
                compositeKey = StateKeys.fromPath(key);
            }
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("history key rejected: " + e.getMessage(), e);
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (TxContext.KeyModification m : ctx.getHistoryForKey(compositeKey)) {
            JsonElement value = null;
            if (!m.deleted() && m.value() != null) {
                try {
                    value = JsonParser.parseString(new String(m.value(), StandardCharsets.UTF_8));
                } catch (JsonParseException e) {
                    throw new IllegalStateException("state value of a market key is not JSON", e);
                }
            }
            entries.add(new HistoryEntry(m.txId(), m.timestamp().toString(), m.deleted(), value));
        }
        return CanonicalJson.toJson(entries);
    }


    // ---------------------------------------------------------------------------------------------------------
    // Phase transitions shared by the closing transactions and expireWindow
    // ---------------------------------------------------------------------------------------------------------

    private WindowRecord doCloseRoles(TxContext ctx, WindowRecord w, List<RoleDeclaration> declarations,
                                      List<HomeRecord> homes) {
        long t = w.window();
        TreeSet<String> sellers = new TreeSet<>();
        TreeSet<String> buyers = new TreeSet<>();
        TreeSet<String> off = new TreeSet<>();
        Set<String> declared = new TreeSet<>();
        for (RoleDeclaration d : declarations) {
            declared.add(d.homeId());
            switch (d.role()) {
                case SELLER -> sellers.add(d.homeId());
                case BUYER -> buyers.add(d.homeId());
                default -> off.add(d.homeId());
            }
        }
        for (HomeRecord h : homes) {
            if (!sellers.contains(h.homeId()) && !buyers.contains(h.homeId())) {
                off.add(h.homeId());
            }
        }
        Instant now = ctx.txTimestamp();
        int minimum = w.config().minimumCoalitionSize();
        Optional<SelectedHomes> selection = Optional.empty();
        Outcome gridOnly = null;
        if (sellers.size() < minimum || buyers.size() < minimum) {
            gridOnly = Outcome.gridOnly(GridOnlyReason.COALITION_TOO_SMALL, sellers.size() + " sellers and "
                    + buyers.size() + " buyers declared; each coalition needs at least " + minimum + " homes",
                    List.of(), now.toString(), ctx.txId());
        } else {
            selection = Selections.select(ctx.channelId(), t, w.config().selectionEpochWindows(), homes, declared);
            if (selection.isEmpty()) {
                gridOnly = Outcome.gridOnly(GridOnlyReason.TOO_FEW_SELECTABLE_HOMES, "fewer than two of the "
                        + declared.size() + " homes that declared a role in window " + t + " are selectable (not "
                        + "suspended)", List.of(), now.toString(), ctx.txId());
            }
        }
        WindowRecord next;
        if (gridOnly != null) {
            Coalitions c = new Coalitions(List.copyOf(sellers), List.copyOf(buyers), List.copyOf(off), null,
                    now.toString(), null);
            next = w.withCoalitions(WindowPhase.GRID_ONLY, c, gridOnly);
        } else {
            Coalitions c = new Coalitions(List.copyOf(sellers), List.copyOf(buyers), List.copyOf(off),
                    selection.orElseThrow(), now.toString(), deadline(now, w.config().contributionSeconds()));
            next = w.withCoalitions(WindowPhase.CONTRIBUTIONS, c, null);
        }
        write(ctx, StateKeys.window(t), next);
        emit(ctx, MarketEvent.ROLES_CLOSED, new EventPayload(t, next.phase(), null, null));
        return next;
    }

    private WindowRecord doCloseContributions(TxContext ctx, WindowRecord w, List<Contribution> contributions) {
        long t = w.window();
        Coalitions c = w.coalitions();
        SelectedHomes s = c.selection();
        Map<String, Contribution> byHome = new TreeMap<>();
        contributions.forEach(x -> byHome.put(x.homeId(), x));
        List<String> sellers = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        TreeSet<String> silent = new TreeSet<>();
        for (String id : c.sellers()) {
            if (byHome.containsKey(id)) {
                sellers.add(id);
            } else {
                silent.add(id);
            }
        }
        for (String id : c.buyers()) {
            if (byHome.containsKey(id)) {
                buyers.add(id);
            } else {
                silent.add(id);
            }
        }
        Instant now = ctx.txTimestamp();
        int minimum = w.config().minimumCoalitionSize();
        // A selected home that declared off market has nothing to contribute; one that is a member and stayed
        // silent is most likely offline and would stall the evaluation, so the window ends here.
        TreeSet<String> silentSelected = new TreeSet<>();
        for (String selected : List.of(s.responder(), s.initiator())) {
            if (silent.contains(selected)) {
                silentSelected.add(selected);
            }
        }
        Outcome gridOnly = null;
        String sizes = sellers.size() + " sellers and " + buyers.size() + " buyers contributed";
        if (!silentSelected.isEmpty()) {
            gridOnly = Outcome.gridOnly(GridOnlyReason.SELECTED_HOME_DID_NOT_CONTRIBUTE, "selected homes "
                    + silentSelected + " did not contribute by " + c.contributionsDeadline() + " (" + sizes + ")",
                    List.copyOf(silentSelected), now.toString(), ctx.txId());
        } else if (sellers.size() < minimum || buyers.size() < minimum) {
            gridOnly = Outcome.gridOnly(GridOnlyReason.COALITION_TOO_SMALL, sizes + "; each coalition needs at "
                    + "least " + minimum + " homes", List.of(), now.toString(), ctx.txId());
        }
        WindowRecord next;
        if (gridOnly != null) {
            next = w.withAggregation(WindowPhase.GRID_ONLY, new Aggregation(sellers, buyers, List.copyOf(silent), null,
                    now.toString(), null, null), gridOnly);
            suspend(ctx, silentSelected, t, gridOnly.reason());
        } else {
            PaillierPublicKey responderKey = homeKey(ctx, s.responder());
            PaillierPublicKey initiatorKey = homeKey(ctx, s.initiator());
            List<Ciphertext> demandShares = new ArrayList<>();
            List<Ciphertext> supplyShares = new ArrayList<>();
            List<Ciphertext> responderTotals = new ArrayList<>();
            List<Ciphertext> initiatorTotals = new ArrayList<>();
            for (Contribution x : byHome.values()) {
                if (!sellers.contains(x.homeId()) && !buyers.contains(x.homeId())) {
                    continue;
                }
                // PEM Protocol 2 lines 2-10 and 11-13: Enc(a) * Enc(b) = Enc(a + b), the masks r summing into both.
                demandShares.add(stored(responderKey, x.demandShare()));
                supplyShares.add(stored(initiatorKey, x.supplyShare()));
                // Protocol 2's E_s, E_b and Protocol 3 lines 2-7's k and g + 1 + eps b - b, packed into slots and
                // split into two additive shares, so that each key holder only ever decrypts masked values.
                responderTotals.add(stored(responderKey, x.totalsForResponder()));
                initiatorTotals.add(stored(initiatorKey, x.totalsForInitiator()));
            }
            Aggregates aggregates = new Aggregates(responderKey.sum(demandShares).toBase64(),
                    initiatorKey.sum(supplyShares).toBase64(), responderKey.sum(responderTotals).toBase64(),
                    initiatorKey.sum(initiatorTotals).toBase64());
            next = w.withAggregation(WindowPhase.EVALUATION, new Aggregation(sellers, buyers, List.copyOf(silent),
                    aggregates, now.toString(), deadline(now, w.config().comparisonSeconds()),
                    deadline(now, w.config().decryptionSeconds())), null);
        }
        write(ctx, StateKeys.window(t), next);
        emit(ctx, MarketEvent.CONTRIBUTIONS_CLOSED, new EventPayload(t, next.phase(), null, null));
        return next;
    }

    private WindowRecord expireEvaluation(TxContext ctx, WindowRecord w) {
        long t = w.window();
        SelectedHomes s = w.coalitions().selection();
        Aggregation a = w.aggregation();
        boolean comparisonLate = w.comparisonSteps() < 4 && passed(ctx, a.comparisonDeadline());
        List<String> undecrypted = new ArrayList<>();
        Decryptions posted = w.decryptions();
        for (String selected : List.of(s.responder(), s.initiator())) {
            if (posted == null || !posted.postedBy(selected)) {
                undecrypted.add(selected);
            }
        }
        boolean decryptionsLate = !undecrypted.isEmpty() && passed(ctx, a.decryptionDeadline());
        if (!comparisonLate && !decryptionsLate) {
            throw ErrorCode.DEADLINE_NOT_REACHED.exception("window " + t + " is still within its deadlines: the "
                    + "comparison until " + a.comparisonDeadline() + ", the decryptions until "
                    + a.decryptionDeadline());
        }
        TreeSet<String> silent = new TreeSet<>();
        List<String> causes = new ArrayList<>();
        GridOnlyReason reason;
        if (comparisonLate) {
            int due = w.comparisonSteps() + 1;
            String home = due % 2 == 1 ? s.initiator() : s.responder();
            silent.add(home);
            causes.add("comparison step " + due + " by " + (due % 2 == 1 ? "r2 " : "r1 ") + home
                    + " was not posted by " + a.comparisonDeadline());
            reason = GridOnlyReason.COMPARISON_NOT_FINISHED;
        } else {
            reason = GridOnlyReason.DECRYPTIONS_NOT_POSTED;
        }
        if (decryptionsLate) {
            for (String home : undecrypted) {
                silent.add(home);
                causes.add("the decryption of " + (home.equals(s.responder()) ? "T_r1 by r1 " : "T_r2 by r2 ") + home
                        + " was not posted by " + a.decryptionDeadline());
            }
        }
        Outcome o = Outcome.gridOnly(reason, String.join("; ", causes), List.copyOf(silent), timestamp(ctx),
                ctx.txId());
        WindowRecord next = w.withOutcome(o);
        write(ctx, StateKeys.window(t), next);
        suspend(ctx, silent, t, reason);
        emit(ctx, MarketEvent.WINDOW_EXPIRED, new EventPayload(t, next.phase(), null, null));
        return next;
    }

    /**
     * Suspends silent selected homes from selection, so that the following windows select the next-ranked homes
     * instead of waiting for them again. A home already suspended keeps its earlier suspension.
     */
    private static void suspend(TxContext ctx, Collection<String> homeIds, long t, GridOnlyReason reason) {
        for (String id : homeIds) {
            HomeRecord h = selectedHome(ctx, id);
            if (!h.suspended()) {
                write(ctx, StateKeys.home(id), h.withSuspension(new Suspension(t, reason, timestamp(ctx),
                        ctx.txId())));
            }
        }
    }

    /**
     * Decides a window whose comparison result and both verified decryptions of the totals are present: adds the
     * two plaintexts into the packed totals and unpacks {@code E_s}, {@code sum k}, {@code sum d} and {@code E_b};
     * checks that they are what honest contributions produce and that they agree with the comparison; then
     * computes the market type, the price and the fill ratio (PEM Section III).
     */
    private WindowRecord decide(TxContext ctx, WindowRecord w) {
        Aggregation a = w.aggregation();
        String now = timestamp(ctx);
        // T_r1 + T_r2 = sum(pack_i + M_i) + sum(-M_i) = sum(pack_i): the masks cancel only in the sum of the two
        // verified plaintexts, which is the first point at which the totals exist in the clear.
        BigInteger packed = new BigInteger(w.decryptions().responder().plaintext())
                .add(new BigInteger(w.decryptions().initiator().plaintext()));
        int contributors = a.sellers().size() + a.buyers().size();
        PackedTotals totals;
        try {
            totals = PackedTotals.unpack(packed, contributors);
        } catch (ValueOutOfRangeException e) {
            return w.withOutcome(Outcome.gridOnly(GridOnlyReason.MALFORMED_TOTALS, "the sum of the decrypted "
                    + "totals is not a packed sum of " + contributors + " contributions: " + e.getMessage(),
                    List.of(), now, ctx.txId()));
        }
        // Every honest seller has sn >= 1 and k >= 1 unit and every honest buyer |sn| >= 1 unit, so a smaller total
        // can only come from a malformed contribution: no market can be computed from it.
        List<String> problems = new ArrayList<>();
        requireAtLeast(totals.supply(), a.sellers().size(), "E_s", problems);
        requireAtLeast(totals.demand(), a.buyers().size(), "E_b", problems);
        requireAtLeast(totals.preference(), a.sellers().size(), "sum k", problems);
        if (!problems.isEmpty()) {
            return w.withOutcome(Outcome.gridOnly(GridOnlyReason.MALFORMED_TOTALS, String.join("; ", problems),
                    totals, now, ctx.txId()));
        }
        long s = totals.supply();
        long b = totals.demand();
        if ((s < b) != w.supplyBelowDemand()) {
            return w.withOutcome(Outcome.gridOnly(GridOnlyReason.COMPARISON_MISMATCH, "the comparison found "
                    + (w.supplyBelowDemand() ? "supply below demand" : "supply at or above demand")
                    + " but the verified totals give E_s = " + s + " and E_b = " + b, totals, now, ctx.txId()));
        }
        MarketType type = MarketMath.marketType(s, b);
        // General market: Eq. 13 with the seeds' erratum, clamped by Eq. 14; extreme market: p_l (Section III-C).
        long price = MarketMath.clearingPrice(type, totals.preference(), totals.pricingTerm(),
                w.config().parameters());
        long rho = MarketMath.fillRatio(type, s, b);
        return w.withOutcome(Outcome.cleared(Clearing.of(type), price, rho, totals, now, ctx.txId()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    private static void requireAtLeast(long value, int minimum, String name, List<String> problems) {
        if (value < minimum) {
            problems.add(name + " = " + value + " is below " + minimum + " units, one per member");
        }
    }

    private void requireOperator(TxContext ctx, String action) {
        String msp = ctx.creator().mspId();
        if (!operatorMspId.equals(msp)) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("only the operator organisation " + operatorMspId + " may "
                    + action + ", not " + msp);
        }
    }

    private HomeRecord callerHome(TxContext ctx) {
        return Callers.home(ctx, communityMspIds);
    }

    private static MarketConfig requireConfig(TxContext ctx) {
        MarketConfig config = read(ctx, StateKeys.market(), MarketConfig.class);
        if (config == null) {
            throw ErrorCode.MARKET_NOT_CONFIGURED.exception("the operator has not configured the market");
        }
        return config;
    }

    private static WindowRecord requireWindow(TxContext ctx, long t) {
        WindowRecord w = read(ctx, StateKeys.window(t), WindowRecord.class);
        if (w == null) {
            throw ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " has not been opened");
        }
        return w;
    }

    private static void requirePhase(WindowRecord w, WindowPhase phase) {
        if (w.phase() != phase) {
            throw ErrorCode.WRONG_PHASE.exception("window " + w.window() + " is in phase " + w.phase() + ", not "
                    + phase);
        }
    }

    /** The phase is open while the transaction timestamp is before the deadline. */
    private static boolean passed(TxContext ctx, String deadline) {
        return !ctx.txTimestamp().isBefore(Instant.parse(deadline));
    }

    private static void requireBefore(TxContext ctx, String deadline, String what) {
        if (passed(ctx, deadline)) {
            throw ErrorCode.DEADLINE_PASSED.exception("the deadline for " + what + " was " + deadline);
        }
    }

    private static void requirePassed(TxContext ctx, String deadline, String what) {
        if (!passed(ctx, deadline)) {
            throw ErrorCode.DEADLINE_NOT_REACHED.exception(what + " is " + deadline);
        }
    }

    private static String deadline(Instant from, long seconds) {
        return from.plusSeconds(seconds).toString();
    }

    private static String timestamp(TxContext ctx) {
        return ctx.txTimestamp().toString();
    }

    private static HomeRecord selectedHome(TxContext ctx, String homeId) {
        HomeRecord home = read(ctx, StateKeys.home(homeId), HomeRecord.class);
        if (home == null) {
            throw new IllegalStateException("selected home " + homeId + " has no home record");
        }
        return home;
    }

    private static PaillierPublicKey homeKey(TxContext ctx, String homeId) {
        return parsedKey(selectedHome(ctx, homeId).paillierKey());
    }

    /** Parsed keys by their encoding: parsing is a pure function of the bytes, so caching it keeps determinism. */
    private static final Map<String, PaillierPublicKey> PARSED_KEYS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PaillierPublicKey> eldest) {
                    return size() > 1024;
                }
            });

    private static PaillierPublicKey parsedKey(String base64) {
        PaillierPublicKey key = PARSED_KEYS.get(base64);
        if (key == null) {
            key = PaillierPublicKey.fromBase64(base64);
            PARSED_KEYS.put(base64, key);
        }
        return key;
    }

    /** Parses the named Base64 fields as ciphertexts under one key, validated together (one gcd). */
    private static List<Ciphertext> ciphertexts(PaillierPublicKey key, JsonObject o, String what, String owner,
                                                String... fields) {
        List<java.math.BigInteger> values = new ArrayList<>();
        for (String field : fields) {
            byte[] bytes;
            try {
                bytes = Bytes.fromBase64(JsonArgs.stringField(o, field, what), field);
            } catch (CryptoException e) {
                throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under the key of " + owner
                        + ": " + e.getMessage(), e);
            }
            if (bytes.length != key.ciphertextBytes()) {
                throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under the key of " + owner
                        + ": ciphertext must be exactly " + key.ciphertextBytes() + " bytes, got " + bytes.length);
            }
            values.add(new java.math.BigInteger(1, bytes));
        }
        try {
            return key.ciphertexts(values);
        } catch (CryptoException e) {
            // The key names the failing ciphertext by its index among the fields: name the field instead.
            String message = e.getMessage();
            for (int i = 0; i < fields.length; i++) {
                String prefix = "ciphertext " + i + " ";
                if (message.startsWith(prefix)) {
                    message = fields[i] + " is not a ciphertext under the key of " + owner + ": ciphertext "
                            + message.substring(prefix.length());
                }
            }
            throw ErrorCode.INVALID_CIPHERTEXT.exception(message, e);
        }
    }

    private static Ciphertext stored(PaillierPublicKey key, String base64) {
        return key.ciphertextAlreadyValidated(Bytes.fromBase64(base64, "stored ciphertext"));
    }

    private static byte[] comparisonBytes(String message, int step) {
        if (message == null || message.isEmpty()) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("comparison step " + step + " is empty");
        }
        if (message.length() > (MAX_COMPARISON_MESSAGE_BYTES / 3 + 1) * 4) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("comparison step " + step + " is longer than "
                    + MAX_COMPARISON_MESSAGE_BYTES + " bytes");
        }
        try {
            return Bytes.fromBase64(message, "comparison step " + step);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception(e.getMessage(), e);
        }
    }

    private static byte[] storedComparisonMessage(TxContext ctx, long t, int step) {
        ComparisonMessage m = read(ctx, StateKeys.comparison(t, step), ComparisonMessage.class);
        if (m == null) {
            throw new IllegalStateException("comparison step " + step + " of window " + t + " is counted but missing");
        }
        return Bytes.fromBase64(m.message(), "stored comparison step " + step);
    }

    private static ComparisonStep comparisonStep(int number) {
        for (ComparisonStep s : ComparisonStep.values()) {
            if (s.number() == number) {
                return s;
            }
        }
        throw new IllegalStateException("no comparison step " + number);
    }

    private static List<String> minus(List<String> all, List<String> removed) {
        List<String> out = new ArrayList<>(all);
        out.removeAll(removed);
        return out;
    }

    private static String requireMspId(String id) {
        Objects.requireNonNull(id, "MSP id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("MSP id must not be blank");
        }
        return id;
    }

    static long parseWindow(String window) {
        if (window == null || !WINDOW_INDEX.matcher(window).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("window index must be a non-negative decimal integer without "
                    + "leading zeros, at most 18 digits");
        }
        return Long.parseLong(window);
    }

    static String parseHomeId(String homeId) {
        if (homeId == null || !HOME_ID.matcher(homeId).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("home id must be 1 to 64 characters of [A-Za-z0-9._-] "
                    + "starting with a letter or digit");
        }
        return homeId;
    }

    private static Role parseRole(String role) {
        if (role != null) {
            for (Role r : Role.values()) {
                if (r.name().equals(role)) {
                    return r;
                }
            }
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("role must be SELLER, BUYER or OFF");
    }

    private static int parseStep(String step) {
        if (step == null || step.length() != 1 || step.charAt(0) < '1' || step.charAt(0) > '4') {
            throw ErrorCode.INVALID_ARGUMENT.exception("comparison step must be 1, 2, 3 or 4");
        }
        return step.charAt(0) - '0';
    }

    private static BigInteger decimal(String text, String name) {
        if (text == null || text.length() > MAX_DECIMAL_CHARS || !DECIMAL.matcher(text).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the plaintext of " + name + " must be a decimal integer "
                    + "without leading zeros");
        }
        return new BigInteger(text);
    }

    private static void emit(TxContext ctx, MarketEvent event, EventPayload payload) {
        ctx.setEvent(event.eventName(), CanonicalJson.toBytes(payload));
    }
}
