package io.neighbourgrid.console;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.LedgerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: runs the {@link ConsoleServer operator console} until the process is stopped (Ctrl-C).
 *
 * <pre>
 * serve [--port P] [--host H] [--ledger embedded|fabric] [--out DIR] [--connection FILE]
 *       [--first-window T] [--poll-ms MS]
 * </pre>
 *
 * <p>With {@code --ledger embedded} (the default) it opens the ledger a previous {@code run} left in
 * {@code DIR/ledger} ({@code out/ledger} by default) and only reads it: it refuses a directory without a block log
 * rather than create one, and the console submits nothing. A ledger that a running day still holds cannot be opened
 * (the block log is locked); start the console inside that day instead ({@link ConsoleServer#forProvider}). With
 * {@code --ledger fabric} it connects as the operator organisation's client identity, as the simulator's
 * {@link FabricLedgerProvider} does, from the connection description {@code network/generated/connection.json}
 * (or {@code --connection FILE}, a file or the directory holding {@code connection.json}).
 *
 * <p>Exit codes: 0 after a clean stop, 2 bad usage, 1 when the ledger cannot be opened or the port is taken.
 */
public final class ServeCommand {
    /** The port without {@code --port}. */
    public static final int DEFAULT_PORT = 8080;
    /** The embedded ledger's block log, as {@code EmbeddedLedger.open} names it in its directory. */
    private static final String BLOCK_LOG = "blocks.log";
    private static final Set<String> OPTIONS = Set.of("port", "host", "ledger", "out", "connection", "network",
            "first-window", "poll-ms");

    private ServeCommand() {
    }

    /** {@code java -cp ... io.neighbourgrid.console.ServeCommand [options]}: the command on its own. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The usage text. */
    public static String usage() {
        return String.join("\n",
                "  serve [--port P] [--host H] [--ledger embedded|fabric] [--out DIR] [--connection FILE]",
                "        [--first-window T] [--poll-ms MS]",
                "      the operator console at http://H:P/ (default 127.0.0.1:" + DEFAULT_PORT + "): market "
                        + "configuration, the open",
                "      window and its phase, recent windows, suspended homes, audits; JSON under /api, "
                        + "Prometheus metrics at",
                "      /metrics. embedded (default): the ledger a run left in DIR/ledger (default out/ledger), "
                        + "read only;",
                "      fabric: the network of FILE (default network/generated/connection.json). Ctrl-C stops it.");
    }

    /**
     * Runs the console until the JVM is stopped.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ConsoleServer console;
        try {
            console = start(args, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage:\n" + usage());
            return 2;
        } catch (IOException | LedgerException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (console == null) {
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "console-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            console.close();
        }
        return 0;
    }

    /**
     * Parses the arguments, opens the ledger and starts the console; {@code null} after printing the usage for
     * {@code --help}.
     *
     * @throws UsageException for bad arguments or a missing ledger
     * @throws IOException    when the ledger or connection description cannot be read
     * @throws LedgerException when the connection cannot be opened
     */
    static ConsoleServer start(String[] args, PrintStream out, PrintStream err)
            throws UsageException, IOException, LedgerException {
        Map<String, String> o = parse(args);
        if (o.containsKey("help")) {
            out.println("usage:\n" + usage());
            return null;
        }
        int port = (int) number(o, "port", DEFAULT_PORT, 0, 65535);
        ConsoleServer.Settings settings = ConsoleServer.Settings.defaults()
                .withHost(o.getOrDefault("host", "127.0.0.1"))
                .withFirstWindow(number(o, "first-window", 0, 0, Long.MAX_VALUE))
                .withPoll(Duration.ofMillis(number(o, "poll-ms", 1000, 50, 60_000)));
        String kind = o.getOrDefault("ledger", "embedded");
        List<AutoCloseable> resources = new ArrayList<>();
        LedgerProvider provider;
        if (kind.equals("embedded")) {
            if (o.containsKey("connection") || o.containsKey("network")) {
                throw new UsageException("--connection is for --ledger fabric");
            }
            Path base = Path.of(o.getOrDefault("out", "out"));
            Path dir = base.resolve("ledger");
            requireEmbeddedLedger(base, dir);
            err.println("opening the embedded ledger in " + dir + " (its chain is verified first)");
            try {
                provider = new EmbeddedLedgerProvider(dir, Clock.systemUTC());
            } catch (UncheckedIOException e) {
                throw new IOException(e.getMessage() + (e.getMessage().contains("lock") || e.getMessage()
                        .contains("use") ? " (is a run still writing it?)" : ""), e.getCause());
            }
        } else if (kind.equals("fabric")) {
            if (o.containsKey("out")) {
                throw new UsageException("--out is for --ledger embedded");
            }
            String where = o.getOrDefault("connection", o.getOrDefault("network",
                    "network/generated/connection.json"));
            provider = fabric(Path.of(where), resources);
        } else {
            throw new UsageException("--ledger must be embedded or fabric, got '" + kind + "'");
        }
        resources.add(0, provider);
        ConsoleServer console;
        try {
            console = ConsoleServer.forProvider(provider, settings, resources);
        } catch (LedgerException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
        try {
            console.start(port);
        } catch (RuntimeException e) {
            console.close();
            throw new IOException("cannot serve on " + settings.host() + ":" + port + ": " + e.getMessage(), e);
        }
        out.println("operator console: " + console.uri() + " (" + console.description() + ", channel "
                + console.channel() + "); JSON under " + console.uri() + "api/, metrics at " + console.uri()
                + "metrics; Ctrl-C stops it");
        return console;
    }

    private static void requireEmbeddedLedger(Path base, Path dir) throws UsageException {
        if (!Files.isRegularFile(dir.resolve(BLOCK_LOG))) {
            throw new UsageException("no embedded ledger in " + dir + " (run 'scripts/run.sh --out " + base
                    + "' first, or give --out DIR)");
        }
        for (String msp : List.of(EmbeddedLedgerProvider.OPERATOR_MSP, EmbeddedLedgerProvider.COMMUNITY_MSP)) {
            Path ca = dir.resolve("ca");
            if (!Files.isRegularFile(ca.resolve(msp + "-ca.pem")) || !Files.isRegularFile(ca.resolve(msp
                    + "-ca.key"))) {
                throw new UsageException(dir + " has no certificate authority of " + msp + " in " + ca
                        + ": it was not written by a run");
            }
        }
    }

    /**
     * The Fabric provider of a connection description: a directory holding {@code connection.json}, that file, or a
     * file of another name (copied into a temporary directory as {@code connection.json}, removed on close; the
     * paths inside it must then be absolute, as {@code network.sh} writes them).
     */
    private static LedgerProvider fabric(Path where, List<AutoCloseable> resources) throws IOException {
        if (Files.isDirectory(where)) {
            return FabricLedgerProvider.fromDirectory(where);
        }
        if (!Files.isRegularFile(where)) {
            throw new IOException("no Fabric connection description at " + where + ": start the network with "
                    + "test-network/network.sh up && test-network/network.sh deploy, or give --connection FILE");
        }
        Path name = where.getFileName();
        if (name != null && name.toString().equals("connection.json")) {
            Path parent = where.toAbsolutePath().getParent();
            return FabricLedgerProvider.fromDirectory(parent);
        }
        Path tmp = Files.createTempDirectory("neighbourgrid-console-");
        Files.copy(where, tmp.resolve("connection.json"));
        resources.add(() -> {
            Files.deleteIfExists(tmp.resolve("connection.json"));
            Files.deleteIfExists(tmp);
        });
        return FabricLedgerProvider.fromDirectory(tmp);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Best effort: the original failure is what the caller reports.
            }
        }
    }

    private static Map<String, String> parse(String[] args) throws UsageException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                o.put("help", "true");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            o.put(name, value);
        }
        return o;
    }

    private static long number(Map<String, String> o, String name, long fallback, long min, long max)
            throws UsageException {
        String v = o.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    /** A usage error: exit code 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
