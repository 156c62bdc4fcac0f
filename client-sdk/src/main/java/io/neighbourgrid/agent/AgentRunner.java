package io.neighbourgrid.agent;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import io.neighbourgrid.protocol.state.EventPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link HomeAgent} unattended: every chaincode event of a window makes the agent step that window, and a
 * periodic poll steps every window still open, so a missed event, a failed submission or a restart only delays
 * the agent until the next poll. All steps run on one thread, in order; {@link HomeAgent#step} is idempotent, so
 * stepping a window more often than needed costs one query. A runner started for an agent restarted over its
 * {@link AgentStateStore} first steps the windows that agent left unsettled.
 */
public final class AgentRunner implements AutoCloseable {
    private final HomeAgent agent;
    private final MarketClient client;
    private final ScheduledExecutorService worker;
    private final ConcurrentSkipListSet<Long> openWindows = new ConcurrentSkipListSet<>();
    private final Duration pollInterval;
    private LedgerSubscription subscription;

    /**
     * @param agent        the agent to run
     * @param client       the agent's market client (its ledger delivers the events)
     * @param pollInterval how often open windows are polled
     */
    public AgentRunner(HomeAgent agent, MarketClient client, Duration pollInterval) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.client = Objects.requireNonNull(client, "client");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-" + agent.homeId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes to the ledger's events and starts polling; also steps {@code firstWindow} right away, and every
     * window the agent holds unsettled state of (after a restart over an {@link AgentStateStore}: the windows it
     * must carry on, whose next event may already have passed).
     */
    public void start(long firstWindow) throws LedgerException {
        for (long w : agent.unsettledWindows()) {
            watch(w);
        }
        watch(firstWindow);
        subscription = client.ledger().subscribe(this::onEvent);
        long ms = pollInterval.toMillis();
        worker.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Adds a window to the windows this runner steps until they are settled. */
    public void watch(long window) {
        if (openWindows.add(window)) {
            worker.execute(() -> stepAndPrune(window));
        }
    }

    private void onEvent(LedgerEvent event) {
        EventPayload payload;
        try {
            payload = CanonicalJson.fromJson(new String(event.payload(), StandardCharsets.UTF_8), EventPayload.class);
        } catch (RuntimeException e) {
            return; // Not a market event of ours.
        }
        if (payload.window() != null) {
            openWindows.add(payload.window());
            worker.execute(() -> stepAndPrune(payload.window()));
        }
    }

    private void poll() {
        for (long w : openWindows) {
            stepAndPrune(w);
        }
    }

    private void stepAndPrune(long window) {
        agent.step(window);
        if (agent.settlement(window).isPresent()) {
            openWindows.remove(window);
        }
    }

    /** Waits until every step queued so far has run (for tests and orderly shutdown). */
    public void drain() throws InterruptedException {
        var done = worker.submit(() -> { });
        try {
            done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        worker.shutdownNow();
    }
}
