package io.neighbourgrid.audit;

import io.neighbourgrid.json.CanonicalJson;
import java.util.List;
import java.util.Objects;

/**
 * The audit of a whole ledger ({@link LedgerAudit}): every window and every bill, each with its own
 * {@link AuditReport}, the chain evidence, the tallies and one verdict. Like an {@link AuditReport} it depends only
 * on the ledger, so its canonical JSON ({@link #toJson()}) is the same for every auditor of the same ledger.
 *
 * @param verdict      {@code PASS} when the chain and every window and bill passed, else {@code FAIL}
 * @param windows      the windows audited, passed and failed
 * @param bills        the bills audited, passed and failed
 * @param chain        the chain evidence's findings (a failure when the chain does not verify)
 * @param windowAudits every window's audit, in window order
 * @param billAudits   every bill's audit, by home and period
 */
public record LedgerAuditReport(String verdict, Tally windows, Tally bills, List<Finding> chain,
                                List<WindowAudit> windowAudits, List<BillAudit> billAudits) {
    /** The verdict of a passed audit. */
    public static final String PASS = "PASS";
    /** The verdict of a failed audit. */
    public static final String FAIL = "FAIL";

    public LedgerAuditReport {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(bills, "bills");
        chain = List.copyOf(chain);
        windowAudits = List.copyOf(windowAudits);
        billAudits = List.copyOf(billAudits);
    }

    /**
     * The report of these audits, with tallies and verdict.
     *
     * @param chain   the chain evidence's findings
     * @param windows the windows' audits
     * @param bills   the bills' audits
     * @return the report
     */
    public static LedgerAuditReport of(List<Finding> chain, List<WindowAudit> windows, List<BillAudit> bills) {
        Tally w = Tally.of(windows.stream().map(WindowAudit::report).toList());
        Tally b = Tally.of(bills.stream().map(BillAudit::report).toList());
        boolean passed = chain.stream().noneMatch(Finding::failed) && w.failed() == 0 && b.failed() == 0;
        return new LedgerAuditReport(passed ? PASS : FAIL, w, b, chain, windows, bills);
    }

    /**
     * The report of a ledger that could not be read at all because it is damaged: nothing audited, a failed chain.
     *
     * @param problem why the ledger cannot be read, e.g. the block that fails verification
     * @return a failed report
     */
    public static LedgerAuditReport unreadable(String problem) {
        return of(List.of(Finding.fail("chain", "the ledger cannot be read: " + problem)), List.of(), List.of());
    }

    /** Whether the chain and every window and bill passed. */
    public boolean passed() {
        return PASS.equals(verdict);
    }

    /** Canonical JSON of the report. */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /**
     * How many were audited, passed and failed.
     *
     * @param audited how many were audited
     * @param passed  how many passed
     * @param failed  how many failed
     */
    public record Tally(int audited, int passed, int failed) {
        static Tally of(List<AuditReport> reports) {
            int passed = (int) reports.stream().filter(AuditReport::passed).count();
            return new Tally(reports.size(), passed, reports.size() - passed);
        }
    }

    /**
     * One window's audit ({@link Auditor#auditWindow}).
     *
     * @param window       the window
     * @param verdict      {@code PASS} or {@code FAIL}
     * @param evidenceHash the report's evidence hash
     * @param report       the report
     */
    public record WindowAudit(long window, String verdict, String evidenceHash, AuditReport report) {
        public WindowAudit {
            Objects.requireNonNull(report, "report");
        }

        /** The audit of {@code window}. */
        public static WindowAudit of(long window, AuditReport report) {
            return new WindowAudit(window, report.verdict(), report.evidenceHash(), report);
        }
    }

    /**
     * One bill's audit: its home over the bill's period ({@link Auditor#auditHome}).
     *
     * @param home         the billed home
     * @param from         the bill's first window
     * @param to           the bill's last window
     * @param verdict      {@code PASS} or {@code FAIL}
     * @param evidenceHash the report's evidence hash
     * @param report       the report
     */
    public record BillAudit(String home, long from, long to, String verdict, String evidenceHash,
                            AuditReport report) {
        public BillAudit {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(report, "report");
        }

        /** The audit of {@code home}'s bill for windows {@code from}-{@code to}. */
        public static BillAudit of(String home, long from, long to, AuditReport report) {
            return new BillAudit(home, from, to, report.verdict(), report.evidenceHash(), report);
        }
    }
}
