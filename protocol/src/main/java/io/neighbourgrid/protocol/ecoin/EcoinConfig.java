package io.neighbourgrid.protocol.ecoin;

import java.util.Objects;

/**
 * The configured e-coin system, as stored.
 *
 * @param settings     the settings of {@code configure}
 * @param configuredAt the configuring transaction's timestamp (ISO-8601)
 */
public record EcoinConfig(EcoinSettings settings, String configuredAt) {
    public EcoinConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(configuredAt, "configuredAt");
    }
}
