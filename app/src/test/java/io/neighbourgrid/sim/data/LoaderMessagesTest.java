package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users meet when a data file is not as expected: every message names the file, the line and the cause.
 */
class LoaderMessagesTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String UCI_HEADER = "Date;Time;Global_active_power;Global_reactive_power;Voltage;"
            + "Global_intensity;Sub_metering_1;Sub_metering_2;Sub_metering_3";

    @TempDir
    Path dir;

    /** A wide row whose half hour s holds {@code base + s} thousandths of a kWh. */
    private static String row(int customer, String category, String date, int base) {
        String values = IntStream.range(0, 48).mapToObj(s -> String.format(Locale.ROOT, "%.3f", (base + s) / 1000.0))
                .collect(Collectors.joining(","));
        return customer + ",2.5,2076," + category + "," + date + "," + values + ",";
    }

    /** GC and GG rows of customer 1 for each date. */
    private static String wide(String... dates) {
        StringBuilder sb = new StringBuilder();
        for (String d : dates) {
            sb.append(row(1, "GC", d, 100)).append('\n').append(row(1, "GG", d, 0)).append('\n');
        }
        return sb.toString();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path writeWithBom(String name, String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(BOM);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static void assertSameSeries(MeterSeries a, MeterSeries b) {
        assertEquals(a.id(), b.id());
        assertEquals(a.start(), b.start());
        assertEquals(a.steps(), b.steps());
        for (int i = 0; i < a.steps(); i++) {
            assertEquals(a.load(i), b.load(i), "load of step " + i);
            assertEquals(a.generation(i), b.generation(i), "generation of step " + i);
        }
    }

    @Nested
    class ByteOrderMark {

        @Test
        void aWideFileWithBomLoadsTheSameAsWithout() throws Exception {
            String text = wide("1/07/2012", "2/07/2012", "3/07/2012");
            List<MeterSeries> plain = AusgridLoader.load(write("customer1.csv", text));
            List<MeterSeries> bom = AusgridLoader.load(writeWithBom("customer1-bom.csv", text));
            assertSameSeries(plain.get(0), bom.get(0));
            assertEquals(LocalDateTime.of(2012, 7, 1, 0, 0), bom.get(0).start());
        }

        @Test
        void aWideFileWithTitleHeaderAndBomLoads() throws Exception {
            String header = "Customer,Generator Capacity,Postcode,Consumption Category,date,"
                    + IntStream.rangeClosed(1, 48).mapToObj(i -> {
                        int m = (i * 30) % 1440;
                        return String.format(Locale.ROOT, "%d:%02d", m / 60, m % 60);
                    }).collect(Collectors.joining(",")) + ",Row Quality";
            String text = "Solar home half-hour data - 1 July 2012 to 30 June 2013\n" + header + "\n"
                    + wide("1/07/2012");
            assertSameSeries(AusgridLoader.load(write("a.csv", text)).get(0),
                    AusgridLoader.load(writeWithBom("b.csv", text)).get(0));
        }

        @Test
        void aDerivedFileWithBomLoadsTheSameAsWithout() throws Exception {
            String text = ",GC,GG\n2011-07-01 00:00:00,0.392,0.0\n2011-07-01 00:30:00,0.578,1.5\n";
            MeterSeries plain = AusgridLoader.load(write("customer12_a.csv", text)).get(0);
            MeterSeries bom = AusgridLoader.load(writeWithBom("customer12_b.csv", text)).get(0);
            assertSameSeries(plain, bom);
            assertEquals("ausgrid-12", bom.id());
            assertEquals(750_000L, bom.generation(1));
        }

        @Test
        void aUciFileWithBomLoadsTheSameAsWithout() throws Exception {
            String text = UCI_HEADER + "\n16/12/2006;17:24:00;4.216;0.418;234.840;18.400;0.000;1.000;17.000\n"
                    + "16/12/2006;17:25:00;6.000;0.436;233.630;23.000;0.000;1.000;16.000\n";
            MeterSeries plain = UciHouseholdLoader.load(write("household.txt", text));
            MeterSeries bom = UciHouseholdLoader.load(writeWithBom("household-bom.txt", text));
            assertSameSeries(plain, bom);
            assertEquals(70_267L, bom.load(0));
        }

        @Test
        void textThatIsNotUtf8IsReportedWithItsLine() throws Exception {
            byte[] latin1 = ("Solar home data\n" + row(1, "GC", "1/07/2012", 1) + "\ncaf\u00e9\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            Path file = Files.write(dir.resolve("latin1.csv"), latin1);
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(file));
            assertEquals(3L, e.line());
            assertEquals(file + ":3: not UTF-8 text (save the file as UTF-8)", e.getMessage());
        }
    }

    @Nested
    class DateOrder {

        @Test
        void usStyleDatesThatCannotBeToldApartAreRefused() throws Exception {
            // 6/1/2017 and 7/1/2017 could be 6 and 7 January or 1 June and 1 July
            Path file = write("us.csv", wide("6/1/2017", "7/1/2017"));
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(file));
            assertEquals(file.toString(), e.file());
            assertEquals(1L, e.line());
            assertEquals(file + ":1: the order of day and month is ambiguous: '6/1/2017' could be 6 January 2017 "
                    + "or 1 June 2017, and no date in the file has a day above 12 to decide; write the dates d/mm/yyyy "
                    + "with the month in two digits (e.g. 6/01/2017 for 6 January) or DDMMMYYYY (06JAN2017)",
                    e.getMessage());
        }

        @Test
        void aDayAboveTwelveDecidesDayFirstForTheWholeFileAndIsReported() throws Exception {
            List<MeterSeries> series = AusgridLoader.load(write("dayfirst.csv",
                    wide("12/1/2017", "13/1/2017", "14/1/2017")));
            MeterSeries s = series.get(0);
            assertEquals(LocalDateTime.of(2017, 1, 12, 0, 0), s.start());
            assertEquals(3 * 48, s.steps());
            Assumption a = s.assumptions().get(0);
            assertEquals(Assumption.DATE_ORDER, a.kind());
            assertEquals("Dates in dayfirst.csv were read day first (d/mm/yyyy): '13/1/2017' on line 3 can only "
                    + "be day/month/year.", a.description());
        }

        @Test
        void aSecondFieldAboveTwelveDecidesMonthFirstAndIsReported() throws Exception {
            MeterSeries s = AusgridLoader.load(write("us-long.csv", wide("1/12/2017", "1/13/2017", "1/14/2017")))
                    .get(0);
            assertEquals(LocalDateTime.of(2017, 1, 12, 0, 0), s.start());
            assertEquals(3 * 48, s.steps());
            assertEquals(List.of("Dates in us-long.csv were read month first (m/dd/yyyy): '1/13/2017' on line 3 "
                    + "can only be month/day/year."), s.assumptions().stream().map(Assumption::description)
                    .collect(Collectors.toList()));
        }

        @Test
        void datesThatContradictEachOtherAreRefused() throws Exception {
            Path file = write("mixed.csv", wide("13/1/2017") + row(2, "GC", "1/14/2017", 1) + "\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(file));
            assertEquals(3L, e.line());
            assertTrue(e.problem().startsWith("dates mix day-first and month-first order: '13/1/2017' (line 1)"),
                    e.problem());
        }

        @Test
        void ausgridsOwnSpellingLeavesNoDoubtEvenBeforeThe13th() throws Exception {
            MeterSeries s = AusgridLoader.load(write("customer1.csv", wide("1/07/2012", "2/07/2012"))).get(0);
            assertEquals(LocalDate.of(2012, 7, 1), s.start().toLocalDate());
            assertEquals(2 * 48, s.steps());
            assertEquals(Assumption.DATE_ORDER, s.assumptions().get(0).kind());
            assertTrue(s.assumptions().get(0).description().contains("written d/mm/yyyy as Ausgrid documents"),
                    s.assumptions().get(0).description());
        }

        @Test
        void datesThatReadTheSameBothWaysNeedNoDecision() throws Exception {
            MeterSeries s = AusgridLoader.load(write("c.csv", wide("3/3/2012"))).get(0);
            assertEquals(LocalDate.of(2012, 3, 3), s.start().toLocalDate());
            assertTrue(s.assumptions().isEmpty());
        }

        @Test
        void aUciFileWithoutADayAboveTwelveIsRefused() throws Exception {
            Path file = write("household.txt", UCI_HEADER + "\n6/1/2007;23:59:00;1;0;0;0;0;0;0\n"
                    + "7/1/2007;00:00:00;1;0;0;0;0;0;0\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> UciHouseholdLoader.load(file));
            assertEquals(2L, e.line());
            assertTrue(e.getMessage().startsWith(file + ":2: the order of day and month is ambiguous: '6/1/2007' "
                    + "could be 6 January 2007 or 1 June 2007"), e.getMessage());
        }

        @Test
        void aUciFileIsReadInTheOrderItsDatesShowAndSaysSo() throws Exception {
            MeterSeries s = UciHouseholdLoader.load(write("household.txt", UCI_HEADER
                    + "\n12/31/2006;23:59:00;1;0;0;0;0;0;0\n1/1/2007;00:00:00;1;0;0;0;0;0;0\n"));
            assertEquals(LocalDateTime.of(2006, 12, 31, 23, 59), s.start());
            assertEquals(2, s.steps());
            assertEquals("Dates in household.txt were read month first (m/dd/yyyy): '12/31/2006' on line 2 can only "
                    + "be month/day/year.", s.assumptions().get(0).description());
        }
    }

    @Nested
    class Layout {

        @Test
        void aFileOfAnotherLayoutIsNamedAsSuchWithTheLayoutsExpected() throws Exception {
            Path file = write("prices.csv", "region,price,volume\nNSW,82.5,1200\nVIC,75.0,900\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(file));
            assertEquals(1L, e.line());
            String m = e.getMessage();
            assertTrue(m.startsWith(file + ":1: not a recognised data file: line 1 is 'region,price,volume'; "
                    + "expected one of these layouts: Ausgrid solar home data, original wide layout ("), m);
            assertTrue(m.contains("; Ausgrid solar home data, derived 30-minute layout ("), m);
            assertTrue(m.contains("; UCI individual household electric power consumption ("), m);
            assertEquals(m, assertThrows(DataFormatException.class, () -> MeterFiles.load(file)).getMessage());
            assertEquals(m, assertThrows(DataFormatException.class, () -> UciHouseholdLoader.load(file))
                    .getMessage());
        }

        @Test
        void eachLoaderNamesTheLayoutItWasGivenInsteadOfFailingOnAColumn() throws Exception {
            Path uci = write("household.txt", UCI_HEADER + "\n16/12/2006;17:24:00;4.216;0;0;0;0;0;0\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(uci));
            assertEquals(uci + ": is UCI individual household electric power consumption, not Ausgrid solar home "
                    + "data; read it with UciHouseholdLoader (or MeterFiles, which recognises the layout)",
                    e.getMessage());
            Path ausgrid = write("customer1.csv", wide("1/07/2012"));
            e = assertThrows(DataFormatException.class, () -> UciHouseholdLoader.load(ausgrid));
            assertTrue(e.getMessage().startsWith(ausgrid + ": is Ausgrid solar home data, original wide layout, not "
                    + "UCI household power data"), e.getMessage());
        }

        @Test
        void meterFilesRecognisesEveryLayout() throws Exception {
            Path uci = write("household.txt", UCI_HEADER + "\n16/12/2006;17:24:00;4.216;0;0;0;0;0;0\n");
            Path wide = write("customer1.csv", wide("1/07/2012"));
            Path derived = write("customer12.csv", ",GC,GG\n2011-07-01 00:00:00,0.392,0.0\n");
            assertEquals(DataLayout.UCI_HOUSEHOLD, DataLayout.of(uci));
            assertEquals(DataLayout.AUSGRID_WIDE, DataLayout.of(wide));
            assertEquals(DataLayout.AUSGRID_DERIVED, DataLayout.of(derived));
            assertEquals("uci", MeterFiles.load(uci).get(0).id());
            assertEquals(DataLayout.AUSGRID_WIDE, MeterFiles.load(wide).get(0).layout().orElseThrow());
            assertEquals("ausgrid-12", MeterFiles.load(derived).get(0).id());
        }

        @Test
        void misalignedColumnsAreReportedAsABadDateWithColumnAndLine() throws Exception {
            // the second row lacks its postcode: a half-hour value sits where the date should be
            String shifted = "1,2.5,GC,1/07/2012,0.298383," + IntStream.range(0, 47).mapToObj(s -> "0.1")
                    .collect(Collectors.joining(",")) + ",";
            Path file = write("shifted.csv", row(1, "GG", "1/07/2012", 0) + "\n" + shifted + "\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(file));
            assertEquals(2L, e.line());
            assertEquals(file + ":2: column 5 (date) is '0.298383', not a date (d/mm/yyyy or DDMMMYYYY); the columns "
                    + "are misaligned: the date is in column 4 ('1/07/2012'); expected Customer, Generator Capacity, "
                    + "Postcode, Consumption Category, date, 48 half-hour values, Row Quality", e.getMessage());
        }

        @Test
        void aDayThatIsNotInTheCalendarIsSaidToBeSo() throws Exception {
            Path file = write("june.csv", wide("30/06/2017") + row(1, "GC", "31/06/2017", 1) + "\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(file));
            assertEquals(file.toString(), e.file());
            assertEquals(3L, e.line());
            assertEquals(file + ":3: column 5 (date) '31/06/2017' is not a calendar date: June 2017 has 30 days "
                    + "(dates are read day first (d/mm/yyyy))", e.getMessage());
        }

        @Test
        void otherCalendarMistakesAreSaidToBeSoToo() throws Exception {
            DataFormatException e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(
                    write("feb.csv", wide("31FEB2012"))));
            assertEquals("column 5 (date) '31FEB2012' is not a calendar date", e.problem());
            e = assertThrows(DataFormatException.class, () -> AusgridLoader.load(write("customer3.csv",
                    ",GC,GG\n2011-06-30 23:30:00,0.1,0\n2011-06-31 00:00:00,0.1,0\n")));
            assertEquals(3L, e.line());
            assertEquals("column 1 (timestamp) '2011-06-31 00:00:00' is not a calendar date and time", e.problem());
            e = assertThrows(DataFormatException.class, () -> UciHouseholdLoader.load(write("h.txt", UCI_HEADER
                    + "\n16/12/2006;17:24:00;1;0;0;0;0;0;0\n31/11/2006;17:25:00;1;0;0;0;0;0;0\n")));
            assertEquals(3L, e.line());
            assertEquals("column 1 (Date) '31/11/2006' is not a calendar date: November 2006 has 30 days (dates are "
                    + "read day first (d/mm/yyyy))", e.problem());
        }
    }

    @Nested
    class Paths {

        @Test
        void aDirectoryIsNamedAsSuchByEveryLoader() {
            String expected = dir + ": is a directory, not a data file (give the path of an Ausgrid solar home CSV "
                    + "file or a UCI household power file)";
            assertEquals(expected, assertThrows(DataFormatException.class, () -> AusgridLoader.load(dir))
                    .getMessage());
            assertEquals(expected, assertThrows(DataFormatException.class, () -> UciHouseholdLoader.load(dir))
                    .getMessage());
            assertEquals(expected, assertThrows(DataFormatException.class, () -> MeterFiles.load(dir))
                    .getMessage());
            assertEquals(expected, assertThrows(DataFormatException.class, () -> DataLayout.of(dir)).getMessage());
            assertEquals(dir.toString(), assertThrows(DataFormatException.class, () -> AusgridLoader.load(dir))
                    .file());
        }

        @Test
        void aMissingFileIsNamed() {
            Path missing = dir.resolve("no-such.csv");
            DataFormatException e = assertThrows(DataFormatException.class, () -> MeterFiles.load(missing));
            assertEquals(missing + ": no such file", e.getMessage());
        }
    }
}
