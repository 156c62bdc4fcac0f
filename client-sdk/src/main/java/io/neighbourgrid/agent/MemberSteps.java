package io.neighbourgrid.agent;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.args.BatchArgs;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.args.ContributionBatchArgs;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every home does in a window before the evaluation: PEM Protocol 1 lines 3-4, the role declaration, and
 * Protocol 2 lines 2-13, the encrypted contribution with its proof. When the agent can tell which homes the window
 * will select ({@link SelectionForecast}), a member does both in one transaction ({@code declareAndContribute})
 * under those homes' keys; if the window selects others, the contract deletes that contribution when the roles
 * close and the member contributes again, under the selected homes' keys. A home that delegated to a
 * {@link Representative} hands the same declaration and contribution (and a contribution made again once the roles
 * are closed) to it instead of submitting them, and acts itself only if the representative's batch is refused.
 */
final class MemberSteps {
    /** Refusals of a contribution made with the declaration that a declaration alone would not meet. */
    private static final Set<ErrorCode> CONTRIBUTION_REFUSALS = Set.of(ErrorCode.UNKNOWN_HOME,
            ErrorCode.INVALID_CIPHERTEXT, ErrorCode.INVALID_CONTRIBUTION_PROOF, ErrorCode.INVALID_ARGUMENT);

    private final HomeAgent agent;
    /** Windows whose role declaration, resp. contribution, this agent knows to be on the ledger. */
    private final Set<Long> declared = ConcurrentHashMap.newKeySet();
    private final Set<Long> contributed = ConcurrentHashMap.newKeySet();
    /** Windows whose contribution went out with the role declaration, under the keys of the expected selection. */
    private final Set<Long> contributedWithRole = ConcurrentHashMap.newKeySet();
    private volatile SelectionForecast forecast;
    private volatile Representative representative;

    MemberSteps(HomeAgent agent) {
        this.agent = agent;
    }

    void setForecast(SelectionForecast forecast) {
        this.forecast = forecast;
    }

    void setRepresentative(Representative representative) {
        this.representative = representative;
    }

    /** Takes note of what window {@code t}'s view shows this home did, and of the homes it selected. */
    void seen(long t, WindowView view) {
        String homeId = agent.homeId();
        if (view.declarations().stream().anyMatch(d -> d.homeId().equals(homeId))) {
            declared.add(t);
        }
        if (view.contributions().stream().anyMatch(c -> c.homeId().equals(homeId))) {
            contributed.add(t);
        }
        observeSelection(view.window());
    }

    /** The contract rejected the step of {@code phase} as a duplicate: it is on the ledger. */
    void onDuplicate(long t, WindowPhase phase) {
        (phase == WindowPhase.ROLES ? declared : contributed).add(t);
    }

    void forgetBefore(long t) {
        declared.removeIf(w -> w < t);
        contributed.removeIf(w -> w < t);
        contributedWithRole.removeIf(w -> w < t);
    }

    void declareRole(long t, WindowRecord window, List<AgentAction> done) throws LedgerException {
        if (declared.contains(t)) {
            return;
        }
        long start = System.nanoTime();
        // The inputs are kept before the declaration goes out: the contribution and the settlement use the same.
        HomeInput in = agent.keptInput(t);
        if (throughRepresentative(t, window, in, start, done)) {
            return;
        }
        try {
            if (!declareWithContribution(t, window, in)) {
                HomeAgent.submit(() -> agent.client().declareRole(t, in.role()));
            }
        } catch (LedgerException e) {
            if (!e.is(ErrorCode.HOME_EXCLUDED)) {
                throw e;
            }
            // Excluded for an invalid contribution: the home may only say it is online; it trades with the grid.
            HomeAgent.submit(() -> agent.client().declareRole(t, Role.OFF));
        }
        declared.add(t);
        agent.record(t, AgentAction.DECLARED_ROLE, start, done);
    }

    /**
     * The declaration (and a member's contribution) through the representative the home delegated to: handed over
     * once, taken as on the ledger once the representative's batch is accepted.
     *
     * @return false when the home acts itself: it has no representative, or the representative's batch was refused
     */
    private boolean throughRepresentative(long t, WindowRecord window, HomeInput in, long start,
                                          List<AgentAction> done) throws LedgerException {
        Representative r = representative;
        if (r == null) {
            return false;
        }
        switch (r.status(t, agent.homeId())) {
            case NONE -> {
                r.hand(t, entry(t, window, in));
                agent.record(t, AgentAction.HANDED_TO_REPRESENTATIVE, start, done);
                return true;
            }
            case PENDING -> {
                return true;
            }
            case ACCEPTED -> {
                declared.add(t);
                return true;
            }
            default -> {
                contributedWithRole.remove(t);
                return false;
            }
        }
    }

    /** The entry of window {@code t} the home hands its representative: what it would submit itself. */
    private BatchArgs.Entry entry(long t, WindowRecord window, HomeInput in) throws LedgerException {
        SelectionForecast f = forecast;
        Optional<ContributionKeys> expected = f == null || in.role() == Role.OFF ? Optional.empty()
                : f.expected(t, window.config());
        if (expected.isEmpty()) {
            return BatchArgs.Entry.declaration(agent.homeId(), in.role());
        }
        String body = contribution(t, window.config(), in, expected.get());
        contributedWithRole.add(t);
        return BatchArgs.Entry.withContribution(agent.homeId(), in.role(), expected.get(),
                ContributionArgs.parse(body));
    }

    /**
     * A member declares its role and contributes in one transaction, under the keys of the homes the window is
     * expected to select ({@link SelectionForecast}).
     *
     * @return false if nothing was submitted: off market, no expectation, or a contribution the contract refused for
     *         its expected keys (the home then declares alone and contributes once the roles are closed)
     */
    private boolean declareWithContribution(long t, WindowRecord window, HomeInput in) throws LedgerException {
        SelectionForecast f = forecast;
        if (f == null || in.role() == Role.OFF) {
            return false;
        }
        Optional<ContributionKeys> expected = f.expected(t, window.config());
        if (expected.isEmpty()) {
            return false;
        }
        String body = contribution(t, window.config(), in, expected.get());
        try {
            HomeAgent.submit(() -> agent.client().declareAndContribute(t, in.role(), expected.get(), body));
        } catch (LedgerException e) {
            if (e.contractError().filter(CONTRIBUTION_REFUSALS::contains).isEmpty()) {
                throw e;
            }
            return false;
        }
        contributedWithRole.add(t);
        return true;
    }

    void contribute(long t, WindowRecord window, List<AgentAction> done) throws LedgerException {
        var coalitions = window.coalitions();
        boolean member = coalitions.sellers().contains(agent.homeId())
                || coalitions.buyers().contains(agent.homeId());
        if (!member || contributed.contains(t)) {
            return;
        }
        observeSelection(window);
        ContributionKeys selected = ContributionKeys.of(coalitions.selection());
        if (contributedWithRole.contains(t) && selected.equals(agent.state(t).keys())) {
            // Made with the declaration under the keys the window selected: it stands.
            contributed.add(t);
            return;
        }
        long start = System.nanoTime();
        String body = contribution(t, window.config(), agent.input(t), selected);
        if (contributionThroughRepresentative(t, body, start, done)) {
            return;
        }
        HomeAgent.submit(() -> agent.client().submitContribution(t, body));
        contributed.add(t);
        agent.record(t, AgentAction.CONTRIBUTED, start, done);
    }

    /**
     * The contribution under the selected homes' keys through the representative the home delegated to: handed over
     * once, taken as on the ledger once the representative's contribution batch is accepted.
     *
     * @return false when the home submits it itself: it has no representative, or the batch was refused
     */
    private boolean contributionThroughRepresentative(long t, String body, long start, List<AgentAction> done) {
        Representative r = representative;
        if (r == null) {
            return false;
        }
        switch (r.contributionStatus(t, agent.homeId())) {
            case NONE -> {
                r.handContribution(t, new ContributionBatchArgs.Entry(agent.homeId(), ContributionArgs.parse(body)));
                agent.record(t, AgentAction.HANDED_TO_REPRESENTATIVE, start, done);
                return true;
            }
            case PENDING -> {
                return true;
            }
            case ACCEPTED -> {
                contributed.add(t);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The contribution of window {@code t} under the keys {@code under}: the one kept if it is under the same keys
     * (after a restart the same ciphertexts go out, never a second set), else a new one, kept before it is submitted.
     */
    private String contribution(long t, MarketConfig config, HomeInput in, ContributionKeys under)
            throws LedgerException {
        WindowState kept = agent.state(t);
        if (kept.contribution() != null && under.equals(kept.keys())) {
            return kept.contribution();
        }
        String body = HomeContribution.make(in, config, agent.keyOf(under.responder()), agent.keyOf(under.initiator()),
                agent.proofParameters(), ProofContexts.contribution(agent.client().channel(), t, agent.homeId()), agent.pools(),
                agent.random());
        agent.update(t, s -> s.withInput(in).withContribution(body, under));
        return body;
    }

    /** Tells the forecast which homes a window whose roles are closed selected. */
    void observeSelection(WindowRecord window) {
        SelectionForecast f = forecast;
        if (f != null && window.coalitions() != null) {
            f.observe(window.window(), window.config(), window.coalitions().selection());
        }
    }
}
