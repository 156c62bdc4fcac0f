package io.neighbourgrid.cli;

import io.neighbourgrid.protocol.KeyPolicy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The settings of one {@code run}, from the command line, every value checked against {@link Limits} and
 * {@link KeyPolicy} while parsing, so that a run that starts has settings the market accepts.
 */
record RunSettings(int homes, int windows, long windowSeconds, int keyBits, long seed, Path data, LocalDate date,
                   LocalTime start, Path out, String ledger, Path network, Path keys, int threads,
                   int minCoalition, int epochWindows, boolean inMemory, boolean quiet, boolean bills,
                   double deviationRate) {
    /** Options of {@code run} that take a value. */
    static final Set<String> OPTIONS = Set.of("homes", "windows", "window-seconds", "key-bits", "seed", "data", "out",
            "ledger", "keys", "threads", "min-coalition", "epoch-windows", "start", "date", "network",
            "deviation-rate");
    /** Flags of {@code run}. */
    static final Set<String> FLAGS = Set.of("in-memory", "quiet", "help", "bills");
    /** Default key size of {@code run}. */
    static final int DEFAULT_KEY_BITS = 2048;

    /**
     * Parses and checks the options of {@code run}.
     *
     * @throws Options.UsageException naming the first option that is unknown, lacks its value, or has a value
     *                                outside what it accepts
     */
    static RunSettings parse(String[] args) throws Options.UsageException {
        Options o = Options.parse(args, OPTIONS, FLAGS);
        o.noPositional();
        int homes = o.intValue("homes", 50, Limits.HOMES);
        int windows = o.intValue("windows", 60, Limits.WINDOWS);
        int windowSeconds = o.intValue("window-seconds", 60, Limits.WINDOW_SECONDS);
        int keyBits = o.keyBits("key-bits", DEFAULT_KEY_BITS, KeyPolicy.Use.MARKET);
        long seed = o.longValue("seed", 1, Limits.SEED);
        Path data = o.readableFile("data");
        LocalDate date = null;
        if (o.has("date")) {
            try {
                date = LocalDate.parse(o.get("date", "").strip());
            } catch (DateTimeParseException e) {
                throw new Options.UsageException("--date must be a date YYYY-MM-DD, got '" + o.get("date", "") + "'");
            }
        }
        LocalTime start = LocalTime.of(11, 0);
        if (o.has("start")) {
            try {
                start = LocalTime.parse(o.get("start", "").strip());
            } catch (DateTimeParseException e) {
                throw new Options.UsageException("--start must be a time of day HH:MM, got '" + o.get("start", "")
                        + "'");
            }
        }
        String ledger = o.choice("ledger", "embedded", List.of("embedded", "fabric"));
        double deviationRate = o.doubleValue("deviation-rate", 0.1, Limits.MIN_DEVIATION_RATE,
                Limits.MAX_DEVIATION_RATE);
        Path defaultKeys = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME",
                System.getProperty("user.home") + "/.cache"), "neighbourgrid", "keys");
        return new RunSettings(homes, windows, windowSeconds, keyBits, seed, data, date, start,
                o.path("out", "out"),
                ledger,
                o.path("network", "network/generated"),
                o.path("keys", defaultKeys.toString()),
                o.intValue("threads", Runtime.getRuntime().availableProcessors(), Limits.THREADS),
                o.intValue("min-coalition", 2, Limits.MIN_COALITION),
                o.intValue("epoch-windows", 60, Limits.EPOCH_WINDOWS),
                o.has("in-memory"),
                o.has("quiet"),
                o.has("bills"),
                deviationRate);
    }
}
