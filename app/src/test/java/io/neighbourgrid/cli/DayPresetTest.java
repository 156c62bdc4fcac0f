package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --day}: PEM's setting by default, options beside it win, and day.json from a short day. */
class DayPresetTest {
    @Test
    void theDayIsPemsSettingUnlessAnOptionSaysOtherwise() {
        RunSettings day = RunCommand.parse("--day");
        assertEquals(300, day.homes());
        assertEquals(720, day.windows());
        assertEquals(60, day.windowSeconds());
        assertEquals(2048, day.keyBits());
        assertEquals(LocalTime.MIDNIGHT, day.start());
        RunSettings shorter = RunCommand.parse("--windows", "5", "--day", "--homes", "12");
        assertEquals(12, shorter.homes());
        assertEquals(5, shorter.windows());
        assertEquals(2048, shorter.keyBits());
        assertEquals(50, RunCommand.parse().homes(), "without --day the default run is unchanged");
    }

    @Test
    void aShortDayWritesDayJsonWithItsWallTimeAndTheReferenceComparison(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", "--day", "--homes", "6", "--windows", "2", "--key-bits", "1024",
            "--start", "12:00", "--in-memory", "--quiet", "--out", dir.toString(), "--keys",
            dir.resolve("keys").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("precomputation included"));
        JsonObject day = JsonParser.parseString(Files.readString(dir.resolve("day.json"))).getAsJsonObject();
        assertEquals(6, day.get("homes").getAsInt());
        assertEquals(2, day.get("windows").getAsInt());
        assertTrue(day.get("wallSeconds").getAsDouble() > 0);
        // Midday windows clear a market (proofs, evaluation): their CPU time is well above the clock's tick.
        assertTrue(day.get("cpuMsPerWindow").getAsDouble() > 0);
        assertTrue(day.get("windowsEqualToReference").getAsBoolean());
        assertEquals(0, day.get("referenceMismatchedWindows").getAsInt());
        assertEquals(false, day.get("wholeDay").getAsBoolean());
        assertEquals(false, day.get("withinTarget").getAsBoolean(), "a short day claims no target");
    }
}
