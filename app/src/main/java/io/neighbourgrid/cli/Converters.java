package io.neighbourgrid.cli;

import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.sim.bids.BidMode;
import io.neighbourgrid.sim.bids.StrategicHomes;
import io.neighbourgrid.sim.partners.PartnerOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's value converters: each parses one kind of value and checks it against {@link Limits} or
 * {@link KeyPolicy}, so that a command that starts has values the market accepts. A rejected value is a
 * {@link BadValue} whose message names the option it was given to (picocli tells {@link Main} which option that
 * was): e.g. {@code --homes must be in [2, 100000], got 0}.
 */
final class Converters {
    private Converters() {
    }

    /** A rejected value; {@link #message(String)} words it for the option it was given to. */
    static final class BadValue extends TypeConversionException {
        private static final long serialVersionUID = 1L;
        private final transient UnaryOperator<String> message;

        /**
         * @param message the message for an option name, e.g. {@code name -> name + " must be in [0, 1]"}
         */
        BadValue(UnaryOperator<String> message) {
            super(message.apply("the value"));
            this.message = message;
        }

        /** The message naming {@code option}. */
        String message(String option) {
            return message.apply(option);
        }
    }

    /** One integer in {@code range}. */
    static long parse(String text, Limits.Range range) {
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadValue(name -> name + " must be an integer in " + range + ", got '" + text + "'");
        }
        if (!range.contains(n)) {
            throw new BadValue(name -> name + " must be in " + range + ", got " + n);
        }
        return n;
    }

    /** An {@code int} in a range of {@link Limits}. */
    abstract static class IntIn implements ITypeConverter<Integer> {
        private final Limits.Range range;

        IntIn(Limits.Range range) {
            this.range = range;
        }

        @Override
        public Integer convert(String text) {
            return Math.toIntExact(parse(text, range));
        }
    }

    /** A {@code long} in a range of {@link Limits}. */
    abstract static class LongIn implements ITypeConverter<Long> {
        private final Limits.Range range;

        LongIn(Limits.Range range) {
            this.range = range;
        }

        @Override
        public Long convert(String text) {
            return parse(text, range);
        }
    }

    /** {@link Limits#PORT}. */
    static final class Port extends IntIn {
        Port() {
            super(Limits.PORT);
        }
    }

    /** {@link Limits#POLL_MS}. */
    static final class PollMillis extends LongIn {
        PollMillis() {
            super(Limits.POLL_MS);
        }
    }

    /** {@link Limits#HOMES}. */
    static final class Homes extends IntIn {
        Homes() {
            super(Limits.HOMES);
        }
    }

    /** {@link Limits#WINDOWS}. */
    static final class Windows extends IntIn {
        Windows() {
            super(Limits.WINDOWS);
        }
    }

    /** {@link Limits#WINDOW_SECONDS}. */
    static final class WindowSeconds extends IntIn {
        WindowSeconds() {
            super(Limits.WINDOW_SECONDS);
        }
    }

    /** {@link Limits#SEED}. */
    static final class Seed extends LongIn {
        Seed() {
            super(Limits.SEED);
        }
    }

    /** {@link Limits#THREADS}. */
    static final class Threads extends IntIn {
        Threads() {
            super(Limits.THREADS);
        }
    }

    /** {@link Limits#MIN_COALITION}. */
    static final class MinCoalition extends IntIn {
        MinCoalition() {
            super(Limits.MIN_COALITION);
        }
    }

    /** {@link Limits#REPRESENTATIVES}. */
    static final class Representatives extends IntIn {
        Representatives() {
            super(Limits.REPRESENTATIVES);
        }
    }

    /** {@link Limits#EPOCH_WINDOWS}. */
    static final class EpochWindows extends IntIn {
        EpochWindows() {
            super(Limits.EPOCH_WINDOWS);
        }
    }

    /** {@link Limits#BENCH_HOMES}. */
    static final class BenchHomes extends IntIn {
        BenchHomes() {
            super(Limits.BENCH_HOMES);
        }
    }

    /** {@link Limits#BENCH_WINDOWS}. */
    static final class BenchWindows extends IntIn {
        BenchWindows() {
            super(Limits.BENCH_WINDOWS);
        }
    }

    /** {@link Limits#MARKET_BENCH_WINDOWS}. */
    static final class MarketBenchWindows extends IntIn {
        MarketBenchWindows() {
            super(Limits.MARKET_BENCH_WINDOWS);
        }
    }

    /** {@link Limits#WINDOW_INDEX}. */
    static final class WindowIndex extends LongIn {
        WindowIndex() {
            super(Limits.WINDOW_INDEX);
        }
    }

    /** A Paillier key size {@link KeyPolicy} accepts for a use. */
    abstract static class KeyBits implements ITypeConverter<Integer> {
        private final KeyPolicy.Use use;

        KeyBits(KeyPolicy.Use use) {
            this.use = use;
        }

        @Override
        public Integer convert(String text) {
            int bits;
            try {
                bits = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new BadValue(name -> name + " must be an even integer in [" + use.minBits() + ", "
                        + use.maxBits() + "], got '" + text + "'");
            }
            if (!KeyPolicy.accepts(bits, use)) {
                throw new BadValue(name -> KeyPolicy.problem(bits, use, name).orElseThrow());
            }
            return bits;
        }
    }

    /** The homes' market keys. */
    static final class MarketKeyBits extends KeyBits {
        MarketKeyBits() {
            super(KeyPolicy.Use.MARKET);
        }
    }

    /** The billing key. */
    static final class BillingKeyBits extends KeyBits {
        BillingKeyBits() {
            super(KeyPolicy.Use.BILLING);
        }
    }

    /** {@code --deviation-rate}: a share in [{@link Limits#MIN_DEVIATION_RATE}, {@link Limits#MAX_DEVIATION_RATE}]. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            String range = "[" + fmt(Limits.MIN_DEVIATION_RATE) + ", " + fmt(Limits.MAX_DEVIATION_RATE) + "]";
            double d;
            try {
                d = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new BadValue(name -> name + " must be a number in " + range + ", got '" + text + "'");
            }
            if (!(d >= Limits.MIN_DEVIATION_RATE && d <= Limits.MAX_DEVIATION_RATE)) {
                throw new BadValue(name -> name + " must be in " + range + ", got " + text.strip());
            }
            return d;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /** A value parsed by a function whose {@link IllegalArgumentException} words the problem. */
    abstract static class Parsed<T> implements ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsed(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String text) {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new BadValue(name -> name + ": " + e.getMessage());
            }
        }
    }

    /** {@code --bids}: {@code realised} or {@code forecast:persistence|profile|learned}. */
    static final class Bids extends Parsed<BidMode> {
        Bids() {
            super(BidMode::parse);
        }
    }

    /** {@code --coalitions}: {@code merge-split}. */
    static final class Coalitions extends Parsed<io.neighbourgrid.sim.coalitions.CoalitionRule> {
        Coalitions() {
            super(io.neighbourgrid.sim.coalitions.CoalitionRule::parse);
        }
    }

    /** {@code --strategic}: {@code N:best-response} or {@code N:learning}. */
    static final class Strategic extends Parsed<StrategicHomes> {
        Strategic() {
            super(StrategicHomes::parse);
        }
    }

    /** {@code --partners}: {@code N:PRICE[:SHARE]}. */
    static final class Partners extends Parsed<PartnerOptions.Sales> {
        Partners() {
            super(PartnerOptions.Sales::parse);
        }
    }

    /** {@code --donations}: {@code N:RECIPIENT[:SHARE]}. */
    static final class Donations extends Parsed<PartnerOptions.Donations> {
        Donations() {
            super(PartnerOptions.Donations::parse);
        }
    }

    /** {@code --date}: {@code YYYY-MM-DD}. */
    static final class Date implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String text) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new BadValue(name -> name + " must be a date YYYY-MM-DD, got '" + text + "'");
            }
        }
    }

    /** {@code --start}: {@code HH:MM}. */
    static final class TimeOfDay implements ITypeConverter<LocalTime> {
        @Override
        public LocalTime convert(String text) {
            try {
                return LocalTime.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new BadValue(name -> name + " must be a time of day HH:MM, got '" + text + "'");
            }
        }
    }

    /** {@code --ledger}: {@code embedded} or {@code fabric}. */
    static final class LedgerKindValue implements ITypeConverter<LedgerKind> {
        @Override
        public LedgerKind convert(String text) {
            for (LedgerKind k : LedgerKind.values()) {
                if (k.toString().equals(text)) {
                    return k;
                }
            }
            throw new BadValue(name -> name + " must be embedded or fabric, got '" + text + "'");
        }
    }

    /** A path. */
    static final class PathValue implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new BadValue(name -> name + " is not a valid path: '" + text + "'");
            }
        }
    }

    /** A regular file that exists and can be read. */
    static final class ReadableFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            Path file = new PathValue().convert(text);
            if (text.isBlank() || !Files.exists(file)) {
                throw new BadValue(name -> name + " file '" + file + "' does not exist");
            }
            if (Files.isDirectory(file)) {
                throw new BadValue(name -> name + " '" + file + "' is a directory, not a file");
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new BadValue(name -> name + " file '" + file + "' cannot be read");
            }
            return file;
        }
    }

    /** {@code --period FROM-TO}: two window indices, {@code FROM <= TO}. */
    static final class PeriodValue implements ITypeConverter<Period> {
        @Override
        public Period convert(String text) {
            String[] parts = text.split("-", -1);
            try {
                if (parts.length == 2) {
                    long from = Long.parseLong(parts[0].strip());
                    long to = Long.parseLong(parts[1].strip());
                    if (from >= 0 && from <= to) {
                        return new Period(from, to);
                    }
                }
            } catch (NumberFormatException e) {
                throw new BadValue(name -> name + " must be FROM-TO, two window indices, got '" + text + "'");
            }
            throw new BadValue(name -> name + " must be FROM-TO with FROM <= TO, got '" + text + "'");
        }
    }

    /** A period of windows, both ends included. */
    record Period(long from, long to) {
        @Override
        public String toString() {
            return from + "-" + to;
        }
    }

    /** Where the ledger is. */
    enum LedgerKind {
        /** The embedded ledger, in {@code OUT/ledger} (or in memory). */
        EMBEDDED,
        /** The Fabric network of {@code test-network/}. */
        FABRIC;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
