package io.neighbourgrid.sim.data;

import java.util.Objects;

/**
 * Input data that cannot be read: names the file, the line (1-based; 0 when the problem concerns the file as a
 * whole) and the problem.
 */
public final class DataFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String problem;

    /**
     * A problem at one line of a file.
     *
     * @param file    the file (or source) name
     * @param line    the 1-based line number, or 0 for the whole file
     * @param problem what is wrong
     */
    public DataFormatException(String file, long line, String problem) {
        this(file, line, problem, null);
    }

    /**
     * A problem at one line of a file, with its cause.
     *
     * @param file    the file (or source) name
     * @param line    the 1-based line number, or 0 for the whole file
     * @param problem what is wrong
     * @param cause   the underlying exception, may be null
     */
    public DataFormatException(String file, long line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String file, long line, String problem) {
        return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
    }

    /**
     * The file or source name.
     *
     * @return the name
     */
    public String file() {
        return file;
    }

    /**
     * The 1-based line number.
     *
     * @return the line, or 0 when the problem concerns the whole file
     */
    public long line() {
        return line;
    }

    /**
     * What is wrong, without the location.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
