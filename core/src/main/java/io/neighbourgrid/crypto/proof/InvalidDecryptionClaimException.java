package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.InvalidProofException;

/**
 * Raised by {@link DecryptionProofs#verifyBatch} when a batch of decryption claims does not verify; names the
 * index (in the list handed in) of a claim whose proof fails on its own, so that the caller can say which
 * aggregate was decrypted wrongly.
 */
public final class InvalidDecryptionClaimException extends InvalidProofException {
    private static final long serialVersionUID = 1L;
    private final int claimIndex;

    /**
     * @param claimIndex index of the failing claim in the batch
     * @param cause      the single-proof failure of that claim
     */
    public InvalidDecryptionClaimException(int claimIndex, InvalidProofException cause) {
        super("decryption claim " + claimIndex + " is invalid: " + cause.getMessage(), cause);
        this.claimIndex = claimIndex;
    }

    /** Index of the failing claim in the list passed to {@link DecryptionProofs#verifyBatch}. */
    public int claimIndex() {
        return claimIndex;
    }
}
