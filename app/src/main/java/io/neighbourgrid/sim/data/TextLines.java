package io.neighbourgrid.sim.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The lines of a data file, read one at a time (the full Ausgrid and UCI files are tens of megabytes), with their
 * 1-based line numbers. Files are read as UTF-8, with or without a byte-order mark; a byte sequence that is not
 * UTF-8 is reported with its line. Blank lines are skipped by {@link #next()} and {@link #peek(int)}.
 *
 * <p>Every problem, including a path that is a directory, does not exist or cannot be read, is raised as a
 * {@link DataFormatException} that names the file and, where there is one, the line.
 */
final class TextLines implements Closeable {

    private static final int UTF8_BOM_1 = 0xEF;
    private static final int UTF8_BOM_2 = 0xBB;
    private static final int UTF8_BOM_3 = 0xBF;

    private final String name;
    private final InputStream bytes;
    private final BufferedReader chars;
    private final CharsetDecoder decoder;
    private final Deque<Line> ahead = new ArrayDeque<>();
    private byte[] buffer = new byte[256];
    private long read;
    private long number;
    private boolean ended;

    private record Line(String text, long number) {
    }

    private TextLines(String name, InputStream bytes, BufferedReader chars) {
        this.name = name;
        this.bytes = bytes;
        this.chars = chars;
        this.decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Opens a file.
     *
     * @param file the file
     * @return its lines
     * @throws DataFormatException if the path is a directory, does not exist or cannot be read (names the path)
     */
    static TextLines open(Path file) throws DataFormatException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(name, 0, "is a directory, not a data file (give the path of an Ausgrid "
                    + "solar home CSV file or a UCI household power file)");
        }
        try {
            return new TextLines(name, new BufferedInputStream(Files.newInputStream(file), 1 << 16), null);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFormatException(name, 0, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Lines of text that is already decoded (a leading byte-order mark is dropped).
     *
     * @param reader the text
     * @param name   the name used in messages
     * @return its lines
     */
    static TextLines of(Reader reader, String name) {
        return new TextLines(name, null, reader instanceof BufferedReader ? (BufferedReader) reader
                : new BufferedReader(reader));
    }

    /**
     * The file name used in messages.
     *
     * @return the name
     */
    String name() {
        return name;
    }

    /**
     * The {@code index}-th next non-blank line (0 for the next) without consuming it.
     *
     * @param index how far to look ahead
     * @return the line, or null if the input ends before it
     * @throws DataFormatException if reading fails or a line is not UTF-8
     */
    String peek(int index) throws DataFormatException {
        while (ahead.size() <= index) {
            Line line = readNonBlank();
            if (line == null) {
                return null;
            }
            ahead.addLast(line);
        }
        return ahead.stream().skip(index).findFirst().orElseThrow().text();
    }

    /**
     * The line number of the {@code index}-th next non-blank line.
     *
     * @param index how far to look ahead
     * @return its 1-based number, or 0 if there is no such line
     * @throws DataFormatException if reading fails
     */
    long peekNumber(int index) throws DataFormatException {
        return peek(index) == null ? 0 : ahead.stream().skip(index).findFirst().orElseThrow().number();
    }

    /**
     * Consumes the next non-blank line.
     *
     * @return the line, or null at the end
     * @throws DataFormatException if reading fails or a line is not UTF-8
     */
    String next() throws DataFormatException {
        if (peek(0) == null) {
            return null;
        }
        Line line = ahead.removeFirst();
        number = line.number();
        return line.text();
    }

    /**
     * The 1-based number of the line last returned by {@link #next()}.
     *
     * @return the line number
     */
    long number() {
        return number;
    }

    private Line readNonBlank() throws DataFormatException {
        while (!ended) {
            String text = readLine();
            if (text == null) {
                ended = true;
                return null;
            }
            if (read == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return new Line(text, read);
            }
        }
        return null;
    }

    private String readLine() throws DataFormatException {
        try {
            if (chars != null) {
                String line = chars.readLine();
                if (line != null) {
                    read++;
                }
                return line;
            }
            return readByteLine();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, read, "not UTF-8 text (save the file as UTF-8)", e);
        } catch (IOException e) {
            throw new DataFormatException(name, read + 1, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** One line of bytes up to '\n' (a '\r' before it is dropped), decoded strictly as UTF-8. */
    private String readByteLine() throws IOException {
        int length = 0;
        int b = bytes.read();
        if (b < 0) {
            return null;
        }
        read++;
        if (read == 1 && b == UTF8_BOM_1) {
            bytes.mark(2);
            if (bytes.read() == UTF8_BOM_2 && bytes.read() == UTF8_BOM_3) {
                b = bytes.read();
            } else {
                bytes.reset();
            }
        }
        while (b >= 0 && b != '\n') {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
            b = bytes.read();
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        CharBuffer text = decoder.reset().decode(ByteBuffer.wrap(buffer, 0, length));
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        if (bytes != null) {
            bytes.close();
        }
        if (chars != null) {
            chars.close();
        }
    }
}
