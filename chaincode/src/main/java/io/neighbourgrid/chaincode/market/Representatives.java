package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requireBefore;
import static io.neighbourgrid.chaincode.market.Guards.requirePhase;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;

import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.args.BatchArgs;
import io.neighbourgrid.protocol.args.ContributionBatchArgs;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.Delegation;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.IdentityBinding;
import io.neighbourgrid.protocol.state.RepresentativeBinding;
import io.neighbourgrid.protocol.state.RepresentativeRecord;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Representatives acting for homes (seed 003, SNIPPET: "representatives represent their clients in electricity
 * markets"; an aggregator or a community battery operator). A home delegates its market participation to a
 * registered representative and may revoke it; the representative then submits, once per window, one
 * {@code submitBatch} holding each represented home's role declaration and contribution exactly as the home made
 * them ({@link Roles#declareWithContribution}, PEM Protocol 1 lines 3-4 and Protocol 2 lines 2-13): a community of
 * {@code n} homes with {@code m} representatives sends {@code m} declaring transactions per window instead of
 * {@code n}. Each contribution stays under the selected homes' keys and keeps its own proof, bound to its home's id, so
 * the representative learns nothing the ciphertexts hide, and a claim against one home works as before
 * ({@link Claims}). A batch is accepted or refused as a whole.
 */
public final class Representatives {
    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Representatives(Guards guards) {
        this.guards = guards;
    }

    /**
     * Registers the calling identity as representative {@code representativeId}. The identity must belong to a
     * community organisation and must not be bound to a home or another representative; a representative has no key
     * and is never selected.
     *
     * @param ctx              the transaction
     * @param representativeId the syntax of a home id
     * @return the representative record written
     */
    public String registerRepresentative(TxContext ctx, String representativeId) {
        Creator creator = requireCommunity(ctx, "register representatives");
        String id = Syntax.parseHomeId(representativeId);
        if (ctx.getState(StateKeys.representative(id)) != null) {
            throw ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED.exception("representative " + id
                    + " is already registered");
        }
        IdentityBinding home = read(ctx, StateKeys.identity(creator.mspId(), creator.certificateHash()),
                IdentityBinding.class);
        if (home != null) {
            throw ErrorCode.IDENTITY_ALREADY_BOUND.exception("the calling identity is bound to home " + home.homeId()
                    + "; a representative has an identity of its own");
        }
        requireNotRepresentative(ctx, creator.mspId(), creator.certificateHash());
        RepresentativeRecord record = new RepresentativeRecord(id, creator.mspId(), creator.certificateHash(),
                timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.representative(id), record);
        write(ctx, StateKeys.representativeIdentity(creator.mspId(), creator.certificateHash()),
                new RepresentativeBinding(creator.mspId(), creator.certificateHash(), id));
        MarketEvent.REPRESENTATIVE_REGISTERED.emit(ctx, new EventPayload(null, null, null, null));
        return CanonicalJson.toJson(record);
    }

    /**
     * Delegates the calling home's market participation to representative {@code representativeId}, from this
     * transaction on, until the home revokes it. The home may still act itself; whichever declaration of a window
     * comes first counts.
     *
     * @param ctx              the transaction, signed by the identity bound to the home
     * @param representativeId a registered representative
     * @return the delegation written
     */
    public String delegate(TxContext ctx, String representativeId) {
        HomeRecord home = guards.callerHome(ctx);
        String id = Syntax.parseHomeId(representativeId);
        if (ctx.getState(StateKeys.representative(id)) == null) {
            throw ErrorCode.UNKNOWN_REPRESENTATIVE.exception("no representative " + id + " is registered");
        }
        Delegation current = read(ctx, StateKeys.delegation(home.homeId()), Delegation.class);
        if (current != null && current.isActive()) {
            throw ErrorCode.ALREADY_DELEGATED.exception("home " + home.homeId() + " has delegated to representative "
                    + current.representativeId() + " since " + current.delegatedAt() + "; it revokes that first");
        }
        Delegation delegation = Delegation.active(home.homeId(), id, timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.delegation(home.homeId()), delegation);
        MarketEvent.HOME_DELEGATED.emit(ctx, new EventPayload(null, null, home.homeId(), null));
        return CanonicalJson.toJson(delegation);
    }

    /**
     * Revokes the calling home's active delegation: from this transaction on its representative can no longer act
     * for it. The record stays, with the revocation.
     *
     * @param ctx the transaction, signed by the identity bound to the home
     * @return the revoked delegation written
     */
    public String revokeDelegation(TxContext ctx) {
        HomeRecord home = guards.callerHome(ctx);
        Delegation current = read(ctx, StateKeys.delegation(home.homeId()), Delegation.class);
        if (current == null || !current.isActive()) {
            throw ErrorCode.NOT_DELEGATED.exception("home " + home.homeId() + " has no active delegation to revoke");
        }
        Delegation revoked = current.revoked(timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.delegation(home.homeId()), revoked);
        MarketEvent.DELEGATION_REVOKED.emit(ctx, new EventPayload(null, null, home.homeId(), null));
        return CanonicalJson.toJson(revoked);
    }

    /**
     * Declares the roles of the homes that delegated to the calling representative in window {@code t}, with their
     * contributions, in one transaction: for each entry the home must exist and its delegation to the caller must be
     * active ({@code NOT_DELEGATED}); an entry with a contribution is then checked and written exactly as the home's
     * own {@code declareAndContribute}, one without as its {@code declareRole}. Any refused entry refuses the whole
     * batch, with the entry's code and a message naming it; nothing is written.
     *
     * @param ctx    the transaction, signed by the identity bound to the representative
     * @param window the window index
     * @param json   a {@link BatchArgs}
     * @return the declarations written, as a JSON array in the batch's order
     */
    public String submitBatch(TxContext ctx, String window, String json) {
        RepresentativeRecord representative = callerRepresentative(ctx);
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.ROLES);
        requireBefore(ctx, w.rolesDeadline(), "role declarations of window " + t);
        BatchArgs batch = BatchArgs.parse(json);
        String rep = representative.representativeId();
        Set<String> homes = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        List<RoleDeclaration> written = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            BatchArgs.Entry e = batch.entries().get(i);
            try {
                if (!homes.add(e.homeId())) {
                    throw ErrorCode.INVALID_ARGUMENT.exception("the batch names home " + e.homeId() + " twice");
                }
                HomeRecord home = delegatedHome(ctx, e.homeId(), rep);
                if (e.contribution() == null) {
                    written.add(Roles.declare(ctx, home, t, e.role(), null, rep));
                    continue;
                }
                Roles.Declared declared = Roles.declareWithContribution(ctx, home, t, e.role(), e.responder(),
                        e.initiator(), e.contribution().toJson(), rep);
                written.add(declared.declaration());
                requireFresh(declared.contribution(), ciphertexts);
            } catch (ContractException refused) {
                throw inEntry(refused, i, e.homeId(), rep);
            }
        }
        MarketEvent.BATCH_SUBMITTED.emit(ctx, new EventPayload(t, WindowPhase.ROLES, null, null));
        return CanonicalJson.toJson(written);
    }

    /**
     * Submits, once window {@code t}'s roles are closed, the contributions of homes that delegated to the calling
     * representative, under the selected homes' keys, in one transaction (PEM Protocol 2 lines 2-13 for each home):
     * what a home whose contribution made with its declaration was deleted (it was under other keys) or never made
     * would submit itself with {@code submitContribution}. For each entry the home must exist and its delegation to
     * the caller must be active ({@code NOT_DELEGATED}); the contribution is then checked and written exactly as the
     * home's own. Any refused entry refuses the whole batch, with the entry's code and a message naming it; nothing
     * is written.
     *
     * @param ctx    the transaction, signed by the identity bound to the representative
     * @param window the window index
     * @param json   a {@link ContributionBatchArgs}
     * @return the contributions written, as a JSON array in the batch's order
     */
    public String submitContributionBatch(TxContext ctx, String window, String json) {
        RepresentativeRecord representative = callerRepresentative(ctx);
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.CONTRIBUTIONS);
        requireBefore(ctx, w.coalitions().contributionsDeadline(), "contributions to window " + t);
        ContributionBatchArgs batch = ContributionBatchArgs.parse(json);
        String rep = representative.representativeId();
        Set<String> homes = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        List<Contribution> written = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            ContributionBatchArgs.Entry e = batch.entries().get(i);
            try {
                if (!homes.add(e.homeId())) {
                    throw ErrorCode.INVALID_ARGUMENT.exception("the batch names home " + e.homeId() + " twice");
                }
                HomeRecord home = delegatedHome(ctx, e.homeId(), rep);
                Contribution stored = Contributions.storeSelected(ctx, w, home, e.contribution().toJson());
                requireFresh(stored, ciphertexts);
                written.add(stored);
            } catch (ContractException refused) {
                throw inEntry(refused, i, e.homeId(), rep);
            }
        }
        MarketEvent.BATCH_SUBMITTED.emit(ctx, new EventPayload(t, WindowPhase.CONTRIBUTIONS, null, null));
        return CanonicalJson.toJson(written);
    }

    /** The record of {@code homeId}, which must have an active delegation to representative {@code rep}. */
    private static HomeRecord delegatedHome(TxContext ctx, String homeId, String rep) {
        HomeRecord home = required(ctx, StateKeys.home(homeId), HomeRecord.class, ErrorCode.UNKNOWN_HOME,
                "no home " + homeId + " is registered");
        Delegation delegation = read(ctx, StateKeys.delegation(homeId), Delegation.class);
        if (delegation == null || !delegation.activeFor(rep)) {
            throw ErrorCode.NOT_DELEGATED.exception("home " + homeId + " has no active delegation to representative "
                    + rep);
        }
        return home;
    }

    /**
     * Rejects a contribution with a ciphertext an earlier entry of the same batch used: reads in one transaction do
     * not see its own writes, so the ciphertext index does not catch repeats within a batch.
     */
    private static void requireFresh(Contribution stored, Set<String> ciphertexts) {
        for (String c : List.of(stored.totalsForResponder(), stored.totalsForInitiator())) {
            if (!ciphertexts.add(c)) {
                throw ErrorCode.INVALID_CIPHERTEXT.exception("a ciphertext of home " + stored.homeId()
                        + " repeats one of an earlier entry of the batch");
            }
        }
    }

    /** An entry's refusal, with the entry named: the code stays. */
    private static ContractException inEntry(ContractException refused, int index, String homeId, String rep) {
        return refused.code().exception("batch entry " + index + " (home " + homeId + ") of representative " + rep
                + ": " + refused.getMessage().substring(refused.code().name().length() + 2), refused);
    }

    /**
     * A representative's record.
     *
     * @param ctx              the transaction
     * @param representativeId the representative
     * @return its record
     */
    public String getRepresentative(TxContext ctx, String representativeId) {
        String id = Syntax.parseHomeId(representativeId);
        return CanonicalJson.toJson(required(ctx, StateKeys.representative(id), RepresentativeRecord.class,
                ErrorCode.UNKNOWN_REPRESENTATIVE, "no representative " + id + " is registered"));
    }

    /**
     * A home's delegation, active or revoked.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return its delegation record
     */
    public String getDelegation(TxContext ctx, String homeId) {
        String id = Syntax.parseHomeId(homeId);
        return CanonicalJson.toJson(required(ctx, StateKeys.delegation(id), Delegation.class,
                ErrorCode.NOT_DELEGATED, "home " + id + " has never delegated"));
    }

    /** The record at {@code key}, or the rejection {@code code} when there is none. */
    private static <T> T required(TxContext ctx, String key, Class<T> type, ErrorCode code, String missing) {
        T record = read(ctx, key, type);
        if (record == null) {
            throw code.exception(missing);
        }
        return record;
    }

    /** Rejects an identity already bound to a representative ({@code REPRESENTATIVE_ALREADY_REGISTERED}). */
    static void requireNotRepresentative(TxContext ctx, String mspId, String certificateHash) {
        RepresentativeBinding bound = read(ctx, StateKeys.representativeIdentity(mspId, certificateHash),
                RepresentativeBinding.class);
        if (bound != null) {
            throw ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED.exception("the calling identity acts as representative "
                    + bound.representativeId() + "; a home has an identity of its own");
        }
    }

    private Creator requireCommunity(TxContext ctx, String action) {
        Creator creator = ctx.creator();
        if (!guards.communityMspIds().contains(creator.mspId())) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + creator.mspId() + " may not " + action
                    + "; community organisations are " + guards.communityMspIds());
        }
        return creator;
    }

    /** The representative bound to the calling identity. */
    private RepresentativeRecord callerRepresentative(TxContext ctx) {
        Creator creator = requireCommunity(ctx, "act as representatives");
        RepresentativeBinding binding = read(ctx, StateKeys.representativeIdentity(creator.mspId(),
                creator.certificateHash()), RepresentativeBinding.class);
        if (binding == null) {
            throw ErrorCode.NOT_A_REPRESENTATIVE.exception("the calling identity is not bound to a representative");
        }
        RepresentativeRecord record = read(ctx, StateKeys.representative(binding.representativeId()),
                RepresentativeRecord.class);
        if (record == null) {
            throw new IllegalStateException("identity bound to representative " + binding.representativeId()
                    + " without a representative record");
        }
        return record;
    }
}
