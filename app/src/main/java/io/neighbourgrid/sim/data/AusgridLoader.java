package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.Scales;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Ausgrid "Solar home electricity data" (Ausgrid; Ratnam et al., Int. J. Sustainable Energy 2017) into
 * half-hourly {@link MeterSeries}, one per customer, with load = GC + CL and generation = GG.
 *
 * <p>Two layouts are recognised from the first line:
 * <ul>
 *   <li><b>Original wide layout</b>: one row per customer, day and consumption category:
 *   {@code Customer, Generator Capacity, Postcode, Consumption Category, date, 48 half-hour kWh values, Row Quality}.
 *   The files start with a title line and that column header; both may be missing, in which case the columns are
 *   taken in the order above. The first value is the half hour ending at 0:30 and the last the half hour ending at
 *   0:00 of the next day, so the values of a date cover that date from 0:00 to 24:00. Categories: GC (general
 *   consumption), CL (controlled load, only for some homes), GG (gross generation). A row quality of {@code NA}
 *   marks estimated values; they are kept and counted in {@link MeterSeries#estimatedSteps()}. Dates are
 *   {@code d/mm/yyyy} (also accepted: {@code ddMMMyyyy}, {@code d-MMM-yy}, ISO).</li>
 *   <li><b>Derived layout</b>: a header {@code ,GC,GG} (first column the timestamp, optionally a CL column), then
 *   one row per half hour: the start of the half hour and each category as average kW over the half hour
 *   (energy = kW / 2 kWh). Half hours must follow each other without gaps. The customer id is taken from a
 *   {@code customer<N>} part of the file name.</li>
 * </ul>
 * Times are local wall-clock times as in the files (Ausgrid keeps 48 half hours on every day, also when daylight
 * saving starts or ends). Every customer's days must be contiguous.
 */
public final class AusgridLoader {

    /** Half hours per day in the original layout. */
    public static final int HALF_HOURS = 48;

    private static final long HALF_HOUR_SECONDS = 1800L;
    private static final Pattern CUSTOMER_IN_NAME = Pattern.compile("customer[_-]?(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT),
            caseInsensitive("dMMMuuuu"), caseInsensitive("d-MMM-uu"), caseInsensitive("d-MMM-uuuu"),
            DateTimeFormatter.ISO_LOCAL_DATE);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    private AusgridLoader() {
    }

    private static DateTimeFormatter caseInsensitive(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Reads an Ausgrid file.
     *
     * @param file the file
     * @return one series per customer, sorted by customer number
     * @throws IOException         if the file cannot be read
     * @throws DataFormatException if the content is not a valid Ausgrid file (names the line and problem)
     */
    public static List<MeterSeries> load(Path file) throws IOException, DataFormatException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return parse(reader, file.getFileName().toString());
        }
    }

    /**
     * Reads Ausgrid data from a reader.
     *
     * @param reader the content
     * @param name   the file name, for messages and (derived layout) the customer id
     * @return one series per customer, sorted by customer number
     * @throws IOException         if reading fails
     * @throws DataFormatException if the content is not valid
     */
    public static List<MeterSeries> parse(Reader reader, String name) throws IOException, DataFormatException {
        Lines lines = new Lines(reader instanceof BufferedReader ? (BufferedReader) reader
                : new BufferedReader(reader));
        String first = lines.peek();
        if (first == null) {
            throw new DataFormatException(name, 0, "file is empty");
        }
        return isDerivedLayout(first) ? parseDerived(lines, name) : parseWide(lines, name);
    }

    /** Non-blank lines of the input, read one at a time (the full Ausgrid files are tens of megabytes). */
    private static final class Lines {
        private final BufferedReader in;
        private String pending;
        private long number;
        private long pendingNumber;

        Lines(BufferedReader in) {
            this.in = in;
        }

        /** The next non-blank line without consuming it, or null at the end. */
        String peek() throws IOException {
            while (pending == null) {
                String line = in.readLine();
                if (line == null) {
                    return null;
                }
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    pending = line;
                    pendingNumber = number;
                }
            }
            return pending;
        }

        /** Consumes the next non-blank line, or returns null at the end. */
        String next() throws IOException {
            String line = peek();
            pending = null;
            return line;
        }

        /** The 1-based number of the line last returned by {@link #next()}. */
        long number() {
            return pendingNumber;
        }
    }

    private static boolean isDerivedLayout(String firstLine) {
        String[] fields = firstLine.split(",", -1);
        if (fields.length < 2) {
            return false;
        }
        String head = fields[0].trim().toLowerCase(Locale.ROOT);
        boolean timestampHeader = head.isEmpty() || head.equals("timestamp") || head.equals("time")
                || head.equals("datetime") || head.equals("date_time");
        if (timestampHeader) {
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].trim().toUpperCase(Locale.ROOT);
                if (f.equals("GC") || f.equals("GG")) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- original wide layout

    /** Column positions of the description fields in the wide layout. */
    private static final class WideColumns {
        int customer = 0;
        int capacity = 1;
        int postcode = 2;
        int category = 3;
        int date = 4;
        int firstValue = 5;
    }

    /** The rows of one customer and day. */
    private static final class Day {
        long[] gc;
        long[] cl;
        long[] gg;
        boolean estimated;
        long gcLine;
    }

    private static List<MeterSeries> parseWide(Lines lines, String name) throws IOException, DataFormatException {
        WideColumns columns = new WideColumns();
        Map<Integer, TreeMap<LocalDate, Day>> customers = new TreeMap<>();
        Map<Integer, Double> capacities = new TreeMap<>();
        boolean headerSeen = false;
        boolean dataSeen = false;
        int preambleLines = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            long lineNo = lines.number();
            String[] f = line.split(",", -1);
            String head = f[0].trim();
            if (!dataSeen && head.equalsIgnoreCase("Customer")) {
                if (headerSeen) {
                    throw new DataFormatException(name, lineNo, "second column header");
                }
                readWideHeader(f, columns, name, lineNo);
                headerSeen = true;
                continue;
            }
            if (!head.matches("\\d+")) {
                if (!dataSeen && !headerSeen && preambleLines == 0) {
                    preambleLines++;
                    continue;
                }
                throw new DataFormatException(name, lineNo, "expected a data row starting with a customer number, "
                        + "found '" + abbreviate(line) + "'");
            }
            dataSeen = true;
            readWideRow(f, columns, name, lineNo, customers, capacities);
        }
        if (customers.isEmpty()) {
            throw new DataFormatException(name, 0, "no data rows");
        }
        List<MeterSeries> series = new ArrayList<>();
        for (Map.Entry<Integer, TreeMap<LocalDate, Day>> e : customers.entrySet()) {
            series.add(toSeries(e.getKey(), e.getValue(), capacities.get(e.getKey()), name));
        }
        return series;
    }

    private static void readWideHeader(String[] f, WideColumns columns, String name, long lineNo)
            throws DataFormatException {
        int firstValue = -1;
        columns.capacity = -1;
        columns.postcode = -1;
        columns.category = -1;
        columns.date = -1;
        for (int c = 0; c < f.length; c++) {
            String h = f[c].trim().toLowerCase(Locale.ROOT);
            if (h.equals("0:30") || h.equals("00:30")) {
                firstValue = c;
                break;
            }
            if (h.startsWith("customer")) {
                columns.customer = c;
            } else if (h.startsWith("generator")) {
                columns.capacity = c;
            } else if (h.startsWith("postcode")) {
                columns.postcode = c;
            } else if (h.startsWith("consumption")) {
                columns.category = c;
            } else if (h.equals("date")) {
                columns.date = c;
            }
        }
        if (firstValue < 0 || columns.category < 0 || columns.date < 0) {
            throw new DataFormatException(name, lineNo, "column header lacks Consumption Category, date or the "
                    + "first half-hour column 0:30");
        }
        if (f.length < firstValue + HALF_HOURS) {
            throw new DataFormatException(name, lineNo, "column header has fewer than 48 half-hour columns");
        }
        for (int s = 0; s < HALF_HOURS; s++) {
            String expected = LocalTime.ofSecondOfDay(((s + 1L) * HALF_HOUR_SECONDS) % 86_400L).toString();
            String found = f[firstValue + s].trim();
            if (!normaliseTime(found).equals(expected)) {
                throw new DataFormatException(name, lineNo, "half-hour column " + (s + 1) + " is '" + found
                        + "', expected the half hour ending " + expected);
            }
        }
        columns.firstValue = firstValue;
    }

    private static String normaliseTime(String s) {
        return s.length() == 4 && s.charAt(1) == ':' ? "0" + s : s;
    }

    private static void readWideRow(String[] f, WideColumns columns, String name, long lineNo,
                                    Map<Integer, TreeMap<LocalDate, Day>> customers, Map<Integer, Double> capacities)
            throws DataFormatException {
        int needed = columns.firstValue + HALF_HOURS;
        if (f.length < needed) {
            throw new DataFormatException(name, lineNo, "expected at least " + needed + " columns, found " + f.length);
        }
        for (int c = needed + 1; c < f.length; c++) {
            if (!f[c].isBlank()) {
                throw new DataFormatException(name, lineNo, "unexpected value '" + f[c].trim() + "' in column "
                        + (c + 1) + " after the row quality");
            }
        }
        int customer;
        try {
            customer = Integer.parseInt(f[columns.customer].trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(name, lineNo, "customer '" + f[columns.customer].trim()
                    + "' is not a number", e);
        }
        if (columns.capacity >= 0 && !f[columns.capacity].isBlank()) {
            BigDecimal capacity = decimal(f[columns.capacity], name, lineNo, "generator capacity");
            capacities.putIfAbsent(customer, capacity.doubleValue());
        }
        String category = f[columns.category].trim().toUpperCase(Locale.ROOT);
        LocalDate date = parseDate(f[columns.date].trim(), name, lineNo);
        String quality = f.length > needed ? f[needed].trim() : "";
        boolean estimated;
        if (quality.isEmpty()) {
            estimated = false;
        } else if (quality.equalsIgnoreCase("NA")) {
            estimated = true;
        } else {
            throw new DataFormatException(name, lineNo, "row quality '" + quality + "' is neither blank nor NA");
        }
        long[] values = new long[HALF_HOURS];
        for (int s = 0; s < HALF_HOURS; s++) {
            values[s] = energyUnits(decimal(f[columns.firstValue + s], name, lineNo,
                    "half hour " + (s + 1)), name, lineNo);
        }
        Day day = customers.computeIfAbsent(customer, k -> new TreeMap<>()).computeIfAbsent(date, k -> new Day());
        long[] previous;
        switch (category) {
            case "GC":
                previous = day.gc;
                day.gc = values;
                day.gcLine = lineNo;
                break;
            case "CL":
                previous = day.cl;
                day.cl = values;
                break;
            case "GG":
                previous = day.gg;
                day.gg = values;
                break;
            default:
                throw new DataFormatException(name, lineNo, "consumption category '" + category
                        + "' is not GC, CL or GG");
        }
        if (previous != null) {
            throw new DataFormatException(name, lineNo, "second " + category + " row for customer " + customer
                    + " on " + date);
        }
        day.estimated |= estimated;
    }

    private static MeterSeries toSeries(int customer, TreeMap<LocalDate, Day> days, Double capacity, String name)
            throws DataFormatException {
        LocalDate first = days.firstKey();
        LocalDate last = days.lastKey();
        int dayCount = Math.toIntExact(last.toEpochDay() - first.toEpochDay() + 1);
        long[] load = new long[dayCount * HALF_HOURS];
        long[] generation = new long[dayCount * HALF_HOURS];
        int estimated = 0;
        for (int d = 0; d < dayCount; d++) {
            LocalDate date = first.plusDays(d);
            Day day = days.get(date);
            if (day == null || day.gc == null) {
                throw new DataFormatException(name, 0, "customer " + customer + " has no GC row for " + date
                        + " (days must be contiguous from " + first + " to " + last + ")");
            }
            for (int s = 0; s < HALF_HOURS; s++) {
                long cl = day.cl == null ? 0L : day.cl[s];
                load[d * HALF_HOURS + s] = Math.addExact(day.gc[s], cl);
                generation[d * HALF_HOURS + s] = day.gg == null ? 0L : day.gg[s];
            }
            if (day.estimated) {
                estimated += HALF_HOURS;
            }
        }
        OptionalDouble kw = capacity == null ? OptionalDouble.empty() : OptionalDouble.of(capacity);
        return new MeterSeries("ausgrid-" + customer, name, first.atStartOfDay(), HALF_HOUR_SECONDS, load,
                generation, kw, estimated);
    }

    private static LocalDate parseDate(String text, String name, long lineNo) throws DataFormatException {
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException e) {
                // try the next accepted format
            }
        }
        throw new DataFormatException(name, lineNo, "date '" + text + "' is not d/mm/yyyy");
    }

    // ---------------------------------------------------------------- derived layout

    private static List<MeterSeries> parseDerived(Lines lines, String name) throws IOException, DataFormatException {
        String[] header = lines.next().split(",", -1);
        long headerLine = lines.number();
        int gc = -1;
        int gg = -1;
        int cl = -1;
        for (int c = 1; c < header.length; c++) {
            String h = header[c].trim().toUpperCase(Locale.ROOT);
            if (h.equals("GC")) {
                gc = c;
            } else if (h.equals("GG")) {
                gg = c;
            } else if (h.equals("CL")) {
                cl = c;
            }
        }
        if (gc < 0) {
            throw new DataFormatException(name, headerLine, "header has no GC column");
        }
        List<Long> load = new ArrayList<>();
        List<Long> generation = new ArrayList<>();
        LocalDateTime start = null;
        LocalDateTime expected = null;
        for (String line = lines.next(); line != null; line = lines.next()) {
            long lineNo = lines.number();
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new DataFormatException(name, lineNo, "expected " + header.length + " columns, found "
                        + f.length);
            }
            LocalDateTime time;
            try {
                time = LocalDateTime.parse(f[0].trim(), TIMESTAMP);
            } catch (DateTimeParseException e) {
                throw new DataFormatException(name, lineNo, "timestamp '" + f[0].trim()
                        + "' is not yyyy-mm-dd hh:mm:ss", e);
            }
            if (start == null) {
                start = time;
            } else if (!time.equals(expected)) {
                throw new DataFormatException(name, lineNo, "expected the half hour starting " + expected
                        + ", found " + time);
            }
            expected = time.plusSeconds(HALF_HOUR_SECONDS);
            long consumption = halfHourFromKw(f[gc], name, lineNo, "GC");
            if (cl >= 0) {
                consumption = Math.addExact(consumption, halfHourFromKw(f[cl], name, lineNo, "CL"));
            }
            load.add(consumption);
            generation.add(gg >= 0 ? halfHourFromKw(f[gg], name, lineNo, "GG") : 0L);
        }
        if (start == null) {
            throw new DataFormatException(name, 0, "no data rows after the header");
        }
        Matcher m = CUSTOMER_IN_NAME.matcher(name);
        String id = m.find() ? "ausgrid-" + m.group(1) : "ausgrid-" + name.replaceAll("\\.[^.]*$", "")
                .replaceAll("[^A-Za-z0-9-]", "-");
        return List.of(new MeterSeries(id, name, start, HALF_HOUR_SECONDS, toArray(load), toArray(generation),
                OptionalDouble.empty(), 0));
    }

    private static long halfHourFromKw(String text, String name, long lineNo, String column)
            throws DataFormatException {
        // Average kW over half an hour is kW / 2 kWh.
        BigDecimal kw = decimal(text, name, lineNo, column);
        return energyUnits(kw.divide(BigDecimal.valueOf(2)), name, lineNo);
    }

    // ---------------------------------------------------------------- shared

    static BigDecimal decimal(String text, String name, long lineNo, String what) throws DataFormatException {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new DataFormatException(name, lineNo, what + " is empty");
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new DataFormatException(name, lineNo, what + " '" + t + "' is not a number", e);
        }
    }

    /** kWh to energy units, rounded half-even; negative values are rejected. */
    static long energyUnits(BigDecimal kwh, String name, long lineNo) throws DataFormatException {
        if (kwh.signum() < 0) {
            throw new DataFormatException(name, lineNo, "negative energy " + kwh.toPlainString() + " kWh");
        }
        try {
            return kwh.multiply(BigDecimal.valueOf(Scales.ENERGY)).setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw new DataFormatException(name, lineNo, "energy " + kwh.toPlainString() + " kWh is out of range", e);
        }
    }

    static long[] toArray(List<Long> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
