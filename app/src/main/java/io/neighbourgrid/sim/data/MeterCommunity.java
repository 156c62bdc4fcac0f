package io.neighbourgrid.sim.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Builds a community from metered series (Ausgrid, UCI).
 *
 * <p>The public extracts hold few customers (often one per file), so a community is made of (customer, day)
 * pairs: the customers of the file on the first day, then the same customers on the following days, until the
 * requested number of homes is reached. Each pair becomes one home whose windows start at the same time of day on
 * its own date, so days of one real household stand in for neighbours. Home ids are the series id, followed by
 * {@code -yyyymmdd} when the community spans more than one day.
 *
 * <p>Metered data carries no utility parameters, so {@code k} and epsilon are drawn as for synthetic homes
 * ({@link HomeTraits}), seeded. Homes whose series has no generation (UCI) may be given PV from the synthetic
 * model, and a share of the homes with generation may be given a battery ({@link Battery#sample}); both are off
 * by default.
 *
 * <p>Every such choice is recorded as an {@link Assumption} of the community, with the homes it concerns: stand-in
 * homes, synthetic preferences, PV and batteries, resampling of readings longer than a window, and what the loader
 * assumed (the order of day and month, estimated readings).
 */
public final class MeterCommunity {

    private static final DateTimeFormatter DAY_SUFFIX = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    /**
     * How to complete metered homes.
     *
     * @param seed          seed of every random choice
     * @param syntheticPvKw mean PV capacity (kWp) given to homes without metered generation; 0 for none. Each such
     *                      home draws a capacity uniform in [0.5, 1.5] times this mean
     * @param batteryShare  share of all homes given a battery, taken among homes with generation, in [0, 1]
     */
    public record Options(long seed, double syntheticPvKw, double batteryShare) {

        /**
         * Validates the options.
         *
         * @throws IllegalArgumentException if the PV capacity is negative or the share is outside [0, 1]
         */
        public Options {
            if (!(syntheticPvKw >= 0)) {
                throw new IllegalArgumentException("synthetic PV capacity must be non-negative, got " + syntheticPvKw);
            }
            if (!(batteryShare >= 0 && batteryShare <= 1)) {
                throw new IllegalArgumentException("battery share must be in [0, 1], got " + batteryShare);
            }
        }

        /**
         * Seed 1, no synthetic PV, no batteries.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(1L, 0.0, 0.0);
        }
    }

    private MeterCommunity() {
    }

    /**
     * A community of {@code homes} (customer, day) pairs, customers first, then days.
     *
     * @param series        the metered customers, at least one
     * @param homes         number of homes, at least one
     * @param firstDay      date of the first day
     * @param startTime     time of day of window 0
     * @param windows       number of windows, at least one
     * @param windowSeconds window length in seconds
     * @param options       seed, synthetic PV and batteries
     * @return the community
     * @throws IllegalArgumentException if a series does not cover the windows of one of its days
     */
    public static CommunityDay build(List<MeterSeries> series, int homes, LocalDate firstDay, LocalTime startTime,
                                     int windows, long windowSeconds, Options options) {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(options, "options");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("need at least one metered series");
        }
        if (homes < 1 || windows < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("need at least one home and one window of positive length");
        }
        boolean severalDays = homes > series.size();
        List<MeterSeries> picked = new ArrayList<>();
        List<LocalDateTime> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < homes; i++) {
            MeterSeries s = series.get(i % series.size());
            LocalDate day = firstDay.plusDays(i / series.size());
            picked.add(s);
            starts.add(LocalDateTime.of(day, startTime));
            ids.add(severalDays ? s.id() + "-" + DAY_SUFFIX.format(day) : s.id());
        }
        String source = series.size() == 1 ? series.get(0).source() : series.get(0).source() + " (+"
                + (series.size() - 1) + " series)";
        List<Assumption> assumptions = new ArrayList<>();
        if (severalDays) {
            List<String> standIns = ids.subList(series.size(), homes);
            LocalDate lastDay = firstDay.plusDays((homes - 1) / series.size());
            assumptions.add(new Assumption(Assumption.STAND_IN_HOMES, homes + " homes were asked for but the data "
                    + "has " + count(series.size(), "household") + ": " + count(standIns.size(), "home")
                    + " are the same " + (series.size() == 1 ? "building" : "buildings") + " on the following "
                    + (lastDay.equals(firstDay.plusDays(1)) ? "day (" + firstDay.plusDays(1) + ")"
                    : "days (" + firstDay.plusDays(1) + " to " + lastDay + ")")
                    + ", replayed at the same time of day as if they were neighbours: " + String.join(", ", standIns)
                    + ".", standIns));
        }
        DataOrigin origin = DataOrigin.file(series.get(0).source(), series.get(0).layout()
                .map(DataLayout::title).orElse("metered data"));
        return assemble(source + ", " + homes + " homes from " + firstDay, origin, picked, starts, ids, windows,
                windowSeconds, options, assumptions);
    }

    /** "1 home", "3 homes". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * A community of the given customers, all on the same windows.
     *
     * @param series        the customers, one home each
     * @param start         start of window 0
     * @param windows       number of windows
     * @param windowSeconds window length in seconds
     * @param options       seed, synthetic PV and batteries
     * @return the community
     * @throws IllegalArgumentException if a series does not cover the windows
     */
    public static CommunityDay byCustomers(List<MeterSeries> series, LocalDateTime start, int windows,
                                           long windowSeconds, Options options) {
        return build(series, series.size(), start.toLocalDate(), start.toLocalTime(), windows, windowSeconds,
                options);
    }

    /**
     * A community of consecutive days of one customer.
     *
     * @param series        the customer
     * @param firstDay      the first day
     * @param days          number of days, one home each
     * @param startTime     time of day of window 0
     * @param windows       number of windows
     * @param windowSeconds window length in seconds
     * @param options       seed, synthetic PV and batteries
     * @return the community
     * @throws IllegalArgumentException if the series does not cover the windows of a day
     */
    public static CommunityDay byDays(MeterSeries series, LocalDate firstDay, int days, LocalTime startTime,
                                      int windows, long windowSeconds, Options options) {
        return build(List.of(series), days, firstDay, startTime, windows, windowSeconds, options);
    }

    private static CommunityDay assemble(String source, DataOrigin origin, List<MeterSeries> picked,
                                         List<LocalDateTime> starts, List<String> ids, int windows,
                                         long windowSeconds, Options options, List<Assumption> assumptions) {
        int n = picked.size();
        long[][] load = new long[n][];
        long[][] generation = new long[n][];
        HomeTraits[] traits = new HomeTraits[n];
        List<Integer> withGeneration = new ArrayList<>();
        List<String> syntheticPv = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Random r = new Random(SyntheticCommunity.mix(options.seed(), i + 1L));
            traits[i] = HomeTraits.sample(r);
            MeterSeries s = picked.get(i);
            load[i] = s.loadPerWindow(starts.get(i), windows, windowSeconds);
            if (s.hasGeneration()) {
                generation[i] = s.generationPerWindow(starts.get(i), windows, windowSeconds);
            } else if (options.syntheticPvKw() > 0) {
                double kw = options.syntheticPvKw() * (0.5 + r.nextDouble());
                generation[i] = SyntheticCommunity.pvGeneration(kw, starts.get(i), windows, windowSeconds,
                        SyntheticCommunity.mix(options.seed(), 0xC10DL));
                syntheticPv.add(ids.get(i));
            } else {
                generation[i] = new long[windows];
            }
            if (Arrays.stream(generation[i]).anyMatch(g -> g > 0)) {
                withGeneration.add(i);
            }
        }
        Random layout = new Random(SyntheticCommunity.mix(options.seed(), 0xBA77L));
        Collections.shuffle(withGeneration, layout);
        int batteries = Math.min(withGeneration.size(), (int) Math.round(options.batteryShare() * n));
        boolean[] hasBattery = new boolean[n];
        for (int j = 0; j < batteries; j++) {
            hasBattery[withGeneration.get(j)] = true;
        }
        List<HomeProfile> profiles = new ArrayList<>(n);
        List<String> batteryHomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] battery = new long[windows];
            if (hasBattery[i]) {
                Random r = new Random(SyntheticCommunity.mix(options.seed(), 0x10000L + i));
                battery = Battery.sample(r).dispatch(generation[i], load[i], windowSeconds);
                batteryHomes.add(ids.get(i));
            }
            profiles.add(new HomeProfile(ids.get(i), generation[i], load[i], battery, traits[i]));
        }
        List<Assumption> all = new ArrayList<>(assumptions);
        LinkedHashSet<Assumption> loaded = new LinkedHashSet<>();
        for (MeterSeries s : picked) {
            loaded.addAll(s.assumptions());
        }
        all.addAll(loaded);
        long longestStep = picked.stream().mapToLong(MeterSeries::stepSeconds).max().orElse(0);
        if (longestStep > windowSeconds) {
            all.add(Assumption.of(Assumption.RESAMPLING, "The data has one reading per " + duration(longestStep)
                    + "; the energy of each reading is spread evenly over the " + adjective(windowSeconds)
                    + " trading windows within it, so load and generation are flat for "
                    + duration(longestStep) + " at a time."));
        }
        all.add(new Assumption(Assumption.SYNTHETIC_PREFERENCES, "The data has no utility parameters: the "
                + "preference k of each of the " + count(n, "home") + " is drawn uniformly in ["
                + number(HomeTraits.DEFAULT_MIN_PREFERENCE) + ", " + number(HomeTraits.DEFAULT_MAX_PREFERENCE)
                + "] and the battery loss coefficient epsilon in (" + number(HomeTraits.DEFAULT_MIN_EPSILON) + ", "
                + number(HomeTraits.DEFAULT_MAX_EPSILON) + "), seed " + options.seed() + ".", ids));
        if (!syntheticPv.isEmpty()) {
            all.add(new Assumption(Assumption.SYNTHETIC_PV, count(syntheticPv.size(), "home") + " without metered "
                    + "generation " + (syntheticPv.size() == 1 ? "was" : "were") + " given synthetic PV ("
                    + number(options.syntheticPvKw() * 0.5) + "-"
                    + number(options.syntheticPvKw() * 1.5) + " kWp, the generator's clear-sky bell with passing "
                    + "clouds): " + String.join(", ", syntheticPv) + ".", syntheticPv));
        }
        if (!batteryHomes.isEmpty()) {
            all.add(new Assumption(Assumption.SYNTHETIC_BATTERIES, batteryHomes.size() + " of " + n + " homes "
                    + (batteryHomes.size() == 1 ? "was" : "were") + " given a synthetic battery (share "
                    + number(options.batteryShare()) + " of the homes, taken "
                    + "among homes with generation; 5-13.5 kWh, 2.5-5 kW, charging half of each surplus and "
                    + "covering deficits): " + String.join(", ", batteryHomes) + ".", batteryHomes));
        }
        return new CommunityDay(source, origin, starts.get(0), windowSeconds, profiles, all);
    }

    /** A number without needless decimals: 60, 0.5, 1.75. */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "1-minute", "30-second". */
    static String adjective(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + "-minute" : seconds + "-second";
    }

    /** "30 minutes", "60 seconds", "1 minute". */
    static String duration(long seconds) {
        if (seconds % 60 == 0) {
            return count((int) (seconds / 60), "minute");
        }
        return count((int) seconds, "second");
    }
}
