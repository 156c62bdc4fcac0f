package io.neighbourgrid.sim.ecoin;

import io.neighbourgrid.sim.data.DataFormatException;
import io.neighbourgrid.sim.data.MeterSeries;
import io.neighbourgrid.sim.data.UciHouseholdLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Random;

/**
 * The power profiles of the seed's Section 7, one value per slot of {@code slotMinutes}: every meter's consumption
 * (the same for all, as in the paper) and the production of type A (low) and type B (five episodes) meters.
 * Consumption comes from the UCI household file when one is given, else from a generator that follows the UCI
 * house's average daily shape (night base, morning and evening peaks) with seeded slot-to-slot variation.
 *
 * @param slotMinutes the slot length
 * @param consumption watts consumed per slot
 * @param productionA watts produced by a type A meter per slot
 * @param productionB watts produced by a type B meter per slot
 * @param source      where the consumption comes from
 */
public record MicrogridProfiles(int slotMinutes, long[] consumption, long[] productionA, long[] productionB,
                                String source) {
    /** Minutes in a day. */
    public static final int DAY_MINUTES = 24 * 60;

    /** The day's profiles, consumption generated in the UCI house's shape. */
    public static MicrogridProfiles generated(int slotMinutes, long seed) {
        int slots = DAY_MINUTES / slotMinutes;
        long[] consumption = new long[slots];
        Random r = new Random(seed);
        for (int s = 0; s < slots; s++) {
            double hour = (s + 0.5) * slotMinutes / 60.0;
            consumption[s] = Math.round(uciShapeWatts(hour) * (0.8 + 0.4 * r.nextDouble()));
        }
        return of(slotMinutes, consumption, "generated in the shape of the UCI household's average day (seed "
                + seed + ")");
    }

    /**
     * The day's profiles with consumption from a UCI household power file.
     *
     * @param file the UCI file
     * @param day  the day to take, or {@code null} for the file's first full day
     */
    public static MicrogridProfiles uci(Path file, LocalDate day, int slotMinutes)
            throws IOException, DataFormatException {
        MeterSeries series = UciHouseholdLoader.load(file);
        LocalDate first = day != null ? day : series.start().toLocalDate().plusDays(
                series.start().toLocalTime().equals(LocalTime.MIDNIGHT) ? 0 : 1);
        int slots = DAY_MINUTES / slotMinutes;
        long seconds = slotMinutes * 60L;
        if (!series.covers(first.atStartOfDay(), slots, seconds)) {
            throw new DataFormatException(file.toString(), 0, "the file does not cover " + first + " whole");
        }
        long[] energy = series.loadPerWindow(first.atStartOfDay(), slots, seconds);
        long[] watts = new long[slots];
        for (int s = 0; s < slots; s++) {
            watts[s] = Math.round(energy[s] * 3.6 / seconds);
        }
        return of(slotMinutes, watts, "UCI household power, " + file.getFileName() + ", " + first);
    }

    private static MicrogridProfiles of(int slotMinutes, long[] consumption, String source) {
        int slots = consumption.length;
        long[] a = new long[slots];
        long[] b = new long[slots];
        for (int s = 0; s < slots; s++) {
            double hour = (s + 0.5) * slotMinutes / 60.0;
            a[s] = Math.round(150 + 60 * Math.sin(hour / 24 * 2 * Math.PI * 3));
            b[s] = Math.round(typeBWatts(hour));
        }
        return new MicrogridProfiles(slotMinutes, consumption, a, b, source);
    }

    /** The UCI house's average active power by hour of day, in watts (its published daily shape). */
    static double uciShapeWatts(double hour) {
        if (hour < 6) {
            return 420;
        }
        if (hour < 9) {
            return 1550;
        }
        if (hour < 18) {
            return 900;
        }
        if (hour < 22) {
            return 1900;
        }
        return 1000;
    }

    /** Type B production: the paper's five episodes. */
    static double typeBWatts(double hour) {
        if (hour < 6) {
            return 1200 * hour / 6;
        }
        if (hour < 9) {
            return 1200 + 1200 * (hour - 6) / 3;
        }
        if (hour < 18) {
            return 2400;
        }
        if (hour < 21) {
            return 2400 - 1800 * (hour - 18) / 3;
        }
        return 600 - 600 * (hour - 21) / 3;
    }

    /** The number of slots in the day. */
    public int slots() {
        return consumption.length;
    }

    /** The pieces a meter offers (positive) or requests (negative) in a slot. */
    public int pieces(boolean typeB, int slot, long pieceWatts) {
        long net = (typeB ? productionB[slot] : productionA[slot]) - consumption[slot];
        return (int) Math.round((double) net / pieceWatts);
    }
}
