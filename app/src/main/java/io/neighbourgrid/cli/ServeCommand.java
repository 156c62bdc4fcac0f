package io.neighbourgrid.cli;

import io.neighbourgrid.console.ConsoleLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code serve}: the operator console over the ledger of a run or over the Fabric network. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "The operator console: the market live in a browser, a JSON API and Prometheus metrics.",
        description = {"Serves the market configuration, the open window and its phase, the recent windows with "
                + "price, market type and coalition sizes, the suspended homes and the audit of any window at "
                + "http://HOST:PORT/, the same as JSON under /api/ and metrics at /metrics. It only reads the "
                + "ledger: the embedded ledger a run left in DIR/ledger (which a running day must have released), "
                + "or the Fabric network. Ctrl-C stops it."},
        footerHeading = "%n",
        footer = "Exit codes: 0 after a clean stop, 1 the ledger cannot be opened or the port is taken, "
                + "2 bad usage.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    private NeighbourgridCommand top;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + ConsoleLauncher.DEFAULT_PORT,
            converter = Converters.Port.class,
            description = "the port, " + Limits.PORT_MIN + " (any free port) to " + Limits.PORT_MAX
                    + " (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "the address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Mixin
    LedgerOptions ledgerOptions;

    @Option(names = "--connection", paramLabel = "FILE", converter = Converters.PathValue.class,
            description = "with --ledger fabric: the connection description, a file or the directory holding "
                    + "connection.json (default: connection.json in --network)")
    Path connection;

    @Option(names = "--first-window", paramLabel = "T", defaultValue = "0", converter = Converters.WindowIndex.class,
            description = "the first window the console looks for (default ${DEFAULT-VALUE})")
    long firstWindow;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "1000", converter = Converters.PollMillis.class,
            description = "how often the console reads the ledger, " + Limits.POLL_MS_MIN + " to "
                    + Limits.POLL_MS_MAX + " ms (default ${DEFAULT-VALUE})")
    long pollMs;

    @Override
    public Integer call() {
        boolean fabric = ledgerOptions.ledger == Converters.LedgerKind.FABRIC;
        if (!fabric && connection != null) {
            throw new ParameterException(spec.commandLine(), "--connection is for --ledger fabric");
        }
        Path where = connection != null ? connection : ledgerOptions.network.resolve("connection.json");
        ConsoleLauncher.Request request = new ConsoleLauncher.Request(port, host, fabric, ledgerOptions.out, where,
                firstWindow, Duration.ofMillis(pollMs));
        try {
            return ConsoleLauncher.serve(request, top.out(), top.err());
        } catch (ConsoleLauncher.UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
