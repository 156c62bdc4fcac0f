package io.neighbourgrid.embedded;

/** How hard the file-backed ledger pushes each block to storage before the commit returns. */
public enum Durability {
    /**
     * Each block is written and {@code fsync}'d ({@code FileChannel.force}) before its transactions count as
     * committed: a committed block survives a power loss.
     */
    SYNC_EACH_BLOCK,
    /**
     * Each block is written to the operating system before the commit returns, without {@code fsync}: a committed
     * block survives a crash of this process but not necessarily of the machine. A block lost that way leaves a
     * torn or missing tail that the next start reports as corruption instead of using.
     */
    WRITE_EACH_BLOCK
}
