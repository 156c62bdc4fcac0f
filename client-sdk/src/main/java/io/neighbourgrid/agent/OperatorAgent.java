package io.neighbourgrid.agent;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The market operator's controller: configures the market, opens windows, closes a phase when every home has
 * acted or its deadline has passed, ends a window whose selected homes stay silent (the contract then suspends
 * them, so the next window selects other homes), and records settlements. Every call is safe to repeat: a phase
 * that is not ready yet or has already moved on is not an error.
 */
public final class OperatorAgent {
    /** Contract codes that mean "not now" rather than "wrong". */
    private static final Set<ErrorCode> NOT_YET = EnumSet.of(ErrorCode.DEADLINE_NOT_REACHED, ErrorCode.WRONG_PHASE,
            ErrorCode.ALREADY_SETTLED, ErrorCode.WINDOW_EXISTS);

    private final MarketClient client;

    public OperatorAgent(MarketClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The operator's market client. */
    public MarketClient client() {
        return client;
    }

    /** Sets the market configuration. */
    public void configure(MarketConfig config) throws LedgerException {
        client.configureMarket(config);
    }

    /**
     * Opens window {@code t}; a window already open is left alone.
     *
     * @return the window's record: the one the opening wrote, or the current one when it was open already
     */
    public WindowRecord open(long t) throws LedgerException {
        Optional<SubmitResult> opened = attempt(() -> client.openWindow(t));
        return opened.isPresent() ? record(opened.get()) : current(t);
    }

    /**
     * Moves window {@code t} one phase on if it can: closes roles or contributions, ends an evaluation past its
     * deadline, or records the settlement of a decided window.
     *
     * @return the phase the window is in afterwards
     */
    public WindowPhase advance(long t) throws LedgerException {
        return advance(t, null).phase();
    }

    /**
     * Like {@link #advance(long)}, starting from a record of the window the caller already holds (for example the
     * one the previous step returned) instead of reading it first.
     *
     * @param known the window's record as the caller last saw it, or null to read it
     * @return the window's record afterwards: the one the transaction wrote, else the ledger's current one
     */
    public WindowRecord advance(long t, WindowRecord known) throws LedgerException {
        WindowRecord w = known != null && known.window() == t ? known : current(t);
        Optional<SubmitResult> done = switch (w.phase()) {
            case ROLES -> attempt(() -> client.closeRoles(t));
            case CONTRIBUTIONS -> attempt(() -> client.closeContributions(t));
            case EVALUATION -> attempt(() -> client.expireWindow(t));
            case CLEARED, GRID_ONLY -> attempt(() -> client.settleWindow(t));
            case SETTLED -> Optional.empty();
        };
        if (done.isEmpty()) {
            return current(t); // The step was not due: read where the window stands.
        }
        // closeRoles, closeContributions and expireWindow return the window record they wrote; settleWindow returns
        // the settlement and changes nothing in the decided record it settled but the phase.
        boolean settled = w.phase() == WindowPhase.CLEARED || w.phase() == WindowPhase.GRID_ONLY;
        return settled ? w.settled() : record(done.get());
    }

    private WindowRecord current(long t) throws LedgerException {
        return client.windowStatus(t).map(WindowView::window)
                .orElseThrow(() -> new IllegalStateException("window " + t + " is not open"));
    }

    private static WindowRecord record(SubmitResult result) {
        return CanonicalJson.fromJson(new String(result.payload(), StandardCharsets.UTF_8), WindowRecord.class);
    }

    @FunctionalInterface
    private interface Call {
        SubmitResult run() throws LedgerException;
    }

    /** The call's result, or empty when the contract said "not now". */
    private static Optional<SubmitResult> attempt(Call call) throws LedgerException {
        try {
            return Optional.of(call.run());
        } catch (LedgerException e) {
            if (e.contractError().filter(NOT_YET::contains).isEmpty()) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
