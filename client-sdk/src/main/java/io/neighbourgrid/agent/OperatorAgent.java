package io.neighbourgrid.agent;

import io.neighbourgrid.chaincode.state.MarketConfig;
import io.neighbourgrid.chaincode.state.WindowPhase;
import io.neighbourgrid.chaincode.state.WindowView;
import io.neighbourgrid.ledger.LedgerException;
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
    private static final Set<String> NOT_YET = Set.of("DEADLINE_NOT_REACHED", "WRONG_PHASE", "ALREADY_SETTLED",
            "WINDOW_EXISTS");

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

    /** Opens window {@code t}; a window already open is left alone. */
    public void open(long t) throws LedgerException {
        attempt(() -> client.openWindow(t));
    }

    /**
     * Moves window {@code t} one phase on if it can: closes roles or contributions, ends an evaluation past its
     * deadline, or records the settlement of a decided window.
     *
     * @return the phase the window is in afterwards
     */
    public WindowPhase advance(long t) throws LedgerException {
        Optional<WindowView> view = client.windowStatus(t);
        if (view.isEmpty()) {
            throw new IllegalStateException("window " + t + " is not open");
        }
        switch (view.get().window().phase()) {
            case ROLES -> attempt(() -> client.closeRoles(t));
            case CONTRIBUTIONS -> attempt(() -> client.closeContributions(t));
            case EVALUATION -> attempt(() -> client.expireWindow(t));
            case CLEARED, GRID_ONLY -> attempt(() -> client.settleWindow(t));
            case SETTLED -> {
                return WindowPhase.SETTLED;
            }
            default -> throw new IllegalStateException("unknown phase of window " + t);
        }
        return client.windowStatus(t).orElseThrow().window().phase();
    }

    @FunctionalInterface
    private interface Call {
        void run() throws LedgerException;
    }

    private static void attempt(Call call) throws LedgerException {
        try {
            call.run();
        } catch (LedgerException e) {
            if (!NOT_YET.contains(e.errorCode())) {
                throw e;
            }
        }
    }
}
