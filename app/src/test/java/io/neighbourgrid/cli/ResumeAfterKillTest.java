package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.embedded.HeadCheckpoint;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day killed with {@code kill -9} in another process is continued by {@code run --resume}: every window of the day
 * is decided once and settled once, the audit passes, and the checkpoint published before the kill still holds.
 */
class ResumeAfterKillTest {
    private static final int WINDOWS = 40;

    @TempDir
    Path dir;

    private List<String> runArgs(Path out) {
        return List.of("run", "--homes", "4", "--windows", Integer.toString(WINDOWS), "--key-bits", "1024",
                "--quiet", "--threads", "2", "--keys", dir.resolve("keys").toString(), "--out", out.toString());
    }

    @Test
    void aDayKilledMidWayIsFinishedByResumeWithEveryWindowSettledOnce() throws Exception {
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(runArgs(out));
        Process day = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("day.log").toFile()).start();
        Path checkpoint = out.resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && day.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertTrue(day.isAlive(), "the day must still be running when it is killed: "
                + Files.readString(dir.resolve("day.log")));
        day.destroyForcibly();
        assertTrue(day.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, day.exitValue(), "killed by SIGKILL");
        long publishedHeight = HeadCheckpoint.read(checkpoint).height();

        MainTest.Outcome refused = MainTest.run(runArgs(out).toArray(String[]::new));
        assertEquals(Main.FAILED, refused.code(), "without --resume the stopped day is left alone");

        List<String> resume = new ArrayList<>(runArgs(out));
        resume.add("--resume");
        MainTest.Outcome resumed = MainTest.run(resume.toArray(String[]::new));
        assertEquals(Main.OK, resumed.code(), resumed.out() + resumed.err());
        String report = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertTrue(report.contains("\"resumedFromWindow\""), "the report says where the day was resumed");

        try (EmbeddedLedgerProvider ledger = EmbeddedLedgerProvider.forAudit(out.resolve("ledger"),
                new SimulationClock(Instant.now()))) {
            assertTrue(ledger.ledger().engine().height() > publishedHeight);
            for (long t = 0; t < WINDOWS; t++) {
                int settled = 0;
                int decided = 0;
                for (TxContext.KeyModification m : ledger.ledger().engine().getHistoryForKey(StateKeys.window(t))) {
                    assertFalse(m.deleted());
                    WindowPhase phase = CanonicalJson.fromJson(new String(m.value(), StandardCharsets.UTF_8),
                            WindowRecord.class).phase();
                    settled += phase == WindowPhase.SETTLED ? 1 : 0;
                    decided += phase == WindowPhase.CLEARED || phase == WindowPhase.GRID_ONLY ? 1 : 0;
                }
                assertEquals(1, settled, "window " + t + " settled once");
                assertEquals(1, decided, "window " + t + " decided once");
            }
            assertTrue(ledger.ledger().engine().getHistoryForKey(StateKeys.window(WINDOWS)).isEmpty());
        }
        MainTest.Outcome audit = MainTest.run("audit", "--all", "--out", out.toString());
        assertEquals(Main.OK, audit.code(), audit.out() + audit.err());
        assertTrue(audit.out().contains("windows: " + WINDOWS + " audited, " + WINDOWS + " passed"), audit.out());
        assertTrue(audit.out().contains("PASS checkpoint"), audit.out());
    }
}
