package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requirePassed;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.selectedHome;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;

import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Suspension;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.Collection;
import java.util.List;

/**
 * What PEM leaves out: a home that stays silent. PEM's protocols wait for every party; on a ledger a deadline on every
 * phase keeps a silent home from freezing the market. After a phase's deadline the operator moves the window on: the
 * roles close with undeclared homes off market, the contributions close without silent members, and a stalled
 * evaluation (the mask transfer and the proven outcome that replace Protocol 2 lines 14-18 and Protocol 3) ends with the
 * grid only. A silent selected home is suspended from
 * selection until it resumes ({@code resumeHome}), so the next window selects the next-ranked home.
 */
public final class Deadlines {
    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Deadlines(Guards guards) {
        this.guards = guards;
    }

    /**
     * Moves window {@code t} on after its current phase's deadline has passed (operator organisation only: the
     * transaction timestamp is the client's, so only the operator's agent may act on a deadline). In the role phase
     * it closes the roles (undeclared homes are off market); in the contribution phase it closes the contributions
     * (silent members are dropped); in the evaluation phase, when r2's mask transfer or r1's outcome is missing past
     * its deadline, the window goes grid only naming the silent selected home, which is suspended from selection.
     * Never settles.
     *
     * @param ctx    the transaction, signed by the operator organisation
     * @param window the window index
     * @return the window record written
     */
    public String expireWindow(TxContext ctx, String window) {
        guards.requireOperator(ctx, "expire windows");
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        switch (w.phase()) {
            case ROLES -> {
                requirePassed(ctx, w.rolesDeadline(), "the role deadline of window " + t);
                return CanonicalJson.toJson(Roles.close(ctx, w, Roles.declarations(ctx, t), Roles.homes(ctx)));
            }
            case CONTRIBUTIONS -> {
                requirePassed(ctx, w.coalitions().contributionsDeadline(), "the contribution deadline of window "
                        + t);
                return CanonicalJson.toJson(Contributions.close(ctx, w, Contributions.contributions(ctx, t)));
            }
            case EVALUATION -> {
                return CanonicalJson.toJson(expireEvaluation(ctx, w));
            }
            case SETTLED -> throw ErrorCode.ALREADY_SETTLED.exception("window " + t + " is already settled");
            default -> throw ErrorCode.WRONG_PHASE.exception("window " + t + " is already decided (" + w.phase()
                    + "); settle it instead");
        }
    }

    /**
     * Ends an evaluation past a deadline with the grid only, naming and suspending the selected home whose step is
     * missing: r2 when its mask transfer is not posted by the transfer deadline, r1 when its outcome is not posted by
     * the outcome deadline. Each step is one home's, and r1's can only start after r2's, so the blame never falls on
     * the partner of a silent home.
     */
    private static WindowRecord expireEvaluation(TxContext ctx, WindowRecord w) {
        long t = w.window();
        SelectedHomes s = w.coalitions().selection();
        Aggregation a = w.aggregation();
        String home;
        GridOnlyReason reason;
        String cause;
        if (w.packedTotals() == null) {
            requirePassed(ctx, a.transferDeadline(), "the mask transfer deadline of window " + t);
            home = s.initiator();
            reason = GridOnlyReason.MASK_TRANSFER_NOT_POSTED;
            cause = "the mask transfer by r2 " + home + " was not posted by " + a.transferDeadline();
        } else {
            requirePassed(ctx, a.outcomeDeadline(), "the outcome deadline of window " + t);
            home = s.responder();
            reason = GridOnlyReason.OUTCOME_NOT_POSTED;
            cause = "the outcome by r1 " + home + " was not posted by " + a.outcomeDeadline();
        }
        Outcome o = Outcome.gridOnly(reason, cause, List.of(home), timestamp(ctx), ctx.txId());
        WindowRecord next = w.withOutcome(o);
        write(ctx, StateKeys.window(t), next);
        suspend(ctx, List.of(home), t, reason);
        MarketEvent.WINDOW_EXPIRED.emit(ctx, new EventPayload(t, next.phase(), null, null));
        return next;
    }

    /**
     * Suspends silent selected homes from selection, so that the following windows select the next-ranked homes
     * instead of waiting for them again. A home already suspended keeps its earlier suspension.
     */
    static void suspend(TxContext ctx, Collection<String> homeIds, long t, GridOnlyReason reason) {
        for (String id : homeIds) {
            HomeRecord h = selectedHome(ctx, id);
            if (!h.suspended()) {
                write(ctx, StateKeys.home(id), h.withSuspension(new Suspension(t, reason, null, timestamp(ctx),
                        ctx.txId())));
            }
        }
    }
}
