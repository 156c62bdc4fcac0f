package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --market ecoin} through the command line. */
class EcoinRunTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMicrogridDayEndsWithBalancedBillsAndAReport(@TempDir Path dir) throws Exception {
        Run r = run("run", "--market", "ecoin", "--in-memory", "--slot-stride", "12", "--out", dir.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains(": balanced"), r.out());
        assertTrue(r.out().contains("bill meter-a1"), r.out());
        assertTrue(Files.readString(dir.resolve("ecoin-report.md")).contains("| meter-b4 |"));
        assertTrue(Files.readString(dir.resolve("ecoin-report.json")).contains("\"balanced\": true"));
    }

    @Test
    void theAuditorRecomputesEveryBillOfThePersistedLedger(@TempDir Path dir) {
        Run day = run("run", "--market", "ecoin", "--slot-stride", "16", "--meters-a", "1", "--meters-b", "2",
                "--out", dir.toString());
        assertEquals(Main.OK, day.code(), day.err());
        Run audit = run("ecoin-audit", "--out", dir.toString());
        assertEquals(Main.OK, audit.code(), audit.out() + audit.err());
        assertTrue(audit.out().contains("bill meter-b2"), audit.out());
        assertTrue(audit.out().strip().endsWith("PASS"), audit.out());
        Run missing = run("ecoin-audit", "--out", dir.resolve("nothing").toString());
        assertEquals(Main.USAGE, missing.code());
    }

    @Test
    void anUnknownMarketOrAnOptionOutOfRangeIsBadUsage(@TempDir Path dir) {
        Run unknown = run("run", "--market", "barter", "--out", dir.toString());
        assertEquals(Main.USAGE, unknown.code());
        assertTrue(unknown.err().contains("--market is pem, ecoin or negotiation"), unknown.err());
        Run tooFew = run("run", "--market", "ecoin", "--meters-a", "1", "--meters-b", "0", "--out", dir.toString());
        assertEquals(Main.USAGE, tooFew.code());
        assertTrue(tooFew.err().contains("at least 2 meters"), tooFew.err());
    }
}
