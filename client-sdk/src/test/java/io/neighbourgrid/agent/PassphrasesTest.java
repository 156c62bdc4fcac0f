package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphrasesTest {
    @TempDir
    Path dir;

    @Nested
    class Simulator {
        @Test
        void makesARandomPassphrasePerCommunityInAFileOfMode0600() throws IOException {
            char[] first = Passphrases.simulatorPassphrase(dir.resolve("a"), new SecureRandom());
            char[] other = Passphrases.simulatorPassphrase(dir.resolve("b"), new SecureRandom());
            Path file = dir.resolve("a").resolve(Passphrases.FILE_NAME);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(first.length >= 43, "32 random bytes in Base64");
            assertFalse(Arrays.equals(first, other), "two communities never share a passphrase");
        }

        @Test
        void keepsTheSamePassphraseOnLaterRuns() throws IOException {
            char[] first = Passphrases.simulatorPassphrase(dir, new SecureRandom());
            assertArrayEquals(first, Passphrases.simulatorPassphrase(dir, new SecureRandom()));
        }

        @Test
        void refusesAPassphraseFileOthersCanRead() throws IOException {
            Passphrases.simulatorPassphrase(dir, new SecureRandom());
            Path file = dir.resolve(Passphrases.FILE_NAME);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Passphrases.PassphraseException e = assertThrows(Passphrases.PassphraseException.class,
                    () -> Passphrases.simulatorPassphrase(dir, new SecureRandom()));
            assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        }
    }

    @Nested
    class HomeController {
        @Test
        void readsTheFirstLineOfAnOwnerOnlyFile() throws IOException {
            Path file = dir.resolve("pass");
            Files.writeString(file, "correct horse battery\nsecond line\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertEquals("correct horse battery", new String(Passphrases.fromFile(file)));
        }

        @Test
        void refusesAShortPassphraseWithoutShowingIt() throws IOException {
            Path file = dir.resolve("pass");
            Files.writeString(file, "hunter2\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            Passphrases.PassphraseException e = assertThrows(Passphrases.PassphraseException.class,
                    () -> Passphrases.fromFile(file));
            assertTrue(e.getMessage().contains("at least " + Passphrases.MIN_LENGTH), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }

        @Test
        void refusesAGroupReadableFile() throws IOException {
            Path file = dir.resolve("pass");
            Files.writeString(file, "correct horse battery\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            assertThrows(Passphrases.PassphraseException.class, () -> Passphrases.fromFile(file));
        }

        @Test
        void anUnsetEnvironmentVariableGivesNothingRatherThanADefault() throws IOException {
            assertTrue(Passphrases.fromEnvironment("NEIGHBOURGRID_TEST_UNSET_VARIABLE_" + System.nanoTime())
                    .isEmpty());
        }
    }
}
