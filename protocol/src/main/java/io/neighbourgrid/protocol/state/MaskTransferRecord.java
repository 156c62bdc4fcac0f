package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * r2's mask transfer of a window, stored under {@code TRANSFER~t}: r2 decrypted the masks' aggregate {@code T_r2}
 * (plaintext {@code -sum M}), re-encrypted it under r1's key and proved that both hold the same integer
 * ({@code MaskTransferProof}). Chaincode verified the proof and multiplied {@code T_r1} by the re-encryption, which
 * gives {@code Enc_r1(sum pack)}: the packed totals under r1's key, with no mask left, that only r1 can open.
 *
 * @param window       the window
 * @param homeId       r2
 * @param reencrypted  {@code Enc_r1(-sum M)}, canonical Base64
 * @param proof        the {@code MaskTransferProof}, Base64
 * @param packedTotals {@code T_r1 * reencrypted = Enc_r1(sum pack)}, canonical Base64
 * @param postedAt     the transaction timestamp (ISO-8601, UTC)
 * @param txId         the transaction id
 */
public record MaskTransferRecord(long window, String homeId, String reencrypted, String proof, String packedTotals,
                                 String postedAt, String txId) {
    public MaskTransferRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(reencrypted, "reencrypted");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(packedTotals, "packedTotals");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(txId, "txId");
    }
}
