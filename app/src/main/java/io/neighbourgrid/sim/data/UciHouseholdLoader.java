package io.neighbourgrid.sim.data;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Files are read as UTF-8, with or without a byte-order mark, and their layout is recognised first
 * ({@link DataLayout}). The order of day and month is decided for the whole file ({@link SlashDates}): the data set
 * writes {@code 16/12/2006}, and a file in which no date has a day above 12 (and some date reads differently the
 * other way round) is refused as ambiguous. The order used and the filled-in minutes are recorded as
 * {@link Assumption assumptions} of the series. Every error names the file, the line and the problem.
 */
public final class UciHouseholdLoader {

    private static final long MINUTE = 60L;
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm:ss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** Longest gap that is filled in: one week of minutes. Longer gaps indicate a wrong file. */
    private static final long MAX_GAP_MINUTES = 7L * 24 * 60;

    private UciHouseholdLoader() {
    }

    /**
     * Reads a UCI household power file (UTF-8, with or without byte-order mark).
     *
     * @param file the file
     * @return the house's load, one step per minute
     * @throws IOException         if the file cannot be closed after reading
     * @throws DataFormatException if the path is not a readable file or the content is not valid (names the path,
     *                             the line and the problem)
     */
    public static MeterSeries load(Path file) throws IOException, DataFormatException {
        try (TextLines lines = TextLines.open(file)) {
            return parse(lines, AusgridLoader.fileName(file));
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
        return parse(TextLines.of(reader, name), name);
    }

    /** The rows as read, before the order of day and month is known; the full data set has two million. */
    private static final class Rows {
        int size;
        int[] date = new int[1 << 12];
        int[] second = new int[1 << 12];
        long[] energy = new long[1 << 12];
        long[] line = new long[1 << 12];

        void add(int dateIndex, int secondOfDay, long units, long lineNo) {
            if (size == date.length) {
                int n = size * 2;
                date = Arrays.copyOf(date, n);
                second = Arrays.copyOf(second, n);
                energy = Arrays.copyOf(energy, n);
                line = Arrays.copyOf(line, n);
            }
            date[size] = dateIndex;
            second[size] = secondOfDay;
            energy[size] = units;
            line[size] = lineNo;
            size++;
        }
    }

    static MeterSeries parse(TextLines lines, String fileName) throws DataFormatException {
        String name = lines.name();
        DataLayout layout = DataLayout.recognise(lines);
        if (layout != DataLayout.UCI_HOUSEHOLD) {
            throw new DataFormatException(name, 0, "is " + layout.title() + ", not UCI household power data; read "
                    + "it with AusgridLoader (or MeterFiles, which recognises the layout)");
        }
        int powerColumn = 2;
        Rows rows = new Rows();
        Map<String, Integer> dateIndex = new HashMap<>();
        List<String> dateTexts = new ArrayList<>();
        List<Long> dateLines = new ArrayList<>();
        SlashDates slashDates = new SlashDates(name, "column 1 (Date)", false);
        boolean headerAllowed = true;
        for (String line = lines.next(); line != null; line = lines.next()) {
            long lineNo = lines.number();
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
                        + " ';'-separated columns (Date;Time;Global_active_power;...), found " + f.length);
            }
            String date = f[0].trim();
            Integer index = dateIndex.get(date);
            if (index == null) {
                if (!SlashDates.isSlashDate(date)) {
                    throw new DataFormatException(name, lineNo, "column 1 (Date) is '" + DataLayout.abbreviate(date)
                            + "', not a date d/m/yyyy");
                }
                slashDates.note(date, lineNo);
                index = dateTexts.size();
                dateIndex.put(date, index);
                dateTexts.add(date);
                dateLines.add(lineNo);
            }
            int secondOfDay = time(f[1].trim(), name, lineNo);
            String power = f[powerColumn].trim();
            long units = -1L;
            if (!power.equals("?") && !power.isEmpty()) {
                String column = "column " + (powerColumn + 1) + " (Global_active_power)";
                BigDecimal kw = AusgridLoader.decimal(power, name, lineNo, column);
                units = AusgridLoader.energyUnits(kw.divide(MINUTES_PER_HOUR, MathContext.DECIMAL64), name, lineNo);
            }
            rows.add(index, secondOfDay, units, lineNo);
        }
        if (rows.size == 0) {
            throw new DataFormatException(name, 0, "no data rows");
        }
        Optional<SlashDates.Decision> order = slashDates.decide();
        LocalDate[] dates = new LocalDate[dateTexts.size()];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = slashDates.date(dateTexts.get(i), dateLines.get(i));
        }
        return series(rows, dates, name, fileName, order);
    }

    private static MeterSeries series(Rows rows, LocalDate[] dates, String name, String fileName,
                                      Optional<SlashDates.Decision> order) throws DataFormatException {
        // The full data set has about two million minutes: keep them in a growing primitive array.
        long[] load = new long[1 << 16];
        int size = 0;
        LocalDateTime start = null;
        LocalDateTime next = null;
        long last = 0L;
        int estimated = 0;
        for (int r = 0; r < rows.size; r++) {
            long lineNo = rows.line[r];
            LocalDateTime time = dates[rows.date[r]].atTime(LocalTime.ofSecondOfDay(rows.second[r]));
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
            boolean missing = rows.energy[r] < 0;
            long held = last;
            if (!missing) {
                last = rows.energy[r];
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
        List<Assumption> assumptions = new ArrayList<>();
        if (order.isPresent() && order.get().inferred()) {
            assumptions.add(Assumption.of(Assumption.DATE_ORDER, "Dates in " + fileName + " were read "
                    + order.get().order() + ": " + order.get().reason() + "."));
        }
        if (estimated > 0) {
            assumptions.add(Assumption.of(Assumption.ESTIMATED_READINGS, estimated + " minutes of the UCI "
                    + "household in " + fileName + " (readings '?' and minutes absent from the file) take the last "
                    + "valid reading before them."));
        }
        long[] values = Arrays.copyOf(load, size);
        return new MeterSeries("uci", fileName, start, MINUTE, values, new long[size], OptionalDouble.empty(),
                estimated, DataLayout.UCI_HOUSEHOLD, assumptions);
    }

    private static int time(String time, String name, long lineNo) throws DataFormatException {
        LocalTime t;
        try {
            t = LocalTime.parse(time, TIME);
        } catch (DateTimeParseException e) {
            throw new DataFormatException(name, lineNo, "column 2 (Time) is '" + DataLayout.abbreviate(time)
                    + "', not a time hh:mm:ss", e);
        }
        if (t.getSecond() != 0) {
            throw new DataFormatException(name, lineNo, "column 2 (Time) " + time + " is not on a whole minute");
        }
        return t.toSecondOfDay();
    }
}
