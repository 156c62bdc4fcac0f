package io.neighbourgrid.crypto.paillier;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A ciphertext c = (1 + N)^m * r^N mod N^2 with the N-th root r of its randomizer: what a prover needs to show,
 * in zero knowledge, a statement about the plaintext of c. The root is secret and never shown by
 * {@link #toString()}.
 *
 * @param ciphertext the ciphertext
 * @param root       r in Z*_N
 */
public record EncryptionWithRandomness(Ciphertext ciphertext, BigInteger root) {
    public EncryptionWithRandomness {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(root, "root");
    }

    @Override
    public String toString() {
        return "EncryptionWithRandomness[" + ciphertext + "]";
    }
}
