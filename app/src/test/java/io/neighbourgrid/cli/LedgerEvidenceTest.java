package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence a day leaves: a log cut back behind the published checkpoint fails its audit; an audit of a damaged
 * ledger changes no byte and no file and says what is wrong in one line; a second run never wipes a ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerEvidenceTest {
    private static final int WINDOWS = 3;
    /** Bytes of the log header; each record is an 8-byte length header, the block and its 32-byte hash. */
    private static final int HEADER = 12;

    private Path dir;
    private Path out;
    private int copies;

    @BeforeAll
    void runADay(@TempDir Path tmp) {
        dir = tmp;
        out = dir.resolve("out");
        MainTest.Outcome day = MainTest.run("run", "--homes", "4", "--windows", Integer.toString(WINDOWS),
                "--key-bits", "1024", "--quiet", "--threads", "2", "--keys", dir.resolve("keys").toString(),
                "--out", out.toString());
        assertEquals(Main.OK, day.code(), day.err());
    }

    /** A copy of the day's output directory to damage. */
    private Path copy() throws IOException {
        Path to = dir.resolve("copy-" + copies++);
        try (Stream<Path> paths = Files.walk(out)) {
            for (Path p : paths.sorted().toList()) {
                Path target = to.resolve(out.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static List<Integer> recordOffsets(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        List<Integer> offsets = new ArrayList<>();
        for (int at = HEADER; at < bytes.length; at += 8 + ByteBuffer.wrap(bytes, at, 4).getInt() + 32) {
            offsets.add(at);
        }
        return offsets;
    }

    /** Every file and directory under {@code root} with its bytes. */
    private static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                files.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : null);
            }
        }
        return files;
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "the same files");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    @Test
    void theRunPublishesASignedCheckpointNextToTheReportAndInIt() throws IOException {
        String checkpoint = Files.readString(out.resolve("checkpoint.json"));
        assertTrue(checkpoint.contains("\"signerMsp\": \"OperatorMSP\""), checkpoint);
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"ledgerCheckpoint\""));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("keys").resolve("passphrase"))));
    }

    @Nested
    class Rollback {
        @Test
        void aLogCutBackAtABlockBoundaryFailsAgainstThePublishedCheckpoint() throws IOException {
            Path copy = copy();
            Path log = copy.resolve("ledger").resolve("blocks.log");
            List<Integer> offsets = recordOffsets(log);
            byte[] bytes = Files.readAllBytes(log);
            Files.write(log, Arrays.copyOf(bytes, offsets.get(offsets.size() - 3)));

            MainTest.Outcome o = MainTest.run("audit", "--all", "--out", copy.toString());
            assertEquals(Main.FAILED, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("FAIL checkpoint: the log does not hold the checkpointed head"), o.out());
            assertTrue(o.out().contains("rolled back") && o.out().contains("(3 blocks missing)"), o.out());
            assertTrue(o.out().contains("verdict: FAIL"), o.out());
        }

        @Test
        void theSameCutPassesWithoutACheckpointWhichIsWhyTheRunPublishesOne() throws IOException {
            Path copy = copy();
            Files.delete(copy.resolve("checkpoint.json"));
            Path log = copy.resolve("ledger").resolve("blocks.log");
            List<Integer> offsets = recordOffsets(log);
            Files.write(log, Arrays.copyOf(Files.readAllBytes(log), offsets.get(offsets.size() - 3)));
            MainTest.Outcome o = MainTest.run("audit", "--window", "0", "--out", copy.toString());
            assertEquals(Main.OK, o.code(), o.out() + o.err());
            assertTrue(o.err().contains("no checkpoint"), o.err());
        }

        @Test
        void theIntactLogPassesAgainstAnExplicitCheckpoint() {
            MainTest.Outcome o = MainTest.run("audit", "--all", "--out", out.toString(), "--checkpoint",
                    out.resolve("checkpoint.json").toString());
            assertEquals(Main.OK, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("PASS checkpoint"), o.out());
        }
    }

    @Nested
    class ReadOnlyAudit {
        @Test
        void aFlippedByteIsOneLineNamingFileBlockAndByteAndNothingChanges() throws IOException {
            Path copy = copy();
            Path log = copy.resolve("ledger").resolve("blocks.log");
            List<Integer> offsets = recordOffsets(log);
            byte[] bytes = Files.readAllBytes(log);
            bytes[offsets.get(4) + 40] ^= 0x10;
            Files.write(log, bytes);
            Map<String, byte[]> before = snapshot(copy);
            MainTest.Outcome o = MainTest.run("audit", "--window", "1", "--out", copy.toString());
            assertSame(before, snapshot(copy));
            assertEquals(Main.FAILED, o.code());
            o.assertOneErrorLine();
            assertTrue(o.err().contains(log + ": ledger corrupted at block 4: hash mismatch at byte offset "
                    + offsets.get(4)), o.err());
        }

        @Test
        void missingCaCertificatesAreReportedAndTheSurvivingKeysLeftAlone() throws IOException {
            Path copy = copy();
            try (Stream<Path> ca = Files.list(copy.resolve("ledger").resolve("ca"))) {
                for (Path p : ca.filter(p -> p.toString().endsWith(".pem")).toList()) {
                    Files.delete(p);
                }
            }
            Map<String, byte[]> before = snapshot(copy);
            MainTest.Outcome o = MainTest.run("audit", "--window", "1", "--out", copy.toString());
            assertSame(before, snapshot(copy));
            assertEquals(Main.FAILED, o.code());
            o.assertOneErrorLine();
            assertTrue(o.err().contains("-ca.pem: missing"), o.err());
        }

        @Test
        void aMissingBlockLogIsReportedAndNoEmptyLedgerIsCreated() throws IOException {
            Path copy = copy();
            Files.delete(copy.resolve("ledger").resolve("blocks.log"));
            Map<String, byte[]> before = snapshot(copy);
            MainTest.Outcome window = MainTest.run("audit", "--window", "1", "--out", copy.toString());
            MainTest.Outcome all = MainTest.run("audit", "--all", "--out", copy.toString());
            assertSame(before, snapshot(copy));
            assertEquals(Main.FAILED, window.code());
            window.assertOneErrorLine();
            assertTrue(window.err().contains("blocks.log: no block log"), window.err());
            assertEquals(Main.FAILED, all.code());
            assertTrue(all.out().contains("verdict: FAIL"), all.out());
        }
    }

    @Nested
    class Rerun {
        @Test
        void aSecondRunRefusesToTouchTheLedgerAndForceReplacesIt() throws IOException {
            Path copy = copy();
            Map<String, byte[]> before = snapshot(copy.resolve("ledger"));
            String[] args = {"run", "--homes", "4", "--windows", "2", "--key-bits", "1024", "--quiet", "--threads",
                "2", "--keys", dir.resolve("keys").toString(), "--out", copy.toString()};
            MainTest.Outcome refused = MainTest.run(args);
            assertEquals(Main.FAILED, refused.code());
            refused.assertOneErrorLine();
            assertTrue(refused.err().contains("--resume") && refused.err().contains("--force"), refused.err());
            assertSame(before, snapshot(copy.resolve("ledger")));

            String[] forced = Arrays.copyOf(args, args.length + 1);
            forced[args.length] = "--force";
            MainTest.Outcome replaced = MainTest.run(forced);
            assertEquals(Main.OK, replaced.code(), replaced.err());
            MainTest.Outcome audit = MainTest.run("audit", "--all", "--out", copy.toString());
            assertTrue(audit.out().contains("windows: 2 audited, 2 passed"), audit.out());
        }
    }
}
