package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import java.util.Objects;

/**
 * What the initiator posts once per window: the decrypted mask sum re-encrypted under the responder's key, and the
 * proof that it is the same integer ({@link MaskTransferProof}).
 *
 * @param reencrypted X1 = Enc_N1(x), x the signed plaintext of the initiator's aggregate
 * @param proof       the proof that the plaintexts agree
 */
public record MaskTransfer(Ciphertext reencrypted, MaskTransferProof proof) {
    public MaskTransfer {
        Objects.requireNonNull(reencrypted, "reencrypted");
        Objects.requireNonNull(proof, "proof");
    }
}
