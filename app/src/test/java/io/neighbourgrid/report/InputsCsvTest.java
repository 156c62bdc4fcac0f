package io.neighbourgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataFormatException;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsCsvTest {

    private static final CommunityDay COMMUNITY = SyntheticCommunity.builder().homes(5).windows(4).build()
            .generate();

    @Nested
    class Writing {

        @Test
        void rowsAreWindowsTimesHomesInKilowattHours() {
            String csv = InputsCsv.render(COMMUNITY);
            String[] lines = csv.split("\n");
            assertEquals(InputsCsv.HEADER, lines[0]);
            assertEquals(1 + 4 * 5, lines.length);
            String[] first = lines[1].split(",");
            assertEquals("0", first[0]);
            assertEquals("2025-01-15T11:00", first[1]);
            assertEquals("60", first[2]);
            assertEquals("home-001", first[3]);
            assertEquals(COMMUNITY.homes().get(0).load(0), Math.round(Double.parseDouble(first[5]) * 1e6));
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void readingBackGivesTheSameInputs(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("inputs.csv");
            InputsCsv.write(COMMUNITY, file);
            CommunityDay back = InputsCsv.read(file);
            assertEquals(COMMUNITY.homes(), back.homes());
            assertEquals(COMMUNITY.start(), back.start());
            assertEquals(COMMUNITY.windowSeconds(), back.windowSeconds());
        }

        @Test
        void aByteOrderMarkIsIgnoredAndPathsAreNamed(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("inputs.csv");
            java.nio.file.Files.writeString(file, "\uFEFF" + InputsCsv.render(COMMUNITY));
            assertEquals(COMMUNITY.homes(), InputsCsv.read(file).homes());
            assertEquals(dir + ": is a directory, not an inputs file",
                    assertThrows(DataFormatException.class, () -> InputsCsv.read(dir)).getMessage());
            assertEquals(dir.resolve("none.csv") + ": no such file", assertThrows(DataFormatException.class,
                    () -> InputsCsv.read(dir.resolve("none.csv"))).getMessage());
        }

        @Test
        void malformedFilesAreRejectedWithTheirLine() {
            String header = InputsCsv.HEADER + "\n";
            DataFormatException e = assertThrows(DataFormatException.class, () -> InputsCsv.read(new StringReader(
                    header + "0,2025-01-15T11:00,60,h,0.1,0.2,0,80,0.9\n1,2025-01-15T11:05,60,h,0.1,0.2,0,80,0.9\n"),
                    "x.csv"));
            assertEquals(3L, e.line());
            assertThrows(DataFormatException.class, () -> InputsCsv.read(new StringReader("a,b\n"), "x.csv"));
            DataFormatException precision = assertThrows(DataFormatException.class, () -> InputsCsv.read(
                    new StringReader(header + "0,2025-01-15T11:00,60,h,0.0000001,0.2,0,80,0.9\n"), "x.csv"));
            assertTrue(precision.getMessage().startsWith("x.csv:2:"));
        }
    }
}
