package io.neighbourgrid.agent;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.BatchArgs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A representative's side of the market (seed 003: an aggregator or a community battery operator acting for the
 * homes that delegated to it): it collects, per window, what each represented home's agent made (its role and, for a
 * member, its contribution under the keys of the homes it expects the window to select, with its own proof) and
 * submits it in one {@code submitBatch} per {@value BatchArgs#MAX_ENTRIES} homes. It sees only roles, which are
 * public, and ciphertexts under the keys of two selected homes, of which it holds neither: it learns nothing the
 * ciphertexts hide.
 *
 * <p>The call order per window is {@link #hand} by each home, then {@link #submit} once; a home then reads its
 * entry's fate with {@link #status}. A batch the contract refuses is refused whole: its homes are told
 * {@link Status#REFUSED} and act themselves, so one excluded or misbehaving home costs its batch's homes one
 * transaction each, never their window. Thread-safe.
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
    /** Per window: every home's entry by home id, and the status of each. */
    private final Map<Long, Map<String, BatchArgs.Entry>> entries = new HashMap<>();
    private final Map<Long, Map<String, Status>> statuses = new HashMap<>();

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
     * Takes a represented home's entry of window {@code t}, to go out with the window's batch.
     *
     * @throws IllegalStateException if the home handed an entry of the window over already
     */
    public synchronized void hand(long t, BatchArgs.Entry entry) {
        Status now = status(t, entry.homeId());
        if (now != Status.NONE) {
            throw new IllegalStateException("home " + entry.homeId() + " already handed its entry of window " + t
                    + " over (" + now + ")");
        }
        entries.computeIfAbsent(t, w -> new TreeMap<>()).put(entry.homeId(), entry);
        statuses.computeIfAbsent(t, w -> new HashMap<>()).put(entry.homeId(), Status.PENDING);
    }

    /** What became of {@code homeId}'s entry of window {@code t}. */
    public synchronized Status status(long t, String homeId) {
        Map<String, Status> s = statuses.get(t);
        return s == null ? Status.NONE : s.getOrDefault(homeId, Status.NONE);
    }

    /**
     * Submits every pending entry of window {@code t}, in batches of at most {@value BatchArgs#MAX_ENTRIES} homes.
     * A refused batch marks its homes {@link Status#REFUSED} and is reported to the listener; the others go on.
     *
     * @return the transactions submitted
     */
    public int submit(long t) {
        List<BatchArgs> batches = pending(t);
        int submitted = 0;
        for (BatchArgs batch : batches) {
            Status fate = Status.ACCEPTED;
            try {
                submitted++;
                HomeAgent.submit(() -> client.submitBatch(t, batch));
            } catch (LedgerException e) {
                fate = Status.REFUSED;
                listener.onError(representativeId, t, e);
            }
            mark(t, batch, fate);
        }
        return submitted;
    }

    /** Forgets the windows before {@code t}. */
    public synchronized void forgetBefore(long t) {
        entries.keySet().removeIf(w -> w < t);
        statuses.keySet().removeIf(w -> w < t);
    }

    private synchronized List<BatchArgs> pending(long t) {
        List<BatchArgs> out = new ArrayList<>();
        List<BatchArgs.Entry> current = new ArrayList<>();
        Map<String, Status> s = statuses.getOrDefault(t, Map.of());
        for (BatchArgs.Entry e : entries.getOrDefault(t, Map.of()).values()) {
            if (s.get(e.homeId()) != Status.PENDING) {
                continue;
            }
            current.add(e);
            if (current.size() == BatchArgs.MAX_ENTRIES) {
                out.add(new BatchArgs(current));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(new BatchArgs(current));
        }
        return out;
    }

    private synchronized void mark(long t, BatchArgs batch, Status fate) {
        Map<String, Status> s = statuses.get(t);
        for (BatchArgs.Entry e : batch.entries()) {
            s.put(e.homeId(), fate);
        }
        if (fate == Status.ACCEPTED) {
            Map<String, BatchArgs.Entry> kept = entries.get(t);
            batch.entries().forEach(e -> kept.remove(e.homeId()));
        }
    }

    @Override
    public String toString() {
        return "Representative[" + representativeId + "]";
    }
}
