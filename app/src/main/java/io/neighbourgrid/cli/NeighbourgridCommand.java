package io.neighbourgrid.cli;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command: its subcommands, {@code --help}, {@code --version} and {@code --debug} (inherited by every
 * subcommand). Without a subcommand it prints its help. It holds the streams the subcommands print to.
 */
@Command(name = "neighbourgrid", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        description = "A private energy market: homes trade solar energy privately on a ledger.",
        subcommands = {RunCommand.class, MarketBench.class, BillCommand.class, AuditCommand.class,
                BenchBillingCommand.class, ServeCommand.class, EcoinAuditCommand.class, HelpCommand.class},
        footerHeading = "%n",
        footer = {"scripts/run.sh runs 'run', scripts/cli.sh any command; COMMAND --help lists a command's options.",
                "",
                "Exit codes: 0 success, 1 a failed check or a failure, 2 bad usage or input."})
final class NeighbourgridCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of a failure (or set " + Main.DEBUG_ENV + "=1)")
    private boolean debug;

    NeighbourgridCommand(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Where the commands print their results. */
    PrintStream out() {
        return out;
    }

    /** Where the commands print progress and errors. */
    PrintStream err() {
        return err;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }
}
