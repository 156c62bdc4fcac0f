package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * The home a meter key was first registered for; stored under {@code METERKEY~fingerprint}, so that one meter can
 * never sign for two homes.
 *
 * @param fingerprint the meter key's fingerprint
 * @param homeId      the home it belongs to
 */
public record MeterKeyBinding(String fingerprint, String homeId) {
    public MeterKeyBinding {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(homeId, "homeId");
    }
}
