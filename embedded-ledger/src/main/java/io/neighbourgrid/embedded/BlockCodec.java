package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The canonical binary encoding of blocks, which is both what the log stores and what a block's hash covers.
 * Big-endian, every variable-length field length-prefixed with a 4-byte count, strings as strict UTF-8, so two
 * different blocks can never share an encoding.
 *
 * <p>A log record is {@code length (4 bytes) || CRC-32C(length) (4 bytes) || block encoding (length bytes) ||
 * SHA-256(block encoding)}. The checksum of the length tells a damaged length prefix (which could otherwise make a
 * record appear to run past the end of the file) from a record cut short by an interrupted append.
 */
final class BlockCodec {
    /** Size of a SHA-256 digest. */
    static final int HASH_LENGTH = 32;
    /** Largest block encoding accepted when reading, so a damaged length prefix cannot exhaust memory. */
    static final int MAX_BLOCK_LENGTH = 256 * 1024 * 1024;

    private static final byte CONFIG = 1;
    private static final byte TRANSACTIONS = 2;

    private BlockCodec() {
    }

    /** SHA-256 of {@code data}. */
    static byte[] sha256(byte[]... data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] d : data) {
                md.update(d);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Size of a record header: the length and its checksum. */
    static final int RECORD_HEADER_LENGTH = 8;

    /** The log record of a block encoding: length prefix and its checksum, encoding, hash. */
    static byte[] frame(byte[] encoding, byte[] hash) {
        return ByteBuffer.allocate(RECORD_HEADER_LENGTH + encoding.length + HASH_LENGTH)
                .putInt(encoding.length).putInt(lengthChecksum(encoding.length)).put(encoding).put(hash).array();
    }

    /** CRC-32C of a record length's four big-endian bytes. */
    static int lengthChecksum(int length) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(length).array());
        return (int) crc.getValue();
    }

    static byte[] encode(Block block) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(block.number());
            out.write(block.previousHash());
            writeInstant(out, block.timestamp());
            if (block.body() instanceof Block.Config config) {
                out.writeByte(CONFIG);
                writeString(out, config.channelId(), "channel id");
                out.writeInt(config.organisations().size());
                for (Block.Organisation org : config.organisations()) {
                    writeString(out, org.mspId(), "MSP id");
                    writeBytes(out, org.caCertificate().getEncoded());
                }
            } else if (block.body() instanceof Block.Transactions txs) {
                out.writeByte(TRANSACTIONS);
                out.writeInt(txs.transactions().size());
                for (TransactionRecord tx : txs.transactions()) {
                    writeTransaction(out, tx);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("organisation certificate cannot be encoded", e);
        }
    }

    private static void writeTransaction(DataOutputStream out, TransactionRecord tx) throws IOException {
        writeString(out, tx.txId(), "transaction id");
        writeBytes(out, tx.nonce());
        writeInstant(out, tx.timestamp());
        writeString(out, tx.creator().mspId(), "MSP id");
        writeBytes(out, tx.creator().certificateDer());
        writeString(out, tx.function(), "function");
        out.writeInt(tx.args().size());
        for (String arg : tx.args()) {
            writeString(out, arg, "argument");
        }
        writeReads(out, tx.rwSet().reads());
        out.writeInt(tx.rwSet().rangeReads().size());
        for (RwSet.RangeRead range : tx.rwSet().rangeReads()) {
            writeString(out, range.startKey(), "range start key");
            writeString(out, range.endKey(), "range end key");
            writeReads(out, range.results());
        }
        out.writeInt(tx.rwSet().writes().size());
        for (RwSet.KeyWrite w : tx.rwSet().writes()) {
            writeString(out, w.key(), "key");
            out.writeBoolean(w.delete());
            if (!w.delete()) {
                writeBytes(out, w.value());
            }
        }
        out.writeBoolean(tx.event() != null);
        if (tx.event() != null) {
            writeString(out, tx.event().name(), "event name");
            writeBytes(out, tx.event().payload());
        }
        writeString(out, tx.validationCode().name(), "validation code");
    }

    private static void writeReads(DataOutputStream out, List<RwSet.KeyRead> reads) throws IOException {
        out.writeInt(reads.size());
        for (RwSet.KeyRead r : reads) {
            writeString(out, r.key(), "key");
            out.writeBoolean(r.version() != null);
            if (r.version() != null) {
                out.writeLong(r.version().blockNumber());
                out.writeInt(r.version().txNumber());
            }
        }
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static void writeString(DataOutputStream out, String s, String what) throws IOException {
        writeBytes(out, Utf8.encode(s, what));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Decodes a block encoding.
     *
     * @throws MalformedBlockException naming the field that could not be read
     */
    static Block decode(byte[] encoding) throws MalformedBlockException {
        Reader in = new Reader(ByteBuffer.wrap(encoding));
        try {
            long number = in.buf.getLong();
            byte[] previousHash = new byte[HASH_LENGTH];
            in.buf.get(previousHash);
            Instant timestamp = in.instant();
            byte kind = in.buf.get();
            Block.Body body;
            if (kind == CONFIG) {
                String channel = in.string("channel id");
                int n = in.count("organisations");
                List<Block.Organisation> orgs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String msp = in.string("MSP id");
                    orgs.add(new Block.Organisation(msp, parseCertificate(in.bytes("CA certificate"))));
                }
                body = new Block.Config(channel, orgs);
            } else if (kind == TRANSACTIONS) {
                int n = in.count("transactions");
                List<TransactionRecord> txs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    txs.add(readTransaction(in));
                }
                body = new Block.Transactions(txs);
            } else {
                throw new MalformedBlockException("unknown block kind " + kind);
            }
            if (in.buf.hasRemaining()) {
                throw new MalformedBlockException(in.buf.remaining() + " trailing bytes after the block");
            }
            return new Block(number, previousHash, timestamp, body);
        } catch (BufferUnderflowException e) {
            throw new MalformedBlockException("block encoding ends early", e);
        }
    }

    private static TransactionRecord readTransaction(Reader in) throws MalformedBlockException {
        String txId = in.string("transaction id");
        byte[] nonce = in.bytes("nonce");
        Instant timestamp = in.instant();
        Creator creator = new Creator(in.string("MSP id"), in.bytes("creator certificate"));
        String function = in.string("function");
        int nArgs = in.count("arguments");
        List<String> args = new ArrayList<>(nArgs);
        for (int i = 0; i < nArgs; i++) {
            args.add(in.string("argument"));
        }
        List<RwSet.KeyRead> reads = readReads(in);
        int nRanges = in.count("range queries");
        List<RwSet.RangeRead> ranges = new ArrayList<>(nRanges);
        for (int i = 0; i < nRanges; i++) {
            String start = in.string("range start key");
            String end = in.string("range end key");
            ranges.add(new RwSet.RangeRead(start, end, readReads(in)));
        }
        int nWrites = in.count("writes");
        List<RwSet.KeyWrite> writes = new ArrayList<>(nWrites);
        for (int i = 0; i < nWrites; i++) {
            String key = in.string("key");
            boolean delete = in.bool();
            writes.add(new RwSet.KeyWrite(key, delete, delete ? null : in.bytes("value")));
        }
        ChaincodeEvent event = null;
        if (in.bool()) {
            String name = in.string("event name");
            byte[] payload = in.bytes("event payload");
            try {
                event = new ChaincodeEvent(name, payload);
            } catch (IllegalArgumentException e) {
                throw new MalformedBlockException("invalid event: " + e.getMessage(), e);
            }
        }
        String code = in.string("validation code");
        ValidationCode validationCode;
        try {
            validationCode = ValidationCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new MalformedBlockException("unknown validation code " + code, e);
        }
        return new TransactionRecord(txId, nonce, timestamp, creator, function, args,
                new RwSet(reads, ranges, writes), event, validationCode);
    }

    private static List<RwSet.KeyRead> readReads(Reader in) throws MalformedBlockException {
        int n = in.count("reads");
        List<RwSet.KeyRead> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String key = in.string("key");
            Version version = in.bool() ? new Version(in.buf.getLong(), in.buf.getInt()) : null;
            reads.add(new RwSet.KeyRead(key, version));
        }
        return reads;
    }

    static X509Certificate parseCertificate(byte[] der) throws MalformedBlockException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new MalformedBlockException("unreadable CA certificate", e);
        }
    }

    /** Bounds-checked reads: a count or length can never exceed what is left of the encoding. */
    private static final class Reader {
        final ByteBuffer buf;

        Reader(ByteBuffer buf) {
            this.buf = buf;
        }

        int count(String what) throws MalformedBlockException {
            int n = buf.getInt();
            // Every element takes at least four bytes, so a larger count cannot be genuine.
            if (n < 0 || n > buf.remaining() / 4 + 1) {
                throw new MalformedBlockException("implausible number of " + what + ": " + n);
            }
            return n;
        }

        byte[] bytes(String what) throws MalformedBlockException {
            int n = buf.getInt();
            if (n < 0 || n > buf.remaining()) {
                throw new MalformedBlockException("length of " + what + " out of bounds: " + n);
            }
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        String string(String what) throws MalformedBlockException {
            try {
                return Utf8.decode(bytes(what));
            } catch (CharacterCodingException e) {
                throw new MalformedBlockException(what + " is not valid UTF-8", e);
            }
        }

        boolean bool() throws MalformedBlockException {
            byte b = buf.get();
            if (b != 0 && b != 1) {
                throw new MalformedBlockException("flag byte " + b + " is neither 0 nor 1");
            }
            return b == 1;
        }

        Instant instant() throws MalformedBlockException {
            long seconds = buf.getLong();
            int nanos = buf.getInt();
            try {
                if (nanos < 0 || nanos > 999_999_999) {
                    throw new DateTimeException("nanoseconds " + nanos);
                }
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (DateTimeException e) {
                throw new MalformedBlockException("invalid timestamp: " + e.getMessage(), e);
            }
        }
    }

    /** A block encoding that cannot be decoded. */
    static final class MalformedBlockException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedBlockException(String message) {
            super(message);
        }

        MalformedBlockException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
