package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The proofs a home registered its key with; stored under {@code KEYPROOF~homeId}, apart from the
 * {@link HomeRecord} (which keeps the SHA-256 of the key-correctness proof), because the proofs are tens of
 * kilobytes and only auditors read them. Written by the registration transaction, so {@link #txId()} is the home
 * record's.
 *
 * @param homeId          the home
 * @param keyProof        the key-correctness proof (the modulus is a Paillier-Blum modulus), Base64
 * @param factorProof     the no-small-factor proof (no prime factor of the modulus is small), Base64
 * @param proofParameters the fingerprint of the ring-Pedersen parameters the no-small-factor proof was made
 *                        against ({@link ProofParameters#fingerprint()})
 * @param txId            the registration transaction
 */
public record KeyProofRecord(String homeId, String keyProof, String factorProof, String proofParameters,
                             String txId) {
    public KeyProofRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(keyProof, "keyProof");
        Objects.requireNonNull(factorProof, "factorProof");
        Objects.requireNonNull(proofParameters, "proofParameters");
        Objects.requireNonNull(txId, "txId");
    }
}
