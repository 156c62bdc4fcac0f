package io.neighbourgrid.embedded;

import java.io.IOException;

/**
 * The block log failed verification: a block's hash does not match its content, the hash chain or the block
 * numbering is broken, a record is torn or truncated, or a recorded transaction does not replay. The ledger is never
 * used in that state, and nothing is repaired silently.
 */
public final class LedgerCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long blockNumber;
    private final long tornTailOffset;

    /**
     * @param blockNumber the position in the chain (the block number expected there) where verification failed
     * @param problem     what is wrong
     */
    public LedgerCorruptedException(long blockNumber, String problem) {
        this(blockNumber, problem, -1);
    }

    /**
     * @param blockNumber    the position in the chain where verification failed
     * @param problem        what is wrong
     * @param tornTailOffset the byte offset where an incomplete final record starts, or {@code -1} when the
     *                       damage is anything else
     */
    LedgerCorruptedException(long blockNumber, String problem, long tornTailOffset) {
        this("ledger corrupted at block " + blockNumber + ": " + problem, blockNumber, tornTailOffset);
    }

    private LedgerCorruptedException(String message, long blockNumber, long tornTailOffset) {
        super(message);
        this.blockNumber = blockNumber;
        this.tornTailOffset = tornTailOffset;
    }

    /** The same finding with the damaged file's name in front, so that one line says file, block and byte. */
    LedgerCorruptedException inFile(java.nio.file.Path file) {
        LedgerCorruptedException named = new LedgerCorruptedException(file + ": " + getMessage(), blockNumber,
                tornTailOffset);
        named.setStackTrace(getStackTrace());
        return named;
    }

    /**
     * Whether the damage is only an incomplete final record, the trace of an append interrupted by a crash, with
     * every block before it intact up to its framing. Such a log can be repaired explicitly with
     * {@link EmbeddedLedgerEngine#truncateTornTail}; the block in the torn record was never acknowledged as
     * committed.
     */
    public boolean isTornTail() {
        return tornTailOffset >= 0;
    }

    /** The byte offset where the incomplete final record starts, or {@code -1} when {@link #isTornTail()} is false. */
    public long tornTailOffset() {
        return tornTailOffset;
    }

    /** The position in the chain (the block number expected there) where verification failed. */
    public long blockNumber() {
        return blockNumber;
    }
}
