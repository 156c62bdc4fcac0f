package io.neighbourgrid.embedded;

import java.util.Objects;

/**
 * The result of a successful chain audit.
 *
 * @param blockCount the number of blocks, genesis included (the next block number)
 * @param headHash   the lower-case hex SHA-256 of the last block
 */
public record ChainSummary(long blockCount, String headHash) {
    public ChainSummary {
        Objects.requireNonNull(headHash, "headHash");
    }
}
