package io.neighbourgrid.sim.data;

import java.util.List;
import java.util.Objects;

/**
 * Something a run assumed rather than read from its data, listed in the report so that a reader can tell measured
 * inputs from invented ones: generated data, synthetic batteries, PV or preferences, stand-in homes, an inferred
 * date order, filled-in readings, resampling.
 *
 * @param kind        a stable identifier, one of the constants of this record
 * @param description one or two sentences for a reader, naming counts, ranges and homes
 * @param homes       the homes it concerns (every home when it concerns all of them), possibly empty when it
 *                    concerns the data as a whole
 */
public record Assumption(String kind, String description, List<String> homes) {

    /** The day is generated, not measured. */
    public static final String GENERATED_DATA = "generatedData";
    /** Homes were given a battery that the data does not have. */
    public static final String SYNTHETIC_BATTERIES = "syntheticBatteries";
    /** Homes were given PV that the data does not have (or the generator's PV). */
    public static final String SYNTHETIC_PV = "syntheticPv";
    /** The preference {@code k} and the battery loss coefficient epsilon were drawn, not measured. */
    public static final String SYNTHETIC_PREFERENCES = "syntheticPreferences";
    /** Later days of the same buildings stand in for neighbours. */
    public static final String STAND_IN_HOMES = "standInHomes";
    /** The order of day and month in the file's dates was inferred. */
    public static final String DATE_ORDER = "dateOrder";
    /** Readings marked as estimates, or missing and filled in, are used. */
    public static final String ESTIMATED_READINGS = "estimatedReadings";
    /** Readings longer than a trading window are spread evenly over the windows they cover. */
    public static final String RESAMPLING = "resampling";

    /**
     * Validates the assumption and copies the homes.
     *
     * @throws IllegalArgumentException if the kind or description is blank
     */
    public Assumption {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (kind.isBlank() || description.isBlank()) {
            throw new IllegalArgumentException("an assumption needs a kind and a description");
        }
        homes = List.copyOf(homes);
    }

    /**
     * An assumption about the data as a whole.
     *
     * @param kind        the kind
     * @param description the description
     * @return the assumption, concerning no home in particular
     */
    public static Assumption of(String kind, String description) {
        return new Assumption(kind, description, List.of());
    }
}
