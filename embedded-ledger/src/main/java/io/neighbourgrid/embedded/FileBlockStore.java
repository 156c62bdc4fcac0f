package io.neighbourgrid.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only block log file, {@code blocks.log} in the ledger directory, locked against a second writer. The
 * file is created atomically with its genesis block (written to a temporary file, synced, then renamed), so an
 * existing log is never legitimately empty.
 */
final class FileBlockStore implements BlockStore {
    static final String LOG_FILE = "blocks.log";

    private final FileChannel channel;
    private final FileLock lock;
    private final Durability durability;

    private FileBlockStore(FileChannel channel, FileLock lock, Durability durability) {
        this.channel = channel;
        this.lock = lock;
        this.durability = durability;
    }

    static boolean exists(Path directory) {
        return Files.exists(directory.resolve(LOG_FILE));
    }

    /** Creates the log with its header and genesis record, atomically. */
    static void create(Path directory, byte[] genesisRecord) throws IOException {
        Files.createDirectories(directory);
        Path tmp = directory.resolve(LOG_FILE + ".creating");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(ChainReader.header()));
            writeFully(ch, ByteBuffer.wrap(genesisRecord));
            ch.force(true);
        }
        Files.move(tmp, directory.resolve(LOG_FILE), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(directory);
    }

    /** Opens an existing log for appending after its last byte. */
    static FileBlockStore open(Path directory, Durability durability) throws IOException {
        Path file = directory.resolve(LOG_FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("ledger log " + file + " is in use by another ledger");
        }
        ch.position(ch.size());
        return new FileBlockStore(ch, lock, durability);
    }

    /**
     * Opens an existing log for reading only: no file is created, locked, written or removed, so an audit leaves the
     * ledger directory exactly as it found it. Appends fail.
     *
     * @throws java.nio.file.NoSuchFileException when the directory holds no log
     */
    static FileBlockStore openReadOnly(Path directory) throws IOException {
        Path file = directory.resolve(LOG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no block log (nothing to audit)");
        }
        return new FileBlockStore(FileChannel.open(file, StandardOpenOption.READ), null, Durability.SYNC_EACH_BLOCK);
    }

    /** Whether this store was opened by {@link #openReadOnly}. */
    boolean readOnly() {
        return lock == null;
    }

    @Override
    public void append(byte[] record) throws IOException {
        write(record);
        sync();
    }

    @Override
    public void write(byte[] record) throws IOException {
        if (readOnly()) {
            throw new IOException("the ledger was opened read-only");
        }
        writeFully(channel, ByteBuffer.wrap(record));
    }

    /** One {@code fsync} for every record written so far (with {@link Durability#SYNC_EACH_BLOCK}). */
    @Override
    public void sync() throws IOException {
        if (durability == Durability.SYNC_EACH_BLOCK) {
            channel.force(false);
        }
    }

    /**
     * Reads through the store's own channel: closing a second descriptor of the file would, on POSIX systems,
     * release this process's lock on it.
     */
    @Override
    public InputStream openLog() {
        return positionalStream(channel);
    }

    /** Reads {@code channel} from its start with positional reads; closing the stream leaves the channel open. */
    static InputStream positionalStream(FileChannel channel) {
        return new BufferedInputStream(new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        }, 1 << 16);
    }

    /**
     * Truncates the log in {@code directory} at {@code offset} after checking, under the directory's lock, that
     * {@code check} still reports a torn tail there.
     */
    static long truncate(Path directory, TornTailCheck check) throws IOException {
        Path file = directory.resolve(LOG_FILE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("ledger log " + file + " is in use by another ledger");
            }
            long offset = check.tornTailOffset(positionalStream(ch));
            if (offset < 0) {
                return 0;
            }
            long removed = ch.size() - offset;
            ch.truncate(offset);
            ch.force(true);
            return removed;
        }
    }

    /** Finds the start of a torn final record, or {@code -1} when the log has none. */
    interface TornTailCheck {
        long tornTailOffset(InputStream log) throws IOException;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename durable on POSIX file systems; platforms that cannot open a directory skip it.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Directory sync is best effort where the platform does not support it.
        }
    }
}
