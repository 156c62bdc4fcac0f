package io.neighbourgrid.cli;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the commands that read the ledger of an earlier {@code run --bills}: the embedded ledger in
 * {@code OUT/ledger}, or the Fabric network of {@code --network}.
 */
final class LedgerOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", converter = Converters.PathValue.class,
            description = "the output directory of the run whose embedded ledger (DIR/ledger) is read "
                    + "(default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--ledger", paramLabel = "KIND", defaultValue = "embedded",
            converter = Converters.LedgerKindValue.class,
            description = "embedded (default) or fabric (the network of test-network/)")
    Converters.LedgerKind ledger;

    @Option(names = "--network", paramLabel = "DIR", defaultValue = "network/generated",
            converter = Converters.PathValue.class,
            description = "Fabric connection material (default ${DEFAULT-VALUE})")
    Path network;

    /** The embedded ledger's directory. */
    Path embeddedDirectory() {
        return out.resolve("ledger");
    }

    /** Where the ledger is, in words. */
    String describe() {
        return ledger == Converters.LedgerKind.FABRIC ? "the Fabric network of " + network
                : "the embedded ledger in " + embeddedDirectory();
    }

    /**
     * Opens the ledger.
     *
     * @param spec the command, for a usage error
     * @throws ParameterException when {@code OUT/ledger} holds no embedded ledger
     */
    LedgerProvider open(CommandSpec spec) throws IOException, LedgerException {
        return open(spec, false);
    }

    /**
     * Opens the ledger for an audit: an embedded ledger read-only (nothing in {@code OUT/ledger} is created,
     * modified or removed).
     *
     * @throws ParameterException when {@code OUT/ledger} is not a directory
     */
    LedgerProvider openForAudit(CommandSpec spec) throws IOException, LedgerException {
        return open(spec, true);
    }

    private LedgerProvider open(CommandSpec spec, boolean audit) throws IOException, LedgerException {
        if (ledger == Converters.LedgerKind.FABRIC) {
            return FabricLedgerProvider.fromDirectory(network);
        }
        Path dir = embeddedDirectory();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "no embedded ledger in " + dir + " (run 'run --bills "
                    + "--out " + out + "' first)");
        }
        SimulationClock clock = new SimulationClock(Instant.now());
        return audit ? EmbeddedLedgerProvider.forAudit(dir, clock) : new EmbeddedLedgerProvider(dir, clock);
    }

    /** Where a run publishes the signed checkpoint of its ledger's head: {@code OUT/checkpoint.json}. */
    Path defaultCheckpoint() {
        return out.resolve(CHECKPOINT_FILE);
    }

    /** The file name of a run's published checkpoint, next to its report. */
    static final String CHECKPOINT_FILE = "checkpoint.json";
}
