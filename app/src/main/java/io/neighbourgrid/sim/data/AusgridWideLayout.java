package io.neighbourgrid.sim.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The parser of Ausgrid's original wide layout ({@link DataLayout#AUSGRID_WIDE}), as {@link AusgridLoader}
 * describes it: one row per customer, day and consumption category
 * ({@code Customer, Generator Capacity, Postcode, Consumption Category, date, 48 half-hour kWh values, Row Quality}),
 * after an optional title line and column header. Dates are read by {@link AusgridDates}; the rows of each customer
 * become one half-hourly {@link MeterSeries} with load = GC + CL and generation = GG.
 */
final class AusgridWideLayout {

    /** The columns of a data row, for messages. */
    static final String COLUMNS = "Customer, Generator Capacity, Postcode, Consumption Category, date, "
            + "48 half-hour values, Row Quality";

    private static final int HALF_HOURS = AusgridLoader.HALF_HOURS;
    private static final long HALF_HOUR_SECONDS = AusgridLoader.HALF_HOUR_SECONDS;
    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("\\d+");

    private AusgridWideLayout() {
    }

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

    /**
     * Parses the lines of a file of the wide layout.
     *
     * @param lines    the lines, none consumed yet
     * @param fileName the file name, for the series and their assumptions
     * @return one series per customer, sorted by customer number
     * @throws DataFormatException if the content is not valid (names the file, the line and the problem)
     */
    static List<MeterSeries> parse(TextLines lines, String fileName) throws DataFormatException {
        String name = lines.name();
        WideColumns columns = new WideColumns();
        Map<Integer, LinkedHashMap<AusgridDates.DateText, Day>> customers = new TreeMap<>();
        Map<Integer, Double> capacities = new TreeMap<>();
        AusgridDates dates = new AusgridDates(name, columns.date);
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
                readHeader(f, columns, name, lineNo);
                dates = new AusgridDates(name, columns.date);
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
                        + "data row " + COLUMNS);
            }
            dataSeen = true;
            readRow(f, columns, name, lineNo, customers, capacities, dates);
        }
        if (customers.isEmpty()) {
            throw new DataFormatException(name, 0, "no data rows");
        }
        List<Assumption> assumptions = dates.decideOrder(fileName);
        List<MeterSeries> series = new ArrayList<>();
        for (Map.Entry<Integer, LinkedHashMap<AusgridDates.DateText, Day>> e : customers.entrySet()) {
            TreeMap<LocalDate, Day> days = new TreeMap<>();
            for (Map.Entry<AusgridDates.DateText, Day> d : e.getValue().entrySet()) {
                Day day = d.getValue();
                LocalDate date = dates.date(d.getKey(), day.firstLine);
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

    private static void readHeader(String[] f, WideColumns columns, String name, long lineNo)
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

    private static void readRow(String[] f, WideColumns columns, String name, long lineNo,
                                Map<Integer, LinkedHashMap<AusgridDates.DateText, Day>> customers,
                                Map<Integer, Double> capacities, AusgridDates dates) throws DataFormatException {
        int needed = columns.firstValue + HALF_HOURS;
        if (f.length < needed) {
            throw new DataFormatException(name, lineNo, "expected at least " + needed + " columns (" + COLUMNS
                    + "), found " + f.length);
        }
        for (int c = needed + 1; c < f.length; c++) {
            if (!f[c].isBlank()) {
                throw new DataFormatException(name, lineNo, "unexpected value '" + f[c].trim() + "' in column "
                        + (c + 1) + " after the row quality (column " + (needed + 1) + "); are the columns "
                        + "misaligned? expected " + COLUMNS);
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
        AusgridDates.DateText date = dates.read(f, columns.firstValue, lineNo);
        String category = f[columns.category].trim().toUpperCase(Locale.ROOT);
        if (!category.equals("GC") && !category.equals("CL") && !category.equals("GG")) {
            throw new DataFormatException(name, lineNo, columns.describe(columns.category, "Consumption Category")
                    + " is '" + f[columns.category].trim() + "', not GC, CL or GG");
        }
        if (columns.capacity >= 0 && !f[columns.capacity].isBlank()) {
            BigDecimal capacity = AusgridLoader.decimal(f[columns.capacity], name, lineNo,
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
            values[s] = AusgridLoader.energyUnits(AusgridLoader.decimal(f[c], name, lineNo, "column " + (c + 1)
                    + " (half hour ending " + ending + ")"), name, lineNo);
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
}
