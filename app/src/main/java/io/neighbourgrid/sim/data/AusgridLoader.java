package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.Scales;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

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

    /** Length of a half hour, seconds. */
    static final long HALF_HOUR_SECONDS = 1800L;

    private AusgridLoader() {
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

    /**
     * Recognises the layout and hands the lines to its parser ({@link AusgridWideLayout} or
     * {@link AusgridDerivedLayout}).
     */
    static List<MeterSeries> parse(TextLines lines, String fileName) throws DataFormatException {
        DataLayout layout = DataLayout.recognise(lines);
        switch (layout) {
            case AUSGRID_WIDE:
                return AusgridWideLayout.parse(lines, fileName);
            case AUSGRID_DERIVED:
                return AusgridDerivedLayout.parse(lines, fileName);
            default:
                throw new DataFormatException(lines.name(), 0, "is " + layout.title() + ", not Ausgrid solar home "
                        + "data; read it with UciHouseholdLoader (or MeterFiles, which recognises the layout)");
        }
    }

    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

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
}
