package io.neighbourgrid.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads and verifies a block log: the header, then block by block the record framing, the block's hash, its
 * decoding, its number and its link to the previous block's hash. Every failure names the block position.
 */
final class ChainReader {
    private static final byte[] MAGIC = "NGLEDGER".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    static final int HEADER_LENGTH = MAGIC.length + 4;

    /** Receives each verified block in order. */
    interface Visitor {
        void visit(Block block, byte[] hash) throws LedgerCorruptedException;
    }

    private ChainReader() {
    }

    /** The log header: magic and format version. */
    static byte[] header() {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(FORMAT_VERSION).array();
    }

    /**
     * Verifies a whole log, handing each block to {@code visitor}.
     *
     * @param channelId the channel the log must belong to, or {@code null} to accept any
     * @throws LedgerCorruptedException at the first block that fails verification
     */
    static ChainSummary read(InputStream in, String channelId, Visitor visitor) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        int got = in.readNBytes(header, 0, HEADER_LENGTH);
        if (got < HEADER_LENGTH) {
            throw new LedgerCorruptedException(0, "log header truncated at byte offset 0 (" + got + " of " + HEADER_LENGTH
                    + " bytes)");
        }
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new LedgerCorruptedException(0, "not a block log (header magic missing at byte offset 0)");
        }
        int version = ByteBuffer.wrap(header, MAGIC.length, 4).getInt();
        if (version != FORMAT_VERSION) {
            throw new LedgerCorruptedException(0, "unsupported log format version " + version);
        }
        long offset = HEADER_LENGTH;
        long number = 0;
        byte[] previousHash = new byte[BlockCodec.HASH_LENGTH];
        byte[] recordHeader = new byte[BlockCodec.RECORD_HEADER_LENGTH];
        while (true) {
            int n = in.readNBytes(recordHeader, 0, recordHeader.length);
            if (n == 0) {
                break;
            }
            if (n < recordHeader.length) {
                throw new LedgerCorruptedException(number, "torn record at byte offset " + offset
                        + ": record header has only " + n + " of " + recordHeader.length
                        + " bytes (truncated file or interrupted append)", offset);
            }
            ByteBuffer framing = ByteBuffer.wrap(recordHeader);
            int length = framing.getInt();
            if (framing.getInt() != BlockCodec.lengthChecksum(length)) {
                throw new LedgerCorruptedException(number, "record header damaged at byte offset " + offset
                        + ": the length prefix does not match its checksum");
            }
            if (length <= 0 || length > BlockCodec.MAX_BLOCK_LENGTH) {
                throw new LedgerCorruptedException(number, "implausible record length " + length
                        + " at byte offset " + offset);
            }
            byte[] encoding = in.readNBytes(length);
            byte[] hash = in.readNBytes(BlockCodec.HASH_LENGTH);
            if (encoding.length < length || hash.length < BlockCodec.HASH_LENGTH) {
                throw new LedgerCorruptedException(number, "torn record at byte offset " + offset + ": expected "
                        + (length + BlockCodec.HASH_LENGTH) + " bytes after the record header, found "
                        + (encoding.length + hash.length) + " (truncated file or interrupted append)", offset);
            }
            if (!MessageDigest.isEqual(BlockCodec.sha256(encoding), hash)) {
                throw new LedgerCorruptedException(number, "hash mismatch at byte offset " + offset
                        + ": the block's content does not match its recorded SHA-256 (block altered)");
            }
            Block block;
            try {
                block = BlockCodec.decode(encoding);
            } catch (BlockCodec.MalformedBlockException e) {
                throw new LedgerCorruptedException(number, "malformed block at byte offset " + offset + ": "
                        + e.getMessage());
            }
            if (block.number() != number) {
                throw new LedgerCorruptedException(number, "found block number " + block.number()
                        + " where block " + number + " was expected at byte offset " + offset
                        + " (blocks missing, duplicated or reordered)");
            }
            if (!MessageDigest.isEqual(block.previousHash(), previousHash)) {
                throw new LedgerCorruptedException(number, "previous-hash link broken at byte offset "
                        + offset + ": block records "
                        + hex(block.previousHash()) + " but block " + (number - 1) + " hashes to "
                        + hex(previousHash));
            }
            checkChannel(block, number, channelId);
            visitor.visit(block, hash);
            previousHash = hash;
            offset += (long) BlockCodec.RECORD_HEADER_LENGTH + length + BlockCodec.HASH_LENGTH;
            number++;
        }
        if (number == 0) {
            throw new LedgerCorruptedException(0, "log holds no genesis block");
        }
        return new ChainSummary(number, hex(previousHash));
    }

    private static void checkChannel(Block block, long number, String channelId) throws LedgerCorruptedException {
        if (number == 0 && !(block.body() instanceof Block.Config)) {
            throw new LedgerCorruptedException(0, "block 0 is not a genesis configuration block");
        }
        if (channelId != null && block.body() instanceof Block.Config config
                && !config.channelId().equals(channelId)) {
            throw new LedgerCorruptedException(number, "configuration block names channel " + config.channelId()
                    + ", not " + channelId);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
