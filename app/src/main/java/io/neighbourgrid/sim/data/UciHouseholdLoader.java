package io.neighbourgrid.sim.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads the UCI "Individual household electric power consumption" data set (one house near Paris, one row per
 * minute) into a one-minute {@link MeterSeries} of load; the house has no generation.
 *
 * <p>Format: semicolon-separated
 * {@code Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;Sub_metering_1;...} with
 * dates {@code d/m/yyyy}, times {@code hh:mm:ss} and {@code ?} for a missing reading; the header line is optional.
 * {@code Global_active_power} is the minute's average in kW, so a minute's energy is {@code kW / 60} kWh. Missing
 * readings, and minutes absent from the file, take the last valid reading (zero before the first) and are counted
 * in {@link MeterSeries#estimatedSteps()}. Rows must go forward in time on whole minutes.
 */
public final class UciHouseholdLoader {

    private static final long MINUTE = 60L;
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm:ss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** Longest gap that is filled in: one week of minutes. Longer gaps indicate a wrong file. */
    private static final long MAX_GAP_MINUTES = 7L * 24 * 60;

    private UciHouseholdLoader() {
    }

    /**
     * Reads a UCI household power file.
     *
     * @param file the file
     * @return the house's load, one step per minute
     * @throws IOException         if the file cannot be read
     * @throws DataFormatException if the content is not valid (names the line and problem)
     */
    public static MeterSeries load(Path file) throws IOException, DataFormatException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return parse(reader, file.getFileName().toString());
        }
    }

    /**
     * Reads UCI household power data from a reader.
     *
     * @param reader the content
     * @param name   the file name, for messages
     * @return the house's load, one step per minute, series id {@code uci}
     * @throws IOException         if reading fails
     * @throws DataFormatException if the content is not valid
     */
    public static MeterSeries parse(Reader reader, String name) throws IOException, DataFormatException {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        // The full data set has about two million minutes: keep them in a growing primitive array.
        long[] load = new long[1 << 16];
        int size = 0;
        int powerColumn = 2;
        LocalDateTime start = null;
        LocalDateTime next = null;
        long last = 0L;
        int estimated = 0;
        long lineNo = 0;
        boolean headerAllowed = true;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(";", -1);
            if (headerAllowed && f[0].trim().equalsIgnoreCase("Date")) {
                powerColumn = -1;
                for (int c = 0; c < f.length; c++) {
                    if (f[c].trim().equalsIgnoreCase("Global_active_power")) {
                        powerColumn = c;
                    }
                }
                if (powerColumn < 0 || f.length < 2 || !f[1].trim().equalsIgnoreCase("Time")) {
                    throw new DataFormatException(name, lineNo, "header needs Date;Time;...;Global_active_power");
                }
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            if (f.length <= powerColumn) {
                throw new DataFormatException(name, lineNo, "expected at least " + (powerColumn + 1)
                        + " ';'-separated columns, found " + f.length);
            }
            LocalDateTime time = timestamp(f[0].trim(), f[1].trim(), name, lineNo);
            if (start == null) {
                start = time;
                next = time;
            }
            if (time.isBefore(next)) {
                throw new DataFormatException(name, lineNo, "time " + time + " is not after the previous row ("
                        + next.minusMinutes(1) + ")");
            }
            long gap = Duration.between(next, time).toMinutes();
            if (gap > MAX_GAP_MINUTES) {
                throw new DataFormatException(name, lineNo, "gap of " + gap + " minutes before " + time);
            }
            String power = f[powerColumn].trim();
            boolean missing = power.equals("?") || power.isEmpty();
            long held = last;
            if (!missing) {
                BigDecimal kw = AusgridLoader.decimal(power, name, lineNo, "Global_active_power");
                last = AusgridLoader.energyUnits(kw.divide(MINUTES_PER_HOUR, MathContext.DECIMAL64), name, lineNo);
            }
            int needed = Math.addExact(size, Math.toIntExact(gap + 1));
            if (needed > load.length) {
                load = Arrays.copyOf(load, Math.max(needed, load.length * 2));
            }
            // Minutes absent from the file take the last valid reading before them; so does a missing reading.
            Arrays.fill(load, size, size + (int) gap, held);
            size += (int) gap;
            load[size++] = last;
            estimated += (int) gap + (missing ? 1 : 0);
            next = time.plusMinutes(1);
        }
        if (start == null) {
            throw new DataFormatException(name, 0, "no data rows");
        }
        long[] values = Arrays.copyOf(load, size);
        return new MeterSeries("uci", name, start, MINUTE, values, new long[size], OptionalDouble.empty(),
                estimated);
    }

    private static LocalDateTime timestamp(String date, String time, String name, long lineNo)
            throws DataFormatException {
        try {
            LocalDateTime t = LocalDateTime.of(LocalDate.parse(date, DATE), LocalTime.parse(time, TIME));
            if (t.getSecond() != 0) {
                throw new DataFormatException(name, lineNo, "time " + time + " is not on a whole minute");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new DataFormatException(name, lineNo, "date '" + date + "' or time '" + time
                    + "' is not d/m/yyyy;hh:mm:ss", e);
        }
    }
}
