package io.neighbourgrid.sim.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * A seeded, deterministic generator of a community's inputs, the simulator's default data source.
 *
 * <p>What it models, per home:
 * <ul>
 *   <li><b>PV</b> (a share of the homes, capacity uniform in a kWp range): a daily bell
 *   {@code sin(pi (t - sunrise) / (sunset - sunrise))^1.3} scaled by capacity and a derating of 0.85, dimmed by
 *   passing clouds. Clouds are shared by the neighbourhood (each home sees them with its own offset of up to three
 *   minutes): they arrive on average every 25 minutes, last 3-20 minutes and cut output by 20-70 %, see
 *   {@link PvModel} and {@link CloudField}.</li>
 *   <li><b>Load</b>: a base load, morning and evening peaks (Gaussian bumps around 7:30 and 19:00 with per-home
 *   heights and times), daytime occupancy, appliance events (about one every 100 minutes between 6:00 and 23:00,
 *   0.5-2.5 kW for 2-25 minutes) and multiplicative noise, see {@link LoadModel}.</li>
 *   <li><b>Battery</b> (a share of the homes, only homes with PV): 5-13.5 kWh, 2.5-5 kW, charging half of each
 *   surplus and covering deficits, see {@link Battery}.</li>
 *   <li><b>k and epsilon</b>: uniform in [60, 130] and (0.5, 0.95) by default, see {@link HomeTraits} for why this
 *   range of k.</li>
 * </ul>
 * Power is sampled every minute (or once per window when windows are shorter) and averaged over each window.
 * The generator uses {@link StrictMath} and {@link Random} with seeds derived from the run's seed, so the same
 * settings give the same bytes on every machine.
 *
 * <p>Defaults: 20 homes, 60 one-minute windows from 11:00, half of them with PV (1-3.5 kWp; the Ausgrid solar
 * homes average 1.7 kWp), 30 % with a battery, sunrise 6:00 and sunset 18:00, seed 1. With these settings supply
 * and demand are of the same order around midday, so a run sees both general and extreme windows (with more PV
 * nearly every window is extreme, which PEM Section III-C calls rare). Build with {@link #builder()}.
 */
public final class SyntheticCommunity {

    /** Step at which power is sampled, seconds (once per window when windows are shorter). */
    static final long SAMPLE_SECONDS = 60L;

    private static final double SECONDS_PER_HOUR = 3600.0;

    private final int homes;
    private final int windows;
    private final long windowSeconds;
    private final LocalDateTime start;
    private final long seed;
    private final double pvShare;
    private final double minPvKw;
    private final double maxPvKw;
    private final double batteryShare;
    private final LocalTime sunrise;
    private final LocalTime sunset;
    private final boolean clouds;
    private final double minPreference;
    private final double maxPreference;
    private final double minEpsilon;
    private final double maxEpsilon;

    private SyntheticCommunity(Builder b) {
        this.homes = b.homes;
        this.windows = b.windows;
        this.windowSeconds = b.windowSeconds;
        this.start = b.start;
        this.seed = b.seed;
        this.pvShare = b.pvShare;
        this.minPvKw = b.minPvKw;
        this.maxPvKw = b.maxPvKw;
        this.batteryShare = b.batteryShare;
        this.sunrise = b.sunrise;
        this.sunset = b.sunset;
        this.clouds = b.clouds;
        this.minPreference = b.minPreference;
        this.maxPreference = b.maxPreference;
        this.minEpsilon = b.minEpsilon;
        this.maxEpsilon = b.maxEpsilon;
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates the community.
     *
     * @return the community, homes named {@code home-001}, {@code home-002}, ...
     */
    public CommunityDay generate() {
        Random layout = new Random(mix(seed, 0x5EEDL));
        int pvHomes = (int) Math.round(pvShare * homes);
        int batteryHomes = Math.min(pvHomes, (int) Math.round(batteryShare * homes));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < homes; i++) {
            order.add(i);
        }
        Collections.shuffle(order, layout);
        boolean[] hasPv = new boolean[homes];
        boolean[] hasBattery = new boolean[homes];
        for (int j = 0; j < pvHomes; j++) {
            hasPv[order.get(j)] = true;
            hasBattery[order.get(j)] = j < batteryHomes;
        }
        CloudField sky = clouds ? CloudField.generate(mix(seed, 0xC10DL), start, windows, windowSeconds)
                : CloudField.CLEAR;
        List<HomeProfile> profiles = new ArrayList<>(homes);
        List<String> ids = new ArrayList<>(homes);
        List<String> pvIds = new ArrayList<>();
        List<String> batteryIds = new ArrayList<>();
        for (int i = 0; i < homes; i++) {
            Random r = new Random(mix(seed, i + 1L));
            String id = String.format(Locale.ROOT, "home-%03d", i + 1);
            ids.add(id);
            HomeTraits traits = HomeTraits.sample(r, minPreference, maxPreference, minEpsilon, maxEpsilon);
            long[] load = LoadModel.random(r).energyPerWindow(r, start, windows, windowSeconds);
            long[] generation = new long[windows];
            if (hasPv[i]) {
                double kw = minPvKw + r.nextDouble() * (maxPvKw - minPvKw);
                double offsetSeconds = r.nextDouble() * 180.0;
                generation = PvModel.generation(kw, sky, offsetSeconds, start, windows, windowSeconds, sunrise,
                        sunset);
                pvIds.add(id);
            }
            long[] battery = new long[windows];
            if (hasBattery[i]) {
                battery = Battery.sample(r).dispatch(generation, load, windowSeconds);
                batteryIds.add(id);
            }
            profiles.add(new HomeProfile(id, generation, load, battery, traits));
        }
        String source = String.format(Locale.ROOT, "synthetic(seed=%d, homes=%d, pv=%.2f, battery=%.2f)", seed,
                homes, pvShare, batteryShare);
        return new CommunityDay(source, DataOrigin.generated(seed), start, windowSeconds, profiles,
                assumptions(ids, pvIds, batteryIds));
    }

    /** What the generator made up, for the report: all of it, with the homes each part concerns. */
    private List<Assumption> assumptions(List<String> ids, List<String> pvIds, List<String> batteryIds) {
        List<Assumption> list = new ArrayList<>();
        list.add(new Assumption(Assumption.GENERATED_DATA, "No household data was given: load and generation of "
                + "all " + MeterCommunity.count(homes, "home") + " are generated (seed " + seed + ", "
                + start.toLocalDate() + " from " + start.toLocalTime() + ", sunrise " + sunrise + ", sunset "
                + sunset + (clouds ? ", passing clouds" : ", clear sky") + ").", ids));
        list.add(new Assumption(Assumption.SYNTHETIC_PV, pvIds.size() + " of " + homes + " homes "
                + (pvIds.size() == 1 ? "has" : "have") + " synthetic PV (share " + MeterCommunity.number(pvShare)
                + ", " + MeterCommunity.number(minPvKw) + "-" + MeterCommunity.number(maxPvKw) + " kWp)"
                + (pvIds.isEmpty() ? "." : ": " + String.join(", ", pvIds) + "."), pvIds));
        list.add(new Assumption(Assumption.SYNTHETIC_BATTERIES, batteryIds.size() + " of " + homes + " homes "
                + (batteryIds.size() == 1 ? "has" : "have") + " a synthetic battery (share "
                + MeterCommunity.number(batteryShare) + ", only homes with PV; 5-13.5 kWh, 2.5-5 kW, charging half "
                + "of each surplus and covering deficits)"
                + (batteryIds.isEmpty() ? "." : ": " + String.join(", ", batteryIds) + "."), batteryIds));
        list.add(new Assumption(Assumption.SYNTHETIC_PREFERENCES, "The preference k of each home is drawn "
                + "uniformly in [" + MeterCommunity.number(minPreference) + ", " + MeterCommunity.number(maxPreference)
                + "] and the battery loss coefficient epsilon in (" + MeterCommunity.number(minEpsilon) + ", "
                + MeterCommunity.number(maxEpsilon) + ").", ids));
        return list;
    }

    /**
     * PV generation of one home per window, from the same model as the generator (daily bell, derating and, if
     * {@code seed} is given, passing clouds). Used to give metered homes without generation a PV system.
     *
     * @param capacityKw    PV capacity, kWp, non-negative
     * @param start         start of window 0
     * @param windows       number of windows
     * @param windowSeconds window length, seconds
     * @param cloudSeed     seed of the passing clouds
     * @return {@code g} per window, energy units
     */
    public static long[] pvGeneration(double capacityKw, LocalDateTime start, int windows, long windowSeconds,
                                      long cloudSeed) {
        if (!(capacityKw >= 0)) {
            throw new IllegalArgumentException("PV capacity must be non-negative, got " + capacityKw);
        }
        CloudField sky = CloudField.generate(mix(cloudSeed, 0xC10DL), start, windows, windowSeconds);
        return PvModel.generation(capacityKw, sky, 0.0, start, windows, windowSeconds, Builder.DEFAULT_SUNRISE,
                Builder.DEFAULT_SUNSET);
    }

    /** Energy units (10^-6 kWh) of an average power over a window: {@code W * s / 3600 * 1000}. */
    static long wattsToEnergy(double watts, long windowSeconds) {
        return Math.max(0L, Math.round(watts * windowSeconds * 1000.0 / SECONDS_PER_HOUR));
    }

    /** SplitMix64 finaliser: derives independent seeds from the run's seed. */
    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Settings of the generator; every setter validates its argument. */
    public static final class Builder {

        /** Default date of the generated day. */
        public static final LocalDate DEFAULT_DATE = LocalDate.of(2025, 1, 15);
        /** Default time of the first window. */
        public static final LocalTime DEFAULT_START_TIME = LocalTime.of(11, 0);
        /** Default sunrise. */
        public static final LocalTime DEFAULT_SUNRISE = LocalTime.of(6, 0);
        /** Default sunset. */
        public static final LocalTime DEFAULT_SUNSET = LocalTime.of(18, 0);

        private int homes = 20;
        private int windows = 60;
        private long windowSeconds = 60L;
        private LocalDateTime start = LocalDateTime.of(DEFAULT_DATE, DEFAULT_START_TIME);
        private long seed = 1L;
        private double pvShare = 0.5;
        private double minPvKw = 1.0;
        private double maxPvKw = 3.5;
        private double batteryShare = 0.3;
        private LocalTime sunrise = DEFAULT_SUNRISE;
        private LocalTime sunset = DEFAULT_SUNSET;
        private boolean clouds = true;
        private double minPreference = HomeTraits.DEFAULT_MIN_PREFERENCE;
        private double maxPreference = HomeTraits.DEFAULT_MAX_PREFERENCE;
        private double minEpsilon = HomeTraits.DEFAULT_MIN_EPSILON;
        private double maxEpsilon = HomeTraits.DEFAULT_MAX_EPSILON;

        private Builder() {
        }

        /**
         * Number of homes (default 20).
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder homes(int value) {
            require(value >= 1, "number of homes must be at least 1, got " + value);
            this.homes = value;
            return this;
        }

        /**
         * Number of windows (default 60).
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder windows(int value) {
            require(value >= 1, "number of windows must be at least 1, got " + value);
            this.windows = value;
            return this;
        }

        /**
         * Window length in seconds (default 60).
         *
         * @param value positive
         * @return this builder
         */
        public Builder windowSeconds(long value) {
            require(value > 0, "window length must be positive, got " + value);
            this.windowSeconds = value;
            return this;
        }

        /**
         * Start of window 0 (default 11:00 on {@link #DEFAULT_DATE}).
         *
         * @param value local wall-clock time
         * @return this builder
         */
        public Builder start(LocalDateTime value) {
            this.start = Objects.requireNonNull(value, "start");
            return this;
        }

        /**
         * Time of day of window 0, on the configured date.
         *
         * @param value time of day
         * @return this builder
         */
        public Builder startTime(LocalTime value) {
            this.start = LocalDateTime.of(start.toLocalDate(), Objects.requireNonNull(value, "startTime"));
            return this;
        }

        /**
         * Seed of every random choice (default 1).
         *
         * @param value any value
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Share of homes with PV (default 0.5).
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder pvShare(double value) {
            require(value >= 0 && value <= 1, "PV share must be in [0, 1], got " + value);
            this.pvShare = value;
            return this;
        }

        /**
         * Range of PV capacities in kWp (default 1-3.5).
         *
         * @param min lowest, non-negative
         * @param max highest, at least {@code min}
         * @return this builder
         */
        public Builder pvCapacityKw(double min, double max) {
            require(min >= 0 && max >= min, "invalid PV capacity range [" + min + ", " + max + "]");
            this.minPvKw = min;
            this.maxPvKw = max;
            return this;
        }

        /**
         * Share of homes with a battery, taken among homes with PV (default 0.3).
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder batteryShare(double value) {
            require(value >= 0 && value <= 1, "battery share must be in [0, 1], got " + value);
            this.batteryShare = value;
            return this;
        }

        /**
         * Sunrise and sunset (default 6:00 and 18:00).
         *
         * @param rise sunrise
         * @param set  sunset, after sunrise
         * @return this builder
         */
        public Builder daylight(LocalTime rise, LocalTime set) {
            require(rise.isBefore(set), "sunrise " + rise + " must be before sunset " + set);
            this.sunrise = rise;
            this.sunset = set;
            return this;
        }

        /**
         * Whether passing clouds dim PV output (default true).
         *
         * @param value true for clouds
         * @return this builder
         */
        public Builder clouds(boolean value) {
            this.clouds = value;
            return this;
        }

        /**
         * Range of the preference k in utility units (default [60, 130], see {@link HomeTraits}).
         *
         * @param min lowest, positive
         * @param max highest, at least {@code min}
         * @return this builder
         */
        public Builder preferenceRange(double min, double max) {
            require(min > 0 && max >= min, "invalid preference range [" + min + ", " + max + "]");
            this.minPreference = min;
            this.maxPreference = max;
            return this;
        }

        /**
         * Open range of epsilon (default (0.5, 0.95)).
         *
         * @param min lowest (exclusive), in [0, 1)
         * @param max highest (exclusive), in (min, 1]
         * @return this builder
         */
        public Builder epsilonRange(double min, double max) {
            require(min >= 0 && max > min && max <= 1, "invalid epsilon range (" + min + ", " + max + ")");
            this.minEpsilon = min;
            this.maxEpsilon = max;
            return this;
        }

        /**
         * The generator with these settings.
         *
         * @return the generator
         */
        public SyntheticCommunity build() {
            return new SyntheticCommunity(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
