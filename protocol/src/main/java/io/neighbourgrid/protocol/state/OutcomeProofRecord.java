package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * r1's proven outcome of a window, stored under {@code OUTCOMEPROOF~t}: the {@code OutcomeProof} bundle (the four slot
 * totals re-encrypted under r1's key, the proof that they are the split of {@code Enc_r1(sum pack)} with each in its
 * range, and one non-negativity proof per inequality that defines the market type, the price and the fill ratio),
 * verified by chaincode before it recorded the outcome.
 *
 * @param window   the window
 * @param homeId   r1
 * @param proof    the bundle, Base64
 * @param postedAt the transaction timestamp (ISO-8601, UTC)
 * @param txId     the transaction id
 */
public record OutcomeProofRecord(long window, String homeId, String proof, String postedAt, String txId) {
    public OutcomeProofRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(txId, "txId");
    }
}
