package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.audit.LedgerAudit;
import io.neighbourgrid.audit.LedgerAuditReport;
import io.neighbourgrid.billing.AlteringLedger;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --all} over a small day with bills run in this process: an honest ledger passes; a ledger whose block
 * log was altered, or whose answers to a query were altered, fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAllTest {
    private static final int HOMES = 6;
    private static final int WINDOWS = 3;

    private Path dir;
    private Path out;
    private String firstHome;
    private Bill firstBill;

    @BeforeAll
    void runADayWithBills(@TempDir Path tmp) throws Exception {
        dir = tmp;
        out = dir.resolve("out");
        MainTest.Outcome day = MainTest.run("run", "--homes", Integer.toString(HOMES), "--windows",
                Integer.toString(WINDOWS), "--key-bits", "1024", "--bills", "--deviation-rate", "0.5", "--quiet",
                "--threads", "2", "--keys", dir.resolve("keys").toString(), "--out", out.toString());
        assertEquals(Main.OK, day.code(), day.err());
        assertTrue(day.out().contains("billing: " + HOMES + " bills"), day.out());
        try (EmbeddedLedgerProvider provider = open(out); Ledger ledger = provider.connectOperator()) {
            firstHome = new MarketClient(ledger, provider.channel()).homes().get(0).homeId();
            firstBill = new BillingClient(ledger, provider.channel()).bills(firstHome).get(0);
        }
    }

    private static EmbeddedLedgerProvider open(Path out) {
        return new EmbeddedLedgerProvider(out.resolve("ledger"), new SimulationClock(Instant.now()));
    }

    private static LedgerAuditReport readReport(Path json) throws IOException {
        return CanonicalJson.fromJson(Files.readString(json, StandardCharsets.UTF_8), LedgerAuditReport.class);
    }

    @Test
    void everyWindowAndEveryBillOfAnHonestDayPasses() throws IOException {
        Path json = dir.resolve("honest.json");
        MainTest.Outcome o = MainTest.run("audit", "--all", "--out", out.toString(), "--json", json.toString());
        assertEquals(Main.OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("windows: " + WINDOWS + " audited, " + WINDOWS + " passed, 0 failed"), o.out());
        assertTrue(o.out().contains("bills: " + HOMES + " audited, " + HOMES + " passed, 0 failed"), o.out());
        assertTrue(o.out().contains("verdict: PASS"), o.out());
        assertTrue(o.out().contains("report: " + json.toAbsolutePath()), o.out());

        LedgerAuditReport report = readReport(json);
        assertEquals("PASS", report.verdict());
        assertEquals(new LedgerAuditReport.Tally(WINDOWS, WINDOWS, 0), report.windows());
        assertEquals(new LedgerAuditReport.Tally(HOMES, HOMES, 0), report.bills());
        assertEquals(List.of(0L, 1L, 2L), report.windowAudits().stream().map(LedgerAuditReport.WindowAudit::window)
                .toList());
        assertEquals(HOMES, report.billAudits().stream().map(LedgerAuditReport.BillAudit::home).distinct().count());
        assertTrue(report.chain().stream().allMatch(f -> f.status() == Finding.Status.PASS), report.chain()
                .toString());
        for (LedgerAuditReport.BillAudit b : report.billAudits()) {
            assertEquals(0, b.from());
            assertEquals(WINDOWS - 1, b.to());
            assertEquals(b.report().evidenceHash(), b.evidenceHash());
            assertTrue(b.report().findings().stream().anyMatch(f -> f.check().endsWith(": proof")
                    && f.status() == Finding.Status.PASS), b.report().toText());
        }
    }

    @Test
    void twoAuditsOfTheSameLedgerWriteTheSameBytes() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(Main.OK, MainTest.run("audit", "--all", "--out", out.toString(), "--json", a.toString()).code());
        assertEquals(Main.OK, MainTest.run("audit", "--all", "--out", out.toString(), "--json", b.toString()).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void theSingleAuditsStillPass() {
        MainTest.Outcome window = MainTest.run("audit", "--window", "1", "--out", out.toString());
        assertEquals(Main.OK, window.code(), window.out() + window.err());
        assertTrue(window.out().contains("verdict: PASS"), window.out());
        MainTest.Outcome home = MainTest.run("audit", "--home", firstHome, "--period", "0-" + (WINDOWS - 1),
                "--out", out.toString());
        assertEquals(Main.OK, home.code(), home.out() + home.err());
        MainTest.Outcome bill = MainTest.run("bill", "--home", firstHome, "--period", "0-" + (WINDOWS - 1), "--out",
                out.toString(), "--keys", dir.resolve("keys").toString());
        assertEquals(Main.OK, bill.code(), bill.out() + bill.err());
        assertTrue(bill.out().contains("verdict: PASS"), bill.out());
    }

    @Test
    void aBlockLogWhoseBillWasAlteredFails() throws IOException {
        Path copy = dir.resolve("altered");
        copyTree(out, copy);
        Path log = copy.resolve("ledger").resolve("blocks.log");
        String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        String honest = "\"plaintext\":\"" + firstBill.plaintext() + "\"";
        assertTrue(text.contains(honest), "the bill's plaintext is in the block log");
        // One more unit of the bill's first line, wherever the bill is recorded.
        String last = firstBill.plaintext().substring(firstBill.plaintext().length() - 1);
        String altered = honest.substring(0, honest.length() - 2) + (last.equals("9") ? "8" : "9") + "\"";
        Files.write(log, text.replace(honest, altered).getBytes(StandardCharsets.ISO_8859_1));

        Path json = dir.resolve("altered.json");
        MainTest.Outcome o = MainTest.run("audit", "--all", "--out", copy.toString(), "--json", json.toString());
        assertEquals(Main.FAILED, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("verdict: FAIL"), o.out());
        assertTrue(o.out().contains("blocks.log: ledger corrupted at block"), o.out());
        LedgerAuditReport report = readReport(json);
        assertFalse(report.passed());
        assertTrue(report.chain().get(0).failed(), report.chain().toString());
    }

    @Test
    void aLedgerThatMisstatesABillFailsOnThatBillOnly() throws LedgerException {
        String altered = new BigInteger(firstBill.plaintext()).add(BigInteger.ONE.shiftLeft(256)).toString();
        try (EmbeddedLedgerProvider provider = open(out);
             Ledger ledger = new AlteringLedger(provider.connectOperator(), "listBills",
                     json -> json.replace(firstBill.plaintext(), altered))) {
            LedgerAudit audit = new LedgerAudit(new MarketClient(ledger, provider.channel()),
                    new BillingClient(ledger, provider.channel()),
                    new EmbeddedChainEvidence(provider.ledger().engine()));
            LedgerAuditReport report = audit.audit(AuditCommand.windowsInState(provider.ledger().engine()));
            assertEquals("FAIL", report.verdict());
            assertEquals(new LedgerAuditReport.Tally(WINDOWS, WINDOWS, 0), report.windows());
            assertEquals(new LedgerAuditReport.Tally(HOMES, HOMES - 1, 1), report.bills());
            LedgerAuditReport.BillAudit failed = report.billAudits().stream().filter(b -> b.verdict().equals("FAIL"))
                    .findFirst().orElseThrow();
            assertEquals(firstHome, failed.home());
            assertTrue(failed.report().firstFailure().orElseThrow().check().endsWith(": proof"),
                    failed.report().toText());
            assertEquals(LedgerAudit.openedWindows(new MarketClient(ledger, provider.channel())),
                    AuditCommand.windowsInState(provider.ledger().engine()));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
