package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreFileTest {
    private static final char[] PASS = "correct horse".toCharArray();
    private static PaillierKeyPair keys;

    @BeforeAll
    static void keys() {
        keys = TestKeys.paillier(512, 0);
    }

    @Test
    void aStoredKeyReadsBackIdentical(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h1.key");
        KeyStoreFile.write(file, "h1", keys.privateKey(), PASS, new SecureRandom());
        PaillierPrivateKey read = KeyStoreFile.read(file, "h1", PASS);
        assertEquals(keys.publicKey(), read.publicKey());
        assertArrayEquals(keys.privateKey().toSecretBytes(), read.toSecretBytes());
    }

    @Test
    void theFileDoesNotContainThePrimes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h1.key");
        KeyStoreFile.write(file, "h1", keys.privateKey(), PASS, new SecureRandom());
        String hex = java.util.HexFormat.of().formatHex(Files.readAllBytes(file));
        String p = java.util.HexFormat.of().formatHex(keys.privateKey().secretPrimeP().toByteArray());
        assertTrue(!hex.contains(p.substring(2, 34)), "a prime is visible in the key file");
    }

    @Test
    void aWrongPassphraseIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h1.key");
        KeyStoreFile.write(file, "h1", keys.privateKey(), PASS, new SecureRandom());
        var e = assertThrows(KeyStoreFile.KeyStoreException.class,
                () -> KeyStoreFile.read(file, "h1", "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("wrong passphrase"));
    }

    @Test
    void aKeyFileOfAnotherHomeIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h1.key");
        KeyStoreFile.write(file, "h1", keys.privateKey(), PASS, new SecureRandom());
        assertThrows(KeyStoreFile.KeyStoreException.class, () -> KeyStoreFile.read(file, "h2", PASS));
    }

    @Test
    void everyModifiedByteIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h1.key");
        KeyStoreFile.write(file, "h1", keys.privateKey(), PASS, new SecureRandom());
        byte[] original = Files.readAllBytes(file);
        // Sample positions across the header, salt, nonce and sealed body (scrypt makes every read slow).
        for (int i = 0; i < original.length; i += Math.max(1, original.length / 12)) {
            byte[] mutated = original.clone();
            mutated[i] ^= 0x01;
            Path m = dir.resolve("m" + i + ".key");
            Files.write(m, mutated);
            assertThrows(KeyStoreFile.KeyStoreException.class, () -> KeyStoreFile.read(m, "h1", PASS),
                    "mutation at byte " + i);
        }
    }

    @Test
    void aTruncatedFileIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h1.key");
        KeyStoreFile.write(file, "h1", keys.privateKey(), PASS, new SecureRandom());
        byte[] original = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(original, original.length - 5));
        assertThrows(KeyStoreFile.KeyStoreException.class, () -> KeyStoreFile.read(file, "h1", PASS));
    }
}
