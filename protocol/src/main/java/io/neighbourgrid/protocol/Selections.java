package io.neighbourgrid.protocol;

import io.neighbourgrid.market.Selection;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a window's selected homes from ledger state alone, so that every endorser selects the same homes and no
 * home selects itself (PEM Protocol 2 lines 1 and 11 and Protocol 3 line 1 choose them "randomly"; a ledger has no
 * shared randomness).
 *
 * <p>The registered homes that are not suspended are ranked with {@link Selection#rank} for the window's selection
 * epoch {@code floor(t / selectionEpochWindows)}: the ranking depends only on the channel, the epoch and each home's
 * id and registration transaction, so it is the same for every window of an epoch and every home can compute it
 * ahead of time (and precompute encryption randomizers under the keys it will encrypt to, PEM Section VII-B). The
 * initiator r2 is the best-ranked home that declared a role in the window (any role: a home that declared is online)
 * and the responder r1 the second.
 */
public final class Selections {
    private Selections() {
    }

    /**
     * The ranking of window {@code t}'s selectable homes, best first.
     *
     * @param channel      the channel
     * @param window       the window index
     * @param epochWindows the configuration's {@code selectionEpochWindows}
     * @param homes        the registered homes (any order); suspended homes are left out
     * @return the selectable home ids, best-ranked first
     */
    public static List<String> ranking(String channel, long window, long epochWindows, Collection<HomeRecord> homes) {
        List<Selection.Candidate> candidates = new ArrayList<>();
        for (HomeRecord h : homes) {
            if (!h.suspended()) {
                candidates.add(new Selection.Candidate(h.homeId(), h.txId()));
            }
        }
        return Selection.rank(channel, Selection.epoch(window, epochWindows), candidates);
    }

    /**
     * Selects r2 and r1 for a window.
     *
     * @param channel      the channel
     * @param window       the window index
     * @param epochWindows the configuration's {@code selectionEpochWindows}
     * @param homes        the registered homes (any order)
     * @param declared     the ids of the homes that declared a role in the window
     * @return the selection, or empty if fewer than two selectable homes declared
     */
    public static Optional<SelectedHomes> select(String channel, long window, long epochWindows,
                                          Collection<HomeRecord> homes, Set<String> declared) {
        List<String> picked = new ArrayList<>(2);
        for (String id : ranking(channel, window, epochWindows, homes)) {
            if (declared.contains(id)) {
                picked.add(id);
                if (picked.size() == 2) {
                    break;
                }
            }
        }
        if (picked.size() < 2) {
            return Optional.empty();
        }
        List<String> suspended = new ArrayList<>();
        for (HomeRecord h : homes) {
            if (h.suspended()) {
                suspended.add(h.homeId());
            }
        }
        suspended.sort(Comparator.naturalOrder());
        return Optional.of(new SelectedHomes(Selection.epoch(window, epochWindows), picked.get(0), picked.get(1),
                suspended));
    }
}
