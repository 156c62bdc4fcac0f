package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's state store on disk: what is saved comes back identical, nothing private is in clear on disk, the
 * files are the owner's only, and a file of another home or window, a modified, truncated or renamed file, or a
 * wrong passphrase stops the store from opening.
 */
class AgentStateStoreTest {
    private static final char[] PASS = "correct horse".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static HomeInput input() {
        return new HomeInput("h1", 7_345_678_901L, 1_234_567L, -345_678L, 2_500_000L, 900_000L);
    }

    /** A window state with every part before the settlement: inputs and the contribution. */
    private static WindowState fullState(long window) {
        return new WindowState(window, input(),
                "{\"proof\":\"QUJDREVGR0hJSktMTU5PUA==\",\"secret-looking\":\"contribution-body-marker\"}",
                new ContributionKeys("h2", "h3"), null);
    }

    private static AgentStateStore open(Path dir) throws IOException {
        return AgentStateStore.open(dir, "h1", PASS, RANDOM);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void whatIsSavedComesBackIdentical(@TempDir Path dir) throws IOException {
        AgentStateStore store = open(dir.resolve("h1"));
        WindowState full = fullState(7);
        store.save(full);
        HomeSettlement settled = HomeSettlement.gridOnly("h1", input().netEnergy(), MarketParameters.defaults());
        store.save(WindowState.settled(6, settled));
        assertEquals(Set.of(6L, 7L), store.windows());

        AgentStateStore reopened = open(dir.resolve("h1"));
        AgentStateStore.Restored restored = reopened.claim();
        assertEquals(List.of(6L, 7L), List.copyOf(restored.windows().keySet()));
        WindowState back = restored.windows().get(7L);
        assertArrayEquals(full.toSecretBytes(), back.toSecretBytes());
        assertEquals(input(), back.input());
        assertEquals(full.contribution(), back.contribution());
        assertNull(back.settlement());
        assertEquals(settled, restored.windows().get(6L).settlement());
        assertNull(restored.windows().get(6L).input(), "a settled window keeps its settlement only");
        assertThrows(IllegalStateException.class, reopened::claim, "one agent per store");
    }

    @Test
    void noPrivateValueIsInClearOnDisk(@TempDir Path dir) throws IOException {
        AgentStateStore store = open(dir.resolve("h1"));
        WindowState full = fullState(3);
        store.save(full);
        byte[] plain = full.toSecretBytes();
        byte[] file = Files.readAllBytes(store.windowFile(3));
        // Every 12-byte run of the plaintext (inputs and the contribution).
        for (int i = 0; i + 12 <= plain.length; i += 12) {
            assertFalse(contains(file, java.util.Arrays.copyOfRange(plain, i, i + 12)), "plaintext at " + i);
        }
        assertFalse(contains(file, "contribution-body-marker".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void filesAreTheOwnersOnlyAndNoTemporaryFileStays(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("h1");
        AgentStateStore store = open(home);
        for (int i = 0; i < 3; i++) {
            store.save(fullState(i));
            store.save(fullState(i)); // replaced atomically
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        try (Stream<Path> files = Files.list(home)) {
            List<Path> all = files.toList();
            assertEquals(3, all.size(), "three windows, nothing else: " + all);
            for (Path f : all) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                        f.toString());
            }
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsRemovedAndTheOldStateKept(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("h1");
        AgentStateStore store = open(home);
        WindowState full = fullState(5);
        store.save(full);
        // A write interrupted before its rename leaves a temporary file beside the intact old one.
        Path stray = home.resolve(".ngstate-123456.tmp");
        Files.write(stray, new byte[] {1, 2, 3});
        AgentStateStore reopened = open(home);
        assertFalse(Files.exists(stray));
        assertArrayEquals(full.toSecretBytes(), reopened.claim().windows().get(5L).toSecretBytes());
    }

    @Test
    void forgettingDeletesTheFilesOfEarlierWindows(@TempDir Path dir) throws IOException {
        AgentStateStore store = open(dir.resolve("h1"));
        for (long w = 0; w < 4; w++) {
            store.save(WindowState.empty(w).withInput(input()));
        }
        store.deleteBefore(2);
        assertEquals(Set.of(2L, 3L), store.windows());
        assertFalse(Files.exists(store.windowFile(0)));
        assertFalse(Files.exists(store.windowFile(1)));
        assertTrue(Files.exists(store.windowFile(2)));
        assertEquals(Set.of(2L, 3L), open(dir.resolve("h1")).claim().windows().keySet());
    }

    @Test
    void aWrongPassphraseOrAnotherHomeCannotOpenTheStore(@TempDir Path dir) throws IOException {
        open(dir.resolve("h1")).save(fullState(1));
        var wrong = assertThrows(AgentStateStore.AgentStateException.class,
                () -> AgentStateStore.open(dir.resolve("h1"), "h1", "wrong".toCharArray(), RANDOM));
        assertTrue(wrong.getMessage().contains("window-1.ngstate"), wrong.getMessage());
        assertThrows(AgentStateStore.AgentStateException.class,
                () -> AgentStateStore.open(dir.resolve("h1"), "h2", PASS, RANDOM));
    }

    @Test
    void aFileMovedToAnotherWindowIsRejected(@TempDir Path dir) throws IOException {
        AgentStateStore store = open(dir.resolve("h1"));
        store.save(fullState(1));
        Files.move(store.windowFile(1), store.windowFile(2), StandardCopyOption.ATOMIC_MOVE);
        assertThrows(AgentStateStore.AgentStateException.class, () -> open(dir.resolve("h1")));
    }

    @Test
    void aFileCopiedFromAnotherHomeIsRejected(@TempDir Path dir) throws IOException {
        AgentStateStore other = AgentStateStore.open(dir.resolve("h2"), "h2", PASS, RANDOM);
        other.save(WindowState.empty(1).withInput(new HomeInput("h2", 1, 2, 0, 3, 500_000)));
        AgentStateStore mine = open(dir.resolve("h1"));
        Files.copy(other.windowFile(1), mine.windowFile(1));
        assertThrows(AgentStateStore.AgentStateException.class, () -> open(dir.resolve("h1")));
    }

    @Test
    void everyModifiedByteAndEveryTruncationIsRejected(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("h1");
        AgentStateStore store = open(home);
        store.save(WindowState.empty(4).withInput(input()));
        Path file = store.windowFile(4);
        byte[] original = Files.readAllBytes(file);
        // Every byte of the header and the length, and a sample of the sealed body and its tag (each opening runs
        // scrypt once, so not every byte of the body).
        int[] positions = java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 50),
                java.util.stream.IntStream.of(60, original.length / 2, original.length - 17, original.length - 1))
                .toArray();
        for (int i : positions) {
            byte[] mutated = original.clone();
            mutated[i] ^= 0x01;
            Files.write(file, mutated);
            assertThrows(AgentStateStore.AgentStateException.class, () -> open(home), "mutation at byte " + i);
        }
        for (int length : new int[] {0, 3, 20, 49, original.length - 16, original.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(original, length));
            assertThrows(AgentStateStore.AgentStateException.class, () -> open(home), "truncated to " + length);
        }
        Files.write(file, original);
        assertEquals(input(), open(home).claim().windows().get(4L).input());
    }

    @Test
    void aWindowStateDecodesStrictly() {
        byte[] plain = fullState(9).toSecretBytes();
        assertThrows(io.neighbourgrid.crypto.MalformedEncodingException.class,
                () -> WindowState.fromSecretBytes(plain, "h1", 8), "another window");
        byte[] longer = java.util.Arrays.copyOf(plain, plain.length + 1);
        assertThrows(io.neighbourgrid.crypto.MalformedEncodingException.class,
                () -> WindowState.fromSecretBytes(longer, "h1", 9), "trailing byte");
        byte[] shorter = java.util.Arrays.copyOf(plain, plain.length - 1);
        assertThrows(io.neighbourgrid.crypto.MalformedEncodingException.class,
                () -> WindowState.fromSecretBytes(shorter, "h1", 9), "truncated");
        byte[] unknownPart = plain.clone();
        unknownPart[9] |= 0x40;
        assertThrows(io.neighbourgrid.crypto.MalformedEncodingException.class,
                () -> WindowState.fromSecretBytes(unknownPart, "h1", 9), "unknown part");
        byte[] badInput = plain.clone();
        badInput[10] = (byte) 0x80; // generation negative
        assertThrows(io.neighbourgrid.crypto.MalformedEncodingException.class,
                () -> WindowState.fromSecretBytes(badInput, "h1", 9), "negative generation");
    }
}
