package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.readAll;
import static io.neighbourgrid.chaincode.StateIo.sha256;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.deadline;
import static io.neighbourgrid.chaincode.market.Guards.passed;
import static io.neighbourgrid.chaincode.market.Guards.requireBefore;
import static io.neighbourgrid.chaincode.market.Guards.requirePhase;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;
import static io.neighbourgrid.chaincode.market.Registration.contributionKey;
import static io.neighbourgrid.chaincode.market.Registration.homeKey;
import static io.neighbourgrid.protocol.args.ContributionArgs.TOTALS_FOR_INITIATOR;
import static io.neighbourgrid.protocol.args.ContributionArgs.TOTALS_FOR_RESPONDER;

import com.google.gson.JsonObject;
import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.ContributionProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.WindowAggregation;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.CiphertextUse;
import io.neighbourgrid.protocol.state.Coalitions;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * PEM Protocol 2 lines 2-13 (Section IV-D, Private Market Evaluation: the aggregation), with the aggregation of
 * Protocol 3 lines 2-7 folded in. Every member submits, in one contribution, two additive shares of its packed
 * values ({@code sn}, {@code k}, {@code g + 1 + eps b - b} of a seller, {@code |sn|} of a buyer), one under each
 * selected home's key, with a proof that every value lies in the market's published range and that both shares hold
 * the same mask ({@code ContributionProof}); closing the contributions multiplies them into {@code T_r1} and
 * {@code T_r2} ({@link WindowAggregation}), instead of passing a ciphertext from home to home. The proofs are
 * checked optimistically: stored as submitted, verified in batches by the selected homes and anyone else, and by
 * chaincode when a claim names one ({@link Claims}).
 */
public final class Contributions {
    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Contributions(Guards guards) {
        this.guards = guards;
    }

    /**
     * Submits the calling member's encrypted contribution to window {@code t}: the responder's share under r1's
     * registered key, the initiator's share under r2's, and the contribution proof. Each ciphertext is parsed and
     * validated against the key it must be under and must not repeat any ciphertext used before; the proof must be a
     * well-formed encoding (it is verified on a claim). Everything is stored in canonical form under the member's
     * own key.
     *
     * @param ctx    the transaction, signed by a coalition member
     * @param window the window index
     * @param json   a {@link ContributionArgs}: {@code {"totalsForResponder", "totalsForInitiator", "proof"}},
     *               Base64, the same fields for sellers and buyers
     * @return the contribution written
     */
    public String submitContribution(TxContext ctx, String window, String json) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.CONTRIBUTIONS);
        requireBefore(ctx, w.coalitions().contributionsDeadline(), "contributions to window " + t);
        Contribution contribution = storeSelected(ctx, w, home, json);
        MarketEvent.CONTRIBUTION_SUBMITTED.emit(ctx, new EventPayload(t, WindowPhase.CONTRIBUTIONS, home.homeId(),
                null));
        return CanonicalJson.toJson(contribution);
    }

    /**
     * Validates and stores the contribution of {@code home} to window {@code w}, in its contribution phase, under the
     * selected homes' keys: the home must be a member of a coalition of the window ({@code NOT_A_MEMBER}) and not
     * excluded ({@code HOME_EXCLUDED}); the rest as {@link #store}.
     *
     * @return the contribution written
     */
    static Contribution storeSelected(TxContext ctx, WindowRecord w, HomeRecord home, String json) {
        long t = w.window();
        String homeId = home.homeId();
        Role role = w.coalitions().sellers().contains(homeId) ? Role.SELLER
                : w.coalitions().buyers().contains(homeId) ? Role.BUYER : Role.OFF;
        if (role == Role.OFF) {
            throw ErrorCode.NOT_A_MEMBER.exception("home " + homeId + " is not a member of a coalition of window "
                    + t);
        }
        if (home.suspension() != null && home.suspension().excludes(t)) {
            throw ErrorCode.HOME_EXCLUDED.exception("home " + homeId + " is excluded from the market until window "
                    + home.suspension().excludedUntil() + " for an invalid contribution to window "
                    + home.suspension().window() + "; it may not contribute to window " + t);
        }
        return store(ctx, t, homeId, role, ContributionKeys.of(w.coalitions().selection()), json);
    }

    /**
     * Validates and stores the contribution of member {@code homeId} to window {@code t}, under the keys of the homes
     * {@code keys} names (the window's selected homes, or with {@code declareAndContribute} the homes the member
     * expects it to select): each ciphertext parsed and validated against the key it must be under and not
     * repeating any ciphertext used before, the proof a well-formed encoding.
     *
     * @return the contribution written
     */
    static Contribution store(TxContext ctx, long t, String homeId, Role role, ContributionKeys keys, String json) {
        String key = StateKeys.contribution(t, homeId);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + homeId + " already contributed to window " + t);
        }
        JsonObject o = ContributionArgs.fields(json);
        PaillierPublicKey responderKey = contributionKey(ctx, keys.responder());
        PaillierPublicKey initiatorKey = contributionKey(ctx, keys.initiator());
        // Field name -> validated ciphertext, in a fixed order.
        Map<String, Ciphertext> parsed = new LinkedHashMap<>();
        parsed.put(TOTALS_FOR_RESPONDER, ciphertexts(responderKey, o, "r1 " + keys.responder(),
                TOTALS_FOR_RESPONDER).get(0));
        parsed.put(TOTALS_FOR_INITIATOR, ciphertexts(initiatorKey, o, "r2 " + keys.initiator(),
                TOTALS_FOR_INITIATOR).get(0));
        String proof = proofOf(ContributionArgs.field(o, ContributionArgs.PROOF), homeId);
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
        Contribution contribution = new Contribution(t, homeId, role, parsed.get(TOTALS_FOR_RESPONDER).toBase64(),
                parsed.get(TOTALS_FOR_INITIATOR).toBase64(), proof, timestamp(ctx), ctx.txId());
        write(ctx, key, contribution);
        for (Map.Entry<String, String> e : indexKeys.entrySet()) {
            write(ctx, e.getKey(), new CiphertextUse(t, homeId, e.getValue()));
        }
        return contribution;
    }

    /**
     * Closes the contribution phase of window {@code t}. Anyone may close it once every member has contributed;
     * before that only the operator organisation may, and only after the contribution deadline. See {@link #close}
     * for what closing decides.
     *
     * @param ctx    the transaction (anyone once complete, else the operator organisation)
     * @param window the window index
     * @return the window record written
     */
    public String closeContributions(TxContext ctx, String window) {
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.CONTRIBUTIONS);
        List<Contribution> contributions = contributions(ctx, t);
        int members = w.coalitions().sellers().size() + w.coalitions().buyers().size();
        int missing = members - contributions.size();
        if (missing > 0) {
            guards.requireOperator(ctx, "close the contributions of window " + t + " while " + missing
                    + " members have not contributed");
            if (!passed(ctx, w.coalitions().contributionsDeadline())) {
                throw ErrorCode.DEADLINE_NOT_REACHED.exception(missing + " members have not contributed to window "
                        + t + " and the contribution deadline " + w.coalitions().contributionsDeadline()
                        + " has not passed");
            }
        }
        return CanonicalJson.toJson(close(ctx, w, contributions));
    }

    /** Every contribution to window {@code t}, in key order. */
    static List<Contribution> contributions(TxContext ctx, long t) {
        return readAll(ctx, Contribution.class, StateKeys.CONTRIBUTION, Long.toString(t));
    }

    /**
     * Closes the contributions of window {@code w} (by {@code closeContributions} or on the deadline by
     * {@code expireWindow}). Members that did not contribute are dropped (they trade with the grid); a selected
     * home among them ends the window with the grid and is suspended; the coalitions are checked against the
     * minimum size again. Otherwise the ciphertexts are multiplied into the aggregates {@code T_r1} and
     * {@code T_r2} and the evaluation's deadlines are set. Writes the window and emits
     * {@code ContributionsClosed}.
     */
    static WindowRecord close(TxContext ctx, WindowRecord w, List<Contribution> contributions) {
        long t = w.window();
        Coalitions c = w.coalitions();
        SelectedHomes s = c.selection();
        Set<String> contributed = new TreeSet<>();
        contributions.forEach(x -> contributed.add(x.homeId()));
        List<String> sellers = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        TreeSet<String> silent = new TreeSet<>();
        for (String id : c.sellers()) {
            if (contributed.contains(id)) {
                sellers.add(id);
            } else {
                silent.add(id);
            }
        }
        for (String id : c.buyers()) {
            if (contributed.contains(id)) {
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
            next = w.withAggregation(WindowPhase.GRID_ONLY, new Aggregation(sellers, buyers, List.copyOf(silent),
                    List.of(), null, now.toString(), null, null), gridOnly);
            Deadlines.suspend(ctx, silentSelected, t, gridOnly.reason());
        } else {
            next = aggregate(ctx, w, sellers, buyers, List.copyOf(silent), List.of(), contributions, now);
        }
        write(ctx, StateKeys.window(t), next);
        MarketEvent.CONTRIBUTIONS_CLOSED.emit(ctx, new EventPayload(t, next.phase(), null, null));
        return next;
    }

    /**
     * The contribution proof as stored: a well-formed encoding, re-encoded canonically. Its verification is
     * optimistic ({@link Claims}).
     */
    private static String proofOf(String base64, String homeId) {
        if (base64.length() > ContributionArgs.MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_CONTRIBUTION_PROOF.exception("the contribution proof of " + homeId + " is longer "
                    + "than " + ContributionArgs.MAX_PROOF_CHARS + " characters");
        }
        try {
            return ContributionProof.fromBase64(base64).toBase64();
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_CONTRIBUTION_PROOF.exception("the contribution proof of " + homeId + " is not a "
                    + "proof encoding: " + e.getMessage(), e);
        }
    }

    /**
     * Window {@code w} in evaluation with its aggregates over {@code sellers} and {@code buyers} and fresh deadlines
     * (at the close of the contributions, and again after an exclusion by {@link Claims}). PEM Protocol 2 lines 2-13
     * and Protocol 3 lines 2-7: {@code Enc(a) * Enc(b) = Enc(a + b)}; each selected home only ever opens masked
     * values.
     */
    static WindowRecord aggregate(TxContext ctx, WindowRecord w, List<String> sellers, List<String> buyers,
                                  List<String> silent, List<String> excluded, List<Contribution> contributions,
                                  Instant now) {
        SelectedHomes s = w.coalitions().selection();
        Aggregates aggregates = WindowAggregation.aggregates(homeKey(ctx, s.responder()),
                homeKey(ctx, s.initiator()), sellers, buyers, contributions, Contributions::stored);
        MarketConfig c = w.config();
        return w.withAggregation(WindowPhase.EVALUATION, new Aggregation(sellers, buyers, silent, excluded,
                aggregates, now.toString(), deadline(now, c.transferSeconds()),
                deadline(now, c.transferSeconds() + c.outcomeSeconds())), null);
    }

    /** A ciphertext stored by {@link #submitContribution}, which validated it under the same key. */
    private static Ciphertext stored(PaillierPublicKey key, String base64) {
        return key.ciphertextAlreadyValidated(Bytes.fromBase64(base64, "stored ciphertext"));
    }

    /**
     * Reads the named fields of a contribution as ciphertexts under one key, each as soon as it is read, validated
     * together (one gcd).
     */
    private static List<Ciphertext> ciphertexts(PaillierPublicKey key, JsonObject o, String owner,
                                                String... fields) {
        List<BigInteger> values = new ArrayList<>();
        for (String field : fields) {
            byte[] bytes;
            try {
                bytes = Bytes.fromBase64(ContributionArgs.field(o, field), field);
            } catch (CryptoException e) {
                throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under the key of " + owner
                        + ": " + e.getMessage(), e);
            }
            if (bytes.length != key.ciphertextBytes()) {
                throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under the key of " + owner
                        + ": ciphertext must be exactly " + key.ciphertextBytes() + " bytes, got " + bytes.length);
            }
            values.add(new BigInteger(1, bytes));
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
}
