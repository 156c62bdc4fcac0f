package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UciHouseholdLoaderTest {

    private static final String HEADER = "Date;Time;Global_active_power;Global_reactive_power;Voltage;"
            + "Global_intensity;Sub_metering_1;Sub_metering_2;Sub_metering_3";

    private static MeterSeries parse(String... lines) throws Exception {
        return UciHouseholdLoader.parse(new StringReader(String.join("\n", lines)), "household.txt");
    }

    @Nested
    class Format {

        @Test
        void kilowattMinutesBecomeEnergy() throws Exception {
            MeterSeries s = parse(HEADER, "16/12/2006;17:24:00;4.216;0.418;234.840;18.400;0.000;1.000;17.000",
                    "16/12/2006;17:25:00;6.000;0.436;233.630;23.000;0.000;1.000;16.000");
            assertEquals(LocalDateTime.of(2006, 12, 16, 17, 24), s.start());
            assertEquals(60L, s.stepSeconds());
            assertEquals(70_267L, s.load(0)); // 4.216 kW for a minute = 0.0702667 kWh
            assertEquals(100_000L, s.load(1));
            assertFalse(s.hasGeneration());
            assertEquals(0, s.estimatedSteps());
        }

        @Test
        void missingReadingsAndMinutesTakeTheLastValue() throws Exception {
            MeterSeries s = parse("1/1/2007;00:00:00;0.600;0;0;0;0;0;0", "1/1/2007;00:01:00;?;?;?;?;?;?;",
                    "1/1/2007;00:04:00;1.200;0;0;0;0;0;0");
            assertEquals(5, s.steps());
            assertEquals(10_000L, s.load(1));
            assertEquals(10_000L, s.load(3));
            assertEquals(20_000L, s.load(4));
            assertEquals(3, s.estimatedSteps());
        }

        @Test
        void headerIsOptional() throws Exception {
            assertEquals(1, parse("1/1/2007;00:00:00;0.600;0;0;0;0;0;0").steps());
        }
    }

    @Nested
    class Errors {

        @Test
        void timeGoingBackwardsIsRejectedWithItsLine() {
            DataFormatException e = assertThrows(DataFormatException.class, () -> parse(HEADER,
                    "1/1/2007;00:01:00;0.6;0;0;0;0;0;0", "1/1/2007;00:00:00;0.6;0;0;0;0;0;0"));
            assertEquals(3L, e.line());
            assertEquals("household.txt", e.file());
        }

        @Test
        void badNumbersAndTimesAreRejected() {
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("1/1/2007;00:00:00;zero;0;0;0;0;0;0")).line());
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("1/1/2007;00:00:30;0.5;0;0;0;0;0;0")).line());
            assertEquals(1L, assertThrows(DataFormatException.class,
                    () -> parse("2007-01-01;00:00:00;0.5;0;0;0;0;0;0")).line());
            assertEquals(1L, assertThrows(DataFormatException.class, () -> parse("1/1/2007;00:00:00")).line());
        }
    }

    @Test
    void daysOfTheHouseWithSyntheticPvFormACommunity(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int day = 13; day <= 15; day++) {
            for (int minute = 0; minute < 1440; minute++) {
                text.append(String.format(java.util.Locale.ROOT, "%d/1/2007;%02d:%02d:00;%.3f;0;0;0;0;0;0%n", day,
                        minute / 60, minute % 60, 0.3 + (minute % 7) / 10.0));
            }
        }
        Path file = Files.writeString(dir.resolve("household_power_consumption.txt"), text);
        MeterSeries s = UciHouseholdLoader.load(file);
        assertEquals(3 * 1440, s.steps());
        CommunityDay c = MeterCommunity.byDays(s, LocalDate.of(2007, 1, 13), 3, LocalTime.of(11, 0), 60, 60,
                new MeterCommunity.Options(3L, 2.0, 1.0));
        assertEquals(3, c.homes().size());
        assertEquals("uci-20070115", c.homes().get(2).homeId());
        for (HomeProfile h : c.homes()) {
            assertTrue(IntStream.range(0, 60).mapToLong(h::generation).sum() > 0, "synthetic PV at midday");
            assertTrue(h.hasBattery());
        }
        CommunityDay bare = MeterCommunity.byDays(s, LocalDate.of(2007, 1, 13), 3, LocalTime.of(11, 0), 60, 60,
                MeterCommunity.Options.defaults());
        assertEquals(0L, bare.homes().stream().mapToLong(h -> IntStream.range(0, 60).mapToLong(h::generation)
                .sum()).sum());
    }
}
