package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Selection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The two homes selected for one window when its roles close: the best-ranked homes of the window's selection
 * epoch that declared a role (see {@code docs/protocol.md}, section 3). A selected home need not be a coalition
 * member: a home that declared {@code OFF} is online and can decrypt and compare all the same.
 *
 * <p>The selection is derived from ledger state alone ({@link #choose}), so that every endorser selects the same
 * homes and no home selects itself (PEM Protocol 2 lines 1 and 11 and Protocol 3 line 1 choose them "randomly"; a
 * ledger has no shared randomness). The registered homes that are not suspended are ranked with
 * {@link Selection#rank} for the window's selection epoch {@code floor(t / selectionEpochWindows)}: the ranking
 * depends only on the channel, the epoch and each home's id and registration transaction, so it is the same for
 * every window of an epoch and every home can compute it ahead of time ({@link #ranking}) and precompute encryption
 * randomizers under the keys it will encrypt to (PEM Section VII-B).
 *
 * @param epoch     the selection epoch, {@code floor(t / selectionEpochWindows)}
 * @param initiator r2, the first-ranked home that declared: holds the key of {@code totalsForInitiator} (the
 *                  members' masks) and transfers the masks' sum to r1's key with a proof
 * @param responder r1, the second-ranked home that declared: holds the key of {@code totalsForResponder}, opens the
 *                  packed totals privately and proves the outcome
 * @param suspended the registered homes left out of the ranking because they are suspended, sorted
 */
public record SelectedHomes(long epoch, String initiator, String responder, List<String> suspended) {
    public SelectedHomes {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(responder, "responder");
        suspended = suspended == null ? List.of() : List.copyOf(suspended);
        if (initiator.equals(responder)) {
            throw new IllegalArgumentException("the initiator and the responder must be two homes, got " + initiator
                    + " twice");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("selection epoch must be non-negative, got " + epoch);
        }
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
    public static Optional<SelectedHomes> choose(String channel, long window, long epochWindows,
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
