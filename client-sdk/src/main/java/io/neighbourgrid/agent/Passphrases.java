package io.neighbourgrid.agent;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a home's key-store passphrase comes from. There is no built-in passphrase: a home controller reads it from a
 * file only its user can read, from an environment variable, or from a prompt; the simulator makes a random one per
 * community ({@link #simulatorPassphrase}) and keeps it in a file of mode 0600 next to the simulated homes' keys.
 */
public final class Passphrases {
    /** The environment variable a home controller may take its passphrase from. */
    public static final String ENVIRONMENT = "NEIGHBOURGRID_KEY_PASSPHRASE";
    /** The simulator's passphrase file in a key directory. */
    public static final String FILE_NAME = "passphrase";
    /** The shortest passphrase accepted, in characters. */
    public static final int MIN_LENGTH = 12;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private Passphrases() {
    }

    /**
     * The passphrase in {@code file}: its first line. The file must be readable by its owner alone (no group or
     * other permission bits) where the file system has POSIX permissions.
     *
     * @throws PassphraseException when the file is readable by others, empty, or too short
     * @throws IOException         when it cannot be read
     */
    public static char[] fromFile(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new PassphraseException("passphrase file " + file + " has mode "
                        + PosixFilePermissions.toString(mode) + "; it must be readable by its owner only (chmod 600)");
            }
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        return check(line, "passphrase file " + file);
    }

    /**
     * The passphrase in the environment variable {@code name}, when it is set and not empty.
     *
     * @throws PassphraseException when it is set but too short
     */
    public static Optional<char[]> fromEnvironment(String name) throws PassphraseException {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(check(value, "environment variable " + name));
    }

    /**
     * Asks on the terminal, without echo, when there is one.
     *
     * @throws PassphraseException when the answer is too short
     */
    public static Optional<char[]> fromPrompt(String prompt) throws PassphraseException {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] answer = console.readPassword("%s", prompt);
        if (answer == null) {
            return Optional.empty();
        }
        return Optional.of(check(new String(answer), "the passphrase typed"));
    }

    /**
     * The simulated community's passphrase: read from {@code keyDirectory/passphrase}, or, on first use, 32 random
     * bytes (Base64) written there with mode 0600 (created with that mode, never widened).
     */
    public static char[] simulatorPassphrase(Path keyDirectory, SecureRandom random) throws IOException {
        Path file = keyDirectory.resolve(FILE_NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(keyDirectory);
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n";
            try {
                if (Files.getFileStore(keyDirectory).supportsFileAttributeView("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException e) {
                // Another process of the same community made it first: use theirs.
            }
        }
        return fromFile(file);
    }

    /** Whether {@code keyDirectory} holds the simulator's passphrase file. */
    public static boolean hasSimulatorPassphrase(Path keyDirectory) {
        return Files.exists(keyDirectory.resolve(FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    private static char[] check(String value, String source) throws PassphraseException {
        if (value.length() < MIN_LENGTH) {
            throw new PassphraseException(source + " holds a passphrase of " + value.length()
                    + " characters; at least " + MIN_LENGTH + " are required");
        }
        return value.toCharArray();
    }

    /** A passphrase source that cannot be used; the message names it and why, never the passphrase. */
    public static final class PassphraseException extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong */
        public PassphraseException(String message) {
            super(message);
        }
    }
}
