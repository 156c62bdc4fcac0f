package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A home agent's durable state, so that an agent restarted in the middle of a window (a crash, a power cut,
 * {@code kill -9}) finishes the window instead of leaving its home silent and suspended: for every window it acted
 * in, what it needs to finish and settle it ({@link WindowState}: the inputs it declared and contributed from, the
 * exact contribution, its settlement).
 *
 * <p>One file per window ({@code window-<t>.ngstate}), in a directory of the home's own. Every file is encrypted with AES-256-GCM under
 * a key derived from the home's passphrase with scrypt (N = 2^15, r = 8, p = 1, as {@link KeyStoreFile}); the
 * associated data binds the home id, the file's window (or the key's role) and the file header, so a file cannot
 * be moved to another home or window, or altered, unnoticed. Layout:
 * <pre>
 *  "NGAS" | u8 version = 1 | u8 kind (1 window) | u64 window | salt (16)
 *  | nonce (12) | u32 length | AES-256-GCM ciphertext and 16-byte tag
 *  associated data: "neighbourgrid/agent-state/v1/" home id "/window/" t, then the header
 *  (every byte before the length)
 * </pre>
 * A file is written atomically: to a temporary file of mode 0600 in the same directory, forced to disk, renamed over
 * the old one, and the directory forced, so a crash leaves either the old state or the new one. scrypt runs once
 * per salt when the store is opened; the files written afterwards share the salt (each has its own random nonce).
 *
 * <p>{@link #open} reads and checks every file: a file that does not decrypt (wrong passphrase, another home, a
 * modified or truncated file) fails the opening, naming the file, rather than letting an agent act on state it
 * cannot trust. One agent, in one process, uses a directory at a time.
 */
public final class AgentStateStore {
    private static final byte[] MAGIC = "NGAS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int KIND_WINDOW = 1;
    private static final int SCRYPT_N = 1 << 15;
    private static final int SCRYPT_R = 8;
    private static final int SCRYPT_P = 1;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int HEADER_BYTES = 4 + 1 + 1 + 8 + SALT_BYTES + NONCE_BYTES;
    private static final int MAX_SEALED_BYTES = 1 << 24;
    private static final String LABEL = "neighbourgrid/agent-state/v1/";
    private static final String SUFFIX = ".ngstate";
    private static final String TEMP_PREFIX = ".ngstate-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern WINDOW_FILE = Pattern.compile("window-(0|[1-9][0-9]{0,17})\\.ngstate");

    private final Path directory;
    private final String homeId;
    private final SecureRandom random;
    private final byte[] salt;
    private final SecretKeySpec key;
    private final boolean posix;
    private final SortedSet<Long> stored = new ConcurrentSkipListSet<>();
    private Restored restored;

    /** What the store held when it was opened, handed to the one agent that runs over it. */
    record Restored(Map<Long, WindowState> windows) {
    }

    private AgentStateStore(Path directory, String homeId, SecureRandom random, byte[] salt, SecretKeySpec key,
                            boolean posix) {
        this.directory = directory;
        this.homeId = homeId;
        this.random = random;
        this.salt = salt;
        this.key = key;
        this.posix = posix;
    }

    /**
     * Opens (creating it, mode 0700, if needed) the state directory of {@code homeId} and reads every file in it.
     *
     * @param directory  the home's own state directory
     * @param homeId     the home, bound to every file
     * @param passphrase the home's passphrase (not kept: only the keys derived from it)
     * @param random     source of salts and nonces
     * @throws AgentStateException if a file cannot be opened or decoded (the message names the file, never a value)
     */
    public static AgentStateStore open(Path directory, String homeId, char[] passphrase, SecureRandom random)
            throws IOException {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(random, "random");
        Path dir = directory.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            boolean posixFs = Files.getFileStore(existingAncestor(dir))
                    .supportsFileAttributeView(PosixFileAttributeView.class);
            if (posixFs) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        Map<String, SecretKeySpec> keys = new HashMap<>();
        Map<Long, WindowState> windows = new TreeMap<>();
        byte[] firstSalt = null;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                files.add(p);
            }
        }
        Collections.sort(files);
        List<Long> windowNumbers = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                // A write that a crash interrupted before its rename: the file it was replacing is intact.
                Files.deleteIfExists(file);
                continue;
            }
            Matcher m = WINDOW_FILE.matcher(name);
            boolean isWindow = m.matches();
            if (!isWindow) {
                continue;
            }
            long window = Long.parseLong(m.group(1));
            int kind = KIND_WINDOW;
            Sealed sealed = readSealed(file, kind, window);
            SecretKeySpec k = keys.get(HexFormat.of().formatHex(sealed.salt()));
            if (k == null) {
                k = derive(passphrase, sealed.salt());
                keys.put(HexFormat.of().formatHex(sealed.salt()), k);
            }
            if (firstSalt == null) {
                firstSalt = sealed.salt();
            }
            byte[] plain = decrypt(file, sealed, k, homeId, kind, window);
            try {
                windows.put(window, WindowState.fromSecretBytes(plain, homeId, window));
                windowNumbers.add(window);
            } catch (CryptoException | IllegalArgumentException e) {
                throw new AgentStateException("agent state " + file + " decrypts but does not decode: "
                        + e.getMessage());
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        byte[] salt = firstSalt;
        if (salt == null) {
            salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
        }
        SecretKeySpec writeKey = keys.get(HexFormat.of().formatHex(salt));
        if (writeKey == null) {
            writeKey = derive(passphrase, salt);
        }
        AgentStateStore store = new AgentStateStore(dir, homeId, random, salt, writeKey, posix);
        store.stored.addAll(windowNumbers);
        store.restored = new Restored(Collections.unmodifiableMap(windows));
        return store;
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    /** The state directory. */
    public Path directory() {
        return directory;
    }

    /** The home whose state this is. */
    public String homeId() {
        return homeId;
    }

    /** The windows that have a state file, in order. */
    public SortedSet<Long> windows() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(stored));
    }

    /** The file of window {@code t}'s state. */
    public Path windowFile(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("window must be non-negative, got " + t);
        }
        return directory.resolve("window-" + t + SUFFIX);
    }


    /**
     * What the store held when opened, once: the agent built over it takes it.
     *
     * @throws IllegalStateException if an agent already took it (one agent per store)
     */
    synchronized Restored claim() {
        if (restored == null) {
            throw new IllegalStateException("the agent state of " + homeId + " in " + directory
                    + " is already used by an agent");
        }
        Restored r = restored;
        restored = null;
        return r;
    }

    /** Writes window {@code state.window()}'s state, replacing the previous one atomically. */
    synchronized void save(WindowState state) throws IOException {
        byte[] plain = state.toSecretBytes();
        try {
            write(windowFile(state.window()), KIND_WINDOW, state.window(), plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        stored.add(state.window());
    }

    /** Deletes the state of every window before {@code t}. */
    synchronized void deleteBefore(long t) throws IOException {
        List<Long> old = new ArrayList<>(stored.headSet(t));
        for (long w : old) {
            Files.deleteIfExists(windowFile(w));
            stored.remove(w);
        }
        if (!old.isEmpty()) {
            syncDirectory();
        }
    }

    private void write(Path file, int kind, long window, byte[] plain) throws IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] header = new Bytes.Writer(HEADER_BYTES).raw(MAGIC).u8(VERSION).u8(kind).u64(window).raw(salt)
                .raw(nonce).toByteArray();
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(associatedData(homeId, kind, window));
            c.updateAAD(header);
            sealed = c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
        byte[] out = new Bytes.Writer(header.length + 4 + sealed.length).raw(header).field(sealed).toByteArray();
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(directory, TEMP_PREFIX, TEMP_SUFFIX, attributes);
        boolean moved = false;
        try {
            // A stream, not a channel: an interrupt (a runner shutting down) must not abort a save half-way.
            try (FileOutputStream stream = new FileOutputStream(tmp.toFile())) {
                stream.write(out);
                stream.getFD().sync();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory();
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Forces the directory entry of a rename or deletion to disk, where the platform allows it. */
    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename itself is still atomic there.
        }
    }

    private record Sealed(byte[] header, byte[] salt, byte[] nonce, byte[] ciphertext) {
    }

    private static Sealed readSealed(Path file, int kind, long window) throws IOException {
        byte[] data = Files.readAllBytes(file);
        try {
            Bytes.Reader in = new Bytes.Reader(data, "agent state " + file.getFileName());
            if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
                throw new AgentStateException("agent state " + file + " does not start with the agent-state magic");
            }
            int version = in.u8();
            if (version != VERSION) {
                throw new AgentStateException("agent state " + file + " has unsupported version " + version);
            }
            int savedKind = in.u8();
            long savedWindow = in.u64();
            if (savedKind != kind || savedWindow != window) {
                throw new AgentStateException("agent state " + file + " holds another "
                        + (savedKind == KIND_WINDOW ? "window's state (" + savedWindow + ")" : "kind of state")
                        + " than its name says");
            }
            byte[] salt = in.raw(SALT_BYTES);
            byte[] nonce = in.raw(NONCE_BYTES);
            byte[] ciphertext = in.field(MAX_SEALED_BYTES);
            in.finish();
            return new Sealed(Arrays.copyOf(data, HEADER_BYTES), salt, nonce, ciphertext);
        } catch (CryptoException e) {
            throw new AgentStateException("agent state " + file + " is malformed: " + e.getMessage());
        }
    }

    private static byte[] decrypt(Path file, Sealed sealed, SecretKeySpec key, String homeId, int kind, long window)
            throws AgentStateException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed.nonce()));
            c.updateAAD(associatedData(homeId, kind, window));
            c.updateAAD(sealed.header());
            return c.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new AgentStateException("agent state " + file + " cannot be opened: wrong passphrase, another home "
                    + "than " + homeId + ", or a modified file");
        } catch (GeneralSecurityException e) {
            throw new AgentStateException("agent state " + file + " cannot be decrypted: " + e.getMessage());
        }
    }

    private static byte[] associatedData(String homeId, int kind, long window) {
        String what = "/window/" + window;
        return (LABEL + homeId + what).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKeySpec derive(char[] passphrase, byte[] salt) {
        byte[] pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
        byte[] k = SCrypt.generate(pass, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32);
        Arrays.fill(pass, (byte) 0);
        SecretKeySpec spec = new SecretKeySpec(k, "AES");
        Arrays.fill(k, (byte) 0);
        return spec;
    }

    @Override
    public String toString() {
        return "AgentStateStore[" + homeId + ", " + directory + "]";
    }

    /** The state cannot be opened or decoded; the message names the file and why, never a value. */
    public static final class AgentStateException extends IOException {
        private static final long serialVersionUID = 1L;

        public AgentStateException(String message) {
            super(message);
        }
    }
}
