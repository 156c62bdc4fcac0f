package io.neighbourgrid.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Where the log of block records lives. Callers serialise {@link #append} and {@link #openLog}. */
interface BlockStore extends Closeable {
    /** Appends one framed block record; returns only when the store's durability promise holds for it. */
    void append(byte[] record) throws IOException;

    /**
     * Writes one framed block record without waiting for storage: it survives a crash of this process (it is in
     * the operating system's hands) but the store's durability promise holds for it only after {@link #sync()}.
     */
    void write(byte[] record) throws IOException;

    /** Makes every record written so far as durable as {@link #append} makes its record. */
    void sync() throws IOException;

    /** The whole log from its header, as stored now. */
    InputStream openLog() throws IOException;
}
