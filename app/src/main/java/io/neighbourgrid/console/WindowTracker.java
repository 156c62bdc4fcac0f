package io.neighbourgrid.console;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

/**
 * Follows the windows of a ledger through the contract's queries, so it works over any {@link
 * io.neighbourgrid.ledger.Ledger} connection. The contract has no query that lists windows, so the tracker finds
 * them: windows are numbered upwards from a first index (0 for the simulator and the CLI), so it gallops and then
 * bisects to the highest opened window, and on every refresh looks a few indices past the highest for new ones.
 * Chaincode events, when the connection delivers them, name every window a transaction touched: they wake the
 * tracker at once and also reveal windows opened far ahead or out of order; without events it polls.
 *
 * <p>The highest window is read in the refresh that finds it; the windows below it are read once each, newest
 * first, a slice per refresh (at most {@value #MAX_BACKLOG} below the highest); a window that is not settled yet is
 * read again on every refresh until it is. A window is counted in {@link ConsoleMetrics} the first time it is read
 * decided. The most recent {@value #KEPT} windows' summaries are kept for the API; settled ones never change.
 */
final class WindowTracker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WindowTracker.class.getName());

    /** Summaries kept for {@code /api/windows}. */
    static final int KEPT = 500;
    /** Indices past the highest known window that are looked at for windows opened out of order. */
    private static final int GAP = 2;
    /** Windows of the backlog read per refresh, so the first refreshes of a long day stay short. */
    private static final int BACKLOG_PER_REFRESH = 250;
    /** Windows further below the highest one than this are never read (a week of one-minute windows). */
    static final int MAX_BACKLOG = 10_080;
    /** Shortest time between two refreshes of the background thread, however many events arrive. */
    private static final long MIN_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(150);
    /** Homes are listed at least this often, and also after events that may change them. */
    private static final long HOMES_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final MarketClient client;
    private final ConsoleMetrics metrics;
    private final long first;
    private final Duration poll;

    private final Object wakeLock = new Object();
    private final ConcurrentSkipListSet<Long> eventWindows = new ConcurrentSkipListSet<>();
    private volatile boolean woken;
    private volatile boolean homesDirty = true;
    private volatile boolean closed;
    private Thread thread;
    private LedgerSubscription subscription;

    // Guarded by this.
    private final NavigableMap<Long, Views.WindowSummary> summaries = new TreeMap<>();
    private final NavigableMap<Long, Views.WindowSummary> unsettled = new TreeMap<>();
    /** Indices a scan found unopened: an event naming one later means it was opened out of order. */
    private final java.util.TreeSet<Long> missing = new java.util.TreeSet<>();
    /** Index ranges {@code [low, high]} not read yet, the newest first; each is read from its high end down. */
    private final java.util.Deque<long[]> pending = new java.util.ArrayDeque<>();
    private Long latest;
    private long lastHomesNanos;
    private long lastRefreshNanos;
    private int homes;
    private int suspended;
    private volatile Snapshot snapshot = new Snapshot(null, null, List.of(), null, null);

    /**
     * What the tracker last saw.
     *
     * @param latest    the highest known window
     * @param current   its summary
     * @param open      known windows not settled yet, ascending
     * @param checkedAt when the refresh ended
     * @param lastError the failure of the last refresh, if it failed
     */
    record Snapshot(Long latest, Views.WindowSummary current, List<Long> open, Instant checkedAt, String lastError) {
    }

    /**
     * @param client  the market client (queries only)
     * @param metrics where decided windows are counted
     * @param first   the first window index to look for
     * @param poll    the longest time between two refreshes
     */
    WindowTracker(MarketClient client, ConsoleMetrics metrics, long first, Duration poll) {
        this.client = Objects.requireNonNull(client, "client");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (first < 0) {
            throw new IllegalArgumentException("the first window must be non-negative, got " + first);
        }
        this.first = first;
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /** Subscribes to the ledger's events (when it can) and starts refreshing in the background. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        try {
            subscription = client.ledger().subscribe(this::onEvent);
        } catch (LedgerException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "no chaincode events (" + e.getMessage() + "); polling every "
                    + poll.toMillis() + " ms");
        }
        thread = new Thread(this::loop, "console-window-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    private void onEvent(LedgerEvent event) {
        try {
            EventPayload p = CanonicalJson.fromJson(new String(event.payload(), StandardCharsets.UTF_8),
                    EventPayload.class);
            if (p.window() != null && p.window() >= 0) {
                eventWindows.add(p.window());
            }
        } catch (RuntimeException e) {
            // An event of another contract version, or one without a window: a refresh finds out anyway.
        }
        if (!event.name().equals("RoleDeclared") && !event.name().equals("ContributionSubmitted")) {
            homesDirty = true;
        }
        wake();
    }

    /** Asks the background thread to refresh now (it still keeps its minimum interval). */
    void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            synchronized (wakeLock) {
                long deadline = System.nanoTime() + poll.toNanos();
                while (!woken && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(wakeLock, left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
            if (closed) {
                return;
            }
            try {
                refresh();
            } catch (LedgerException | RuntimeException e) {
                // Recorded in the snapshot and counted; the next refresh tries again.
            }
            long since = System.nanoTime() - lastRefreshNanos;
            if (since < MIN_REFRESH_NANOS) {
                try {
                    TimeUnit.NANOSECONDS.sleep(MIN_REFRESH_NANOS - since);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The last snapshot, refreshed first when it is older than the poll interval. */
    Snapshot fresh() {
        Snapshot s = snapshot;
        if (s.checkedAt() == null || Duration.between(s.checkedAt(), Instant.now()).compareTo(poll) > 0) {
            try {
                return refresh();
            } catch (LedgerException | RuntimeException e) {
                return snapshot;
            }
        }
        return s;
    }

    /**
     * Reads the ledger now: new windows, the backlog, every unsettled window, and (when due) the homes.
     *
     * @return the new snapshot
     * @throws LedgerException when the ledger cannot be read (the snapshot then carries the error)
     */
    synchronized Snapshot refresh() throws LedgerException {
        try {
            discover();
            scan();
            for (Long t : new ArrayList<>(unsettled.keySet())) {
                read(t);
            }
            long now = System.nanoTime();
            if (homesDirty || now - lastHomesNanos > HOMES_NANOS) {
                homesDirty = false;
                List<HomeRecord> list = client.homes();
                homes = list.size();
                suspended = (int) list.stream().filter(HomeRecord::suspended).count();
                lastHomesNanos = now;
            }
            Views.WindowSummary current = latest == null ? null : summaries.get(latest);
            List<Long> open = List.copyOf(unsettled.keySet());
            metrics.state(homes, suspended, latest == null ? -1 : latest, open.size(),
                    current == null ? null : current.phase());
            snapshot = new Snapshot(latest, current, open, Instant.now(), null);
            return snapshot;
        } catch (LedgerException | RuntimeException e) {
            metrics.ledgerError();
            Snapshot s = snapshot;
            snapshot = new Snapshot(s.latest(), s.current(), s.open(), Instant.now(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } finally {
            lastRefreshNanos = System.nanoTime();
        }
    }

    /**
     * Finds windows opened since the last refresh: past the highest known (from events, or by looking a few indices
     * past it and galloping), or below it where a scan found nothing before (named by an event). A new highest
     * window and the indices between it and the previous one are queued for the scan, the highest first.
     */
    private void discover() throws LedgerException {
        Long found = latest;
        // Events are consumed only once this refresh has read what they named.
        List<Long> named = new ArrayList<>(eventWindows);
        for (long t : named) {
            if (found == null || t > found) {
                found = t;
            } else if (missing.contains(t)) {
                read(t); // opened out of order below the highest: read it now
                missing.remove(t);
            }
        }
        long from = found == null ? first : found + 1;
        while (true) {
            Long next = null;
            for (long t = from; t < from + GAP + 1 && t >= 0; t++) {
                if (client.windowStatus(t).isPresent()) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            found = highestFrom(next);
            from = found + 1;
        }
        if (found != null && (latest == null || found > latest)) {
            // Queued newest first, so the scan that follows reads the new highest window before the others.
            long low = Math.max(latest == null ? first : latest + 1, found - MAX_BACKLOG);
            pending.addFirst(new long[] {low, found});
            latest = found;
        }
        eventWindows.removeAll(named);
    }

    /** The highest window at or above {@code t} reachable through opened windows: gallop, then bisect. */
    private long highestFrom(long t) throws LedgerException {
        long lo = t;
        long step = 1;
        long hi;
        while (true) {
            long probe = lo + step;
            if (probe < 0 || !exists(probe)) {
                hi = probe < 0 ? Long.MAX_VALUE : probe;
                break;
            }
            lo = probe;
            step = Math.min(step * 2, 1L << 40);
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (exists(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean exists(long t) throws LedgerException {
        return summaries.containsKey(t) || client.windowStatus(t).isPresent();
    }

    /** Reads a slice of the windows not read yet, newest first. */
    private void scan() throws LedgerException {
        for (int budget = BACKLOG_PER_REFRESH; budget > 0 && !pending.isEmpty(); budget--) {
            long[] range = pending.peekFirst();
            read(range[1]);
            range[1]--;
            if (range[1] < range[0]) {
                pending.pollFirst();
            }
        }
    }

    /**
     * Reads window {@code t} and files its summary. A window is read once when found (or scanned), then again on
     * every refresh while it is not settled, and never after; it is counted the first time it is read decided.
     */
    private Optional<Views.WindowSummary> read(long t) throws LedgerException {
        Optional<WindowView> view = client.windowStatus(t);
        if (view.isEmpty()) {
            missing.add(t);
            if (missing.size() > 4 * KEPT) {
                missing.pollFirst();
            }
            return Optional.empty();
        }
        Views.WindowSummary s = Views.WindowSummary.of(view.get().window());
        Views.WindowSummary before = unsettled.get(t);
        if (s.decided() && (before == null || !before.decided())) {
            metrics.windowDecided(s);
        }
        if (s.settled()) {
            unsettled.remove(t);
        } else {
            unsettled.put(t, s);
        }
        if (latest - t < KEPT) {
            summaries.put(t, s);
            while (summaries.size() > KEPT) {
                summaries.pollFirstEntry();
            }
        }
        return Optional.of(s);
    }

    /**
     * The most recent windows, newest first.
     *
     * @param n how many, at most {@value #KEPT}
     */
    synchronized List<Views.WindowSummary> recent(int n) {
        List<Views.WindowSummary> out = new ArrayList<>();
        for (Map.Entry<Long, Views.WindowSummary> e : summaries.descendingMap().entrySet()) {
            if (out.size() >= n) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        wake();
        LedgerSubscription s;
        Thread t;
        synchronized (this) {
            s = subscription;
            t = thread;
        }
        if (s != null) {
            s.close();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
