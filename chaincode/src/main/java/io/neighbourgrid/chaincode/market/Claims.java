package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.selectedHome;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;
import static io.neighbourgrid.chaincode.market.Registration.homeKey;
import static io.neighbourgrid.chaincode.market.Registration.registeredParameters;

import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.ContributionClaim;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Suspension;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What PEM's semi-honest model leaves out: a member that contributes values outside the market's ranges, or shares
 * that do not hold the same mask. Contribution proofs are verified optimistically: r1 (before it proves the
 * outcome) and any auditor check them in batches, and anyone who finds one that fails names it here;
 * chaincode verifies that single proof, and if it fails the member, and only the member, pays:
 * <ul>
 *   <li>during the evaluation, its contribution is dropped and the window is evaluated again without it (fresh
 *       aggregates and deadlines), unless that leaves a coalition below the minimum size or the cheater is a
 *       selected home, when the window trades with the grid;</li>
 *   <li>after the window cleared and before it settled, the window trades with the grid instead (at most one window
 *       lost per attack);</li>
 *   <li>after that the outcome stands;</li>
 *   <li>in every case the member is suspended from selection and excluded from the market (no declaration, no
 *       contribution, no resuming) for the next {@code selectionEpochWindows} windows.</li>
 * </ul>
 * A claim against a valid proof is rejected ({@code CLAIM_REJECTED}) and changes nothing, so no claim can harm an
 * honest home.
 */
public final class Claims {
    /**
     * Claims that {@code homeId}'s contribution proof of window {@code t} fails. Anyone may claim, once the
     * contributions are closed.
     *
     * @param ctx    the transaction (any identity of the channel)
     * @param window the window index
     * @param homeId the member named
     * @return the upheld claim written
     */
    public String claimInvalidContribution(TxContext ctx, String window, String homeId) {
        long t = Syntax.parseWindow(window);
        String id = Syntax.parseHomeId(homeId);
        WindowRecord w = requireWindow(ctx, t);
        if (w.phase() == WindowPhase.ROLES || w.phase() == WindowPhase.CONTRIBUTIONS) {
            throw ErrorCode.WRONG_PHASE.exception("contributions to window " + t + " can be claimed once they are "
                    + "closed; the window is in " + w.phase());
        }
        Contribution c = read(ctx, StateKeys.contribution(t, id), Contribution.class);
        if (c == null) {
            throw ErrorCode.NOT_A_MEMBER.exception("home " + id + " did not contribute to window " + t);
        }
        if (ctx.getState(StateKeys.claim(t, id)) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the contribution of " + id + " to window " + t
                    + " was already shown invalid");
        }
        SelectedHomes s = w.coalitions().selection();
        PaillierPublicKey responderKey = homeKey(ctx, s.responder());
        PaillierPublicKey initiatorKey = homeKey(ctx, s.initiator());
        String failure;
        try {
            ContributionStatement statement = MarketProofs.contributionStatement(w.config(), c.role(), responderKey,
                    initiatorKey, registeredParameters(ctx),
                    responderKey.ciphertextFromBase64(c.totalsForResponder()),
                    initiatorKey.ciphertextFromBase64(c.totalsForInitiator()));
            MarketProofs.verifyContribution(statement, c.proof(), ProofContexts.contribution(ctx.channelId(), t, id));
            throw ErrorCode.CLAIM_REJECTED.exception("the contribution proof of " + id + " to window " + t
                    + " verifies");
        } catch (CryptoException | IllegalArgumentException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        long excludedUntil = Math.addExact(Math.addExact(t, 1), w.config().selectionEpochWindows());
        Creator creator = ctx.creator();
        ContributionClaim claim = new ContributionClaim(t, id, creator.mspId(), creator.certificateHash(), failure,
                w.phase(), excludedUntil, timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.claim(t, id), claim);
        exclude(ctx, id, t, excludedUntil);
        WindowRecord next = consequences(ctx, w, id);
        if (next != w) {
            write(ctx, StateKeys.window(t), next);
        }
        MarketEvent.CONTRIBUTION_CLAIM_UPHELD.emit(ctx, new EventPayload(t, next.phase(), id, null));
        return CanonicalJson.toJson(claim);
    }

    /** The window after excluding {@code id}: re-evaluated, grid only, or unchanged (see the class comment). */
    private static WindowRecord consequences(TxContext ctx, WindowRecord w, String id) {
        long t = w.window();
        String now = timestamp(ctx);
        switch (w.phase()) {
            case EVALUATION -> {
                Aggregation a = w.aggregation();
                List<String> sellers = new ArrayList<>(a.sellers());
                List<String> buyers = new ArrayList<>(a.buyers());
                sellers.remove(id);
                buyers.remove(id);
                TreeSet<String> excluded = new TreeSet<>(a.excludedMembers());
                excluded.add(id);
                SelectedHomes s = w.coalitions().selection();
                int minimum = w.config().minimumCoalitionSize();
                if (id.equals(s.responder()) || id.equals(s.initiator())) {
                    return w.withOutcome(Outcome.gridOnly(GridOnlyReason.INVALID_CONTRIBUTION, "the contribution "
                            + "proof of selected home " + id + " fails", List.of(id), now, ctx.txId()));
                }
                if (sellers.size() < minimum || buyers.size() < minimum) {
                    return w.withOutcome(Outcome.gridOnly(GridOnlyReason.COALITION_TOO_SMALL, "without " + id
                            + ", whose contribution proof fails, " + sellers.size() + " sellers and " + buyers.size()
                            + " buyers remain; each coalition needs at least " + minimum, List.of(id), now,
                            ctx.txId()));
                }
                return Contributions.aggregate(ctx, w, sellers, buyers, a.silentMembers(), List.copyOf(excluded),
                        Contributions.contributions(ctx, t), ctx.txTimestamp());
            }
            case CLEARED -> {
                return w.withOutcome(Outcome.gridOnly(GridOnlyReason.INVALID_CONTRIBUTION, "the contribution proof "
                        + "of " + id + " fails; the window trades with the grid", List.of(id), now, ctx.txId()));
            }
            default -> {
                return w;
            }
        }
    }

    /**
     * Suspends and excludes a member whose contribution proof fails, replacing a plain suspension; an exclusion
     * already running until a later window is kept (a claim never shortens one).
     */
    private static void exclude(TxContext ctx, String id, long t, long excludedUntil) {
        HomeRecord h = selectedHome(ctx, id);
        Suspension running = h.suspension();
        if (running != null && running.excludedUntil() != null && running.excludedUntil() >= excludedUntil) {
            return;
        }
        write(ctx, StateKeys.home(id), h.withSuspension(new Suspension(t, GridOnlyReason.INVALID_CONTRIBUTION,
                excludedUntil, timestamp(ctx), ctx.txId())));
    }
}
