package io.neighbourgrid.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.protocol.contract.Creator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockCutterTest {
    private static final Creator ALICE = new Creator("CommunityMSP",
            "alice-certificate".getBytes(StandardCharsets.UTF_8));

    @Test
    void concurrentSubmissionsShareBlocksAndAllCommit() throws Exception {
        try (EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory("market", Clock.systemUTC(),
                new KeyValueContract());
             BlockCutter cutter = new BlockCutter(engine, 1000)) {
            long before = engine.height();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<TxResult>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "k" + i;
                results.add(pool.submit(() -> cutter.submit(ALICE, "put", List.of(key, "v"))));
            }
            Set<Long> blocks = new HashSet<>();
            for (Future<TxResult> f : results) {
                TxResult r = f.get();
                assertTrue(r.isValid(), "transaction " + r.txId() + " was " + r.validationCode());
                blocks.add(r.blockNumber());
            }
            pool.shutdown();
            assertEquals(before + blocks.size(), engine.height());
            assertTrue(blocks.size() < 200, "no two transactions shared a block");
            for (int i = 0; i < 200; i++) {
                assertEquals("v", new String(engine.getState("k" + i), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void onDiskEveryAcknowledgedTransactionIsInTheSyncedLogAndItsEventCameAfterTheSync(@TempDir Path dir)
            throws Exception {
        List<Long> eventBlocks = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long height;
        try (EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.open(dir, "market", Clock.systemUTC(),
                new KeyValueContract());
             BlockCutter cutter = new BlockCutter(engine, 1000)) {
            engine.subscribe(e -> eventBlocks.add(e.blockNumber()));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<TxResult>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String key = "k" + i;
                results.add(pool.submit(() -> cutter.submit(ALICE, "put", List.of(key, "v"))));
            }
            Set<Long> blocks = new HashSet<>();
            for (Future<TxResult> f : results) {
                TxResult r = f.get();
                assertTrue(r.isValid());
                acknowledged.add(r.txId());
                blocks.add(r.blockNumber());
            }
            pool.shutdown();
            assertTrue(blocks.size() < 120, "no two transactions shared a block");
            height = engine.height();
        }
        // Reopened from the log alone: every acknowledged transaction is there, in a verified hash chain.
        try (EmbeddedLedgerEngine reopened = EmbeddedLedgerEngine.open(dir, "market", Clock.systemUTC(),
                new KeyValueContract())) {
            assertEquals(height, reopened.height());
            assertEquals(height, reopened.verifyChain().blockCount());
            for (int i = 0; i < 120; i++) {
                assertEquals("v", new String(reopened.getState("k" + i), StandardCharsets.UTF_8));
            }
        }
        List<Long> sorted = new ArrayList<>(eventBlocks);
        sorted.sort(null);
        assertEquals(sorted, eventBlocks, "events were delivered out of block order");
    }

    @Test
    void aLoneSubmissionCommitsAtOnceInItsOwnBlock() throws Exception {
        try (EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory("market", Clock.systemUTC(),
                new KeyValueContract());
             BlockCutter cutter = new BlockCutter(engine, 10)) {
            TxResult r = cutter.submit(ALICE, "put", List.of("a", "1"));
            assertTrue(r.isValid());
            assertEquals(r.blockNumber() + 1, engine.height());
        }
    }

    @Test
    void conflictingIncrementsOfOneBlockInvalidateAllButTheFirst() throws Exception {
        try (EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory("market", Clock.systemUTC(),
                new KeyValueContract())) {
            // Prepared on the same state, committed in one block: the second read a key the first wrote.
            PreparedTx a = engine.prepare(ALICE, "increment", List.of("n"));
            PreparedTx b = engine.prepare(ALICE, "increment", List.of("n"));
            List<TxResult> results = engine.commitBlock(List.of(a, b));
            assertEquals(ValidationCode.VALID, results.get(0).validationCode());
            assertEquals(ValidationCode.MVCC_READ_CONFLICT, results.get(1).validationCode());
            assertEquals("1", new String(engine.getState("n"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aContractRejectionIsThrownWithoutQueueing() throws Exception {
        try (EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory("market", Clock.systemUTC(),
                new KeyValueContract());
             BlockCutter cutter = new BlockCutter(engine, 10)) {
            long before = engine.height();
            assertThrows(RuntimeException.class, () -> cutter.submit(ALICE, "noSuchFunction", List.of()));
            assertEquals(before, engine.height());
        }
    }

    @Test
    void aClosedCutterRefusesSubmissions() throws Exception {
        try (EmbeddedLedgerEngine engine = EmbeddedLedgerEngine.inMemory("market", Clock.systemUTC(),
                new KeyValueContract())) {
            BlockCutter cutter = new BlockCutter(engine, 10);
            cutter.close();
            assertThrows(LedgerUnavailableException.class, () -> cutter.submit(ALICE, "put", List.of("a", "1")));
        }
    }
}
