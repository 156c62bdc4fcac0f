package io.neighbourgrid.report;

import io.neighbourgrid.market.Scales;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataFormatException;
import io.neighbourgrid.sim.data.HomeProfile;
import io.neighbourgrid.sim.data.HomeTraits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of a run as {@code inputs.csv}, so that a run can be reproduced and checked by other tools: one row per
 * window and home with {@code window,start,seconds,home,g_kwh,l_kwh,b_kwh,k,eps}. Energies are kWh, {@code k} in
 * utility units and epsilon as a plain fraction, each written exactly (six decimals at most), so reading the file
 * back gives the same fixed-point inputs.
 */
public final class InputsCsv {

    /** The header line. */
    public static final String HEADER = "window,start,seconds,home,g_kwh,l_kwh,b_kwh,k,eps";

    private InputsCsv() {
    }

    /**
     * Writes a community's inputs (UTF-8).
     *
     * @param community the inputs
     * @param file      the file, replaced if it exists
     * @throws IOException if writing fails
     */
    public static void write(CommunityDay community, Path file) throws IOException {
        Files.writeString(file, render(community), StandardCharsets.UTF_8);
    }

    /**
     * A community's inputs as CSV text.
     *
     * @param community the inputs
     * @return the CSV text, header first, rows by window then home id
     */
    public static String render(CommunityDay community) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int t = 0; t < community.windows(); t++) {
            String start = community.windowStart(t).toString();
            for (HomeProfile h : community.homes()) {
                sb.append(t).append(',').append(start).append(',').append(community.windowSeconds()).append(',')
                        .append(h.homeId()).append(',').append(Numbers.kwh(h.generation(t)).toPlainString())
                        .append(',').append(Numbers.kwh(h.load(t)).toPlainString()).append(',')
                        .append(Numbers.kwh(h.battery(t)).toPlainString()).append(',')
                        .append(decimal(h.traits().preference(), Scales.PREFERENCE)).append(',')
                        .append(decimal(h.traits().epsilon(), Scales.EPSILON)).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Reads inputs written by {@link #write} (UTF-8, with or without byte-order mark).
     *
     * @param file the file
     * @return the community
     * @throws IOException         if reading fails
     * @throws DataFormatException if the content is not a valid inputs file
     */
    public static CommunityDay read(Path file) throws IOException, DataFormatException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(name, 0, "is a directory, not an inputs file");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, name);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, 0, "not UTF-8 text (save the file as UTF-8)", e);
        }
    }

    /**
     * Reads inputs from a reader.
     *
     * @param reader the content
     * @param name   the file name, for messages
     * @return the community
     * @throws IOException         if reading fails
     * @throws DataFormatException if the content is not valid
     */
    public static CommunityDay read(Reader reader, String name) throws IOException, DataFormatException {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String header = in.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null || !header.trim().equals(HEADER)) {
            throw new DataFormatException(name, 1, "expected the header '" + HEADER + "'");
        }
        Map<String, List<long[]>> rows = new LinkedHashMap<>();
        Map<String, HomeTraits> traits = new LinkedHashMap<>();
        LocalDateTime start = null;
        long seconds = -1;
        int windows = 0;
        long lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 9) {
                throw new DataFormatException(name, lineNo, "expected 9 columns, found " + f.length);
            }
            try {
                int window = Integer.parseInt(f[0].trim());
                LocalDateTime windowStart = LocalDateTime.parse(f[1].trim());
                long length = Long.parseLong(f[2].trim());
                String home = f[3].trim();
                if (start == null) {
                    start = windowStart;
                    seconds = length;
                }
                if (window < 0 || length != seconds || !windowStart.equals(start.plusSeconds(window * seconds))) {
                    throw new DataFormatException(name, lineNo, "window " + window + " does not start at "
                            + start.plusSeconds(window * seconds) + " with " + seconds + " s windows");
                }
                List<long[]> series = rows.computeIfAbsent(home, k -> new ArrayList<>());
                if (series.size() != window) {
                    throw new DataFormatException(name, lineNo, "home " + home + " skips or repeats window " + window);
                }
                series.add(new long[] {units(f[4], Scales.ENERGY), units(f[5], Scales.ENERGY),
                    units(f[6], Scales.ENERGY)});
                HomeTraits t = new HomeTraits(units(f[7], Scales.PREFERENCE), units(f[8], Scales.EPSILON));
                HomeTraits previous = traits.putIfAbsent(home, t);
                if (previous != null && !previous.equals(t)) {
                    throw new DataFormatException(name, lineNo, "k or eps of home " + home + " changes over time");
                }
                windows = Math.max(windows, window + 1);
            } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
                throw new DataFormatException(name, lineNo, "malformed value: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(name, lineNo, e.getMessage(), e);
            }
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(name, 0, "no rows");
        }
        List<HomeProfile> homes = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : rows.entrySet()) {
            List<long[]> series = e.getValue();
            if (series.size() != windows) {
                throw new DataFormatException(name, 0, "home " + e.getKey() + " has " + series.size() + " of "
                        + windows + " windows");
            }
            long[] g = new long[windows];
            long[] l = new long[windows];
            long[] b = new long[windows];
            for (int t = 0; t < windows; t++) {
                g[t] = series.get(t)[0];
                l[t] = series.get(t)[1];
                b[t] = series.get(t)[2];
            }
            try {
                homes.add(new HomeProfile(e.getKey(), g, l, b, traits.get(e.getKey())));
            } catch (IllegalArgumentException ex) {
                throw new DataFormatException(name, 0, ex.getMessage(), ex);
            }
        }
        return new CommunityDay("inputs " + name, start, seconds, homes);
    }

    private static String decimal(long units, long scale) {
        return new BigDecimal(units).divide(BigDecimal.valueOf(scale)).stripTrailingZeros().toPlainString();
    }

    private static long units(String text, long scale) {
        return new BigDecimal(text.trim()).multiply(BigDecimal.valueOf(scale)).longValueExact();
    }
}
