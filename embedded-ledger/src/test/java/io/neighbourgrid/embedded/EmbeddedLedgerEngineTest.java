package io.neighbourgrid.embedded;

import static io.neighbourgrid.embedded.KeyValueContract.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.testing.TestClocks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EmbeddedLedgerEngineTest {
    static final Instant START = Instant.parse("2013-07-01T00:00:00Z");
    static final Creator ALICE = new Creator("CommunityMSP", utf8("alice-certificate"));

    EmbeddedLedgerEngine engine;

    @BeforeEach
    void setUp() {
        engine = EmbeddedLedgerEngine.inMemory("market", new TestClocks.Stepping(START, Duration.ofSeconds(1)),
                new KeyValueContract());
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
    }

    TxResult submit(String function, String... args) {
        return engine.submit(ALICE, function, List.of(args));
    }

    String evaluate(String function, String... args) {
        return new String(engine.evaluate(ALICE, function, List.of(args)).payload(), StandardCharsets.UTF_8);
    }

    @Nested
    class Submit {
        @Test
        void commitsTheWriteSetInANewBlockAfterGenesis() {
            TxResult r = submit("put", "a", "1");
            assertEquals(ValidationCode.VALID, r.validationCode());
            assertEquals(1, r.blockNumber());
            assertArrayEquals(utf8("1"), engine.getState("a"));
            assertEquals(2, engine.height());
            assertEquals(2, submit("put", "b", "2").blockNumber());
        }

        @Test
        void givesTheContractTheChannelCreatorTxIdAndClockTimestamp() {
            TxResult r = submit("whoami");
            assertEquals("CommunityMSP|market|" + r.txId() + "|" + r.timestamp(),
                    new String(r.payload(), StandardCharsets.UTF_8));
            assertTrue(r.timestamp().isAfter(START.minusNanos(1)));
        }

        @Test
        void derivesTransactionIdsAsLowerCaseHexSha256AndNeverRepeatsThem() {
            String a = submit("put", "a", "1").txId();
            String b = submit("put", "a", "1").txId();
            assertTrue(a.matches("[0-9a-f]{64}"), a);
            assertNotEquals(a, b);
        }

        @Test
        void propagatesTheContractsExceptionAndRecordsNothing() {
            long before = engine.height();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> submit("putThenFail", "a", "1"));
            assertTrue(e.getMessage().startsWith("REFUSED:"));
            assertEquals(before, engine.height());
            assertNull(engine.getState("a"));
        }

        @Test
        void treatsAPutOfAnEmptyValueAsADeleteAsFabricDoes() {
            submit("put", "a", "1");
            submit("put", "a", "");
            assertNull(engine.getState("a"));
            assertTrue(engine.getHistoryForKey("a").get(1).deleted());
        }

        @Test
        void doesNotShowATransactionItsOwnPendingWrites() {
            TransactionHandler readOwnWrite = (ctx, f, args) -> {
                ctx.putState("k", utf8("v"));
                return ctx.getState("k") == null ? utf8("unseen") : utf8("seen");
            };
            try (EmbeddedLedgerEngine e = EmbeddedLedgerEngine.inMemory("c", new TestClocks.Stepping(START,
                    Duration.ofSeconds(1)), readOwnWrite)) {
                assertEquals("unseen", new String(e.submit(ALICE, "f", List.of()).payload(),
                        StandardCharsets.UTF_8));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }
    }

    @Nested
    class Mvcc {
        @Test
        void invalidatesTheSecondOfTwoPreparedTransactionsThatReadTheSameKey() {
            submit("put", "counter", "5");
            PreparedTx first = engine.prepare(ALICE, "increment", List.of("counter"));
            PreparedTx second = engine.prepare(ALICE, "increment", List.of("counter"));
            assertEquals(ValidationCode.VALID, engine.commit(first).validationCode());
            TxResult conflicted = engine.commit(second);
            assertEquals(ValidationCode.MVCC_READ_CONFLICT, conflicted.validationCode());
            assertArrayEquals(utf8("6"), engine.getState("counter"));
            assertEquals(2, engine.getHistoryForKey("counter").size());
        }

        @Test
        void recordsTheInvalidTransactionInItsBlockWithoutEmittingItsEvent() {
            List<LedgerEvent> seen = new ArrayList<>();
            engine.subscribe(seen::add);
            PreparedTx first = engine.prepare(ALICE, "putWithEvents", List.of("k", "x"));
            PreparedTx readsK = engine.prepare(ALICE, "increment", List.of("k"));
            engine.commit(first);
            long before = engine.height();
            TxResult r = engine.commit(readsK);
            assertEquals(before, r.blockNumber());
            assertEquals(before + 1, engine.height());
            assertEquals(1, seen.size());
        }

        @Test
        void invalidatesAConflictWithinOneBlock() {
            PreparedTx a = engine.prepare(ALICE, "increment", List.of("n"));
            PreparedTx b = engine.prepare(ALICE, "increment", List.of("n"));
            List<TxResult> rs = engine.commitBlock(List.of(a, b));
            assertEquals(rs.get(0).blockNumber(), rs.get(1).blockNumber());
            assertEquals(ValidationCode.VALID, rs.get(0).validationCode());
            assertEquals(ValidationCode.MVCC_READ_CONFLICT, rs.get(1).validationCode());
            assertArrayEquals(utf8("1"), engine.getState("n"));
        }

        @Test
        void invalidatesARangeQueryThatWouldNowSeeANewKey() {
            submit("put", "item1", "x");
            PreparedTx count = engine.prepare(ALICE, "countAndPut", List.of("item", "item~", "total"));
            submit("put", "item2", "y");
            assertEquals(ValidationCode.PHANTOM_READ_CONFLICT, engine.commit(count).validationCode());
            assertNull(engine.getState("total"));
        }

        @Test
        void rejectsCommittingTheSamePreparedTransactionTwiceAsDuplicate() {
            PreparedTx p = engine.prepare(ALICE, "put", List.of("a", "1"));
            assertEquals(ValidationCode.VALID, engine.commit(p).validationCode());
            assertEquals(ValidationCode.DUPLICATE_TXID, engine.commit(p).validationCode());
            assertEquals(1, engine.getHistoryForKey("a").size());
        }

        @Test
        void rejectsAPreparedTransactionOfAnotherLedger() throws Exception {
            try (EmbeddedLedgerEngine other = EmbeddedLedgerEngine.inMemory("market",
                    new TestClocks.Stepping(START, Duration.ofSeconds(1)), new KeyValueContract())) {
                PreparedTx p = other.prepare(ALICE, "put", List.of("a", "1"));
                assertThrows(IllegalArgumentException.class, () -> engine.commit(p));
            }
        }

        @Test
        void serialisesConcurrentSubmissionsSoNoIncrementIsLost() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<TxResult>> jobs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    jobs.add(() -> submit("increment", "hits"));
                }
                for (Future<TxResult> f : pool.invokeAll(jobs)) {
                    assertEquals(ValidationCode.VALID, f.get().validationCode());
                }
            } finally {
                pool.shutdownNow();
            }
            assertArrayEquals(utf8("40"), engine.getState("hits"));
        }
    }

    @Nested
    class Concurrency {
        @Test
        void letsEvaluationsRunDuringCommitsAndAlwaysSeeWholeBlocks() throws Exception {
            TransactionHandler pair = (ctx, f, args) -> {
                if (f.equals("bump")) {
                    byte[] a = ctx.getState("a");
                    long n = a == null ? 0 : Long.parseLong(new String(a, StandardCharsets.UTF_8)) + 1;
                    ctx.putState("a", utf8(Long.toString(n)));
                    ctx.putState("b", utf8(Long.toString(n)));
                    return new byte[0];
                }
                byte[] a = ctx.getState("a");
                Thread.yield();
                byte[] b = ctx.getState("b");
                return utf8(java.util.Arrays.equals(a, b) ? "same" : "torn");
            };
            try (EmbeddedLedgerEngine e = EmbeddedLedgerEngine.inMemory("c",
                    new TestClocks.Stepping(START, Duration.ofSeconds(1)), pair)) {
                ExecutorService pool = Executors.newFixedThreadPool(3);
                try {
                    Future<?> writer = pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            e.submit(ALICE, "bump", List.of());
                        }
                    });
                    List<Callable<String>> reads = new ArrayList<>();
                    for (int i = 0; i < 400; i++) {
                        reads.add(() -> new String(e.evaluate(ALICE, "check", List.of()).payload(),
                                StandardCharsets.UTF_8));
                    }
                    for (Future<String> f : pool.invokeAll(reads)) {
                        assertEquals("same", f.get());
                    }
                    writer.get();
                } finally {
                    pool.shutdownNow();
                }
                assertArrayEquals(utf8("199"), e.getState("b"));
            }
        }
    }

    @Nested
    class History {
        @Test
        void listsEveryValidModificationOldestFirstWithTxIdsAndTimestamps() {
            TxResult r1 = submit("put", "a", "1");
            TxResult r2 = submit("put", "a", "2");
            TxResult r3 = submit("delete", "a");
            TxResult r4 = submit("put", "a", "4");
            List<TxContext.KeyModification> h = engine.getHistoryForKey("a");
            assertEquals(List.of(r1.txId(), r2.txId(), r3.txId(), r4.txId()),
                    h.stream().map(TxContext.KeyModification::txId).toList());
            assertEquals(r1.timestamp(), h.get(0).timestamp());
            assertFalse(h.get(1).deleted());
            assertTrue(h.get(2).deleted());
            assertNull(h.get(2).value());
            assertArrayEquals(utf8("4"), h.get(3).value());
            assertEquals("1;2;-;4;", evaluate("history", "a"));
        }
    }

    @Nested
    class Queries {
        @Test
        void returnsRangesSortedByUtf8ByteOrderNotUtf16Order() {
            // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E in UTF-8 byte order, before it in UTF-16.
            submit("put", "k\uD83D\uDE00", "emoji");
            submit("put", "k\uFF5E", "fullwidth");
            submit("put", "k1", "one");
            assertEquals("k1=one;k\uFF5E=fullwidth;k\uD83D\uDE00=emoji", evaluate("range", "k", "l"));
        }

        @Test
        void excludesTheEndKeyAndCompositeKeysFromSimpleRanges() {
            submit("put", "a", "1");
            submit("put", "b", "2");
            submit("putComposite", "CONTRIB", "7", "home1", "x");
            assertEquals("a=1", evaluate("range", "a", "b"));
            assertEquals("a=1;b=2", evaluate("range", "", ""));
        }

        @Test
        void returnsPartialCompositeKeyMatchesSortedAndOnlyTheirs() {
            submit("putComposite", "CONTRIB", "7", "home2", "b");
            submit("putComposite", "CONTRIB", "7", "home1", "a");
            submit("putComposite", "CONTRIB", "70", "home1", "other window");
            submit("putComposite", "CONTRIBX", "7", "home1", "other type");
            assertEquals("|CONTRIB|7|home1|=a;|CONTRIB|7|home2|=b", evaluate("partial", "CONTRIB", "7"));
            assertEquals(3, engine.getStateByPartialCompositeKey("CONTRIB").size());
        }
    }

    @Nested
    class Events {
        @Test
        void keepsOnlyTheLastEventATransactionSets() {
            TxResult r = submit("putWithEvents", "k", "v");
            assertEquals(new ChaincodeEvent("second", utf8("v")), r.event());
        }

        @Test
        void deliversEventsOfValidTransactionsInBlockOrder() {
            List<LedgerEvent> seen = new ArrayList<>();
            Subscription s = engine.subscribe(seen::add);
            TxResult r1 = submit("putWithEvents", "k", "1");
            submit("put", "quiet", "no event");
            TxResult r3 = submit("putWithEvents", "k", "3");
            s.close();
            submit("putWithEvents", "k", "4");
            assertEquals(List.of(new LedgerEvent(r1.blockNumber(), r1.txId(), "second", utf8("1")),
                    new LedgerEvent(r3.blockNumber(), r3.txId(), "second", utf8("3"))), seen);
        }

        @Test
        void letsAListenerSubmitAndStillDeliversInOrder() {
            List<Long> blocks = new ArrayList<>();
            engine.subscribe(e -> {
                blocks.add(e.blockNumber());
                if (blocks.size() == 1) {
                    engine.submit(ALICE, "putWithEvents", List.of("k", "from listener"));
                }
            });
            submit("putWithEvents", "k", "1");
            assertEquals(List.of(1L, 2L), blocks);
        }
    }

    @Nested
    class Evaluate {
        @Test
        void runsTheContractWithoutCommittingItsWrites() {
            long before = engine.height();
            TxResult r = engine.evaluate(ALICE, "putWithEvents", List.of("k", "v"));
            assertEquals(ValidationCode.NOT_VALIDATED, r.validationCode());
            assertEquals(-1, r.blockNumber());
            assertEquals("second", r.event().name());
            assertNull(engine.getState("k"));
            assertEquals(before, engine.height());
        }

        @Test
        void seesCommittedState() {
            submit("put", "a", "1");
            assertEquals("1", evaluate("get", "a"));
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void refusesUseAfterClose() throws Exception {
            engine.close();
            assertThrows(IllegalStateException.class, () -> submit("put", "a", "1"));
            assertThrows(IllegalStateException.class, () -> evaluate("get", "a"));
        }

        @Test
        void auditsTheInMemoryChain() throws Exception {
            submit("put", "a", "1");
            ChainSummary s = engine.verifyChain();
            assertEquals(2, s.blockCount());
            assertEquals(engine.headHash(), s.headHash());
        }
    }
}
