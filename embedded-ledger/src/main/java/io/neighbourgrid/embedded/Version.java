package io.neighbourgrid.embedded;

/**
 * The height at which a key was last written, as in Fabric: the block number and the transaction's index in it.
 * MVCC validation compares the version a transaction read with the version current at commit.
 */
record Version(long blockNumber, int txNumber) {
    @Override
    public String toString() {
        return blockNumber + ":" + txNumber;
    }
}
