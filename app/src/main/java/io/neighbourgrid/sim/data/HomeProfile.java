package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.HomeInput;
import java.util.Arrays;
import java.util.Objects;

/**
 * One home over a run of consecutive trading windows: per window its generation {@code g}, load {@code l} and
 * battery flow {@code b} in energy units ({@link io.neighbourgrid.market.Scales#ENERGY}, 10^-6 kWh per window),
 * and its constant utility parameters {@code k} and {@code epsilon}.
 */
public final class HomeProfile {

    private final String homeId;
    private final long[] generation;
    private final long[] load;
    private final long[] battery;
    private final HomeTraits traits;

    /**
     * A home profile; the arrays are copied.
     *
     * @param homeId     the home id, not blank
     * @param generation {@code g} per window, non-negative
     * @param load       {@code l} per window, non-negative
     * @param battery    {@code b} per window (positive when charging)
     * @param traits     {@code k} and epsilon
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold negative g or l
     */
    public HomeProfile(String homeId, long[] generation, long[] load, long[] battery, HomeTraits traits) {
        this.homeId = Objects.requireNonNull(homeId, "homeId");
        if (homeId.isBlank()) {
            throw new IllegalArgumentException("home id must not be blank");
        }
        this.generation = generation.clone();
        this.load = load.clone();
        this.battery = battery.clone();
        this.traits = Objects.requireNonNull(traits, "traits");
        if (this.generation.length == 0 || this.generation.length != this.load.length
                || this.load.length != this.battery.length) {
            throw new IllegalArgumentException("home " + homeId + ": generation, load and battery need the same, "
                    + "non-zero number of windows (got " + this.generation.length + ", " + this.load.length + ", "
                    + this.battery.length + ")");
        }
        for (int t = 0; t < this.generation.length; t++) {
            if (this.generation[t] < 0 || this.load[t] < 0) {
                throw new IllegalArgumentException("home " + homeId + ": negative generation or load in window " + t);
            }
        }
    }

    /**
     * A profile without a battery.
     *
     * @param homeId     the home id
     * @param generation {@code g} per window
     * @param load       {@code l} per window
     * @param traits     {@code k} and epsilon
     * @return the profile, with {@code b = 0} in every window
     */
    public static HomeProfile withoutBattery(String homeId, long[] generation, long[] load, HomeTraits traits) {
        return new HomeProfile(homeId, generation, load, new long[generation.length], traits);
    }

    /**
     * The home id.
     *
     * @return the id
     */
    public String homeId() {
        return homeId;
    }

    /**
     * Number of windows.
     *
     * @return the number of windows
     */
    public int windows() {
        return generation.length;
    }

    /**
     * Generation in one window.
     *
     * @param window the window, 0-based
     * @return {@code g}, energy units
     */
    public long generation(int window) {
        return generation[window];
    }

    /**
     * Load in one window.
     *
     * @param window the window, 0-based
     * @return {@code l}, energy units
     */
    public long load(int window) {
        return load[window];
    }

    /**
     * Battery flow in one window.
     *
     * @param window the window, 0-based
     * @return {@code b}, energy units, positive when charging
     */
    public long battery(int window) {
        return battery[window];
    }

    /**
     * Whether the home has a battery that moves energy in some window.
     *
     * @return true if {@code b != 0} in some window
     */
    public boolean hasBattery() {
        return Arrays.stream(battery).anyMatch(b -> b != 0);
    }

    /**
     * The utility parameters.
     *
     * @return {@code k} and epsilon
     */
    public HomeTraits traits() {
        return traits;
    }

    /**
     * The market inputs of one window.
     *
     * @param window the window, 0-based
     * @return the home's input
     */
    public HomeInput input(int window) {
        return new HomeInput(homeId, generation[window], load[window], battery[window], traits.preference(),
                traits.epsilon());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HomeProfile)) {
            return false;
        }
        HomeProfile other = (HomeProfile) o;
        return homeId.equals(other.homeId) && Arrays.equals(generation, other.generation)
                && Arrays.equals(load, other.load) && Arrays.equals(battery, other.battery)
                && traits.equals(other.traits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(homeId, Arrays.hashCode(generation), Arrays.hashCode(load), Arrays.hashCode(battery),
                traits);
    }

    @Override
    public String toString() {
        return "HomeProfile[" + homeId + ", " + generation.length + " windows]";
    }
}
