package io.neighbourgrid.agent;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Selection;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.SelectedHomes;
import java.util.Objects;
import java.util.Optional;

/**
 * The two homes a window is expected to select, so that a home can contribute with its role declaration
 * ({@code declareAndContribute}). A window selects the first two homes of its epoch's ranking that declared
 * ({@link SelectedHomes}); the ranking depends only on the channel, the epoch and the registered homes, so the
 * expectation for a window is the selection last seen in a window of the same epoch, or, before any was seen, the
 * first two selectable homes of the ranking, read from the ledger once per epoch. A wrong expectation costs the home
 * one contribution made again under the selected homes' keys, never a wrong window.
 *
 * <p>One forecast may serve every agent of a process (they read the same ledger); it is thread-safe.
 */
public final class SelectionForecast {
    private final MarketClient client;
    private long epoch = -1;
    private ContributionKeys expected;
    /** The latest window whose selection was seen, within {@link #epoch}. */
    private long seenWindow = -1;

    /**
     * @param client the market client the ranking is read with
     */
    public SelectionForecast(MarketClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The homes window {@code t} is expected to select: r1 as the responder and r2 as the initiator.
     *
     * @return empty when fewer than two homes are selectable
     */
    public synchronized Optional<ContributionKeys> expected(long t, MarketConfig config) throws LedgerException {
        long e = Selection.epoch(t, config.selectionEpochWindows());
        if (e != epoch) {
            var ranked = SelectedHomes.ranking(client.channel(), t, config.selectionEpochWindows(), client.homes());
            epoch = e;
            seenWindow = -1;
            expected = ranked.size() < 2 ? null : new ContributionKeys(ranked.get(1), ranked.get(0));
        }
        return Optional.ofNullable(expected);
    }

    /**
     * Records the selection of window {@code t}, once its roles are closed: later windows of its epoch are expected
     * to select the same homes.
     */
    public synchronized void observe(long t, MarketConfig config, SelectedHomes selection) {
        if (selection == null) {
            return;
        }
        long e = Selection.epoch(t, config.selectionEpochWindows());
        if (e > epoch || (e == epoch && t >= seenWindow)) {
            epoch = e;
            seenWindow = t;
            expected = ContributionKeys.of(selection);
        }
    }
}
