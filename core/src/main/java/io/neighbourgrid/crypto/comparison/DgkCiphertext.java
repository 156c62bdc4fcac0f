package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.Bytes;
import java.math.BigInteger;

/**
 * A DGK ciphertext bound to the key it was produced or validated under. Instances only come from
 * {@link DgkPublicKey} and {@link DgkPrivateKey}, which validate every integer received from outside.
 */
public final class DgkCiphertext {
    private final DgkPublicKey key;
    private final BigInteger value;

    DgkCiphertext(DgkPublicKey key, BigInteger value) {
        this.key = key;
        this.value = value;
    }

    /** The key this ciphertext belongs to. */
    public DgkPublicKey key() {
        return key;
    }

    /** The group element c in Z*_n. */
    public BigInteger value() {
        return value;
    }

    /** Fixed-width big-endian encoding, exactly {@link DgkPublicKey#ciphertextBytes()} bytes. */
    public byte[] toBytes() {
        return Bytes.fixedWidth(value, key.ciphertextBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof DgkCiphertext other && key.equals(other.key) && value.equals(other.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "DgkCiphertext[" + key.fingerprint() + "]";
    }
}
