package io.neighbourgrid.cli;

import io.neighbourgrid.agent.AgentAction;
import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.Simulator;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints one line per window on a terminal-friendly progress bar. */
final class ProgressBar implements Simulator.SimulationListener {
    private final PrintStream out;
    private final int total;
    private final long started = System.nanoTime();

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void stage(String message) {
        if (out != null) {
            out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
        }
    }

    @Override
    public void windowDone(int index, int windows, WindowReport report) {
        if (out == null) {
            return;
        }
        int width = 30;
        int filled = (int) ((long) (index + 1) * width / Math.max(1, windows));
        String price = report.price().isPresent()
                ? String.format(Locale.ROOT, "%6.2f", report.price().getAsLong() / 1e6) : "  grid";
        out.printf(Locale.ROOT, "\r[%s%s] %d/%d  %-9s price %s  %5.0f ms", "#".repeat(filled),
                " ".repeat(width - filled), index + 1, windows, report.clearing(), price,
                report.metrics().onlineLatencyMs());
        out.flush();
    }

    @Override
    public void error(String who, long window, Exception error) {
        if (out != null) {
            out.printf(Locale.ROOT, "%nwindow %d: %s: %s%n", window, who, error.getMessage());
        }
    }

    void finish() {
        if (out != null) {
            out.println();
        }
    }

    AgentListener agentListener(Map<String, Long> nanos) {
        ProgressBar self = this;
        return new AgentListener() {
            @Override
            public void onAction(String homeId, long window, AgentAction action, long n) {
                nanos.merge(action.name(), n, Long::sum);
            }

            @Override
            public void onError(String homeId, long window, Exception error) {
                self.error(homeId, window, error);
            }
        };
    }
}
