package io.neighbourgrid.cli;

import io.neighbourgrid.protocol.KeyPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small command-line option parser: {@code --name value}, {@code --name=value} and {@code --flag}. Every problem
 * is a {@link UsageException} whose message names the option and, for a value, what is allowed: an unknown option,
 * a missing value, a value for a flag, a value that does not parse or is out of its {@link Range}.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /** An inclusive range of accepted integers. */
    record Range(long min, long max) {
        Range {
            if (min > max) {
                throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
            }
        }

        boolean contains(long value) {
            return value >= min && value <= max;
        }

        @Override
        public String toString() {
            return "[" + min + ", " + max + "]";
        }
    }

    /**
     * Parses {@code args}.
     *
     * @param withValue options that take a value
     * @param flags     options that take none
     * @throws UsageException naming an unknown option, a missing value or a flag given a value
     */
    static Options parse(String[] args, Set<String> withValue, Set<String> flags) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                o.positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (inline != null) {
                    throw new UsageException("--" + name + " takes no value, got '" + inline + "'");
                }
                o.values.put(name, "true");
            } else if (withValue.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    v = args[++i];
                }
                o.values.put(name, v);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return o;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The option's value as an int in {@code range}, or {@code fallback} when absent. */
    int intValue(String name, int fallback, Range range) throws UsageException {
        return Math.toIntExact(longValue(name, fallback, range));
    }

    /** The option's value as a long in {@code range}, or {@code fallback} when absent. */
    long longValue(String name, long fallback, Range range) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return parseLong(name, v, range);
    }

    /** One integer in {@code range} given to option {@code name}. */
    static long parseLong(String name, String text, Range range) throws UsageException {
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer in " + range + ", got '" + text + "'");
        }
        if (!range.contains(n)) {
            throw new UsageException("--" + name + " must be in " + range + ", got " + n);
        }
        return n;
    }

    /** The option's value as a number in [{@code min}, {@code max}], or {@code fallback} when absent. */
    double doubleValue(String name, double fallback, double min, double max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        String range = "[" + fmt(min) + ", " + fmt(max) + "]";
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number in " + range + ", got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException("--" + name + " must be in " + range + ", got " + v.strip());
        }
        return d;
    }

    /** The option's value, one of {@code allowed}, or {@code fallback} when absent. */
    String choice(String name, String fallback, List<String> allowed) throws UsageException {
        String v = get(name, fallback);
        if (!allowed.contains(v)) {
            throw new UsageException("--" + name + " must be " + String.join(" or ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    /** The option's value as a Paillier key size {@link KeyPolicy} accepts for {@code use}. */
    int keyBits(String name, int fallback, KeyPolicy.Use use) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        int bits;
        try {
            bits = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an even integer in [" + use.minBits() + ", "
                    + use.maxBits() + "], got '" + v + "'");
        }
        Optional<String> problem = KeyPolicy.problem(bits, use, "--" + name);
        if (problem.isPresent()) {
            throw new UsageException(problem.get());
        }
        return bits;
    }

    /** The option's value as a path, or {@code fallback} when absent. */
    Path path(String name, String fallback) throws UsageException {
        String v = get(name, fallback);
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException("--" + name + " is not a valid path: '" + v + "'");
        }
    }

    /** The option's value as a regular file that exists and can be read, or {@code null} when absent. */
    Path readableFile(String name) throws UsageException {
        if (!has(name)) {
            return null;
        }
        Path file = path(name, "");
        if (get(name, "").isBlank() || !Files.exists(file)) {
            throw new UsageException("--" + name + " file '" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("--" + name + " '" + file + "' is a directory, not a file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("--" + name + " file '" + file + "' cannot be read");
        }
        return file;
    }

    /** The value of a required option. */
    String required(String name) throws UsageException {
        if (!has(name)) {
            throw new UsageException("--" + name + " is required");
        }
        return get(name, "");
    }

    /** Rejects positional arguments. */
    void noPositional() throws UsageException {
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument '" + positional.get(0) + "'");
        }
    }

    List<String> positional() {
        return positional;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Bad command-line input; the message names the option and what it accepts. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
