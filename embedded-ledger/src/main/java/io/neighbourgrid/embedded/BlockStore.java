package io.neighbourgrid.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Where the log of block records lives. Callers serialise {@link #append} and {@link #openLog}. */
interface BlockStore extends Closeable {
    /** Appends one framed block record; returns only when the store's durability promise holds for it. */
    void append(byte[] record) throws IOException;

    /** The whole log from its header, as stored now. */
    InputStream openLog() throws IOException;
}
