package io.neighbourgrid.crypto.paillier;

import io.neighbourgrid.crypto.Bytes;
import java.math.BigInteger;

/**
 * A Paillier ciphertext bound to the key it was produced or validated under. Instances only come from
 * {@link PaillierPublicKey}, which validates every integer received from outside.
 */
public final class Ciphertext {
    private final PaillierPublicKey key;
    private final BigInteger value;

    Ciphertext(PaillierPublicKey key, BigInteger value) {
        this.key = key;
        this.value = value;
    }

    /** The key this ciphertext belongs to. */
    public PaillierPublicKey key() {
        return key;
    }

    /** The group element c in Z*_{N^2}. */
    public BigInteger value() {
        return value;
    }

    /** Fixed-width big-endian encoding, exactly {@link PaillierPublicKey#ciphertextBytes()} bytes. */
    public byte[] toBytes() {
        return Bytes.fixedWidth(value, key.ciphertextBytes());
    }

    /** Base64 of {@link #toBytes()}. */
    public String toBase64() {
        return Bytes.toBase64(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Ciphertext other && key.equals(other.key) && value.equals(other.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Ciphertext[" + key.fingerprint() + "]";
    }
}
