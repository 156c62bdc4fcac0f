package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.market.Guards.requireConfig;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.selectedHome;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.CompositeKeys;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.HistoryEntry;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MaskTransferRecord;
import io.neighbourgrid.protocol.state.OutcomeProofRecord;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.ProofParameters;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only transactions: what every home and auditor can see of every step (Protocol 1's public keys, each
 * window's declarations, ciphertexts, proofs and outcome, and each key's committed history).
 * They write nothing and set no event.
 */
public final class Queries {
    /** The queries (they need no organisation checks: every identity of the channel may read). */
    public Queries() {
    }

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
        String id = Syntax.parseHomeId(homeId);
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
        return CanonicalJson.toJson(Roles.homes(ctx));
    }

    /**
     * Everything about window {@code t}: the window record (aggregates, outcome), the selected homes r2
     * ({@code initiator}) and r1 ({@code responder}) with their keys, every declaration and contribution with its
     * proof, r2's mask transfer, r1's outcome proofs, and the settlement.
     *
     * @param ctx    the transaction
     * @param window the window index
     * @return the window view
     */
    public String getWindow(TxContext ctx, String window) {
        long t = Syntax.parseWindow(window);
        return windowView(ctx, t, Roles.declarations(ctx, t), Contributions.contributions(ctx, t), true);
    }

    /**
     * Window {@code t} as one home needs it: the same view as {@link #getWindow} but with only that home's own
     * declaration and contribution and without the evaluation's proofs, so a home controller polling the window reads
     * a few kilobytes instead of every member's ciphertexts and proofs.
     *
     * @param ctx    the transaction
     * @param window the window index
     * @param homeId the home, or empty for the window without any home's declaration or contribution
     * @return the window view restricted to the home's own declaration and contribution
     */
    public String getWindowForHome(TxContext ctx, String window, String homeId) {
        long t = Syntax.parseWindow(window);
        boolean home = !homeId.isEmpty();
        String id = home ? Syntax.parseHomeId(homeId) : homeId;
        RoleDeclaration declaration = home ? read(ctx, StateKeys.role(t, id), RoleDeclaration.class) : null;
        Contribution contribution = home ? read(ctx, StateKeys.contribution(t, id), Contribution.class) : null;
        return windowView(ctx, t, declaration == null ? List.of() : List.of(declaration),
                contribution == null ? List.of() : List.of(contribution), false);
    }

    /** The view of window {@code t} with the given declarations and contributions, and its proofs if asked. */
    private static String windowView(TxContext ctx, long t, List<RoleDeclaration> declarations,
                                     List<Contribution> contributions, boolean proofs) {
        WindowRecord w = requireWindow(ctx, t);
        SelectedHomes s = w.coalitions() == null ? null : w.coalitions().selection();
        String initiator = s == null ? null : s.initiator();
        String responder = s == null ? null : s.responder();
        WindowView view = new WindowView(w, initiator, responder,
                s == null ? null : selectedHome(ctx, initiator).paillierKey(),
                s == null ? null : selectedHome(ctx, responder).paillierKey(),
                declarations, contributions,
                proofs ? read(ctx, StateKeys.maskTransfer(t), MaskTransferRecord.class) : null,
                proofs ? read(ctx, StateKeys.outcomeProof(t), OutcomeProofRecord.class) : null,
                read(ctx, StateKeys.settlement(t), Settlement.class));
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
        KeyProofRecord record = read(ctx, StateKeys.keyProof(Syntax.parseHomeId(homeId)), KeyProofRecord.class);
        if (record == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("home " + homeId + " is not registered");
        }
        return CanonicalJson.toJson(record);
    }

    /**
     * The ring-Pedersen parameters every home's no-small-factor proof is made against.
     *
     * @param ctx the transaction
     * @return the {@code ProofParameters} record
     * @throws io.neighbourgrid.protocol.ContractException {@code PROOF_PARAMETERS_NOT_REGISTERED} before the
     *                                                        operator registered them
     */
    public String getProofParameters(TxContext ctx) {
        ProofParameters record = read(ctx, StateKeys.proofParameters(), ProofParameters.class);
        if (record == null) {
            throw ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED.exception("no proof parameters are registered yet");
        }
        return CanonicalJson.toJson(record);
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
}
