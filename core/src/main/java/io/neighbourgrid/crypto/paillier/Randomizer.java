package io.neighbourgrid.crypto.paillier;

import java.math.BigInteger;

/**
 * A precomputed r^N mod N^2 for one Paillier key: the expensive half of an encryption. Each randomizer must be
 * used for exactly one encryption; {@link RandomizerPool} hands every one out once.
 */
public final class Randomizer {
    private final PaillierPublicKey key;
    private final BigInteger value;

    Randomizer(PaillierPublicKey key, BigInteger value) {
        this.key = key;
        this.value = value;
    }

    PaillierPublicKey key() {
        return key;
    }

    BigInteger value() {
        return value;
    }

    @Override
    public String toString() {
        return "Randomizer[" + key.fingerprint() + "]";
    }
}
