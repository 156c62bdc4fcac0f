package io.neighbourgrid.sim.bids;

import java.util.Objects;

/**
 * How many homes bid strategically, and how ({@code --strategic N:best-response|learning}).
 *
 * @param homes    number of strategic homes, at least 1
 * @param strategy their strategy
 */
public record StrategicHomes(int homes, Strategy strategy) {
    public StrategicHomes {
        Objects.requireNonNull(strategy, "strategy");
        if (homes < 1) {
            throw new IllegalArgumentException("the number of strategic homes must be at least 1, got " + homes);
        }
    }

    /**
     * Parses {@code N:best-response} or {@code N:learning}.
     *
     * @param text the option value
     * @return the options
     * @throws IllegalArgumentException if the value is malformed
     */
    public static StrategicHomes parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("strategic homes must be given as N:best-response or N:learning, got '"
                    + text + "'");
        }
        int n;
        try {
            n = Integer.parseInt(text.substring(0, colon).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the number of strategic homes must be an integer, got '"
                    + text.substring(0, colon) + "'", e);
        }
        return new StrategicHomes(n, Strategy.parse(text.substring(colon + 1)));
    }

    /** The option value that gives these options. */
    public String label() {
        return homes + ":" + strategy.label();
    }
}
