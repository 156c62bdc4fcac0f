package io.neighbourgrid.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import io.neighbourgrid.testing.TestClocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed head checkpoints catch a log cut back at a record boundary; an audit's open changes nothing on disk. */
class HeadCheckpointTest {
    static final Instant START = Instant.parse("2013-07-01T00:00:00Z");
    static final LocalCertificateAuthority OPERATOR = LocalCertificateAuthority.create("OperatorMSP", "Operator");
    static final LocalCertificateAuthority STRANGER = LocalCertificateAuthority.create("OperatorMSP", "Elsewhere");

    @TempDir
    Path dir;

    Identity operator;

    EmbeddedLedgerEngine open() throws IOException {
        return EmbeddedLedgerEngine.open(dir, "market", new TestClocks.Stepping(START, Duration.ofSeconds(1)),
                new KeyValueContract());
    }

    EmbeddedLedgerEngine openForAudit() throws IOException {
        return EmbeddedLedgerEngine.openReadOnly(dir, "market",
                new TestClocks.Stepping(START, Duration.ofSeconds(1)), new KeyValueContract());
    }

    Path log() {
        return dir.resolve(FileBlockStore.LOG_FILE);
    }

    /** A ledger of the operator's organisation and four transaction blocks; the checkpoint of its head. */
    HeadCheckpoint populate() throws IOException {
        operator = OPERATOR.issue("operator");
        try (EmbeddedLedgerEngine e = open()) {
            e.registerOrganisation("OperatorMSP", OPERATOR.certificate());
            for (int i = 0; i < 4; i++) {
                e.submit(operator.creator(), "put", List.of("k" + i, "v" + i));
            }
            assertEquals(6, e.height());
            return e.checkpoint(operator, START.plusSeconds(60));
        }
    }

    List<Integer> recordOffsets() throws IOException {
        return EmbeddedLedgerPersistenceTest.recordOffsets(log());
    }

    void cutTo(int length) throws IOException {
        byte[] bytes = Files.readAllBytes(log());
        Files.write(log(), java.util.Arrays.copyOf(bytes, length));
    }

    /** Every file under the ledger directory with its bytes. */
    Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted().toList()) {
                files.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return files;
    }

    @Nested
    class Rollback {
        @Test
        void aLogCutBackAtARecordBoundaryStillVerifiesOnItsOwnButFailsAgainstTheCheckpoint() throws IOException {
            HeadCheckpoint checkpoint = populate();
            List<Integer> offsets = recordOffsets();
            cutTo(offsets.get(offsets.size() - 3));
            try (EmbeddedLedgerEngine e = openForAudit()) {
                assertEquals(4, e.verifyChain().blockCount(), "the cut log is a valid chain by itself");
                LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class,
                        () -> e.verifyChain(checkpoint));
                assertTrue(ex.getMessage().contains("rolled back"), ex.getMessage());
                assertTrue(ex.getMessage().contains("2 blocks missing"), ex.getMessage());
            }
        }

        @Test
        void theUntouchedLogAndALogThatGrewAfterTheCheckpointPass() throws IOException {
            HeadCheckpoint checkpoint = populate();
            try (EmbeddedLedgerEngine e = open()) {
                assertEquals(6, e.verifyChain(checkpoint).blockCount());
                e.submit(operator.creator(), "put", List.of("later", "x"));
                assertEquals(7, e.verifyChain(checkpoint).blockCount());
            }
        }

        @Test
        void aLogRewrittenFromTheCheckpointedBlockOnFailsThoughItIsAsLong() throws IOException {
            HeadCheckpoint checkpoint = populate();
            List<Integer> offsets = recordOffsets();
            cutTo(offsets.get(offsets.size() - 2));
            try (EmbeddedLedgerEngine e = open()) {
                e.submit(operator.creator(), "put", List.of("k3", "other"));
                LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class,
                        () -> e.verifyChain(checkpoint));
                assertTrue(ex.getMessage().contains("history rewritten: block 5"), ex.getMessage());
            }
        }

        @Test
        void aCheckpointWithAnyFieldAlteredIsRejected() throws IOException {
            HeadCheckpoint c = populate();
            List<HeadCheckpoint> altered = List.of(
                    new HeadCheckpoint(c.channel(), c.height() - 1, c.headHash(), c.publishedAt(), c.signerMsp(),
                            c.signerCertificate(), c.signature()),
                    new HeadCheckpoint(c.channel(), c.height(), "0".repeat(64), c.publishedAt(), c.signerMsp(),
                            c.signerCertificate(), c.signature()),
                    new HeadCheckpoint(c.channel(), c.height(), c.headHash(), START.toString(), c.signerMsp(),
                            c.signerCertificate(), c.signature()),
                    new HeadCheckpoint(c.channel(), c.height(), c.headHash(), c.publishedAt(), c.signerMsp(),
                            c.signerCertificate(), c.signature().substring(4) + c.signature().substring(0, 4)));
            try (EmbeddedLedgerEngine e = openForAudit()) {
                for (HeadCheckpoint a : altered) {
                    assertThrows(HeadCheckpoint.CheckpointException.class, () -> e.verifyChain(a), a.toString());
                }
            }
        }

        @Test
        void aCheckpointSignedOutsideTheChainsOrganisationsIsRejected() throws IOException {
            populate();
            try (EmbeddedLedgerEngine e = openForAudit()) {
                HeadCheckpoint forged = e.checkpoint(STRANGER.issue("operator"), START.plusSeconds(60));
                HeadCheckpoint.CheckpointException ex = assertThrows(HeadCheckpoint.CheckpointException.class,
                        () -> e.verifyChain(forged));
                assertTrue(ex.getMessage().contains("not accepted by the chain's membership"), ex.getMessage());
            }
        }

        @Test
        void aCheckpointSurvivesItsJsonFileAndRejectsUnknownFields() throws IOException {
            HeadCheckpoint c = populate();
            Path file = dir.getParent().resolve(dir.getFileName() + "-checkpoint.json");
            c.write(file);
            assertEquals(c, HeadCheckpoint.read(file));
            String extra = c.toJson().replaceFirst("\\{", "{\"extra\": 1,");
            assertThrows(HeadCheckpoint.CheckpointException.class, () -> HeadCheckpoint.fromJson(extra));
        }
    }

    @Nested
    class ReadOnlyOpen {
        @BeforeEach
        void ledger() throws IOException {
            populate();
        }

        @Test
        void leavesADamagedLedgersBytesAndFileListIdentical() throws IOException {
            List<Integer> offsets = recordOffsets();
            byte[] bytes = Files.readAllBytes(log());
            bytes[offsets.get(3) + 20] ^= 0x01;
            Files.write(log(), bytes);
            Map<String, byte[]> before = snapshot();
            LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class, this::audit);
            Map<String, byte[]> after = snapshot();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((name, content) -> assertArrayEquals(content, after.get(name), name));
            String line = ex.getMessage();
            assertTrue(line.startsWith(log().toString() + ": ledger corrupted at block 3: hash mismatch at byte offset "
                    + offsets.get(3)), line);
            assertEquals(-1, line.indexOf('\n'));
        }

        private void audit() throws IOException {
            openForAudit().close();
        }

        @Test
        void leavesAnIntactLedgerIdenticalAndRefusesToWrite() throws IOException {
            Map<String, byte[]> before = snapshot();
            try (EmbeddedLedgerEngine e = openForAudit()) {
                assertEquals(6, e.height());
                assertThrows(LedgerUnavailableException.class,
                        () -> e.submit(operator.creator(), "put", List.of("x", "y")));
                e.registerOrganisation("OperatorMSP", OPERATOR.certificate());
            }
            Map<String, byte[]> after = snapshot();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((name, content) -> assertArrayEquals(content, after.get(name), name));
        }

        @Test
        void aMissingLogIsReportedAndNotCreated() throws IOException {
            Files.delete(log());
            assertThrows(java.nio.file.NoSuchFileException.class, this::audit);
            assertTrue(Files.notExists(log()));
        }

        @Test
        void aCutOutBlockIsOneLineNamingFileBlockAndByte() throws IOException {
            List<Integer> offsets = recordOffsets();
            byte[] bytes = Files.readAllBytes(log());
            byte[] cut = new byte[bytes.length - (offsets.get(3) - offsets.get(2))];
            System.arraycopy(bytes, 0, cut, 0, offsets.get(2));
            System.arraycopy(bytes, offsets.get(3), cut, offsets.get(2), bytes.length - offsets.get(3));
            Files.write(log(), cut);
            LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class, this::audit);
            assertTrue(ex.getMessage().startsWith(log() + ": ledger corrupted at block 2: found block number 3 where "
                    + "block 2 was expected at byte offset " + offsets.get(2)), ex.getMessage());
        }
    }
}
