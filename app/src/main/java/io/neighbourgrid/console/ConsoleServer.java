package io.neighbourgrid.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.audit.ChainEvidence;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.Simulator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The operator console: a small web server (Javalin) that shows, live from a {@link Ledger} connection, the market
 * configuration, the latest window and its phase, the recent windows with their price, clearing and coalition
 * sizes, the suspended homes, and the {@link Auditor}'s verdict on any window; with a JSON API under {@code /api}
 * and Prometheus metrics at {@code /metrics}. It only reads: queries go through a view of the connection that
 * refuses submissions. The same code serves the embedded ledger and a Fabric network.
 *
 * <table>
 *   <caption>routes</caption>
 *   <tr><td>{@code GET /}</td><td>the page ({@code index.html}, {@code console.js}, {@code console.css} from the
 *       class path's {@code console/})</td></tr>
 *   <tr><td>{@code GET /api/status}</td><td>{@link Views.Status}</td></tr>
 *   <tr><td>{@code GET /api/market}</td><td>{@link Views.MarketInfo}; 404 before the market is configured</td></tr>
 *   <tr><td>{@code GET /api/windows?recent=N}</td><td>{@link Views.WindowList}, newest first (N: 1 to
 *       {@value WindowTracker#KEPT}, default 20)</td></tr>
 *   <tr><td>{@code GET /api/windows/{t}}</td><td>{@link Views.WindowDetail}; 404 for a window never opened</td></tr>
 *   <tr><td>{@code GET /api/homes}</td><td>a list of {@link Views.HomeSummary}</td></tr>
 *   <tr><td>{@code GET /api/homes/suspended}</td><td>{@link Views.SuspendedHomes}</td></tr>
 *   <tr><td>{@code GET /api/audit/{t}}</td><td>{@link Views.AuditView}; 404 for a window never opened</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>Prometheus text format ({@link ConsoleMetrics})</td></tr>
 * </table>
 * Errors are {@link Views.ApiError}: 400 for a malformed argument, 404 for something the ledger does not hold, 503
 * when the ledger cannot be read.
 *
 * <p>{@code
 * try (ConsoleServer console = ConsoleServer.forProvider(provider).start(8080)) { ... run the day ... }
 * }
 */
public final class ConsoleServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());
    /**
     * Jetty and Javalin report every start and stop at INFO through SLF4J to java.util.logging; the console says
     * where it listens itself, so they report warnings only unless logging is configured for them. Held here because
     * java.util.logging keeps loggers (and so their levels) only while they are referenced.
     */
    private static final List<java.util.logging.Logger> QUIET = quiet("org.eclipse.jetty", "io.javalin");

    /**
     * How the console reads and serves.
     *
     * @param host          the address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for every
     *                      interface)
     * @param firstWindow   the first window index to look for (windows are found by index from here up)
     * @param poll          the longest time between two reads of the ledger
     * @param recentWindows how many windows {@code /api/windows} lists without {@code ?recent=}
     */
    public record Settings(String host, long firstWindow, Duration poll, int recentWindows) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(poll, "poll");
            if (firstWindow < 0) {
                throw new IllegalArgumentException("firstWindow must be non-negative, got " + firstWindow);
            }
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive, got " + poll);
            }
            if (recentWindows < 1 || recentWindows > WindowTracker.KEPT) {
                throw new IllegalArgumentException("recentWindows must be 1 to " + WindowTracker.KEPT + ", got "
                        + recentWindows);
            }
        }

        /** Loopback only, windows from 0, a read every second, 20 recent windows. */
        public static Settings defaults() {
            return new Settings("127.0.0.1", 0, Duration.ofSeconds(1), 20);
        }

        /** These settings listening on {@code address}. */
        public Settings withHost(String address) {
            return new Settings(address, firstWindow, poll, recentWindows);
        }

        /** These settings reading the ledger at least every {@code interval}. */
        public Settings withPoll(Duration interval) {
            return new Settings(host, firstWindow, interval, recentWindows);
        }

        /** These settings looking for windows from {@code t} up. */
        public Settings withFirstWindow(long t) {
            return new Settings(host, t, poll, recentWindows);
        }
    }

    private final Ledger ledger;
    private final String channel;
    private final ChainEvidence chain;
    private final String description;
    private final Settings settings;
    private final List<AutoCloseable> owned;
    private final MarketClient client;
    private final ConsoleMetrics metrics = new ConsoleMetrics();
    private final WindowTracker tracker;
    private final ReentrantLock auditLock = new ReentrantLock(true);
    private final AtomicReference<Views.Simulation> simulation = new AtomicReference<>();
    private Javalin app;
    private boolean closed;

    private static List<java.util.logging.Logger> quiet(String... names) {
        List<java.util.logging.Logger> out = new ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            if (logger.getLevel() == null && java.util.logging.LogManager.getLogManager().getProperty(name + ".level")
                    == null) {
                logger.setLevel(java.util.logging.Level.WARNING);
            }
            out.add(logger);
        }
        return List.copyOf(out);
    }

    private ConsoleServer(Ledger ledger, String channel, ChainEvidence chain, String description, Settings settings,
                          List<AutoCloseable> owned) {
        this.ledger = new ReadOnlyLedger(Objects.requireNonNull(ledger, "ledger"));
        this.channel = Objects.requireNonNull(channel, "channel");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.description = Objects.requireNonNull(description, "description");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.owned = List.copyOf(owned);
        this.client = new MarketClient(this.ledger, channel);
        this.tracker = new WindowTracker(client, metrics, settings.firstWindow(), settings.poll());
    }

    /**
     * A console over a connection the caller keeps (and closes after the console). Audits check key histories
     * only ({@link ChainEvidence#historyOnly()}).
     *
     * @param ledger  any identity's connection to the channel; the console only queries and listens
     * @param channel the channel name
     */
    public static ConsoleServer over(Ledger ledger, String channel) {
        return over(ledger, channel, ChainEvidence.historyOnly(), "ledger connection of "
                + ledger.identity().mspId(), Settings.defaults());
    }

    /**
     * A console over a connection the caller keeps.
     *
     * @param ledger      the connection
     * @param channel     the channel name
     * @param chain       the chain evidence audits may use
     * @param description what the page says it reads
     * @param settings    how it reads and serves
     */
    public static ConsoleServer over(Ledger ledger, String channel, ChainEvidence chain, String description,
                                     Settings settings) {
        return new ConsoleServer(ledger, channel, chain, description, settings, List.of());
    }

    /**
     * A console over a new operator connection of {@code provider} (closed with the console; the provider stays
     * the caller's). This is how a console runs inside a simulated day: the simulator and the console share the
     * provider, each with its own connections, and {@link #simulationListener} reports the day's progress too. On
     * the embedded ledger, audits also verify the hash chain.
     *
     * @param provider the simulator's (or the CLI's) ledger provider
     * @throws LedgerException when the connection cannot be opened
     */
    public static ConsoleServer forProvider(LedgerProvider provider) throws LedgerException {
        return forProvider(provider, Settings.defaults());
    }

    /**
     * As {@link #forProvider(LedgerProvider)} with settings.
     *
     * @param provider the ledger provider
     * @param settings how it reads and serves
     * @throws LedgerException when the connection cannot be opened
     */
    public static ConsoleServer forProvider(LedgerProvider provider, Settings settings) throws LedgerException {
        return forProvider(provider, settings, List.of());
    }

    /** As {@link #forProvider(LedgerProvider, Settings)}, also closing {@code alsoClose}, in order, with it. */
    static ConsoleServer forProvider(LedgerProvider provider, Settings settings, List<AutoCloseable> alsoClose)
            throws LedgerException {
        Ledger connection = provider.connectOperator();
        ChainEvidence chain = provider instanceof EmbeddedLedgerProvider e
                ? new EmbeddedChainEvidence(e.ledger().engine()) : ChainEvidence.historyOnly();
        List<AutoCloseable> owned = new ArrayList<>();
        owned.add(connection);
        owned.addAll(alsoClose);
        return new ConsoleServer(connection, provider.channel(), chain, provider.describe(), settings, owned);
    }

    /**
     * Starts serving on {@code port} of the settings' host, and following the ledger.
     *
     * @param port the port; 0 for any free port ({@link #port()} tells which)
     * @return this console
     * @throws IllegalStateException when the console was started or closed before
     */
    public synchronized ConsoleServer start(int port) {
        if (app != null || closed) {
            throw new IllegalStateException("the console was started already");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        tracker.start();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new CanonicalJsonMapper());
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
                files.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            config.routes.get("/api/status", this::status);
            config.routes.get("/api/market", this::market);
            config.routes.get("/api/windows", this::windows);
            config.routes.get("/api/windows/{t}", this::window);
            config.routes.get("/api/homes", this::homes);
            config.routes.get("/api/homes/suspended", this::suspended);
            config.routes.get("/api/audit/{t}", this::audit);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.exception(BadRequest.class, (e, ctx) ->
                    ctx.status(400).json(new Views.ApiError(e.getMessage(), null)));
            config.routes.exception(LedgerException.class, (e, ctx) -> {
                boolean absent = e.is(ErrorCode.UNKNOWN_WINDOW) || e.is(ErrorCode.MARKET_NOT_CONFIGURED)
                        || e.is(ErrorCode.UNKNOWN_HOME);
                if (!absent) {
                    metrics.ledgerError();
                }
                ctx.status(absent ? 404 : 503).json(new Views.ApiError(e.getMessage(), e.errorCode()));
            });
            config.routes.exception(RuntimeException.class, (e, ctx) -> {
                LOG.log(System.Logger.Level.WARNING, "console request " + ctx.path() + " failed", e);
                ctx.status(500).json(new Views.ApiError(e.getClass().getSimpleName() + ": " + e.getMessage(),
                        null));
            });
        });
        try {
            app.start(settings.host(), port);
        } catch (RuntimeException e) {
            tracker.close();
            app = null;
            throw e;
        }
        return this;
    }

    /** The port served on. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the console is not started");
        }
        return app.port();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** The window tracker (tests). */
    WindowTracker tracker() {
        return tracker;
    }

    /** The console's metrics. */
    public ConsoleMetrics metrics() {
        return metrics;
    }

    /** The channel. */
    public String channel() {
        return channel;
    }

    /** What the console reads, as the page shows it. */
    public String description() {
        return description;
    }

    /**
     * Reads the ledger now instead of at the next poll (the API otherwise answers from a read at most one poll
     * interval old).
     *
     * @throws LedgerException when the ledger cannot be read
     */
    public void refresh() throws LedgerException {
        tracker.refresh();
    }

    /**
     * A listener for the {@link Simulator} of the day this console watches: it reports the day's stages and
     * progress on the page ({@code /api/status}'s {@code simulation}), wakes the console after every window, and
     * passes every call on to {@code delegate}.
     *
     * @param delegate the listener the simulator would have had otherwise
     * @return the listener to give the simulator
     */
    public Simulator.SimulationListener simulationListener(Simulator.SimulationListener delegate) {
        Objects.requireNonNull(delegate, "delegate");
        AtomicInteger errors = new AtomicInteger();
        simulation.compareAndSet(null, new Views.Simulation("starting", 0, 0, 0));
        return new Simulator.SimulationListener() {
            @Override
            public void stage(String message) {
                simulation.updateAndGet(s -> new Views.Simulation(message, s.windowsDone(), s.windows(),
                        errors.get()));
                delegate.stage(message);
            }

            @Override
            public void windowDone(int index, int total, WindowReport report) {
                simulation.set(new Views.Simulation("window " + (index + 1) + " of " + total + " done", index + 1,
                        total, errors.get()));
                tracker.wake();
                delegate.windowDone(index, total, report);
            }

            @Override
            public void error(String who, long window, Exception error) {
                int n = errors.incrementAndGet();
                simulation.updateAndGet(s -> new Views.Simulation(s.stage(), s.windowsDone(), s.windows(), n));
                delegate.error(who, window, error);
            }
        };
    }

    // ------------------------------------------------------------------------------------------------- routes

    private void status(Context ctx) {
        WindowTracker.Snapshot s = tracker.fresh();
        ctx.json(new Views.Status(channel, description, s.current(), s.open(), s.latest(),
                s.checkedAt() == null ? null : s.checkedAt().toString(), simulation.get(), s.lastError()));
    }

    private void market(Context ctx) throws LedgerException {
        MarketConfig config = client.market();
        List<HomeRecord> homes = client.homes();
        int suspended = (int) homes.stream().filter(HomeRecord::suspended).count();
        ctx.json(new Views.MarketInfo(channel, description, config, homes.size(), suspended));
    }

    private void windows(Context ctx) {
        int n = intParam(ctx.queryParam("recent"), settings.recentWindows(), 1, WindowTracker.KEPT, "recent");
        WindowTracker.Snapshot s = tracker.fresh();
        ctx.json(new Views.WindowList(s.latest(), tracker.recent(n)));
    }

    private void window(Context ctx) throws LedgerException {
        long t = windowParam(ctx);
        WindowView view = client.windowStatus(t).orElseThrow(() -> notOpened(t));
        ctx.json(Views.WindowDetail.of(view));
    }

    private void homes(Context ctx) throws LedgerException {
        ctx.json(client.homes().stream().map(Views.HomeSummary::of).toList());
    }

    private void suspended(Context ctx) throws LedgerException {
        List<HomeRecord> homes = client.homes();
        ctx.json(new Views.SuspendedHomes(homes.size(), homes.stream().filter(HomeRecord::suspended)
                .map(Views.SuspendedHome::of).toList()));
    }

    private void audit(Context ctx) throws LedgerException {
        long t = windowParam(ctx);
        if (client.windowStatus(t).isEmpty()) {
            throw notOpened(t);
        }
        // Audits verify proofs: one at a time, so clicks cannot pile up work on the ledger's machine.
        auditLock.lock();
        try {
            long start = System.nanoTime();
            Auditor auditor = new Auditor(client, new BillingClient(ledger, channel), chain);
            AuditReport report = auditor.auditWindow(t);
            long ms = (System.nanoTime() - start) / 1_000_000;
            metrics.audited(report.passed());
            ctx.json(Views.AuditView.of(t, report, chain.describe(), ms));
        } finally {
            auditLock.unlock();
        }
    }

    private static LedgerException notOpened(long t) {
        return new LedgerException(ErrorCode.UNKNOWN_WINDOW.name(), "UNKNOWN_WINDOW: window " + t
                + " was never opened", null);
    }

    private static long windowParam(Context ctx) {
        String text = ctx.pathParam("t");
        try {
            long t = Long.parseLong(text.strip());
            if (t < 0) {
                throw new BadRequest("the window must be a non-negative integer, got '" + text + "'");
            }
            return t;
        } catch (NumberFormatException e) {
            throw new BadRequest("the window must be a non-negative integer, got '" + text + "'");
        }
    }

    private static int intParam(String text, int fallback, int min, int max, String name) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n < min || n > max) {
                throw new BadRequest(name + " must be " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be an integer, got '" + text + "'");
        }
    }

    /** A malformed request argument: answered with 400. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** Stops serving and following the ledger, and closes what the console opened. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        tracker.close();
        if (app != null) {
            try {
                app.stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stopping the console's web server failed", e);
            }
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + c + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "ConsoleServer[" + description + ", channel " + channel + "]";
    }
}
