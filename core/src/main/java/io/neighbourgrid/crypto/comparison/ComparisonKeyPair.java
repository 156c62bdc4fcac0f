package io.neighbourgrid.crypto.comparison;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The DGK key pair of the comparison initiator. A home generates one when it registers (its public half is the
 * {@code comparisonKey} of {@code registerHome}) and reuses it in every window in which it initiates a comparison.
 */
public final class ComparisonKeyPair {
    private final DgkPublicKey publicKey;
    private final DgkPrivateKey privateKey;

    ComparisonKeyPair(DgkPublicKey publicKey, DgkPrivateKey privateKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("private key does not belong to the public key");
        }
    }

    /**
     * Generates a key pair with {@link DgkParameters#DEFAULT} (2048-bit modulus, t = 160, u = 389). Takes
     * about 0.1 to 0.5 s of CPU on one core, depending on luck in the prime search.
     */
    public static ComparisonKeyPair generate(SecureRandom random) {
        return generate(DgkParameters.DEFAULT, random);
    }

    /** Generates a key pair of the given sizes. */
    public static ComparisonKeyPair generate(DgkParameters parameters, SecureRandom random) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(random, "random");
        return DgkKeyGenerator.generate(parameters, random);
    }

    /** Restores a key pair from {@link #toSecretBytes()}. */
    public static ComparisonKeyPair fromSecretBytes(byte[] encoded) {
        DgkPrivateKey privateKey = DgkPrivateKey.fromSecretBytes(encoded);
        return new ComparisonKeyPair(privateKey.publicKey(), privateKey);
    }

    /** The public key, published at registration and carried in message 1. */
    public DgkPublicKey publicKey() {
        return publicKey;
    }

    /** The private key; never leaves the owner. */
    public DgkPrivateKey privateKey() {
        return privateKey;
    }

    /** Serialises the key pair for the owner's encrypted key store (see {@link DgkPrivateKey#toSecretBytes()}). */
    public byte[] toSecretBytes() {
        return privateKey.toSecretBytes();
    }

    @Override
    public String toString() {
        return "ComparisonKeyPair[" + publicKey.fingerprint() + "]";
    }
}
