package io.neighbourgrid.embedded;

import static io.neighbourgrid.embedded.KeyValueContract.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.testing.TestClocks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerPersistenceTest {
    static final Instant START = Instant.parse("2013-07-01T00:00:00Z");
    static final Creator ALICE = new Creator("CommunityMSP", utf8("alice-certificate"));
    static final Creator BOB = new Creator("OperatorMSP", utf8("bob-certificate"));

    @TempDir
    Path dir;

    EmbeddedLedgerEngine open() throws IOException {
        return EmbeddedLedgerEngine.open(dir, "market", new TestClocks.Stepping(START, Duration.ofSeconds(1)),
                new KeyValueContract());
    }

    Path log() {
        return dir.resolve(FileBlockStore.LOG_FILE);
    }

    /** Writes a ledger of six blocks (genesis and five transaction blocks, one of them with a conflict). */
    void populate() throws IOException {
        try (EmbeddedLedgerEngine e = open()) {
            e.submit(ALICE, "put", List.of("a", "1"));
            e.submit(BOB, "putComposite", List.of("CONTRIB", "7", "home1", "x"));
            PreparedTx p1 = e.prepare(ALICE, "increment", List.of("a"));
            PreparedTx p2 = e.prepare(BOB, "increment", List.of("a"));
            e.commitBlock(List.of(p1, p2));
            e.submit(ALICE, "delete", List.of("a"));
            e.submit(BOB, "putWithEvents", List.of("b", "\u00e9t\u00e9 \uD83D\uDE00"));
            assertEquals(6, e.height());
        }
    }

    /** Byte offsets of every record in the log, and the end of the file. */
    List<Integer> recordOffsets() throws IOException {
        return recordOffsets(log());
    }

    /** Byte offsets of every record in {@code log}, and the end of the file. */
    static List<Integer> recordOffsets(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        List<Integer> offsets = new ArrayList<>();
        int at = ChainReader.HEADER_LENGTH;
        while (at < bytes.length) {
            offsets.add(at);
            at += BlockCodec.RECORD_HEADER_LENGTH + ByteBuffer.wrap(bytes, at, 4).getInt() + BlockCodec.HASH_LENGTH;
        }
        offsets.add(at);
        return offsets;
    }

    LedgerCorruptedException openFails() {
        return assertThrows(LedgerCorruptedException.class, this::open);
    }

    @Nested
    class Restart {
        @Test
        void rebuildsIdenticalStateHistoryAndHeadFromTheLog() throws IOException {
            List<TxContext.KeyValue> state;
            List<TxContext.KeyModification> historyA;
            List<TxContext.KeyModification> historyB;
            String head;
            long height;
            try (EmbeddedLedgerEngine e = open()) {
                e.submit(ALICE, "put", List.of("a", "1"));
                e.submit(BOB, "putComposite", List.of("CONTRIB", "7", "home1", "x"));
                PreparedTx p1 = e.prepare(ALICE, "increment", List.of("a"));
                PreparedTx p2 = e.prepare(BOB, "increment", List.of("a"));
                e.commitBlock(List.of(p1, p2));
                e.submit(ALICE, "delete", List.of("a"));
                e.submit(BOB, "putWithEvents", List.of("b", "\u00e9t\u00e9"));
                state = e.getStateByRange("", "");
                historyA = e.getHistoryForKey("a");
                historyB = e.getHistoryForKey("b");
                head = e.headHash();
                height = e.height();
            }
            try (EmbeddedLedgerEngine e = open()) {
                assertEquals(height, e.height());
                assertEquals(head, e.headHash());
                assertEquals(render(state), render(e.getStateByRange("", "")));
                assertEquals(renderHistory(historyA), renderHistory(e.getHistoryForKey("a")));
                assertEquals(renderHistory(historyB), renderHistory(e.getHistoryForKey("b")));
                assertEquals(3, e.getHistoryForKey("a").size());
                assertEquals(new ChainSummary(height, head), e.verifyChain());
            }
        }

        @Test
        void continuesTheChainAndItsVersionsAfterReopening() throws IOException {
            populate();
            try (EmbeddedLedgerEngine e = open()) {
                PreparedTx stale = e.prepare(ALICE, "get", List.of("b"));
                TxResult r = e.submit(ALICE, "increment", List.of("counter"));
                assertEquals(6, r.blockNumber());
                e.submit(ALICE, "put", List.of("b", "changed"));
                assertEquals(ValidationCode.MVCC_READ_CONFLICT, e.commit(stale).validationCode());
            }
            try (EmbeddedLedgerEngine e = open()) {
                assertEquals(9, e.height());
                assertArrayEquals(utf8("changed"), e.getState("b"));
            }
        }

        @Test
        void refusesALogOfAnotherChannel() throws IOException {
            populate();
            LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class,
                    () -> EmbeddedLedgerEngine.open(dir, "other", new TestClocks.Stepping(START, Duration.ofSeconds(1)),
                            new KeyValueContract()));
            assertTrue(ex.getMessage().contains("channel market, not other"), ex.getMessage());
        }

        @Test
        void refusesASecondLedgerOnTheSameDirectory() throws IOException {
            try (EmbeddedLedgerEngine e = open()) {
                IOException ex = assertThrows(IOException.class, EmbeddedLedgerPersistenceTest.this::open);
                assertTrue(ex.getMessage().contains("in use"), ex.getMessage());
            }
        }

        @Test
        void canSkipFsyncWhenAskedAndStillReopens() throws IOException {
            try (EmbeddedLedgerEngine e = EmbeddedLedgerEngine.open(dir, "market",
                    new TestClocks.Stepping(START, Duration.ofSeconds(1)), new KeyValueContract(),
                    Durability.WRITE_EACH_BLOCK)) {
                e.submit(ALICE, "put", List.of("a", "1"));
            }
            try (EmbeddedLedgerEngine e = open()) {
                assertArrayEquals(utf8("1"), e.getState("a"));
            }
        }
    }

    @Nested
    class Corruption {
        @BeforeEach
        void writeLedger() throws IOException {
            populate();
        }

        @Test
        void detectsEveryFlippedByteOfEveryBlockAndNamesTheBlock() throws IOException {
            byte[] original = Files.readAllBytes(log());
            List<Integer> offsets = recordOffsets();
            for (int block = 0; block < offsets.size() - 1; block++) {
                for (int at = offsets.get(block); at < offsets.get(block + 1); at++) {
                    byte[] damaged = original.clone();
                    damaged[at] ^= 0x01;
                    Files.write(log(), damaged);
                    LedgerCorruptedException ex = openFails();
                    // A flipped length prefix may make the record swallow the next block or end early; either
                    // way the first block that fails to verify is this one.
                    assertEquals(block, ex.blockNumber(), "byte " + at + ": " + ex.getMessage());
                    assertTrue(ex.getMessage().contains("block " + block), ex.getMessage());
                }
            }
        }

        @Test
        void detectsAFileTruncatedInsideABlock() throws IOException {
            List<Integer> offsets = recordOffsets();
            byte[] original = Files.readAllBytes(log());
            int cut = offsets.get(3) + 20;
            Files.write(log(), Arrays.copyOf(original, cut));
            LedgerCorruptedException ex = openFails();
            assertEquals(3, ex.blockNumber());
            assertTrue(ex.getMessage().contains("torn record"), ex.getMessage());
        }

        @Test
        void detectsATornRecordHeaderAtTheEnd() throws IOException {
            List<Integer> offsets = recordOffsets();
            byte[] original = Files.readAllBytes(log());
            Files.write(log(), Arrays.copyOf(original, offsets.get(5) + 2));
            LedgerCorruptedException ex = openFails();
            assertEquals(5, ex.blockNumber());
            assertTrue(ex.isTornTail());
            assertTrue(ex.getMessage().contains("record header has only 2 of 8 bytes"), ex.getMessage());
        }

        @Test
        void tellsADamagedLengthPrefixFromATornRecord() throws IOException {
            List<Integer> offsets = recordOffsets();
            byte[] bytes = Files.readAllBytes(log());
            // A larger length would make block 2 appear to run past the end of the file.
            bytes[offsets.get(2) + 1] ^= 0x10;
            Files.write(log(), bytes);
            LedgerCorruptedException ex = openFails();
            assertEquals(2, ex.blockNumber());
            assertFalse(ex.isTornTail());
            assertTrue(ex.getMessage().contains("record header damaged"), ex.getMessage());
        }

        @Test
        void detectsADeletedBlock() throws IOException {
            writeWithout(2);
            LedgerCorruptedException ex = openFails();
            assertEquals(2, ex.blockNumber());
            assertTrue(ex.getMessage().contains("found block number 3 where block 2 was expected"),
                    ex.getMessage());
        }

        @Test
        void detectsTwoBlocksSwapped() throws IOException {
            byte[] original = Files.readAllBytes(log());
            List<Integer> o = recordOffsets();
            byte[] swapped = concat(Arrays.copyOfRange(original, 0, o.get(2)),
                    Arrays.copyOfRange(original, o.get(3), o.get(4)),
                    Arrays.copyOfRange(original, o.get(2), o.get(3)),
                    Arrays.copyOfRange(original, o.get(4), original.length));
            Files.write(log(), swapped);
            LedgerCorruptedException ex = openFails();
            assertEquals(2, ex.blockNumber());
            assertTrue(ex.getMessage().contains("found block number 3"), ex.getMessage());
        }

        @Test
        void detectsADuplicatedFinalBlock() throws IOException {
            byte[] original = Files.readAllBytes(log());
            List<Integer> o = recordOffsets();
            Files.write(log(), concat(original, Arrays.copyOfRange(original, o.get(5), o.get(6))));
            LedgerCorruptedException ex = openFails();
            assertEquals(6, ex.blockNumber());
        }

        @Test
        void detectsARewrittenBlockWhoseOwnHashWasRecomputed() throws Exception {
            byte[] original = Files.readAllBytes(log());
            List<Integer> o = recordOffsets();
            Block block = BlockCodec.decode(Arrays.copyOfRange(original, o.get(1) + BlockCodec.RECORD_HEADER_LENGTH,
                    o.get(2) - BlockCodec.HASH_LENGTH));
            TransactionRecord tx = ((Block.Transactions) block.body()).transactions().get(0);
            TransactionRecord forged = new TransactionRecord(tx.txId(), tx.nonce(), tx.timestamp(), tx.creator(),
                    tx.function(), tx.args(), new RwSet(tx.rwSet().reads(), tx.rwSet().rangeReads(),
                    List.of(new RwSet.KeyWrite("a", false, utf8("1000000")))), tx.event(), tx.validationCode());
            byte[] encoding = BlockCodec.encode(new Block(block.number(), block.previousHash(), block.timestamp(),
                    new Block.Transactions(List.of(forged))));
            Files.write(log(), concat(Arrays.copyOfRange(original, 0, o.get(1)),
                    BlockCodec.frame(encoding, BlockCodec.sha256(encoding)),
                    Arrays.copyOfRange(original, o.get(2), original.length)));
            LedgerCorruptedException ex = openFails();
            assertEquals(2, ex.blockNumber());
            assertTrue(ex.getMessage().contains("previous-hash link broken"), ex.getMessage());
        }

        @Test
        void detectsAForgedValidationCodeEvenWithARecomputedHashChain() throws Exception {
            byte[] original = Files.readAllBytes(log());
            List<Integer> o = recordOffsets();
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < o.size() - 1; i++) {
                blocks.add(BlockCodec.decode(Arrays.copyOfRange(original, o.get(i) + BlockCodec.RECORD_HEADER_LENGTH,
                        o.get(i + 1) - BlockCodec.HASH_LENGTH)));
            }
            // Block 3 holds the two conflicting increments; mark the invalid one as valid.
            Block.Transactions txs = (Block.Transactions) blocks.get(3).body();
            List<TransactionRecord> forged = List.of(txs.transactions().get(0),
                    txs.transactions().get(1).withValidationCode(ValidationCode.VALID));
            blocks.set(3, new Block(3, blocks.get(3).previousHash(), blocks.get(3).timestamp(),
                    new Block.Transactions(forged)));
            byte[] out = Arrays.copyOf(original, ChainReader.HEADER_LENGTH);
            byte[] previous = new byte[BlockCodec.HASH_LENGTH];
            for (Block b : blocks) {
                byte[] enc = BlockCodec.encode(new Block(b.number(), previous, b.timestamp(), b.body()));
                previous = BlockCodec.sha256(enc);
                out = concat(out, BlockCodec.frame(enc, previous));
            }
            Files.write(log(), out);
            LedgerCorruptedException ex = openFails();
            assertEquals(3, ex.blockNumber());
            assertTrue(ex.getMessage().contains("recorded as VALID but validates as MVCC_READ_CONFLICT"),
                    ex.getMessage());
        }

        @Test
        void detectsADamagedHeaderAndAnEmptiedFile() throws IOException {
            byte[] original = Files.readAllBytes(log());
            byte[] damaged = original.clone();
            damaged[0] = 'X';
            Files.write(log(), damaged);
            assertEquals(0, openFails().blockNumber());
            Files.write(log(), new byte[0]);
            LedgerCorruptedException ex = openFails();
            assertEquals(0, ex.blockNumber());
            assertTrue(ex.getMessage().contains("header truncated"), ex.getMessage());
        }

        @Test
        void auditFindsALogDamagedUnderARunningLedger() throws IOException {
            try (EmbeddedLedgerEngine e = open()) {
                List<Integer> o = recordOffsets();
                byte[] bytes = Files.readAllBytes(log());
                bytes[o.get(4) + 10] ^= 0x40;
                Files.write(log(), bytes);
                LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class, e::verifyChain);
                assertEquals(4, ex.blockNumber());
            }
        }

        @Test
        void leavesTheDamagedLogUntouched() throws IOException {
            byte[] original = Files.readAllBytes(log());
            byte[] truncated = Arrays.copyOf(original, original.length - 7);
            Files.write(log(), truncated);
            openFails();
            assertArrayEquals(truncated, Files.readAllBytes(log()));
        }

        private void writeWithout(int block) throws IOException {
            byte[] original = Files.readAllBytes(log());
            List<Integer> o = recordOffsets();
            Files.write(log(), concat(Arrays.copyOfRange(original, 0, o.get(block)),
                    Arrays.copyOfRange(original, o.get(block + 1), original.length)));
        }
    }

    @Nested
    class Repair {
        @BeforeEach
        void writeLedger() throws IOException {
            populate();
        }

        @Test
        void removesOnlyATornFinalRecordWhenAskedTo() throws IOException {
            List<Integer> o = recordOffsets();
            byte[] original = Files.readAllBytes(log());
            Files.write(log(), Arrays.copyOf(original, o.get(5) + 30));
            assertTrue(openFails().isTornTail());
            assertEquals(30, EmbeddedLedgerEngine.truncateTornTail(dir));
            try (EmbeddedLedgerEngine e = open()) {
                assertEquals(5, e.height());
                assertEquals(5, e.verifyChain().blockCount());
                assertEquals(null, e.getState("b"));
                assertEquals(5, e.submit(ALICE, "put", List.of("b", "again")).blockNumber());
            }
        }

        @Test
        void changesNothingInACleanLog() throws IOException {
            byte[] original = Files.readAllBytes(log());
            assertEquals(0, EmbeddedLedgerEngine.truncateTornTail(dir));
            assertArrayEquals(original, Files.readAllBytes(log()));
        }

        @Test
        void refusesToRepairAnyOtherDamage() throws IOException {
            List<Integer> o = recordOffsets();
            byte[] damaged = Files.readAllBytes(log());
            damaged[o.get(3) + 40] ^= 0x01;
            Files.write(log(), Arrays.copyOf(damaged, damaged.length - 5));
            byte[] before = Files.readAllBytes(log());
            LedgerCorruptedException ex = assertThrows(LedgerCorruptedException.class,
                    () -> EmbeddedLedgerEngine.truncateTornTail(dir));
            assertEquals(3, ex.blockNumber());
            assertArrayEquals(before, Files.readAllBytes(log()));
        }

        @Test
        void refusesToRepairALogInUse() throws IOException {
            try (EmbeddedLedgerEngine e = open()) {
                assertThrows(IOException.class, () -> EmbeddedLedgerEngine.truncateTornTail(dir));
                e.submit(ALICE, "put", List.of("still", "locked"));
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static String render(List<TxContext.KeyValue> kvs) {
        StringBuilder sb = new StringBuilder();
        for (TxContext.KeyValue kv : kvs) {
            sb.append(kv.key()).append('=').append(Arrays.toString(kv.value())).append('\n');
        }
        return sb.toString();
    }

    static String renderHistory(List<TxContext.KeyModification> mods) {
        StringBuilder sb = new StringBuilder();
        for (TxContext.KeyModification m : mods) {
            sb.append(m.txId()).append(' ').append(m.timestamp()).append(' ').append(m.deleted()).append(' ')
                    .append(Arrays.toString(m.value())).append('\n');
        }
        return sb.toString();
    }
}
