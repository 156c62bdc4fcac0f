package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AusgridLoaderTest {

    /** The real extracts, relative to the project root (the parent of this module). */
    private static final Path DATA = Paths.get("").toAbsolutePath().getParent()
            .resolve("../shared/data/ausgrid").normalize();
    private static final String CUSTOMER1 = "customer1_2012-07-01_to_2012-12-13_original_wide_format_noheader.csv";
    private static final String CUSTOMER12 = "customer12_2011-07-01_to_2012-06-30_GC_GG_30min.csv";

    private static final String HEADER = "Customer,Generator Capacity,Postcode,Consumption Category,date,"
            + IntStream.rangeClosed(1, 48).mapToObj(i -> {
                int minutes = (i * 30) % 1440;
                return String.format(Locale.ROOT, "%d:%02d", minutes / 60, minutes % 60);
            }).collect(Collectors.joining(",")) + ",Row Quality";

    /** A wide row whose half hour s holds {@code base + s} thousandths of a kWh. */
    private static String row(int customer, String category, String date, int base, String quality) {
        String values = IntStream.range(0, 48).mapToObj(s -> String.format(Locale.ROOT, "%.3f", (base + s) / 1000.0))
                .collect(Collectors.joining(","));
        return customer + ",2.5,2076," + category + "," + date + "," + values + "," + quality;
    }

    private static List<MeterSeries> parse(String name, String... lines) throws Exception {
        return AusgridLoader.parse(new StringReader(String.join("\n", lines) + "\n"), name);
    }

    @Nested
    class WideLayout {

        @Test
        void loadIsGeneralPlusControlledAndGenerationIsGross() throws Exception {
            List<MeterSeries> series = parse("wide.csv",
                    row(7, "CL", "1/07/2012", 100, ""),
                    row(7, "GC", "1/07/2012", 200, ""),
                    row(7, "GG", "1/07/2012", 0, ""),
                    row(7, "GC", "2/07/2012", 300, "NA"),
                    row(7, "GG", "2/07/2012", 10, "NA"));
            MeterSeries s = series.get(0);
            assertEquals("ausgrid-7", s.id());
            assertEquals(LocalDateTime.of(2012, 7, 1, 0, 0), s.start());
            assertEquals(96, s.steps());
            assertEquals(300_000L, s.load(0)); // 0.100 + 0.200 kWh, the half hour 0:00-0:30
            assertEquals(394_000L, s.load(47)); // 0.147 + 0.247, the half hour 23:30-24:00
            assertEquals(300_000L, s.load(48)); // no CL row on the second day
            assertEquals(47_000L, s.generation(47));
            assertEquals(10_000L, s.generation(48));
            assertEquals(2.5, s.capacityKw().orElseThrow());
            assertEquals(48, s.estimatedSteps());
        }

        @Test
        void titleAndColumnHeaderAreAccepted() throws Exception {
            List<MeterSeries> series = parse("with-header.csv", "Solar home half-hour data - 1 July 2012 to 30 June 2013",
                    HEADER, row(3, "GC", "1/07/2012", 1, ""), row(1, "GC", "1/07/2012", 2, ""));
            assertEquals(List.of("ausgrid-1", "ausgrid-3"),
                    series.stream().map(MeterSeries::id).collect(Collectors.toList()));
        }

        @Test
        void unknownCategoryIsReportedWithItsLine() {
            DataFormatException e = assertThrows(DataFormatException.class, () -> parse("bad.csv",
                    row(1, "GC", "1/07/2012", 1, ""), row(1, "XX", "1/07/2012", 1, "")));
            assertEquals("bad.csv", e.file());
            assertEquals(2L, e.line());
            assertTrue(e.getMessage().startsWith("bad.csv:2: "), e.getMessage());
            assertTrue(e.problem().contains("XX"));
        }

        @Test
        void malformedRowsAreRejected() {
            String good = row(1, "GC", "1/07/2012", 1, "");
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("f", good.replace(",0.001,", ",-0.001,"))).line());
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("f", good.replace(",0.001,", ",abc,"))).line());
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("f", good.replace("1/07/2012", "31/02/2012"))).line());
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("f", good.substring(0, good.lastIndexOf(",0.")))).line());
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("f", row(1, "GC", "1/07/2012", 1, "XQ"))).line());
            assertEquals(2L, assertThrows(DataFormatException.class,
                    () -> parse("f", good, good)).line());
        }

        @Test
        void aMissingDayIsRejected() {
            DataFormatException e = assertThrows(DataFormatException.class, () -> parse("gap.csv",
                    row(1, "GC", "1/07/2012", 1, ""), row(1, "GC", "3/07/2012", 1, "")));
            assertTrue(e.problem().contains("2012-07-02"), e.problem());
        }

        @Test
        void otherDateSpellingsAreAccepted() throws Exception {
            MeterSeries s = parse("f", row(1, "GC", "01JUL2012", 1, "")).get(0);
            assertEquals(LocalDate.of(2012, 7, 1), s.start().toLocalDate());
        }
    }

    @Nested
    class DerivedLayout {

        @Test
        void averageKilowattsBecomeHalfHourEnergy() throws Exception {
            MeterSeries s = parse("customer42_x.csv", ",GC,GG", "2011-07-01 00:00:00,0.392,0.0",
                    "2011-07-01 00:30:00,0.48200000000000004,1.5").get(0);
            assertEquals("ausgrid-42", s.id());
            assertEquals(LocalDateTime.of(2011, 7, 1, 0, 0), s.start());
            assertEquals(196_000L, s.load(0));
            assertEquals(241_000L, s.load(1));
            assertEquals(750_000L, s.generation(1));
        }

        @Test
        void aGapBetweenHalfHoursIsRejected() {
            DataFormatException e = assertThrows(DataFormatException.class, () -> parse("customer1.csv", ",GC,GG",
                    "2011-07-01 00:00:00,0.1,0.0", "2011-07-01 01:00:00,0.1,0.0"));
            assertEquals(3L, e.line());
        }
    }

    @Nested
    class RealExtracts {

        @Test
        void customerOneWideFileLoadsAllDays() throws Exception {
            Path file = DATA.resolve(CUSTOMER1);
            Assumptions.assumeTrue(Files.isReadable(file), "Ausgrid extract not present at " + file);
            MeterSeries s = AusgridLoader.load(file).get(0);
            assertEquals("ausgrid-1", s.id());
            assertEquals(166 * 48, s.steps());
            assertEquals(LocalDateTime.of(2012, 7, 1, 0, 0), s.start());
            assertEquals(3.78, s.capacityKw().orElseThrow());
            assertEquals(855_000L + 1_250_000L, s.load(0)); // GC 0.855 + CL 1.25
            assertEquals(6_000L, s.generation(14));
            // totals agree with the file, read independently
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            long gg = lines.stream().filter(l -> l.contains(",GG,")).flatMap(l -> Arrays.stream(l.split(","))
                    .skip(5).limit(48)).mapToLong(v -> Math.round(Double.parseDouble(v) * 1e6)).sum();
            assertEquals(gg, IntStream.range(0, s.steps()).mapToLong(s::generation).sum());
        }

        @Test
        void customerTwelveDerivedFileLoadsAYear() throws Exception {
            Path file = DATA.resolve(CUSTOMER12);
            Assumptions.assumeTrue(Files.isReadable(file), "Ausgrid extract not present at " + file);
            MeterSeries s = AusgridLoader.load(file).get(0);
            assertEquals("ausgrid-12", s.id());
            assertEquals(366 * 48, s.steps());
            assertEquals(196_000L, s.load(0));
            assertTrue(s.hasGeneration());
        }

        @Test
        void daysOfOneCustomerFormACommunity() throws Exception {
            Path file = DATA.resolve(CUSTOMER1);
            Assumptions.assumeTrue(Files.isReadable(file), "Ausgrid extract not present at " + file);
            MeterSeries s = AusgridLoader.load(file).get(0);
            CommunityDay c = MeterCommunity.byDays(s, LocalDate.of(2012, 7, 1), 20, LocalTime.of(11, 0), 60, 60,
                    MeterCommunity.Options.defaults());
            assertEquals(20, c.homes().size());
            assertEquals("ausgrid-1-20120701", c.homes().get(0).homeId());
            // the 60 one-minute windows from 11:00 hold exactly the half hours 11:00-11:30 and 11:30-12:00
            HomeProfile first = c.homes().get(0);
            long load = IntStream.range(0, 60).mapToLong(first::load).sum();
            assertEquals(s.load(22) + s.load(23), load);
            long generation = IntStream.range(0, 60).mapToLong(first::generation).sum();
            assertEquals(s.generation(22) + s.generation(23), generation);
        }
    }

    @Test
    void loadReadsFromAFile(@TempDir Path dir) throws IOException, DataFormatException {
        Path file = dir.resolve("customer5.csv");
        Files.writeString(file, row(5, "GC", "1/07/2012", 1, "") + "\n", StandardCharsets.US_ASCII);
        assertEquals("ausgrid-5", AusgridLoader.load(file).get(0).id());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> AusgridLoader.load(Files.writeString(dir.resolve("empty.csv"), "")));
        assertEquals(dir.resolve("empty.csv").toString(), e.file());
        assertTrue(e.getMessage().startsWith(dir.resolve("empty.csv") + ": file is empty"), e.getMessage());
    }
}
