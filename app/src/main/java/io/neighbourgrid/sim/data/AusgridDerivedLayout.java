package io.neighbourgrid.sim.data;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parser of the derived 30-minute layout of Ausgrid's data ({@link DataLayout#AUSGRID_DERIVED}), as
 * {@link AusgridLoader} describes it: a header {@code ,GC,GG} (first column the timestamp, optionally a CL column),
 * then one row per half hour with its start ({@link AusgridDates#timestamp}) and each category as average kW over
 * the half hour (energy = kW / 2 kWh). Half hours must follow each other without gaps. The file is one customer,
 * whose id is taken from a {@code customer<N>} part of the file name.
 */
final class AusgridDerivedLayout {

    private static final long HALF_HOUR_SECONDS = AusgridLoader.HALF_HOUR_SECONDS;
    private static final Pattern CUSTOMER_IN_NAME = Pattern.compile("customer[_-]?(\\d+)", Pattern.CASE_INSENSITIVE);

    private AusgridDerivedLayout() {
    }

    /**
     * Parses the lines of a file of the derived layout.
     *
     * @param lines    the lines, none consumed yet
     * @param fileName the file name, for the series and its customer id
     * @return the customer's series
     * @throws DataFormatException if the content is not valid (names the file, the line and the problem)
     */
    static List<MeterSeries> parse(TextLines lines, String fileName) throws DataFormatException {
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
            LocalDateTime time = AusgridDates.timestamp(f[0].trim(), name, lineNo);
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
        BigDecimal kw = AusgridLoader.decimal(text, name, lineNo, column);
        return AusgridLoader.energyUnits(kw.divide(BigDecimal.valueOf(2)), name, lineNo);
    }

    private static long[] toArray(List<Long> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
