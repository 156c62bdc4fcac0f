package io.neighbourgrid.cli;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.sim.data.DataFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line ({@link NeighbourgridCommand} and its subcommands, parsed by picocli): {@code run} replays a
 * trading day and writes the report, {@code bench-market} measures days of several community sizes, {@code bill},
 * {@code audit} and {@code bench-billing} are the billing commands.
 *
 * <p>Exit codes: 0 success (and {@code --help}, {@code --version}); 2 bad usage or input: an unknown command or
 * option, a missing value, a value outside what the option accepts ({@link Limits}, {@link KeyPolicy}), a
 * {@code --data} file that is missing, a directory or malformed; 1 a failed check (windows deviating from the
 * plaintext reference, a failing audit or bill check) or a failure (the ledger, the file system, anything
 * unexpected). Every error is one line on standard error starting with {@code error: }; a stack trace is printed
 * only for a failure, and only with {@code --debug} (anywhere on the command line) or the environment variable
 * {@value #DEBUG_ENV} set; never for bad input.
 */
public final class Main {
    /** Environment variable that, set to anything but empty or {@code 0}, turns on stack traces. */
    static final String DEBUG_ENV = "NEIGHBOURGRID_DEBUG";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** Width of the help texts. */
    private static final int HELP_WIDTH = 100;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command and its options; {@code --debug} anywhere turns on stack traces
     * @return the exit code: {@value #OK}, {@value #FAILED} or {@value #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String env = System.getenv(DEBUG_ENV);
        boolean debug = (env != null && !env.isEmpty() && !env.equals("0")) || Arrays.asList(args).contains("--debug");
        return commandLine(out, err, debug).execute(presets(args));
    }

    /** {@code run --day}: the preset's options go right after {@code run}, so that options given beside it win. */
    private static String[] presets(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return args;
        }
        String[] rest = DayPreset.withPreset(Arrays.copyOfRange(args, 1, args.length));
        String[] all = new String[rest.length + 1];
        all[0] = "run";
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The command tree, writing to {@code out} and {@code err}, with the exit codes and error handling above. */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean debug) {
        CommandLine cli = new CommandLine(new NeighbourgridCommand(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setUsageHelpWidth(HELP_WIDTH);
        // An option given twice takes its last value, as scripts that append to a command line expect.
        cli.setOverwrittenOptionsAllowed(true);
        // A command's header is its line in the list of commands; its help starts with the usage line.
        List<String> sections = new ArrayList<>(cli.getHelpSectionKeys());
        sections.removeAll(List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER));
        cli.setHelpSectionKeys(sections);
        exitCodes(cli);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> failure(e, command, debug));
        return cli;
    }

    /** Bad input exits with {@value #USAGE}, a failure with {@value #FAILED}, in every command of the tree. */
    private static void exitCodes(CommandLine command) {
        command.getCommandSpec().exitCodeOnInvalidInput(USAGE).exitCodeOnExecutionException(FAILED);
        command.getSubcommands().values().forEach(Main::exitCodes);
    }

    /**
     * Bad input: one line naming the option, and the hint; never a stack trace. With {@code --help} (or {@code -h})
     * among the arguments, the help of the command wins over bad input, as it does over good input.
     */
    private static int usageError(ParameterException e, String[] args) {
        List<String> given = Arrays.asList(args);
        if (given.contains("--help") || given.contains("-h")) {
            e.getCommandLine().usage(e.getCommandLine().getOut());
            return e.getCommandLine().getCommandSpec().exitCodeOnUsageHelp();
        }
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + oneLine(describe(e)) + " (see --help)");
        err.flush();
        return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The message of a parameter exception, in the words of the converters where one rejected the value. */
    static String describe(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (e.getCause() instanceof Converters.BadValue bad && arg != null) {
            return bad.message(name(arg));
        }
        if (e instanceof UnmatchedArgumentException u && e.getCommandLine().getParent() == null
                && e.getCommandLine().getParseResult() != null
                && !e.getCommandLine().getParseResult().hasSubcommand()) {
            List<String> unmatched = u.getUnmatched();
            if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                return "unknown command '" + unmatched.get(0) + "' (commands: "
                        + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + ")";
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        if (message.startsWith("Error: ")) {
            message = message.substring("Error: ".length());
        }
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            return o.longestName();
        }
        return arg instanceof PositionalParamSpec p ? p.paramLabel() : "the value";
    }

    /** A failure: one line, exit 1 ({@code --data} that does not parse: exit 2); the stack trace with debug. */
    private static int failure(Exception e, CommandLine command, boolean debug) {
        PrintWriter err = command.getErr();
        if (e instanceof DataFormatException d) {
            err.println("error: bad input data: " + oneLine(d.getMessage()));
            err.flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        String message;
        if (e instanceof LedgerException l) {
            message = "ledger: [" + l.errorCode() + "] " + l.getMessage();
        } else if (e instanceof IOException io) {
            message = describe(io);
        } else if (e instanceof UncheckedIOException io) {
            message = io.getMessage() != null ? io.getMessage() : describe(io.getCause());
        } else if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            message = "interrupted";
        } else {
            message = "unexpected failure: " + e + (debug ? "" : " (--debug prints the stack trace)");
        }
        err.println("error: " + oneLine(message));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** An I/O failure in words: file system failures name the file. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() != null ? f.getFile() + ": " + reason : reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** {@code message} on one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
