package io.neighbourgrid.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.ChainEvidence;
import io.neighbourgrid.ledger.ForwardingLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the console finds windows on a ledger that has no query listing them. */
class WindowTrackerTest {
    private EmbeddedLedgerProvider provider;
    private Ledger operator;
    private MarketClient market;

    @BeforeEach
    void market() throws Exception {
        provider = new EmbeddedLedgerProvider(null, new SimulationClock(Instant.parse("2026-03-02T07:00:00Z")));
        operator = provider.connectOperator();
        market = new MarketClient(operator, provider.channel());
        market.configureMarket(MarketConfig.of(MarketParameters.defaults(), 1024, 60));
    }

    @AfterEach
    void close() {
        operator.close();
        provider.close();
    }

    private ConsoleServer console(Ledger ledger, ConsoleServer.Settings settings) {
        return ConsoleServer.over(ledger, provider.channel(), ChainEvidence.historyOnly(), "test", settings);
    }

    private static List<Long> windows(WindowTracker tracker, int n) {
        return tracker.recent(n).stream().map(Views.WindowSummary::window).toList();
    }

    @Test
    void withoutEventsItGallopsToTheLatestWindowAndLooksPastSmallGaps() throws Exception {
        for (long t = 0; t <= 70; t++) {
            market.openWindow(t);
        }
        market.openWindow(72);
        WindowTracker tracker = new WindowTracker(new MarketClient(new NoEvents(operator), provider.channel()),
                new ConsoleMetrics(), 0, Duration.ofSeconds(30));
        WindowTracker.Snapshot s = tracker.refresh();
        assertEquals(72L, s.latest());
        assertEquals("ROLES", s.current().phase().name());
        assertEquals(List.of(72L, 70L, 69L), windows(tracker, 3));
        assertEquals(72, s.open().size(), "every window is open");

        market.openWindow(73);
        market.openWindow(74);
        assertEquals(74L, tracker.refresh().latest());
        market.openWindow(80);
        assertEquals(74L, tracker.refresh().latest(), "a gap of five is past what polling looks for");
        tracker.close();
    }

    @Test
    void eventsNameWindowsOpenedOutOfOrderOrFarAhead() throws Exception {
        for (long t = 0; t < 5; t++) {
            market.openWindow(t);
        }
        try (ConsoleServer console = console(operator, ConsoleServer.Settings.defaults()
                .withPoll(Duration.ofMillis(100))).start(0)) {
            console.refresh();
            market.openWindow(6);
            market.openWindow(1000);
            market.openWindow(5);
            awaitLatest(console, 1000);
            assertEquals(1000L, console.tracker().fresh().current().window(), "the highest is read at once");
            // The indices in between are read newest first, a slice per refresh.
            List<Long> newest = List.of(1000L, 6L, 5L, 4L);
            for (int i = 0; i < 50 && (console.tracker().fresh().open().size() < 8
                    || !windows(console.tracker(), 4).equals(newest)); i++) {
                console.refresh();
                Thread.sleep(20);
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 1000L), console.tracker().fresh().open());
            assertEquals(newest, windows(console.tracker(), 4));
        }
    }

    @Test
    void windowsStartingElsewhereAreFoundFromTheFirstWindowSetting() throws Exception {
        for (long t = 5000; t < 5004; t++) {
            market.openWindow(t);
        }
        WindowTracker tracker = new WindowTracker(new MarketClient(new NoEvents(operator), provider.channel()),
                new ConsoleMetrics(), 5000, Duration.ofSeconds(30));
        assertEquals(5003L, tracker.refresh().latest());
        assertEquals(List.of(5003L, 5002L, 5001L, 5000L), windows(tracker, 20));
        tracker.close();
    }

    private static void awaitLatest(ConsoleServer console, long t) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Long latest = console.tracker().fresh().latest();
            if (latest != null && latest == t) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the console did not find window " + t + ": " + console.tracker().fresh());
    }

    /** A connection without chaincode events, as a gateway whose event service is unreachable. */
    private static final class NoEvents extends ForwardingLedger {
        NoEvents(Ledger ledger) {
            super(ledger);
        }



        @Override
        public LedgerSubscription subscribe(Consumer<LedgerEvent> listener) throws LedgerException {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: no event service", null);
        }



        @Override
        public void close() {
        }
    }
}
