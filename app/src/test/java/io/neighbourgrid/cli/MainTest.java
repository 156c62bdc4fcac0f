package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.Passphrases;
import io.neighbourgrid.sim.bids.BidMode;
import io.neighbourgrid.sim.bids.StrategicHomes;
import io.neighbourgrid.sim.bids.Strategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
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
            assertTrue(o.err().contains("[1024, 8192]"), o.err());
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
                "--deviation-rate,NaN", "--ledger,paper", "--date,2024-13-01", "--start,25:00", "--bids,forecast",
                "--bids,forecast:arima", "--coalitions,core", "--coalition-block,0", "--strategic,3", "--strategic,0:learning", "--strategic,2:bluff"})
        void everyOutOfRangeValueNamesItsOption(String option, String value) {
            run("run", option, value).assertUsageError(option);
        }

        @Test
        void strategicHomesMustExist() {
            run("run", "--homes", "4", "--strategic", "5:learning", "--in-memory").assertUsageError("--strategic");
        }

        @Test
        void coalitionsTakeAtMostTheHomesTheSearchCovers() {
            run("run", "--homes", "17", "--coalitions", "merge-split", "--in-memory").assertUsageError("--coalitions");
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
            assertTrue(o.err().contains("missing required parameter"), o.err());
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
        void anUnknownCommandIsAUsageErrorListingTheCommands() {
            Outcome o = run("walk");
            o.assertUsageError("'walk'");
            assertTrue(o.err().contains("unknown command"), o.err());
            assertTrue(o.err().contains("run, bench-market, bill, audit, bench-billing"), o.err());
        }

        @Test
        void anUnknownOptionOfTheTopCommandIsAUsageError() {
            run("--colour").assertUsageError("--colour");
        }

        @Test
        void theHintPointsToTheHelp() {
            assertTrue(run("run", "--homes", "0").err().strip().endsWith("(see --help)"));
        }
    }

    @Nested
    class AuditAndBill {
        @Test
        void anAuditNeedsWhatToAudit() {
            Outcome o = run("audit");
            o.assertUsageError("--window");
            assertTrue(o.err().contains("--all") && o.err().contains("--home"), o.err());
        }

        @Test
        void anAuditTakesOneSubjectOnly() {
            run("audit", "--window", "1", "--all").assertUsageError("--window");
            run("audit", "--window", "1", "--home", "h1", "--period", "0-1").assertUsageError("--home");
        }

        @Test
        void anAuditOfAHomeNeedsAPeriod() {
            run("audit", "--home", "h1").assertUsageError("--period");
        }

        @ParameterizedTest
        @CsvSource({"5-3", "x-3", "3", "1-2-3", "-1-2"})
        void aPeriodMustBeFromTo(String period) {
            run("audit", "--home", "h1", "--period", period).assertUsageError("--period");
            run("bill", "--home", "h1", "--period", period).assertUsageError("--period");
        }

        @Test
        void aBillNeedsAHomeAndAPeriod() {
            run("bill", "--period", "0-3").assertUsageError("--home");
            run("bill", "--home", "h1").assertUsageError("--period");
        }

        @Test
        void aLedgerThatIsNotThereIsAUsageError(@TempDir Path dir) {
            Outcome o = run("audit", "--all", "--out", dir.toString());
            o.assertUsageError(dir.resolve("ledger").toString());
            assertTrue(o.err().contains("run --bills"), o.err());
            run("bill", "--home", "h1", "--period", "0-1", "--out", dir.toString())
                    .assertUsageError(dir.resolve("ledger").toString());
        }

        @Test
        void theLedgerKindIsChecked() {
            run("audit", "--all", "--ledger", "paper").assertUsageError("--ledger");
        }
    }

    @Nested
    class Benches {
        @Test
        void theBillingBenchChecksItsRanges() {
            run("bench-billing", "--homes", "0").assertUsageError("--homes");
            run("bench-billing", "--windows", "4097").assertUsageError("--windows");
            run("bench-billing", "--deviation-rate", "-0.1").assertUsageError("--deviation-rate");
            run("bench-billing", "--threads", "257").assertUsageError("--threads");
        }

        @Test
        void theMarketBenchChecksItsRanges() {
            run("bench-market", "--windows", "100001").assertUsageError("--windows");
            run("bench-market", "--key-bits", "600").assertUsageError("--key-bits");
            run("bench-market", "--threads", "0").assertUsageError("--threads");
        }
    }

    @Nested
    class Settings {
        @Test
        void theDefaultsOfRunAreTheDocumentedOnes() {
            RunSettings s = RunCommand.parse();
            assertEquals(50, s.homes());
            assertEquals(60, s.windows());
            assertEquals(60, s.windowSeconds());
            assertEquals(RunSettings.DEFAULT_KEY_BITS, s.keyBits());
            assertEquals(1, s.seed());
            assertEquals(LocalTime.of(11, 0), s.start());
            assertEquals(Path.of("out"), s.out());
            assertEquals(Converters.LedgerKind.EMBEDDED, s.ledger());
            assertEquals(Path.of("network/generated"), s.network());
            assertEquals(RunSettings.defaultKeys(), s.keys());
            assertEquals(RunSettings.defaultThreads(), s.threads());
            assertEquals(2, s.minCoalition());
            assertEquals(60, s.epochWindows());
            assertEquals(0.1, s.deviationRate());
            assertFalse(s.inMemory() || s.quiet() || s.bills());
            assertEquals(null, s.data());
            assertEquals(null, s.date());
            assertEquals(BidMode.REALISED, s.bids());
            assertEquals(null, s.strategic());
        }

        @Test
        void bidsAndStrategicHomesParse() {
            RunSettings s = RunCommand.parse("--bids", "forecast:profile", "--strategic", "2:learning");
            assertEquals(BidMode.PROFILE, s.bids());
            assertEquals(new StrategicHomes(2, Strategy.LEARNING), s.strategic());
        }

        @Test
        void valuesAreTakenInEitherFormAndNegativeSeedsAreNumbers() {
            RunSettings s = RunCommand.parse("--homes=7", "--windows", "3", "--seed", "-5", "--ledger=fabric",
                    "--start", "09:30", "--date", "2024-02-29", "--key-bits", "1024", "--quiet", "--bills");
            assertEquals(7, s.homes());
            assertEquals(3, s.windows());
            assertEquals(-5, s.seed());
            assertEquals(Converters.LedgerKind.FABRIC, s.ledger());
            assertEquals(LocalTime.of(9, 30), s.start());
            assertEquals(LocalDate.of(2024, 2, 29), s.date());
            assertEquals(1024, s.keyBits());
            assertTrue(s.quiet() && s.bills());
        }

        @Test
        void anOptionGivenTwiceTakesItsLastValue() {
            assertEquals(8, RunCommand.parse("--homes", "6", "--homes", "8").homes());
            run("run", "--homes", "6", "--homes", "0").assertUsageError("--homes");
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
        void helpExitsZeroWithTheCommands() {
            for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {}}) {
                Outcome o = run(args);
                assertEquals(Main.OK, o.code(), String.join(" ", args));
                for (String command : List.of("run", "bench-market", "bill", "audit", "bench-billing")) {
                    assertTrue(o.out().contains("  " + command + " "), command + " in " + o.out());
                }
                assertTrue(o.out().contains("Exit codes: 0 success, 1 a failed check or a failure, 2 bad usage"),
                        o.out());
                assertEquals("", o.err());
            }
        }

        @Test
        void theHelpOfRunListsItsOptionsWithRangesAndDefaults() {
            for (String[] args : new String[][] {{"run", "--help"}, {"help", "run"}, {"run", "-h"}}) {
                Outcome o = run(args);
                assertEquals(Main.OK, o.code(), String.join(" ", args));
                assertTrue(o.out().contains("--key-bits=B"), o.out());
                String text = o.out().replaceAll("\\s+", " ");
                assertTrue(text.contains("1024 to 8192 (default 2048)"), o.out());
                assertTrue(text.contains("2 to 100000 (default 50)"), o.out());
                assertTrue(o.out().contains("--debug"), o.out());
                assertEquals("", o.err());
            }
        }

        @ParameterizedTest
        @CsvSource({"bench-market,--quick", "bill,--period=FROM-TO", "audit,--all", "bench-billing,1024 to 8192"})
        void everySubcommandHasItsHelp(String command, String expected) {
            Outcome o = run(command, "--help");
            assertEquals(Main.OK, o.code(), o.err());
            assertTrue(o.out().startsWith("Usage: neighbourgrid " + command + " "), o.out());
            assertTrue(o.out().contains(expected), o.out());
            assertTrue(o.out().contains("--version"), o.out());
            assertEquals("", o.err());
        }

        @Test
        void helpWinsOverBadInput() {
            for (String[] args : new String[][] {{"run", "--homes", "0", "--help"}, {"run", "--colour", "-h"},
                    {"audit", "--help"}, {"bill", "--home", "h1", "--help"}}) {
                Outcome o = run(args);
                assertEquals(Main.OK, o.code(), String.join(" ", args) + ": " + o.err());
                assertTrue(o.out().startsWith("Usage: neighbourgrid " + args[0]), o.out());
                assertEquals("", o.err());
            }
        }
    }

    @Nested
    class VersionOption {
        @ParameterizedTest
        @CsvSource({"--version", "-V", "run --version", "audit --version", "bench-market -V", "bill --version",
                "bench-billing --version"})
        void versionPrintsTheProjectVersion(String args) {
            Outcome o = run(args.split(" "));
            assertEquals(Main.OK, o.code(), o.err());
            assertTrue(o.out().strip().matches("neighbourgrid \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), o.out());
            assertEquals("", o.err());
        }
    }

    @Nested
    class Failures {
        @Test
        void anUnexpectedFailureIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
            // A directory where a home's key store should be: the key cache fails on a worker thread.
            Path keys = dir.resolve("keys");
            Passphrases.simulatorPassphrase(keys, new java.security.SecureRandom());
            Files.createDirectories(keys.resolve("home-001-1024.key"));
            Outcome o = run("run", "--homes", "2", "--windows", "1", "--key-bits", "1024", "--in-memory", "--quiet",
                    "--threads", "1", "--keys", keys.toString(), "--out", dir.resolve("out").toString());
            assertEquals(Main.FAILED, o.code(), o.err());
            o.assertOneErrorLine();
            assertTrue(o.err().contains("--debug"), o.err());
        }

        @Test
        void aKeyDirectoryThatIsAFileIsOneLineNamingItAndExitOne(@TempDir Path dir) throws IOException {
            Path notADirectory = Files.writeString(dir.resolve("keys"), "a file, not a directory");
            Outcome o = run("run", "--homes", "2", "--windows", "1", "--key-bits", "1024", "--in-memory", "--quiet",
                    "--threads", "1", "--keys", notADirectory.toString(), "--out", dir.resolve("out").toString());
            assertEquals(Main.FAILED, o.code(), o.err());
            o.assertOneErrorLine();
            assertTrue(o.err().contains(notADirectory.toString()), o.err());
        }

        @Test
        void badInputNeverPrintsAStackTraceEvenWithDebug() {
            run("--debug", "run", "--homes", "0").assertUsageError("--homes");
            run("run", "--debug", "--colour").assertUsageError("--colour");
        }

        @Test
        void debugBeforeTheCommandWorksToo(@TempDir Path dir) throws IOException {
            Path notADirectory = Files.writeString(dir.resolve("keys"), "a file, not a directory");
            Outcome o = run("--debug", "run", "--homes", "2", "--windows", "1", "--key-bits", "1024", "--in-memory",
                    "--quiet", "--threads", "1", "--keys", notADirectory.toString(), "--out",
                    dir.resolve("out").toString());
            assertEquals(Main.FAILED, o.code(), o.err());
            assertTrue(o.err().startsWith("error: "), o.err());
            assertTrue(o.err().contains("\tat "), o.err());
        }

        @Test
        void withDebugTheStackTraceFollows(@TempDir Path dir) throws IOException {
            Path notADirectory = Files.writeString(dir.resolve("keys"), "a file, not a directory");
            Outcome o = run("run", "--debug", "--homes", "2", "--windows", "1", "--key-bits", "1024", "--in-memory",
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
            Outcome o = run("run", "--homes", "4", "--windows", "2", "--key-bits", "1024", "--in-memory", "--quiet",
                    "--threads", "2", "--keys", dir.resolve("keys").toString(), "--out",
                    dir.resolve("out").toString());
            assertEquals(Main.OK, o.code(), o.err());
            assertTrue(o.out().contains("4 homes x 2 windows"), o.out());
            assertTrue(Files.exists(dir.resolve("out").resolve("report.html")));
        }
    }
}
