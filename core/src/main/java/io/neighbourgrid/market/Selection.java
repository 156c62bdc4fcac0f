package io.neighbourgrid.market;

import io.neighbourgrid.crypto.Transcript;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic ranking of registered homes for the selected roles of a window (comparison initiator,
 * comparison responder, decryptor). Every endorser and every home computes the same ranking from ledger state
 * alone; nobody chooses itself.
 *
 * <p>The ranking changes once per selection epoch (a market parameter, a number of consecutive windows), not
 * every window, so that a home can precompute encryption randomizers for the keys it will encrypt under during
 * idle time (PEM Section VII-B) instead of on the critical path. Within an epoch the selected homes are the
 * best-ranked homes that take part in the window; a silent selected home is suspended by the contract, which
 * moves the selection to the next-ranked home.
 */
public final class Selection {
    private Selection() {
    }

    /** A registered home as the ranking sees it. */
    public record Candidate(String homeId, String registrationTxId) {
        public Candidate {
            Objects.requireNonNull(homeId, "homeId");
            Objects.requireNonNull(registrationTxId, "registrationTxId");
        }
    }

    /** The epoch of window {@code t}: floor(t / epochWindows). */
    public static long epoch(long window, long epochWindows) {
        if (window < 0 || epochWindows < 1) {
            throw new IllegalArgumentException("window must be >= 0 and epoch length >= 1");
        }
        return window / epochWindows;
    }

    /**
     * Ranks candidates by SHA-256-derived (SHAKE256) score over (channel, epoch, home id, registration tx id),
     * each length-prefixed; ties (practically impossible) are broken by home id.
     */
    public static List<String> rank(String channel, long epoch, List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        List<BigInteger> scores = new ArrayList<>();
        sorted.sort(Comparator.comparing(Candidate::homeId));
        for (Candidate c : sorted) {
            scores.add(score(channel, epoch, c));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, BigInteger>comparing(scores::get).thenComparing(i -> sorted.get(i).homeId()));
        List<String> ranked = new ArrayList<>();
        for (int i : order) {
            ranked.add(sorted.get(i).homeId());
        }
        return ranked;
    }

    private static BigInteger score(String channel, long epoch, Candidate c) {
        return new Transcript("neighbourgrid/selection/v1")
                .append("channel", channel)
                .append("epoch", epoch)
                .append("home", c.homeId())
                .append("registration", c.registrationTxId())
                .challenge(256);
    }
}
