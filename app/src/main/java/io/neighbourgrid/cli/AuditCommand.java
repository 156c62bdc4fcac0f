package io.neighbourgrid.cli;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.audit.ChainEvidence;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.audit.LedgerAudit;
import io.neighbourgrid.audit.LedgerAuditReport;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.embedded.EmbeddedLedgerEngine;
import io.neighbourgrid.embedded.HeadCheckpoint;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.contract.CompositeKeys;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.LedgerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: who submitted what, every aggregate recomputed, every proof re-verified, the chain checked; of one
 * window ({@code --window T}), of a home's bills over a period ({@code --home H --period FROM-TO}), or of every
 * window and every bill of the ledger in one verdict ({@code --all}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Audits a window, a home's bills, or every window and bill of the ledger.",
        description = {"Who submitted what, every aggregate recomputed, every proof re-verified, the chain checked: "
                + "of one window (--window), of a home's bills over a period (--home, --period), or of every window "
                + "and every bill in one verdict (--all)."},
        footerHeading = "%n",
        footer = "Exit codes: 0 PASS, 1 FAIL (a failing line) or a failure, 2 bad usage.")
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    private NeighbourgridCommand top;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "What to audit (one of):%n")
    Subject subject;

    @Mixin
    LedgerOptions ledgerOptions;

    @Option(names = "--json", paramLabel = "FILE", converter = Converters.PathValue.class,
            description = "also write the report as JSON to FILE")
    Path json;

    @Option(names = "--checkpoint", paramLabel = "FILE", converter = Converters.PathValue.class,
            description = {"the signed checkpoint of the ledger's head the log must still hold (default: "
                    + "OUT/checkpoint.json, published by run, when it exists); a log cut back behind it fails"})
    Path checkpoint;

    /** Accepted for the same options as {@code bill}; an audit needs no key. */
    @Option(names = "--keys", paramLabel = "DIR", hidden = true)
    String keys;

    /** What to audit: one of a window, a home's period, everything. */
    static final class Subject {
        @Option(names = "--window", paramLabel = "T", converter = Converters.WindowIndex.class,
                description = "one window: the market protocol and its billing records")
        Long window;

        @ArgGroup(exclusive = false, multiplicity = "1")
        HomePeriod home;

        @Option(names = "--all", description = {"every window and every bill of the ledger, in one verdict; prints "
                + "windows and bills audited, passed and failed"})
        boolean all;
    }

    /** {@code --home H --period FROM-TO}. */
    static final class HomePeriod {
        @Option(names = "--home", paramLabel = "H", required = true,
                description = "a home's identity, key, records, meter reports and every bill overlapping --period")
        String home;

        @Option(names = "--period", paramLabel = "FROM-TO", required = true,
                converter = Converters.PeriodValue.class, description = "first and last window, e.g. 0-59")
        Converters.Period period;
    }

    @Override
    public Integer call() throws IOException, LedgerException {
        if (subject.all) {
            return auditAll();
        }
        PrintStream out = top.out();
        LedgerProvider opened;
        try {
            opened = ledgerOptions.openForAudit(spec);
        } catch (UncheckedIOException e) {
            // The ledger cannot be read as it is: one line naming the file (and block and byte), exit 1.
            top.err().println("error: " + Main.oneLine(e.getMessage()));
            return Main.FAILED;
        }
        try (LedgerProvider provider = opened; Ledger ledger = provider.connectOperator()) {
            Auditor auditor = new Auditor(new MarketClient(ledger, provider.channel()),
                    new BillingClient(ledger, provider.channel()), chainEvidence(provider));
            AuditReport report = subject.window != null ? auditor.auditWindow(subject.window)
                    : auditor.auditHome(subject.home.home, subject.home.period.from(), subject.home.period.to());
            out.print(report.toText());
            if (json != null) {
                write(json, report.toJson());
            }
            return report.passed() ? Main.OK : Main.FAILED;
        }
    }

    /**
     * {@code audit --all}. An embedded ledger whose block log fails verification cannot be opened; that is the
     * audit's finding then (verdict FAIL), not a failure of the command.
     */
    private int auditAll() throws IOException, LedgerException {
        LedgerProvider provider;
        try {
            provider = ledgerOptions.openForAudit(spec);
        } catch (UncheckedIOException e) {
            return summarise(LedgerAuditReport.unreadable(Main.oneLine(e.getMessage())));
        }
        LedgerAuditReport report;
        try (provider; Ledger ledger = provider.connectOperator()) {
            MarketClient market = new MarketClient(ledger, provider.channel());
            LedgerAudit audit = new LedgerAudit(market, new BillingClient(ledger, provider.channel()),
                    chainEvidence(provider));
            List<Long> windows = provider instanceof EmbeddedLedgerProvider e ? windowsInState(e.ledger().engine())
                    : LedgerAudit.openedWindows(market);
            top.err().printf(Locale.ROOT, "auditing %d windows and every bill of %s%n", windows.size(),
                    ledgerOptions.describe());
            report = audit.audit(windows);
        }
        return summarise(report);
    }

    /** Prints the summary (and writes the JSON); the exit code of the verdict. */
    private int summarise(LedgerAuditReport report) throws IOException {
        PrintStream out = top.out();
        out.println("audit of every window and bill of " + ledgerOptions.describe());
        for (Finding f : report.chain()) {
            out.printf(Locale.ROOT, "  %-4s %s: %s%n", f.status(), f.check(), f.detail());
        }
        for (LedgerAuditReport.WindowAudit w : report.windowAudits()) {
            w.report().firstFailure().ifPresent(f -> out.printf(Locale.ROOT, "  FAIL window %d: %s: %s%n",
                    w.window(), f.check(), f.detail()));
        }
        for (LedgerAuditReport.BillAudit b : report.billAudits()) {
            b.report().firstFailure().ifPresent(f -> out.printf(Locale.ROOT, "  FAIL bill %s %d-%d: %s: %s%n",
                    b.home(), b.from(), b.to(), f.check(), f.detail()));
        }
        out.printf(Locale.ROOT, "windows: %d audited, %d passed, %d failed%n", report.windows().audited(),
                report.windows().passed(), report.windows().failed());
        out.printf(Locale.ROOT, "bills: %d audited, %d passed, %d failed%n", report.bills().audited(),
                report.bills().passed(), report.bills().failed());
        out.println("verdict: " + report.verdict());
        if (json != null) {
            write(json, report.toJson());
        }
        return report.passed() ? Main.OK : Main.FAILED;
    }

    private void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        top.out().println("report: " + file.toAbsolutePath());
    }

    private ChainEvidence chainEvidence(LedgerProvider provider) throws IOException {
        if (!(provider instanceof EmbeddedLedgerProvider e)) {
            return ChainEvidence.historyOnly();
        }
        Path file = checkpoint != null ? checkpoint : ledgerOptions.defaultCheckpoint();
        if (checkpoint == null && !Files.exists(file)) {
            top.err().println("note: no checkpoint at " + file + ": the log is checked on its own, so a log cut "
                    + "back at a block boundary cannot be told from a shorter day");
            return new EmbeddedChainEvidence(e.ledger().engine());
        }
        return new EmbeddedChainEvidence(e.ledger().engine(), HeadCheckpoint.read(file));
    }

    /** Every window the embedded ledger's state holds, ascending. */
    static List<Long> windowsInState(EmbeddedLedgerEngine engine) {
        List<Long> windows = new ArrayList<>();
        for (TxContext.KeyValue kv : engine.getStateByPartialCompositeKey(StateKeys.WINDOW)) {
            List<String> parts = CompositeKeys.split(kv.key());
            if (parts.size() == 2) {
                windows.add(Long.parseLong(parts.get(1)));
            }
        }
        windows.sort(null);
        return windows;
    }
}
