package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One posted decryption: the ciphertext (an aggregate), the signed plaintext the decryptor claims for it, and the
 * proof that the claim is right.
 *
 * @param ciphertext the ciphertext that was decrypted
 * @param plaintext  the claimed signed plaintext
 * @param proof      the proof of correct decryption
 */
public record DecryptionClaim(Ciphertext ciphertext, BigInteger plaintext, DecryptionProof proof) {
    public DecryptionClaim {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(proof, "proof");
    }
}
