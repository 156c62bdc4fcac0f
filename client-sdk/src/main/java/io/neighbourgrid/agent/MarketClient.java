package io.neighbourgrid.agent;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.args.BatchArgs;
import io.neighbourgrid.protocol.args.ContributionBatchArgs;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.Delegation;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.ProofParameters;
import io.neighbourgrid.protocol.state.WindowView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed calls of the market contract over one {@link Ledger} connection: the transaction names (from
 * {@link ContractTransaction}), argument formats (from {@link Syntax}) and result types of {@code docs/protocol.md}
 * in one place, so agents, the simulator, the CLI and tests never spell a transaction by hand.
 */
public final class MarketClient {
    private final Ledger ledger;
    private final String channel;

    /**
     * @param ledger  the connection, signing as the caller's identity
     * @param channel the channel name, bound into proof contexts
     */
    public MarketClient(Ledger ledger, String channel) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The underlying connection. */
    public Ledger ledger() {
        return ledger;
    }

    /** The channel name. */
    public String channel() {
        return channel;
    }

    /** The market configuration. */
    public MarketConfig market() throws LedgerException {
        return parse(evaluate(ContractTransaction.GET_MARKET), MarketConfig.class);
    }

    /** A registered home, or empty when the home id is not registered. */
    public Optional<HomeRecord> home(String homeId) throws LedgerException {
        try {
            return Optional.of(parse(evaluate(ContractTransaction.GET_HOME, homeId), HomeRecord.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_HOME)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The ring-Pedersen parameters homes prove their keys against, or empty before the operator registered them.
     */
    public Optional<ProofParameters> proofParameters() throws LedgerException {
        try {
            return Optional.of(parse(evaluate(ContractTransaction.GET_PROOF_PARAMETERS), ProofParameters.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The key-correctness and no-small-factor proofs a home registered with. */
    public KeyProofRecord keyProof(String homeId) throws LedgerException {
        return parse(evaluate(ContractTransaction.GET_KEY_PROOF, homeId), KeyProofRecord.class);
    }

    /** Every registered home, sorted by home id. */
    public List<HomeRecord> homes() throws LedgerException {
        String json = new String(evaluate(ContractTransaction.LIST_HOMES), StandardCharsets.UTF_8);
        return CanonicalJson.fromJson(json, new TypeToken<List<HomeRecord>>() { }.getType());
    }

    /** Everything the ledger holds about window {@code t}, or empty when it was never opened. */
    public Optional<WindowView> window(long t) throws LedgerException {
        try {
            return Optional.of(parse(evaluate(ContractTransaction.GET_WINDOW, Syntax.window(t)), WindowView.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_WINDOW)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Window {@code t} with only {@code homeId}'s own declaration and contribution (or none, for an empty home id):
     * what a home controller or the operator polls, a few kilobytes whatever the community's size.
     */
    public Optional<WindowView> windowFor(long t, String homeId) throws LedgerException {
        try {
            return Optional.of(parse(evaluate(ContractTransaction.GET_WINDOW_FOR_HOME, Syntax.window(t), homeId),
                    WindowView.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_WINDOW)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Window {@code t} without any home's declaration or contribution. */
    public Optional<WindowView> windowStatus(long t) throws LedgerException {
        return windowFor(t, "");
    }

    /** The history of a state key ({@code TYPE/attribute/...}), as canonical JSON. */
    public String history(String key) throws LedgerException {
        return new String(evaluate(ContractTransaction.GET_HISTORY, key), StandardCharsets.UTF_8);
    }

    public SubmitResult configureMarket(MarketConfig config) throws LedgerException {
        return submit(ContractTransaction.CONFIGURE_MARKET, CanonicalJson.toJson(config));
    }

    /** Registers the ring-Pedersen proof parameters (operator, once) with their proof. */
    public SubmitResult registerProofParameters(String parametersBase64, String parametersProofBase64)
            throws LedgerException {
        return submit(ContractTransaction.REGISTER_PROOF_PARAMETERS, parametersBase64, parametersProofBase64);
    }

    /** Registers a home with its key, its key-correctness proof and its no-small-factor proof. */
    public SubmitResult registerHome(String homeId, String paillierKeyBase64, String keyProofBase64,
                                     String factorProofBase64) throws LedgerException {
        return submit(ContractTransaction.REGISTER_HOME, homeId, paillierKeyBase64, keyProofBase64,
                factorProofBase64);
    }

    public SubmitResult resumeHome() throws LedgerException {
        return submit(ContractTransaction.RESUME_HOME);
    }

    public SubmitResult openWindow(long t) throws LedgerException {
        return submit(ContractTransaction.OPEN_WINDOW, Syntax.window(t));
    }

    public SubmitResult declareRole(long t, Role role) throws LedgerException {
        return submit(ContractTransaction.DECLARE_ROLE, Syntax.window(t), role.name());
    }

    public SubmitResult declareAndContribute(long t, Role role, ContributionKeys keys, String contributionJson)
            throws LedgerException {
        return submit(ContractTransaction.DECLARE_AND_CONTRIBUTE, Syntax.window(t), role.name(), keys.responder(),
                keys.initiator(), contributionJson);
    }

    /** Registers the calling identity as a representative homes may delegate to. */
    public SubmitResult registerRepresentative(String representativeId) throws LedgerException {
        return submit(ContractTransaction.REGISTER_REPRESENTATIVE, representativeId);
    }

    /** The calling home delegates its market participation to {@code representativeId}. */
    public SubmitResult delegate(String representativeId) throws LedgerException {
        return submit(ContractTransaction.DELEGATE, representativeId);
    }

    /** The calling home revokes its active delegation. */
    public SubmitResult revokeDelegation() throws LedgerException {
        return submit(ContractTransaction.REVOKE_DELEGATION);
    }

    /** A representative's declarations and contributions for its homes in window {@code t}, in one transaction. */
    public SubmitResult submitBatch(long t, BatchArgs batch) throws LedgerException {
        return submit(ContractTransaction.SUBMIT_BATCH, Syntax.window(t), batch.toJson());
    }

    /**
     * A representative's contributions for its homes in window {@code t}, under the selected homes' keys, once the
     * roles are closed, in one transaction.
     */
    public SubmitResult submitContributionBatch(long t, ContributionBatchArgs batch) throws LedgerException {
        return submit(ContractTransaction.SUBMIT_CONTRIBUTION_BATCH, Syntax.window(t), batch.toJson());
    }

    /** A home's delegation, active or revoked, or empty when it never delegated. */
    public Optional<Delegation> delegation(String homeId) throws LedgerException {
        try {
            return Optional.of(parse(evaluate(ContractTransaction.GET_DELEGATION, homeId), Delegation.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.NOT_DELEGATED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public SubmitResult closeRoles(long t) throws LedgerException {
        return submit(ContractTransaction.CLOSE_ROLES, Syntax.window(t));
    }

    public SubmitResult submitContribution(long t, String contributionJson) throws LedgerException {
        return submit(ContractTransaction.SUBMIT_CONTRIBUTION, Syntax.window(t), contributionJson);
    }

    public SubmitResult closeContributions(long t) throws LedgerException {
        return submit(ContractTransaction.CLOSE_CONTRIBUTIONS, Syntax.window(t));
    }

    /** r2's mask transfer: its masks' sum re-encrypted under r1's key, with the proof. */
    public SubmitResult postMaskTransfer(long t, String reencryptedBase64, String proofBase64) throws LedgerException {
        return submit(ContractTransaction.POST_MASK_TRANSFER, Syntax.window(t), reencryptedBase64, proofBase64);
    }

    /** r1's proven outcome. */
    public SubmitResult postOutcome(long t, String outcomeProofBase64) throws LedgerException {
        return submit(ContractTransaction.POST_OUTCOME, Syntax.window(t), outcomeProofBase64);
    }

    /** Claims that {@code homeId}'s contribution proof of window {@code t} fails. */
    public SubmitResult claimInvalidContribution(long t, String homeId) throws LedgerException {
        return submit(ContractTransaction.CLAIM_INVALID_CONTRIBUTION, Syntax.window(t), homeId);
    }

    /** The market's proof parameters, parsed, or empty before the operator registered them. */
    public Optional<RingPedersenParameters> proofParametersParsed() throws LedgerException {
        Optional<ProofParameters> record = proofParameters();
        return record.map(r -> RingPedersenParameters.fromBase64(r.parameters()));
    }

    public SubmitResult settleWindow(long t) throws LedgerException {
        return submit(ContractTransaction.SETTLE_WINDOW, Syntax.window(t));
    }

    public SubmitResult expireWindow(long t) throws LedgerException {
        return submit(ContractTransaction.EXPIRE_WINDOW, Syntax.window(t));
    }

    private SubmitResult submit(ContractTransaction transaction, String... args) throws LedgerException {
        return ledger.submit(transaction.functionName(), args);
    }

    private byte[] evaluate(ContractTransaction transaction, String... args) throws LedgerException {
        return ledger.evaluate(transaction.functionName(), args);
    }

    private static <T> T parse(byte[] payload, Class<T> type) {
        return CanonicalJson.fromJson(new String(payload, StandardCharsets.UTF_8), type);
    }
}
