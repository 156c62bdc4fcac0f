package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * A registered home; stored under {@code HOME~homeId}. Its identity, key and registration never change; only its
 * {@link #suspension()} is set when it was a silent selected home and cleared when it resumes.
 *
 * @param homeId          the home id
 * @param mspId           the MSP id of the identity bound to the home
 * @param certificateHash lower-case hex SHA-256 of that identity's certificate (DER)
 * @param paillierKey     the home's Paillier public key, Base64 of its canonical encoding
 * @param keyFingerprint  the key's fingerprint, for logs and displays
 * @param keyBits         the key's modulus length
 * @param keyProofSha256  lower-case hex SHA-256 of the key-correctness proof the home registered with; the proof
 *                        itself is kept for auditors under {@code KEYPROOF~homeId} ({@link KeyProofRecord}), so
 *                        that this record, read by most transactions, stays small
 * @param registeredAt    the registration transaction's timestamp (ISO-8601, UTC)
 * @param txId            the registration transaction's id (a suspension carries its own); part of the home's
 *                        selection score ({@code io.neighbourgrid.market.Selection.Candidate})
 * @param suspension      why the home is left out of the selection ranking; absent while it is selectable
 */
public record HomeRecord(String homeId, String mspId, String certificateHash, String paillierKey,
                         String keyFingerprint, int keyBits, String keyProofSha256, String registeredAt,
                         String txId, Suspension suspension) {
    public HomeRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
        Objects.requireNonNull(paillierKey, "paillierKey");
        Objects.requireNonNull(keyProofSha256, "keyProofSha256");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * Whether the home is suspended from selection.
     *
     * @return {@code true} while a suspension is recorded
     */
    public boolean suspended() {
        return suspension != null;
    }

    /**
     * This home suspended from selection.
     *
     * @param cause the suspension
     * @return the new record
     */
    public HomeRecord withSuspension(Suspension cause) {
        return new HomeRecord(homeId, mspId, certificateHash, paillierKey, keyFingerprint, keyBits, keyProofSha256,
                registeredAt, txId, Objects.requireNonNull(cause, "suspension"));
    }

    /**
     * This home selectable again.
     *
     * @return the new record without a suspension
     */
    public HomeRecord resumed() {
        return new HomeRecord(homeId, mspId, certificateHash, paillierKey, keyFingerprint, keyBits, keyProofSha256,
                registeredAt, txId, null);
    }
}
