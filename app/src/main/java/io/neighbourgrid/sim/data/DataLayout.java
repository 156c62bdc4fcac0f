package io.neighbourgrid.sim.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The layouts of household data the simulator reads, recognised from a file's first lines (its header, or its
 * first data row where the layout allows a file without header) before any row is parsed, so that a file of
 * another kind is named as such instead of failing on some column of some line.
 */
public enum DataLayout {

    /**
     * Ausgrid solar home data as Ausgrid publishes it: one row per customer, day and consumption category, with an
     * optional title line and column header.
     */
    AUSGRID_WIDE("Ausgrid solar home data, original wide layout",
            "rows 'Customer,Generator Capacity,Postcode,Consumption Category,date,<48 half-hour kWh values>,Row "
                    + "Quality', with or without Ausgrid's title line and column header"),

    /** Ausgrid solar home data in the derived layout of one row per half hour and columns GC, GG (and CL). */
    AUSGRID_DERIVED("Ausgrid solar home data, derived 30-minute layout",
            "a header ',GC,GG' (or 'timestamp,GC,CL,GG') and rows 'yyyy-mm-dd hh:mm:ss,<kW>,<kW>'"),

    /** The UCI "Individual household electric power consumption" data set. */
    UCI_HOUSEHOLD("UCI individual household electric power consumption",
            "';'-separated rows 'Date;Time;Global_active_power;...' with dates d/m/yyyy, header optional");

    private static final Pattern INTEGER = Pattern.compile("\\d+");
    private static final Pattern UCI_TIME = Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}");

    private final String title;
    private final String shape;

    DataLayout(String title, String shape) {
        this.title = title;
        this.shape = shape;
    }

    /**
     * The layout's name, as the report shows it.
     *
     * @return e.g. "Ausgrid solar home data, original wide layout"
     */
    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return title;
    }

    /**
     * Recognises a file's layout from its first lines.
     *
     * @param file the file
     * @return its layout
     * @throws DataFormatException if the path is not a readable file, is empty, or is of none of these layouts
     *                             (the message names the layouts expected)
     */
    public static DataLayout of(Path file) throws DataFormatException {
        try (TextLines lines = TextLines.open(file)) {
            return recognise(lines);
        } catch (java.io.IOException e) {
            throw new DataFormatException(file.toString(), 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The layout of the lines ahead, without consuming any. */
    static DataLayout recognise(TextLines lines) throws DataFormatException {
        String first = lines.peek(0);
        if (first == null) {
            throw new DataFormatException(lines.name(), 0, "file is empty; expected " + expected());
        }
        if (isUci(first)) {
            return UCI_HOUSEHOLD;
        }
        if (isDerivedHeader(first)) {
            return AUSGRID_DERIVED;
        }
        if (isWideHeader(first) || isWideRow(first)) {
            return AUSGRID_WIDE;
        }
        String second = lines.peek(1);
        if (second != null && (isWideHeader(second) || isWideRow(second))) {
            return AUSGRID_WIDE; // the title line of Ausgrid's files, then the header or the first row
        }
        throw new DataFormatException(lines.name(), lines.peekNumber(0), "not a recognised data file: line "
                + lines.peekNumber(0) + " is '" + abbreviate(first) + "'; expected " + expected());
    }

    /** Every layout with its shape, for messages. */
    static String expected() {
        StringBuilder sb = new StringBuilder("one of these layouts: ");
        DataLayout[] all = values();
        for (int i = 0; i < all.length; i++) {
            sb.append(i == 0 ? "" : "; ").append(all[i].title).append(" (").append(all[i].shape).append(')');
        }
        return sb.toString();
    }

    private static boolean isUci(String line) {
        String[] f = line.split(";", -1);
        if (f.length < 3) {
            return false;
        }
        if (f[0].trim().equalsIgnoreCase("Date")) {
            return line.toLowerCase(Locale.ROOT).contains("global_active_power");
        }
        return SlashDates.isSlashDate(f[0].trim()) && UCI_TIME.matcher(f[1].trim()).matches();
    }

    static boolean isDerivedHeader(String line) {
        String[] fields = line.split(",", -1);
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

    static boolean isWideHeader(String line) {
        String[] f = line.split(",", -1);
        return f.length >= 5 && f[0].trim().equalsIgnoreCase("Customer");
    }

    /**
     * Whether a line looks like a data row of the wide layout: a customer number, a category GC, CL or GG among
     * the description columns (tolerating a column too many or too few, which the parser then reports) and
     * enough columns for a day of half hours.
     */
    static boolean isWideRow(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 40 || !INTEGER.matcher(f[0].trim()).matches()) {
            return false;
        }
        for (int c = 1; c <= 5 && c < f.length; c++) {
            String v = f[c].trim().toUpperCase(Locale.ROOT);
            if (v.equals("GC") || v.equals("CL") || v.equals("GG")) {
                return true;
            }
        }
        return false;
    }

    static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
