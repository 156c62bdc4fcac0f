package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * A home's smart-meter key; stored under {@code METER~homeId}. The home registers it; a later registration (a
 * replaced meter) overwrites it, and reports are verified against the key in force when they are submitted. Every
 * version stays in the key's history.
 *
 * @param homeId       the home
 * @param meterKey     the meter's EC P-256 public key, Base64 of its X.509 SubjectPublicKeyInfo (DER)
 * @param fingerprint  lower-case hex SHA-256 of that DER encoding
 * @param version      1 for the first key of the home, then 2, 3, ... for replacements
 * @param registeredAt the registration transaction's timestamp
 * @param txId         the registration transaction's id
 */
public record MeterRegistration(String homeId, String meterKey, String fingerprint, int version,
                                String registeredAt, String txId) {
    public MeterRegistration {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(meterKey, "meterKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(txId, "txId");
        if (version < 1) {
            throw new IllegalArgumentException("meter key version must be at least 1, got " + version);
        }
    }
}
