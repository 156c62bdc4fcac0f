package io.neighbourgrid.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the embedded ledger's {@code blocks.log} by its documented format (see the package documentation of
 * {@code io.neighbourgrid.embedded}): a 12-byte header, then per block {@code length || CRC-32C(length) || block ||
 * SHA-256(block)}. Each block's encoding holds every transaction's id, nonce, creator, function, arguments, read set,
 * range queries, writes (keys and values) and event, so scanning the encodings scans all of it.
 */
final class BlockLog {
    private static final byte[] MAGIC = "NGLEDGER".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH = 32;
    /** The log's header: magic and format version. */
    static final int HEADER = MAGIC.length + 4;
    /** What the log adds to each block encoding: its length, the length's checksum and the block's hash. */
    static final int FRAMING = 8 + HASH;

    /** One block: its number, its encoding and the encoding's labelled fields. */
    record LoggedBlock(long number, byte[] encoding, List<Field> fields) {
        /** The field whose content holds byte {@code offset}, or {@code null} for framing (counts, lengths, flags). */
        Field fieldAt(int offset) {
            for (Field f : fields) {
                if (offset >= f.start() && offset < f.end()) {
                    return f;
                }
            }
            return null;
        }
    }

    /** A field of a block encoding, e.g. {@code tx 2 (postBill) argument 3}: its content is {@code [start, end)}. */
    record Field(String label, int start, int end) {
    }

    private BlockLog() {
    }

    /** Every block of the log, in order. */
    static List<LoggedBlock> read(Path log) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(log));
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(log + " is not a block log");
        }
        in.position(HEADER);
        List<LoggedBlock> blocks = new ArrayList<>();
        while (in.hasRemaining()) {
            int length = in.getInt();
            in.getInt(); // checksum of the length
            byte[] encoding = new byte[length];
            in.get(encoding);
            in.position(in.position() + HASH);
            blocks.add(new LoggedBlock(ByteBuffer.wrap(encoding).getLong(), encoding, fields(encoding)));
        }
        return blocks;
    }

    /** The labelled fields of a block encoding, in the order {@code BlockCodec} writes them. */
    private static List<Field> fields(byte[] encoding) {
        Walker w = new Walker(ByteBuffer.wrap(encoding));
        // The header's fields one by one, so that no match runs from one into the next.
        w.skip("block number", 8);
        w.skip("previous block hash", HASH);
        w.skip("block timestamp", 12);
        w.skip("block kind", 1);
        if (encoding[8 + HASH + 12] == 1) {
            w.bytes("channel id");
            for (int i = w.count(); i > 0; i--) {
                w.bytes("organisation MSP id");
                w.bytes("organisation CA certificate");
            }
            return w.done();
        }
        int txs = w.count();
        for (int t = 0; t < txs; t++) {
            String tx = "tx " + t;
            w.bytes(tx + " id");
            w.bytes(tx + " nonce");
            w.skip(tx + " timestamp", 12);
            w.bytes(tx + " creator MSP id");
            w.bytes(tx + " creator certificate");
            String function = new String(w.bytes(tx + " function"), StandardCharsets.UTF_8);
            tx = tx + " (" + function + ")";
            int args = w.count();
            for (int a = 0; a < args; a++) {
                w.bytes(tx + " argument " + a);
            }
            w.reads(tx + " read");
            for (int r = w.count(); r > 0; r--) {
                w.bytes(tx + " range start");
                w.bytes(tx + " range end");
                w.reads(tx + " range result");
            }
            for (int n = w.count(); n > 0; n--) {
                String key = readable(w.bytes(tx + " write key"));
                if (w.in.get() == 0) {
                    w.bytes(tx + " written value of " + key);
                }
            }
            if (w.in.get() == 1) {
                String name = new String(w.bytes(tx + " event name"), StandardCharsets.UTF_8);
                w.bytes(tx + " event " + name + " payload");
            }
            w.bytes(tx + " validation code");
        }
        return w.done();
    }

    /** A key as text, with the separators of composite keys (U+0000) shown as {@code ~}. */
    private static String readable(byte[] key) {
        return new String(key, StandardCharsets.UTF_8).replace('\u0000', '~');
    }

    private static final class Walker {
        final ByteBuffer in;
        final List<Field> fields = new ArrayList<>();

        Walker(ByteBuffer in) {
            this.in = in;
        }

        int count() {
            return in.getInt();
        }

        List<Field> done() {
            if (in.hasRemaining()) {
                throw new IllegalStateException(in.remaining() + " bytes of the block left after its last field");
            }
            return fields;
        }

        void skip(String label, int n) {
            fields.add(new Field(label, in.position(), in.position() + n));
            in.position(in.position() + n);
        }

        byte[] bytes(String label) {
            int n = in.getInt();
            byte[] b = new byte[n];
            int start = in.position();
            in.get(b);
            fields.add(new Field(label, start, start + n));
            return b;
        }

        void reads(String label) {
            for (int n = count(); n > 0; n--) {
                String key = readable(bytes(label + " key"));
                if (in.get() == 1) {
                    skip(label + " version of " + key, 12);
                }
            }
        }
    }
}
