package io.neighbourgrid.sim;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.OperatorAgent;
import io.neighbourgrid.audit.LedgerAudit;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.sim.data.CommunityDay;
import java.util.List;
import java.util.Objects;

/**
 * Where a stopped day goes on from, read from the ledger it left: the windows already settled are kept as they are,
 * and a window left open by the stop is brought to its end by the operator alone, as its deadlines would in a
 * running market: roles and contributions closed, an evaluation whose selected homes are gone expired (grid only),
 * the decided window settled. Its homes' lost in-memory state is never replayed, so nothing is submitted twice;
 * the contract records each window's decision and settlement once whatever is retried.
 *
 * @param firstWindow   the first window the resumed day runs
 * @param expiredWindow the window that was open at the stop and was ended here, or {@code -1}
 * @param settledBefore windows already settled on the ledger before the resume
 */
public record DayResume(int firstWindow, long expiredWindow, int settledBefore) {
    private static final int MAX_STEPS = 8;

    /**
     * Reads the ledger and ends a window the stop left open.
     *
     * @param operator the operator's agent on the ledger
     * @param clock    the run's clock; moved to the open window and past its deadlines
     * @param day      the day being replayed
     * @param config   the market configuration the ledger holds
     * @throws IllegalStateException when the open window does not reach its settlement
     */
    public static DayResume prepare(OperatorAgent operator, SimulationClock clock, CommunityDay day,
                                    MarketConfig config) throws LedgerException {
        Objects.requireNonNull(clock, "clock");
        MarketClient client = operator.client();
        List<Long> opened = LedgerAudit.openedWindows(client);
        if (opened.isEmpty()) {
            return new DayResume(0, -1, 0);
        }
        long last = opened.get(opened.size() - 1);
        WindowView view = client.windowStatus(last).orElseThrow();
        if (view.window().phase() == WindowPhase.SETTLED) {
            return new DayResume(Math.toIntExact(last + 1), -1, opened.size());
        }
        clock.startWindow(day.windowStart(Math.toIntExact(last)));
        long pastDeadlines = config.roleSeconds() + config.contributionSeconds() + config.transferSeconds()
                + config.outcomeSeconds() + 1;
        WindowRecord w = view.window();
        for (int step = 0; step < MAX_STEPS && w.phase() != WindowPhase.SETTLED; step++) {
            clock.skip(pastDeadlines);
            w = operator.advance(last, w);
        }
        if (w.phase() != WindowPhase.SETTLED) {
            throw new IllegalStateException("window " + last + " left open by the stop did not reach its settlement"
                    + " (phase " + w.phase() + ")");
        }
        return new DayResume(Math.toIntExact(last + 1), last, opened.size() - 1);
    }
}
