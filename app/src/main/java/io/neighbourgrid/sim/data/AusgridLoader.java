package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.Scales;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Ausgrid "Solar home electricity data" (Ausgrid; Ratnam et al., Int. J. Sustainable Energy 2017) into
 * half-hourly {@link MeterSeries}, one per customer, with load = GC + CL and generation = GG.
 *
 * <p>Files are read as UTF-8, with or without a byte-order mark. The layout is recognised from the first lines
 * ({@link DataLayout}) before any row is parsed; a file of another layout is refused with the layouts expected:
 * <ul>
 *   <li><b>Original wide layout</b>: one row per customer, day and consumption category:
 *   {@code Customer, Generator Capacity, Postcode, Consumption Category, date, 48 half-hour kWh values, Row Quality}.
 *   The files start with a title line and that column header; both may be missing, in which case the columns are
 *   taken in the order above. The first value is the half hour ending at 0:30 and the last the half hour ending at
 *   0:00 of the next day, so the values of a date cover that date from 0:00 to 24:00. Categories: GC (general
 *   consumption), CL (controlled load, only for some homes), GG (gross generation). A row quality of {@code NA}
 *   marks estimated values; they are kept and counted in {@link MeterSeries#estimatedSteps()}. Dates are
 *   {@code DDMMMYYYY} as Ausgrid documents them, {@code d-MMM-yy}, ISO, or {@code d/mm/yyyy} as Ausgrid's CSV
 *   files write them. For dates with slashes the order of day and month is decided for the whole file
 *   ({@link SlashDates}): a day above 12 decides it; a file whose dates leave it open is refused unless they are
 *   written {@code d/mm/yyyy} with the month in two digits; the order used is recorded as an
 *   {@link Assumption#DATE_ORDER assumption} of every series.</li>
 *   <li><b>Derived layout</b>: a header {@code ,GC,GG} (first column the timestamp, optionally a CL column), then
 *   one row per half hour: the start of the half hour ({@code yyyy-mm-dd hh:mm:ss}) and each category as average
 *   kW over the half hour (energy = kW / 2 kWh). Half hours must follow each other without gaps. The customer id
 *   is taken from a {@code customer<N>} part of the file name.</li>
 * </ul>
 * Times are local wall-clock times as in the files (Ausgrid keeps 48 half hours on every day, also when daylight
 * saving starts or ends). Every customer's days must be contiguous. Every error names the file, the line (0 when
 * it concerns the file as a whole) and the problem, with the column where there is one.
 */
public final class AusgridLoader {

    /** Half hours per day in the original layout. */
    public static final int HALF_HOURS = 48;

    private static final long HALF_HOUR_SECONDS = 1800L;
    private static final Pattern CUSTOMER_IN_NAME = Pattern.compile("customer[_-]?(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("\\d+");
    /** Date spellings without slashes, whose order is not in doubt. */
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            caseInsensitive("dMMMuuuu"), caseInsensitive("d-MMM-uu"), caseInsensitive("d-MMM-uuuu"),
            DateTimeFormatter.ISO_LOCAL_DATE);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final String WIDE_COLUMNS = "Customer, Generator Capacity, Postcode, Consumption Category, date, "
            + "48 half-hour values, Row Quality";

    private AusgridLoader() {
    }

    private static DateTimeFormatter caseInsensitive(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Reads an Ausgrid file (UTF-8, with or without byte-order mark).
     *
     * @param file the file
     * @return one series per customer, sorted by customer number
     * @throws IOException         if the file cannot be closed after reading
     * @throws DataFormatException if the path is not a readable file, or the content is not a valid Ausgrid file
     *                             (names the path, the line and the problem)
     */
    public static List<MeterSeries> load(Path file) throws IOException, DataFormatException {
        try (TextLines lines = TextLines.open(file)) {
            return parse(lines, fileName(file));
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
        return parse(TextLines.of(reader, name), name);
    }

    static List<MeterSeries> parse(TextLines lines, String fileName) throws DataFormatException {
        DataLayout layout = DataLayout.recognise(lines);
        switch (layout) {
            case AUSGRID_WIDE:
                return parseWide(lines, fileName);
            case AUSGRID_DERIVED:
                return parseDerived(lines, fileName);
            default:
                throw new DataFormatException(lines.name(), 0, "is " + layout.title() + ", not Ausgrid solar home "
                        + "data; read it with UciHouseholdLoader (or MeterFiles, which recognises the layout)");
        }
    }

    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    // ---------------------------------------------------------------- original wide layout

    /** Column positions of the description fields in the wide layout, and their names for messages. */
    private static final class WideColumns {
        int customer = 0;
        int capacity = 1;
        int postcode = 2;
        int category = 3;
        int date = 4;
        int firstValue = 5;
        boolean fromHeader;

        String describe(int column, String fallback) {
            return "column " + (column + 1) + " (" + fallback + ")";
        }
    }

    /** The rows of one customer and day. */
    private static final class Day {
        long[] gc;
        long[] cl;
        long[] gg;
        long gcLine;
        long clLine;
        long ggLine;
        boolean estimated;
        final long firstLine;

        Day(long firstLine) {
            this.firstLine = firstLine;
        }
    }

    /** A date as written in the file: slash dates wait for the file's order of day and month. */
    private record DateText(String text, LocalDate parsed) {
    }

    private static List<MeterSeries> parseWide(TextLines lines, String fileName) throws DataFormatException {
        String name = lines.name();
        WideColumns columns = new WideColumns();
        Map<Integer, LinkedHashMap<DateText, Day>> customers = new TreeMap<>();
        Map<Integer, Double> capacities = new TreeMap<>();
        SlashDates slashDates = new SlashDates(name, "column " + (columns.date + 1) + " (date)", true);
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
                slashDates = new SlashDates(name, "column " + (columns.date + 1) + " (date)", true);
                headerSeen = true;
                continue;
            }
            if (!CUSTOMER_NUMBER.matcher(head).matches()) {
                if (!dataSeen && !headerSeen && preambleLines == 0) {
                    preambleLines++; // Ausgrid's title line
                    continue;
                }
                throw new DataFormatException(name, lineNo, "column " + (columns.customer + 1)
                        + " (Customer) is '" + DataLayout.abbreviate(head) + "', not a customer number; expected a "
                        + "data row " + WIDE_COLUMNS);
            }
            dataSeen = true;
            readWideRow(f, columns, name, lineNo, customers, capacities, slashDates);
        }
        if (customers.isEmpty()) {
            throw new DataFormatException(name, 0, "no data rows");
        }
        Optional<SlashDates.Decision> order = slashDates.decide();
        List<Assumption> assumptions = new ArrayList<>();
        if (order.isPresent() && order.get().inferred()) {
            assumptions.add(Assumption.of(Assumption.DATE_ORDER, "Dates in " + fileName + " were read "
                    + order.get().order() + ": " + order.get().reason() + "."));
        }
        List<MeterSeries> series = new ArrayList<>();
        for (Map.Entry<Integer, LinkedHashMap<DateText, Day>> e : customers.entrySet()) {
            TreeMap<LocalDate, Day> days = new TreeMap<>();
            for (Map.Entry<DateText, Day> d : e.getValue().entrySet()) {
                DateText text = d.getKey();
                Day day = d.getValue();
                LocalDate date = text.parsed() != null ? text.parsed() : slashDates.date(text.text(), day.firstLine);
                Day previous = days.putIfAbsent(date, day);
                if (previous != null) {
                    merge(previous, day, e.getKey(), date, name);
                }
            }
            series.add(toSeries(e.getKey(), days, capacities.get(e.getKey()), fileName, name, assumptions));
        }
        return series;
    }

    /** Two spellings of one date: the rows of the second join the first, unless a category repeats. */
    private static void merge(Day into, Day from, int customer, LocalDate date, String name)
            throws DataFormatException {
        if ((into.gc != null && from.gc != null) || (into.cl != null && from.cl != null)
                || (into.gg != null && from.gg != null)) {
            throw new DataFormatException(name, from.firstLine, "second row of the same category for customer "
                    + customer + " on " + date + " (first on line " + into.firstLine + ")");
        }
        if (from.gc != null) {
            into.gc = from.gc;
            into.gcLine = from.gcLine;
        }
        if (from.cl != null) {
            into.cl = from.cl;
            into.clLine = from.clLine;
        }
        if (from.gg != null) {
            into.gg = from.gg;
            into.ggLine = from.ggLine;
        }
        into.estimated |= from.estimated;
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
                throw new DataFormatException(name, lineNo, "column " + (firstValue + s + 1) + " is '" + found
                        + "', expected the half hour ending " + expected);
            }
        }
        columns.firstValue = firstValue;
        columns.fromHeader = true;
    }

    private static String normaliseTime(String s) {
        return s.length() == 4 && s.charAt(1) == ':' ? "0" + s : s;
    }

    private static void readWideRow(String[] f, WideColumns columns, String name, long lineNo,
                                    Map<Integer, LinkedHashMap<DateText, Day>> customers,
                                    Map<Integer, Double> capacities, SlashDates slashDates)
            throws DataFormatException {
        int needed = columns.firstValue + HALF_HOURS;
        if (f.length < needed) {
            throw new DataFormatException(name, lineNo, "expected at least " + needed + " columns (" + WIDE_COLUMNS
                    + "), found " + f.length);
        }
        for (int c = needed + 1; c < f.length; c++) {
            if (!f[c].isBlank()) {
                throw new DataFormatException(name, lineNo, "unexpected value '" + f[c].trim() + "' in column "
                        + (c + 1) + " after the row quality (column " + (needed + 1) + "); are the columns "
                        + "misaligned? expected " + WIDE_COLUMNS);
            }
        }
        int customer;
        try {
            customer = Integer.parseInt(f[columns.customer].trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(name, lineNo, columns.describe(columns.customer, "Customer") + " '"
                    + f[columns.customer].trim() + "' is not a customer number", e);
        }
        // The date comes before the category: a shifted row shows first as a value where the date should be.
        DateText date = readDate(f, columns, name, lineNo, slashDates);
        String category = f[columns.category].trim().toUpperCase(Locale.ROOT);
        if (!category.equals("GC") && !category.equals("CL") && !category.equals("GG")) {
            throw new DataFormatException(name, lineNo, columns.describe(columns.category, "Consumption Category")
                    + " is '" + f[columns.category].trim() + "', not GC, CL or GG");
        }
        if (columns.capacity >= 0 && !f[columns.capacity].isBlank()) {
            BigDecimal capacity = decimal(f[columns.capacity], name, lineNo,
                    columns.describe(columns.capacity, "Generator Capacity"));
            capacities.putIfAbsent(customer, capacity.doubleValue());
        }
        String quality = f.length > needed ? f[needed].trim() : "";
        boolean estimated;
        if (quality.isEmpty()) {
            estimated = false;
        } else if (quality.equalsIgnoreCase("NA")) {
            estimated = true;
        } else {
            throw new DataFormatException(name, lineNo, "column " + (needed + 1) + " (Row Quality) is '" + quality
                    + "', neither blank nor NA");
        }
        long[] values = new long[HALF_HOURS];
        for (int s = 0; s < HALF_HOURS; s++) {
            int c = columns.firstValue + s;
            String ending = LocalTime.ofSecondOfDay(((s + 1L) * HALF_HOUR_SECONDS) % 86_400L).toString();
            values[s] = energyUnits(decimal(f[c], name, lineNo, "column " + (c + 1) + " (half hour ending "
                    + ending + ")"), name, lineNo);
        }
        Day day = customers.computeIfAbsent(customer, k -> new LinkedHashMap<>())
                .computeIfAbsent(date, k -> new Day(lineNo));
        long previous;
        switch (category) {
            case "GC":
                previous = day.gc == null ? 0 : day.gcLine;
                day.gc = values;
                day.gcLine = lineNo;
                break;
            case "CL":
                previous = day.cl == null ? 0 : day.clLine;
                day.cl = values;
                day.clLine = lineNo;
                break;
            default:
                previous = day.gg == null ? 0 : day.ggLine;
                day.gg = values;
                day.ggLine = lineNo;
                break;
        }
        if (previous != 0) {
            throw new DataFormatException(name, lineNo, "second " + category + " row for customer " + customer
                    + " on " + date.text() + " (the first is on line " + previous + ")");
        }
        day.estimated |= estimated;
    }

    /** The date column: a slash date is noted for the file's decision, other spellings are parsed at once. */
    private static DateText readDate(String[] f, WideColumns columns, String name, long lineNo,
                                     SlashDates slashDates) throws DataFormatException {
        String column = columns.describe(columns.date, "date");
        String text = f[columns.date].trim();
        if (SlashDates.isSlashDate(text)) {
            slashDates.note(text, lineNo);
            return new DateText(text, null);
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            if (shapeMatches(format, text)) {
                try {
                    return new DateText(text.toUpperCase(Locale.ROOT), LocalDate.parse(text, format));
                } catch (DateTimeParseException e) {
                    throw new DataFormatException(name, lineNo, column + " '" + text + "' is not a calendar date",
                            e);
                }
            }
        }
        StringBuilder problem = new StringBuilder(column).append(" is '").append(DataLayout.abbreviate(text))
                .append("', not a date (d/mm/yyyy or DDMMMYYYY)");
        int elsewhere = -1;
        for (int c = 0; c < Math.min(f.length, columns.firstValue + 2); c++) {
            if (c != columns.date && looksLikeDate(f[c].trim())) {
                elsewhere = c;
                break;
            }
        }
        if (elsewhere >= 0) {
            problem.append("; the columns are misaligned: the date is in column ").append(elsewhere + 1)
                    .append(" ('").append(f[elsewhere].trim()).append("'); expected ");
        } else {
            problem.append("; are the columns misaligned? Expected ");
        }
        problem.append(WIDE_COLUMNS);
        throw new DataFormatException(name, lineNo, problem.toString());
    }

    private static boolean looksLikeDate(String text) {
        if (SlashDates.isSlashDate(text)) {
            return true;
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            if (shapeMatches(format, text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text has the formatter's shape, whatever its values (31 June has the shape of a date). */
    static boolean shapeMatches(DateTimeFormatter format, String text) {
        ParsePosition position = new ParsePosition(0);
        return format.parseUnresolved(text, position) != null && position.getErrorIndex() < 0
                && position.getIndex() == text.length();
    }

    private static MeterSeries toSeries(int customer, TreeMap<LocalDate, Day> days, Double capacity, String fileName,
                                        String name, List<Assumption> fileAssumptions) throws DataFormatException {
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
                throw new DataFormatException(name, day == null ? 0 : day.firstLine, "customer " + customer
                        + " has no GC row for " + date + " (days must be contiguous from " + first + " to " + last
                        + ")");
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
        List<Assumption> assumptions = new ArrayList<>(fileAssumptions);
        if (estimated > 0) {
            assumptions.add(new Assumption(Assumption.ESTIMATED_READINGS, estimated + " half hours of customer "
                    + customer + " in " + fileName + " are in rows marked NA (estimates or substitutes by Ausgrid); "
                    + "they are used as they are.", List.of()));
        }
        OptionalDouble kw = capacity == null ? OptionalDouble.empty() : OptionalDouble.of(capacity);
        return new MeterSeries("ausgrid-" + customer, fileName, first.atStartOfDay(), HALF_HOUR_SECONDS, load,
                generation, kw, estimated, DataLayout.AUSGRID_WIDE, assumptions);
    }

    // ---------------------------------------------------------------- derived layout

    private static List<MeterSeries> parseDerived(TextLines lines, String fileName) throws DataFormatException {
        String name = lines.name();
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
                throw new DataFormatException(name, lineNo, "expected " + header.length + " columns as in the header "
                        + "on line " + headerLine + ", found " + f.length);
            }
            String text = f[0].trim();
            LocalDateTime time;
            try {
                time = LocalDateTime.parse(text, TIMESTAMP);
            } catch (DateTimeParseException e) {
                throw new DataFormatException(name, lineNo, "column 1 (timestamp) '" + DataLayout.abbreviate(text)
                        + (shapeMatches(TIMESTAMP, text) ? "' is not a calendar date and time"
                        : "' is not yyyy-mm-dd hh:mm:ss"), e);
            }
            if (start == null) {
                start = time;
            } else if (!time.equals(expected)) {
                throw new DataFormatException(name, lineNo, "expected the half hour starting " + expected
                        + ", found " + time);
            }
            expected = time.plusSeconds(HALF_HOUR_SECONDS);
            long consumption = halfHourFromKw(f[gc], name, lineNo, "column " + (gc + 1) + " (GC)");
            if (cl >= 0) {
                consumption = Math.addExact(consumption, halfHourFromKw(f[cl], name, lineNo,
                        "column " + (cl + 1) + " (CL)"));
            }
            load.add(consumption);
            generation.add(gg >= 0 ? halfHourFromKw(f[gg], name, lineNo, "column " + (gg + 1) + " (GG)") : 0L);
        }
        if (start == null) {
            throw new DataFormatException(name, 0, "no data rows after the header");
        }
        Matcher m = CUSTOMER_IN_NAME.matcher(fileName);
        String id = m.find() ? "ausgrid-" + m.group(1) : "ausgrid-" + fileName.replaceAll("\\.[^.]*$", "")
                .replaceAll("[^A-Za-z0-9-]", "-");
        return List.of(new MeterSeries(id, fileName, start, HALF_HOUR_SECONDS, toArray(load), toArray(generation),
                OptionalDouble.empty(), 0, DataLayout.AUSGRID_DERIVED, List.of()));
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
}
