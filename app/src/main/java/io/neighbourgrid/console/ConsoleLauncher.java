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
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link ConsoleServer operator console} over a ledger until the process is stopped (Ctrl-C); the
 * command line's {@code serve} ({@code io.neighbourgrid.cli}) fills its {@link Request}.
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
public final class ConsoleLauncher {
    /** The port without {@code --port}. */
    public static final int DEFAULT_PORT = 8080;
    /** The embedded ledger's block log, as {@code EmbeddedLedger.open} names it in its directory. */
    private static final String BLOCK_LOG = "blocks.log";

    private ConsoleLauncher() {
    }

    /**
     * What to serve.
     *
     * @param port        the port (0 picks a free one)
     * @param host        the address to listen on
     * @param fabric      the Fabric network instead of the embedded ledger
     * @param out         the run's output directory whose embedded ledger ({@code out/ledger}) is served
     * @param connection  the Fabric connection description: a directory holding {@code connection.json}, or a file
     * @param firstWindow the first window the console looks for
     * @param poll        how often it reads the ledger
     */
    public record Request(int port, String host, boolean fabric, Path out, Path connection, long firstWindow,
                          Duration poll) {
    }

    /**
     * Runs the console until the JVM is stopped.
     *
     * @return the exit code
     */
    public static int serve(Request request, PrintStream out, PrintStream err) throws UsageException {
        ConsoleServer console;
        try {
            console = start(request, out, err);
        } catch (IOException | LedgerException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
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
     * Opens the ledger and starts the console.
     *
     * @throws UsageException for a missing ledger
     * @throws IOException    when the ledger or connection description cannot be read
     * @throws LedgerException when the connection cannot be opened
     */
    public static ConsoleServer start(Request request, PrintStream out, PrintStream err)
            throws UsageException, IOException, LedgerException {
        int port = request.port();
        ConsoleServer.Settings settings = ConsoleServer.Settings.defaults()
                .withHost(request.host())
                .withFirstWindow(request.firstWindow())
                .withPoll(request.poll());
        List<AutoCloseable> resources = new ArrayList<>();
        LedgerProvider provider;
        if (!request.fabric()) {
            Path base = request.out();
            Path dir = base.resolve("ledger");
            requireEmbeddedLedger(base, dir);
            err.println("opening the embedded ledger in " + dir + " (its chain is verified first)");
            try {
                provider = new EmbeddedLedgerProvider(dir, Clock.systemUTC());
            } catch (UncheckedIOException e) {
                throw new IOException(e.getMessage() + (e.getMessage().contains("lock") || e.getMessage()
                        .contains("use") ? " (is a run still writing it?)" : ""), e.getCause());
            }
        } else {
            provider = fabric(request.connection(), resources);
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

    /** A usage error: exit code 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
