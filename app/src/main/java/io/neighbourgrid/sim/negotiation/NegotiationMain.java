package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;

/**
 * {@code scripts/run.sh --market negotiation}: seed 002's case on the embedded ledger, plain and private, both
 * cases, with {@code OUT/negotiation.json} and {@code OUT/negotiation.html}. Exit 0 when every run converged to
 * the ojAlgo reference within 1e-3 and kept every line within its limit, else 1.
 */
public final class NegotiationMain {
    private NegotiationMain() {
    }

    /**
     * Runs the scenario and writes the report.
     *
     * @param outDir   the report directory
     * @param keyBits  the producers' key length
     * @param inMemory keep the ledgers in memory instead of {@code OUT/negotiation-ledger/}
     * @param out      where the summary goes
     * @param err      where progress goes, or {@code null}
     * @return 0 if every run matched the reference, 1 otherwise
     */
    public static int run(Path outDir, int keyBits, boolean inMemory, PrintStream out, PrintStream err)
            throws IOException, LedgerException {
        Path ledgerRoot = outDir.resolve("negotiation-ledger");
        deleteTree(ledgerRoot);
        NegotiationReport report = NegotiationRun.run(name -> inMemory
                        ? new EmbeddedLedgerProvider(null, Clock.systemUTC())
                        : new EmbeddedLedgerProvider(ledgerRoot.resolve(name), Clock.systemUTC()),
                inMemory ? "embedded (in memory)" : "embedded (" + ledgerRoot + ")", keyBits, err);
        Path json = NegotiationReportWriter.writeJson(report, outDir);
        Path html = NegotiationReportWriter.writeHtml(report, outDir);
        for (NegotiationReport.CaseReport c : report.cases()) {
            for (NegotiationReport.RunReport r : c.runs()) {
                out.printf(Locale.ROOT, "%-11s %-7s converged %-5s %4d iterations %8.2f s  trade deviation %.1e kW"
                                + "  price deviation %.1e USD/kW%n", c.name(), r.variant(), r.converged(),
                        r.iterations(), r.seconds(), r.maxTradeDeviationKw(), r.maxPriceDeviation());
            }
        }
        out.println("report: " + html.toAbsolutePath() + " (" + json.getFileName() + ")");
        if (!NegotiationRun.allWithinReference(report)) {
            if (err != null) {
                err.println("error: a run did not converge to the centralised optimum within 1e-3 or overloaded a line");
            }
            return 1;
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
