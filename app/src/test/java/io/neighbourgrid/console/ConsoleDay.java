package io.neighbourgrid.console;

import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.OperatorAgent;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small simulated day on an in-memory embedded ledger, with an operator console started inside it (before the
 * first window, through {@link ConsoleServer#forProvider} and {@link ConsoleServer#simulationListener}), shared by
 * the console's tests in one JVM:
 * <ul>
 *   <li>windows 0 to {@value #SIMULATED} - 1 run by the {@link Simulator} (six homes, 1024-bit keys);</li>
 *   <li>{@link #silentWindow}: the selected initiator stays silent, so the window ends grid only and the home is
 *       suspended;</li>
 *   <li>{@link #openWindow}: opened by the operator and left in its role phase.</li>
 * </ul>
 */
final class ConsoleDay {
    static final int HOMES = 6;
    static final int SIMULATED = 4;
    static final int KEY_BITS = 1024;

    private static ConsoleDay shared;

    final EmbeddedLedgerProvider provider;
    final Community community;
    final ConsoleServer console;
    final MarketClient ledger;
    final MarketConfig config;
    final RunReport report;
    final long silentWindow;
    final String silentHome;
    final long openWindow;
    final List<Exception> errors = new CopyOnWriteArrayList<>();

    /** The day, built on first use. */
    static synchronized ConsoleDay shared() throws Exception {
        if (shared == null) {
            shared = new ConsoleDay();
            ConsoleDay day = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(day::close, "console-day-close"));
        }
        return shared;
    }

    private ConsoleDay() throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(12).seed(3).build().generate();
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        config = MarketConfig.of(params, KEY_BITS, 60);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        provider = new EmbeddedLedgerProvider(null, clock);
        AgentListener agents = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        community = new Community(provider, day, KEY_BITS, new KeyCache(null, "x".toCharArray(),
                new SecureRandom()), clock, agents, 2);
        // The console follows the day from before its first transaction.
        console = ConsoleServer.forProvider(provider, ConsoleServer.Settings.defaults()
                .withPoll(Duration.ofMillis(250))).start(0);
        Simulator.SimulationListener listener = console.simulationListener(new Simulator.SimulationListener() {
            @Override
            public void error(String who, long window, Exception error) {
                errors.add(error);
            }
        });
        report = new Simulator(community, day, config, 2, listener).run(RunReport.builder(params), 0, SIMULATED);

        // The silent initiator below withholds its contribution in a window's contribution phase, which a window has
        // when the homes contribute apart from their declarations.
        community.setContributesWithRole(false);
        long silent = -1;
        String home = null;
        for (int t = SIMULATED; t < day.windows() - 1 && silent < 0; t++) {
            home = windowWithSilentInitiator(t, day, clock);
            if (home != null) {
                silent = t;
            }
        }
        if (silent < 0) {
            throw new IllegalStateException("no window of the day had a selection to leave silent");
        }
        silentWindow = silent;
        silentHome = home;
        openWindow = silent + 1;
        clock.startWindow(day.windowStart((int) openWindow));
        community.operator().open(openWindow);

        Ledger reader = provider.connectOperator();
        ledger = new MarketClient(reader, provider.channel());
        console.refresh();
    }

    /**
     * Runs window {@code t} with every home acting except the selected initiator, so the window ends grid only and
     * the silent home is suspended; returns that home, or {@code null} when the window went grid only before a
     * selection (it is settled then, and the next window is tried).
     */
    private String windowWithSilentInitiator(int t, CommunityDay day, SimulationClock clock) throws Exception {
        OperatorAgent operator = community.operator();
        clock.startWindow(day.windowStart(t));
        WindowRecord w = operator.open(t);
        for (HomeAgent a : community.agents()) {
            a.step(t);
        }
        w = operator.advance(t, w);
        if (w.phase() != WindowPhase.CONTRIBUTIONS) {
            operator.advance(t, w);
            return null;
        }
        String silent = w.coalitions().selection().initiator();
        stepAllBut(t, silent);
        clock.skip(config.contributionSeconds() + 1);
        w = operator.advance(t, w);
        if (w.phase() == WindowPhase.EVALUATION) {
            stepAllBut(t, silent);
            clock.skip(config.transferSeconds() + config.outcomeSeconds() + 1);
            w = operator.advance(t, w);
        }
        if (w.phase() != WindowPhase.GRID_ONLY) {
            throw new IllegalStateException("window " + t + " with a silent initiator ended " + w.phase());
        }
        operator.advance(t, w);
        stepAllBut(t, silent);
        return silent;
    }

    private void stepAllBut(long t, String silent) {
        for (HomeAgent a : community.agents()) {
            if (!a.homeId().equals(silent)) {
                a.step(t);
            }
        }
    }

    private void close() {
        console.close();
        ledger.ledger().close();
        community.close();
        provider.close();
    }
}
