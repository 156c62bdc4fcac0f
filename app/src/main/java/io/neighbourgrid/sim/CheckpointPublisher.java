package io.neighbourgrid.sim;

import io.neighbourgrid.embedded.HeadCheckpoint;
import io.neighbourgrid.report.WindowReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Publishes a signed checkpoint of the embedded ledger's head outside the log after every window (and once more at
 * the end of the day), passing every progress call on. A day stopped by a crash still leaves the checkpoint of its
 * last finished window, so a log cut back behind it is caught by {@code audit}.
 */
public final class CheckpointPublisher implements Simulator.SimulationListener {
    private final Simulator.SimulationListener next;
    private final EmbeddedLedgerProvider ledger;
    private final Path file;

    /**
     * @param next   the listener every call is passed to
     * @param ledger the persisted embedded ledger
     * @param file   where the checkpoint goes (replaced atomically each time)
     */
    public CheckpointPublisher(Simulator.SimulationListener next, EmbeddedLedgerProvider ledger, Path file) {
        this.next = Objects.requireNonNull(next, "next");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void stage(String message) {
        next.stage(message);
    }

    @Override
    public void windowDone(int index, int total, WindowReport report) {
        publish();
        next.windowDone(index, total, report);
    }

    @Override
    public void error(String who, long window, Exception error) {
        next.error(who, window, error);
    }

    /**
     * Signs and writes the current head.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public HeadCheckpoint publish() {
        try {
            return ledger.publishCheckpoint(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the ledger checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
