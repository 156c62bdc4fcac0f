package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.readAll;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.deadline;
import static io.neighbourgrid.chaincode.market.Guards.passed;
import static io.neighbourgrid.chaincode.market.Guards.requireBefore;
import static io.neighbourgrid.chaincode.market.Guards.requireConfig;
import static io.neighbourgrid.chaincode.market.Guards.requirePhase;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;

import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Coalitions;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * PEM Protocol 1 lines 3-4 (Section IV-C): at the beginning of each trading window every home claims its role as
 * seller, buyer or off the market, forming the seller and buyer coalitions; and Protocol 2 lines 1 and 11, the
 * choice of the two homes whose keys the aggregates are under: the responder {@code H_r1} and the initiator
 * {@code H_r2}. The paper chooses them at random; here chaincode takes the first two homes that declared from the
 * epoch's public ranking ({@link SelectedHomes#ranking}), skipping suspended homes.
 */
public final class Roles {
    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Roles(Guards guards) {
        this.guards = guards;
    }

    /**
     * Opens window {@code t} (operator organisation only): records the opening transaction's id and timestamp, the
     * configuration in force and the role deadline. Windows may be opened in any order, each once.
     *
     * @param ctx    the transaction
     * @param window the window index, decimal
     * @return the window record written
     */
    public String openWindow(TxContext ctx, String window) {
        guards.requireOperator(ctx, "open windows");
        long t = Syntax.parseWindow(window);
        MarketConfig config = requireConfig(ctx);
        if (ctx.getState(StateKeys.window(t)) != null) {
            throw ErrorCode.WINDOW_EXISTS.exception("window " + t + " was opened before");
        }
        Instant now = ctx.txTimestamp();
        WindowRecord record = WindowRecord.opened(t, config, ctx.txId(), now.toString(),
                deadline(now, config.roleSeconds()));
        write(ctx, StateKeys.window(t), record);
        MarketEvent.WINDOW_OPENED.emit(ctx, new EventPayload(t, record.phase(), null, null));
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
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        RoleDeclaration declaration = declare(ctx, home, t, Syntax.parseRole(role), null, null);
        MarketEvent.ROLE_DECLARED.emit(ctx, new EventPayload(t, WindowPhase.ROLES, home.homeId(), null));
        return CanonicalJson.toJson(declaration);
    }

    /**
     * Declares the calling home's role in window {@code t} and submits its contribution in the same transaction,
     * under the keys of the two homes it expects the window to select: the first two homes of the epoch's ranking
     * ({@link SelectedHomes#ranking}), which every home can compute ahead of time. The declaration is checked as by
     * {@link #declareRole} and the contribution as by {@link Contributions#submitContribution}, against the named
     * homes' keys. When the roles close, the contribution counts if the window selected exactly these homes; if not,
     * it is deleted and the member contributes again in the contribution phase (PEM Protocol 1 lines 3-4 and
     * Protocol 2 lines 2-13 in one step).
     *
     * @param ctx       the transaction, signed by the identity bound to the home
     * @param window    the window index
     * @param role      {@code SELLER} or {@code BUYER}
     * @param responder the home expected as r1
     * @param initiator the home expected as r2
     * @param json      the contribution, as for {@code submitContribution}
     * @return the declaration written
     */
    public String declareAndContribute(TxContext ctx, String window, String role, String responder,
                                       String initiator, String json) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        RoleDeclaration declaration = declareWithContribution(ctx, home, t, Syntax.parseRole(role), responder,
                initiator, json, null).declaration();
        MarketEvent.ROLE_DECLARED.emit(ctx, new EventPayload(t, WindowPhase.ROLES, home.homeId(), null));
        return CanonicalJson.toJson(declaration);
    }

    /**
     * The checks and writes of {@link #declareAndContribute} for {@code home}, submitted by the home itself
     * ({@code representative} null) or by the representative it delegated to ({@link Representatives}).
     *
     * @return the declaration and the contribution written
     */
    static Declared declareWithContribution(TxContext ctx, HomeRecord home, long t, Role declared,
                                                   String responder, String initiator, String json,
                                                   String representative) {
        if (declared == Role.OFF) {
            throw ErrorCode.INVALID_ARGUMENT.exception("home " + home.homeId() + " declares OFF in window " + t
                    + " and has nothing to contribute: declare the role alone");
        }
        ContributionKeys keys = expectedSelection(responder, initiator);
        RoleDeclaration declaration = declare(ctx, home, t, declared, keys, representative);
        return new Declared(declaration, Contributions.store(ctx, t, home.homeId(), declared, keys, json));
    }

    /** A declaration and the contribution made with it, as written. */
    record Declared(RoleDeclaration declaration, Contribution contribution) {
    }

    /**
     * The homes a contribution made with the declaration is under: two home ids (that both are registered is checked
     * where their keys are read, {@link Contributions#store}, {@code UNKNOWN_HOME}).
     */
    private static ContributionKeys expectedSelection(String responder, String initiator) {
        Syntax.parseHomeId(responder);
        Syntax.parseHomeId(initiator);
        if (responder.equals(initiator)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the expected responder and initiator must be two homes, got "
                    + responder + " twice");
        }
        return new ContributionKeys(responder, initiator);
    }

    /**
     * Checks and writes a role declaration (see {@link #declareRole}), made by the home or, when
     * {@code representative} is not null, by that representative for it.
     */
    static RoleDeclaration declare(TxContext ctx, HomeRecord home, long t, Role declared,
                                   ContributionKeys contributedUnder, String representative) {
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.ROLES);
        requireBefore(ctx, w.rolesDeadline(), "role declarations of window " + t);
        String key = StateKeys.role(t, home.homeId());
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + home.homeId() + " already declared its role in "
                    + "window " + t);
        }
        if (declared != Role.OFF && home.suspension() != null && home.suspension().excludes(t)) {
            throw ErrorCode.HOME_EXCLUDED.exception("home " + home.homeId() + " is excluded from the market until "
                    + "window " + home.suspension().excludedUntil() + " for an invalid contribution to window "
                    + home.suspension().window() + "; it may only declare OFF");
        }
        RoleDeclaration declaration = new RoleDeclaration(t, home.homeId(), declared, timestamp(ctx), ctx.txId(),
                contributedUnder, representative);
        write(ctx, key, declaration);
        return declaration;
    }

    /**
     * Closes the role phase of window {@code t}. Anyone may close it once every registered home has declared; before
     * that only the operator organisation may, and only after the role deadline (homes that did not declare are
     * then off market). Transaction timestamps are chosen by the submitting client, so leaving the early close to
     * the operator keeps a home from forward-dating a proposal to cut the phase short. See {@link #close} for what
     * closing decides.
     *
     * @param ctx    the transaction (anyone once complete, else the operator organisation)
     * @param window the window index
     * @return the window record written
     */
    public String closeRoles(TxContext ctx, String window) {
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.ROLES);
        List<RoleDeclaration> declarations = declarations(ctx, t);
        List<HomeRecord> homes = homes(ctx);
        Set<String> declared = new TreeSet<>();
        declarations.forEach(d -> declared.add(d.homeId()));
        int missing = 0;
        for (HomeRecord h : homes) {
            if (!declared.contains(h.homeId())) {
                missing++;
            }
        }
        if (missing > 0) {
            guards.requireOperator(ctx, "close the roles of window " + t + " while " + missing
                    + " registered homes have not declared");
            if (!passed(ctx, w.rolesDeadline())) {
                throw ErrorCode.DEADLINE_NOT_REACHED.exception(missing + " registered homes have not declared a role "
                        + "in window " + t + " and the role deadline " + w.rolesDeadline() + " has not passed");
            }
        }
        return CanonicalJson.toJson(close(ctx, w, declarations, homes));
    }

    /** Every role declaration of window {@code t}, in key order. */
    static List<RoleDeclaration> declarations(TxContext ctx, long t) {
        return readAll(ctx, RoleDeclaration.class, StateKeys.ROLE, Long.toString(t));
    }

    /** Every registered home, in key order. */
    static List<HomeRecord> homes(TxContext ctx) {
        return readAll(ctx, HomeRecord.class, StateKeys.HOME);
    }

    /**
     * Closes the roles of window {@code w} (by {@code closeRoles} or on the deadline by {@code expireWindow}): fixes
     * the sorted coalitions, homes that did not declare being off market; below the minimum coalition size the
     * window goes grid only, otherwise the selected homes r2 and r1 are taken from the epoch's ranking; with fewer
     * than two selectable homes that declared, the window goes grid only too. Writes the window and emits
     * {@code RolesClosed}.
     */
    static WindowRecord close(TxContext ctx, WindowRecord w, List<RoleDeclaration> declarations,
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
            selection = SelectedHomes.choose(ctx.channelId(), t, w.config().selectionEpochWindows(), homes, declared);
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
        MarketEvent.ROLES_CLOSED.emit(ctx, new EventPayload(t, next.phase(), null, null));
        return next.phase() == WindowPhase.CONTRIBUTIONS ? settleEarlyContributions(ctx, next, declarations) : next;
    }

    /**
     * The contributions made with the declarations ({@code declareAndContribute}) once the roles of window
     * {@code w} are closed: one under the keys of homes other than the selected ones is deleted (its member
     * contributes again); when every member's contribution is in and under the selected homes' keys, the
     * contributions close in the same transaction ({@link Contributions#close}).
     */
    private static WindowRecord settleEarlyContributions(TxContext ctx, WindowRecord w,
                                                         List<RoleDeclaration> declarations) {
        long t = w.window();
        SelectedHomes selection = w.coalitions().selection();
        int standing = 0;
        for (RoleDeclaration d : declarations) {
            ContributionKeys keys = d.contributedUnder();
            if (keys == null) {
                continue;
            }
            if (keys.matches(selection)) {
                standing++;
            } else {
                ctx.deleteState(StateKeys.contribution(t, d.homeId()));
            }
        }
        int members = w.coalitions().sellers().size() + w.coalitions().buyers().size();
        if (standing < members) {
            return w;
        }
        return Contributions.close(ctx, w, Contributions.contributions(ctx, t));
    }
}
