package io.neighbourgrid.embedded;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The block log of an in-memory ledger: the same records a file would hold, kept on the heap. */
final class MemoryBlockStore implements BlockStore {
    private final List<byte[]> records = new ArrayList<>();

    @Override
    public void append(byte[] record) {
        records.add(record.clone());
    }

    @Override
    public void write(byte[] record) {
        append(record);
    }

    @Override
    public void sync() {
        // The heap is as durable as this store gets.
    }

    @Override
    public InputStream openLog() {
        List<InputStream> parts = new ArrayList<>(records.size() + 1);
        parts.add(new ByteArrayInputStream(ChainReader.header()));
        for (byte[] r : records) {
            parts.add(new ByteArrayInputStream(r));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    @Override
    public void close() {
        records.clear();
    }
}
