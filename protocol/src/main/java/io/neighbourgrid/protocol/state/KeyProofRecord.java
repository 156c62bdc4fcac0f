package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The key-correctness proof a home registered with; stored under {@code KEYPROOF~homeId}, apart from the
 * {@link HomeRecord} (which keeps its SHA-256), because the proof is tens of kilobytes and only auditors read it.
 *
 * @param homeId   the home
 * @param keyProof the proof, Base64
 * @param txId     the registration transaction
 */
public record KeyProofRecord(String homeId, String keyProof, String txId) {
    public KeyProofRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(keyProof, "keyProof");
        Objects.requireNonNull(txId, "txId");
    }
}
