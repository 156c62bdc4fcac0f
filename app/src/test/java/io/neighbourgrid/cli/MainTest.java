package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's exit codes and error messages, through {@link Main#run} in this process. */
class MainTest {
    /** What one invocation printed and returned. */
    record Outcome(int code, String out, String err) {
        /** Asserts exit code 2 and one {@code error:} line naming {@code option}, without a stack trace. */
        void assertUsageError(String option) {
            assertEquals(Main.USAGE, code, "exit code; stderr: " + err);
            assertOneErrorLine();
            assertTrue(err.contains(option), "message should name " + option + ": " + err);
        }

        void assertOneErrorLine() {
            String[] lines = err.strip().split("\\R");
            assertEquals(1, lines.length, "one line on stderr: " + err);
            assertTrue(lines[0].startsWith("error: "), err);
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "no stack trace: " + err);
        }
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Nested
    class KeyBits {
        @Test
        void tooSmallForTheMarketIsAUsageErrorWithTheRange() {
            Outcome o = run("run", "--key-bits", "512");
            o.assertUsageError("--key-bits");
            assertTrue(o.err().contains("[676, 8192]"), o.err());
            assertTrue(o.err().contains("got 512"), o.err());
        }

        @Test
        void oddIsAUsageError() {
            Outcome o = run("run", "--key-bits", "1025");
            o.assertUsageError("--key-bits");
            assertTrue(o.err().contains("even"), o.err());
        }

        @ParameterizedTest
        @CsvSource({"8194", "9000", "-2", "abc", "2048.0"})
        void otherBadSizesAreUsageErrors(String bits) {
            run("run", "--key-bits", bits).assertUsageError("--key-bits");
        }

        @Test
        void theBillingBenchNeedsTheBillingMinimum() {
            Outcome o = run("bench-billing", "--key-bits", "768");
            o.assertUsageError("--key-bits");
            assertTrue(o.err().contains("[1024, 8192]"), o.err());
        }
    }

    @Nested
    class Values {
        @Test
        void zeroHomesIsAUsageErrorWithTheRange() {
            Outcome o = run("run", "--homes", "0");
            o.assertUsageError("--homes");
            assertTrue(o.err().contains("[2, 100000]"), o.err());
        }

        @Test
        void aHomesCountThatIsNoNumberIsAUsageError() {
            Outcome o = run("run", "--homes", "abc");
            o.assertUsageError("--homes");
            assertTrue(o.err().contains("'abc'"), o.err());
        }

        @ParameterizedTest
        @CsvSource({"--windows,0", "--windows,x", "--window-seconds,0", "--window-seconds,86401", "--seed,1.5",
                "--threads,0", "--min-coalition,1", "--epoch-windows,0", "--deviation-rate,1.5",
                "--deviation-rate,NaN", "--ledger,paper", "--date,2024-13-01", "--start,25:00"})
        void everyOutOfRangeValueNamesItsOption(String option, String value) {
            run("run", option, value).assertUsageError(option);
        }

        @Test
        void theMarketBenchChecksEveryCommunitySize() {
            run("bench-market", "--homes", "20,x").assertUsageError("--homes");
            run("bench-market", "--homes", "20,1").assertUsageError("--homes");
        }

        @Test
        void anAuditWindowMustNotBeNegative() {
            run("audit", "--window", "-1").assertUsageError("--window");
        }
    }

    @Nested
    class Syntax {
        @Test
        void anUnknownOptionIsAUsageError() {
            Outcome o = run("run", "--colour", "blue");
            o.assertUsageError("--colour");
            assertTrue(o.err().contains("unknown option"), o.err());
        }

        @Test
        void aMissingValueIsAUsageError() {
            Outcome o = run("run", "--homes");
            o.assertUsageError("--homes");
            assertTrue(o.err().contains("needs a value"), o.err());
            run("run", "--homes", "--windows", "3").assertUsageError("--homes");
        }

        @Test
        void aFlagGivenAValueIsAUsageError() {
            run("run", "--quiet=yes").assertUsageError("--quiet");
        }

        @Test
        void aStrayArgumentIsAUsageError() {
            run("run", "50").assertUsageError("'50'");
        }

        @Test
        void anUnknownCommandIsAUsageError() {
            run("walk").assertUsageError("'walk'");
        }
    }

    @Nested
    class DataFile {
        @Test
        void aDirectoryIsAUsageError(@TempDir Path dir) {
            Outcome o = run("run", "--data", dir.toString());
            o.assertUsageError("--data");
            assertTrue(o.err().contains("directory"), o.err());
        }

        @Test
        void aMissingFileIsAUsageError(@TempDir Path dir) {
            Outcome o = run("run", "--data", dir.resolve("missing.csv").toString());
            o.assertUsageError("--data");
            assertTrue(o.err().contains("does not exist"), o.err());
        }
    }

    @Nested
    class Help {
        @Test
        void helpExitsZeroWithTheUsage() {
            for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"help"}, {}, {"bill", "--help"}}) {
                Outcome o = run(args);
                assertEquals(Main.OK, o.code(), String.join(" ", args));
                assertTrue(o.out().contains("--key-bits B"), o.out());
                assertTrue(o.out().contains("676 to 8192"), o.out());
                assertEquals("", o.err());
            }
        }
    }

    @Nested
    class Failures {
        @Test
        void anUnexpectedFailureIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
            Path notADirectory = Files.writeString(dir.resolve("keys"), "a file, not a directory");
            Outcome o = run("run", "--homes", "2", "--windows", "1", "--key-bits", "676", "--in-memory", "--quiet",
                    "--threads", "1", "--keys", notADirectory.toString(), "--out", dir.resolve("out").toString());
            assertEquals(Main.FAILED, o.code(), o.err());
            o.assertOneErrorLine();
            assertTrue(o.err().contains("--debug"), o.err());
        }

        @Test
        void withDebugTheStackTraceFollows(@TempDir Path dir) throws IOException {
            Path notADirectory = Files.writeString(dir.resolve("keys"), "a file, not a directory");
            Outcome o = run("run", "--debug", "--homes", "2", "--windows", "1", "--key-bits", "676", "--in-memory",
                    "--quiet", "--threads", "1", "--keys", notADirectory.toString(), "--out",
                    dir.resolve("out").toString());
            assertEquals(Main.FAILED, o.code(), o.err());
            assertTrue(o.err().startsWith("error: "), o.err());
            assertTrue(o.err().contains("\tat "), o.err());
        }
    }

    @Nested
    class Success {
        @Test
        void aTinyDayExitsZero(@TempDir Path dir) {
            Outcome o = run("run", "--homes", "4", "--windows", "2", "--key-bits", "768", "--in-memory", "--quiet",
                    "--threads", "2", "--keys", dir.resolve("keys").toString(), "--out",
                    dir.resolve("out").toString());
            assertEquals(Main.OK, o.code(), o.err());
            assertTrue(o.out().contains("4 homes x 2 windows"), o.out());
            assertTrue(Files.exists(dir.resolve("out").resolve("report.html")));
        }
    }
}
