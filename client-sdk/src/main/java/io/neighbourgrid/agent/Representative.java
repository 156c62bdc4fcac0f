package io.neighbourgrid.agent;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.BatchArgs;
import io.neighbourgrid.protocol.args.ContributionBatchArgs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A representative's side of the market (seed 003: an aggregator or a community battery operator acting for the
 * homes that delegated to it): it collects, per window, what each represented home's agent made (its role and, for a
 * member, its contribution under the keys of the homes it expects the window to select, with its own proof) and
 * submits it in one {@code submitBatch} per {@value BatchArgs#MAX_ENTRIES} homes. It sees only roles, which are
 * public, and ciphertexts under the keys of two selected homes, of which it holds neither: it learns nothing the
 * ciphertexts hide.
 *
 * <p>The call order per window is {@link #hand} by each home, then {@link #submit} once; a home then reads its
 * entry's fate with {@link #status}. When the roles are closed, the members whose contribution did not stand (the
 * window selected other homes than they expected) hand a new one under the selected homes' keys
 * ({@link #handContribution}) and the representative submits those in one {@code submitContributionBatch} per
 * {@value BatchArgs#MAX_ENTRIES} homes ({@link #submitContributions}). A batch the contract refuses is refused
 * whole: its homes are told {@link Status#REFUSED} and act themselves, so one excluded or misbehaving home costs
 * its batch's homes one transaction each, never their window. Thread-safe.
 */
public final class Representative {
    /** What became of a home's entry of a window. */
    public enum Status {
        /** Nothing handed over for the window. */
        NONE,
        /** Handed over, not submitted yet. */
        PENDING,
        /** On the ledger. */
        ACCEPTED,
        /** In a batch the contract refused: the home acts itself. */
        REFUSED
    }

    private final String representativeId;
    private final MarketClient client;
    private final AgentListener listener;
    /** What the homes handed over for the role phase (declarations, with contributions) and the contribution phase. */
    private final Round<BatchArgs.Entry> declarations = new Round<>(BatchArgs.Entry::homeId);
    private final Round<ContributionBatchArgs.Entry> contributions = new Round<>(ContributionBatchArgs.Entry::homeId);

    /**
     * @param representativeId the representative's id on the ledger
     * @param client           the market client over a connection signing as the representative's identity
     * @param listener         where refusals go
     */
    public Representative(String representativeId, MarketClient client, AgentListener listener) {
        this.representativeId = Objects.requireNonNull(representativeId, "representativeId");
        this.client = Objects.requireNonNull(client, "client");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The representative's id. */
    public String representativeId() {
        return representativeId;
    }

    /**
     * Registers the representative's identity on the ledger; a representative registered before (a restart) is
     * left as it is.
     *
     * @return whether this call registered it
     */
    public boolean register() throws LedgerException {
        try {
            HomeAgent.submit(() -> client.registerRepresentative(representativeId));
            return true;
        } catch (LedgerException e) {
            if (e.is(ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Takes a represented home's declaration of window {@code t} (with a member's contribution), to go out with the
     * window's batch.
     *
     * @throws IllegalStateException if the home handed a declaration of the window over already
     */
    public void hand(long t, BatchArgs.Entry entry) {
        declarations.hand(t, entry);
    }

    /** What became of {@code homeId}'s declaration of window {@code t}. */
    public Status status(long t, String homeId) {
        return declarations.status(t, homeId);
    }

    /**
     * Takes a represented member's contribution of window {@code t} under the selected homes' keys, made once the
     * roles are closed, to go out with the window's contribution batch.
     *
     * @throws IllegalStateException if the home handed a contribution of the window over already
     */
    public void handContribution(long t, ContributionBatchArgs.Entry entry) {
        contributions.hand(t, entry);
    }

    /** What became of {@code homeId}'s contribution of window {@code t} handed over once the roles closed. */
    public Status contributionStatus(long t, String homeId) {
        return contributions.status(t, homeId);
    }

    /**
     * Submits every pending declaration of window {@code t}, in batches of at most {@value BatchArgs#MAX_ENTRIES}
     * homes ({@code submitBatch}). A refused batch marks its homes {@link Status#REFUSED} and is reported to the
     * listener; the others go on.
     *
     * @return the transactions submitted
     */
    public int submit(long t) {
        return declarations.submit(t, entries -> client.submitBatch(t, new BatchArgs(entries)));
    }

    /**
     * Submits every pending contribution of window {@code t}, in batches of at most {@value BatchArgs#MAX_ENTRIES}
     * homes ({@code submitContributionBatch}), as {@link #submit} does the declarations.
     *
     * @return the transactions submitted
     */
    public int submitContributions(long t) {
        return contributions.submit(t, entries -> client.submitContributionBatch(t,
                new ContributionBatchArgs(entries)));
    }

    /** Whether a batch of window {@code t}, of either phase, was refused: its homes then act themselves. */
    public boolean refused(long t) {
        return declarations.anyRefused(t) || contributions.anyRefused(t);
    }

    /** Forgets the windows before {@code t}. */
    public void forgetBefore(long t) {
        declarations.forgetBefore(t);
        contributions.forgetBefore(t);
    }

    /** One batch's submission to the ledger. */
    private interface BatchSubmission<E> {
        void submit(List<E> entries) throws LedgerException;
    }

    /** The entries of one phase handed over per window, and the fate of each. Thread-safe. */
    private final class Round<E> {
        private final Function<E, String> homeOf;
        /** Per window: every home's entry by home id, and the status of each. */
        private final Map<Long, Map<String, E>> entries = new HashMap<>();
        private final Map<Long, Map<String, Status>> statuses = new HashMap<>();

        Round(Function<E, String> homeOf) {
            this.homeOf = homeOf;
        }

        synchronized void hand(long t, E entry) {
            String homeId = homeOf.apply(entry);
            Status now = status(t, homeId);
            if (now != Status.NONE) {
                throw new IllegalStateException("home " + homeId + " already handed its entry of window " + t
                        + " over (" + now + ")");
            }
            entries.computeIfAbsent(t, w -> new TreeMap<>()).put(homeId, entry);
            statuses.computeIfAbsent(t, w -> new HashMap<>()).put(homeId, Status.PENDING);
        }

        synchronized Status status(long t, String homeId) {
            Map<String, Status> s = statuses.get(t);
            return s == null ? Status.NONE : s.getOrDefault(homeId, Status.NONE);
        }

        int submit(long t, BatchSubmission<E> submission) {
            int submitted = 0;
            for (List<E> batch : pending(t)) {
                Status fate = Status.ACCEPTED;
                try {
                    submitted++;
                    HomeAgent.submit(() -> submission.submit(batch));
                } catch (LedgerException e) {
                    fate = Status.REFUSED;
                    listener.onError(representativeId, t, e);
                }
                mark(t, batch, fate);
            }
            return submitted;
        }

        synchronized boolean anyRefused(long t) {
            return statuses.getOrDefault(t, Map.of()).containsValue(Status.REFUSED);
        }

        synchronized void forgetBefore(long t) {
            entries.keySet().removeIf(w -> w < t);
            statuses.keySet().removeIf(w -> w < t);
        }

        private synchronized List<List<E>> pending(long t) {
            List<List<E>> out = new ArrayList<>();
            List<E> current = new ArrayList<>();
            Map<String, Status> s = statuses.getOrDefault(t, Map.of());
            for (E e : entries.getOrDefault(t, Map.of()).values()) {
                if (s.get(homeOf.apply(e)) != Status.PENDING) {
                    continue;
                }
                current.add(e);
                if (current.size() == BatchArgs.MAX_ENTRIES) {
                    out.add(current);
                    current = new ArrayList<>();
                }
            }
            if (!current.isEmpty()) {
                out.add(current);
            }
            return out;
        }

        private synchronized void mark(long t, List<E> batch, Status fate) {
            Map<String, Status> s = statuses.get(t);
            Map<String, E> kept = entries.get(t);
            for (E e : batch) {
                s.put(homeOf.apply(e), fate);
                if (fate == Status.ACCEPTED) {
                    kept.remove(homeOf.apply(e));
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Representative[" + representativeId + "]";
    }
}
