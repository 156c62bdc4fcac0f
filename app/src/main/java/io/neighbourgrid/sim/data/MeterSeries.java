package io.neighbourgrid.sim.data;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Metered load and generation of one customer at a fixed step (half an hour for Ausgrid, a minute for UCI), in
 * energy units (10^-6 kWh) per step, from {@link #start()} on, contiguous, in local wall-clock time.
 *
 * <p>Resampling to trading windows spreads each step's energy evenly over the step: the energy of a window
 * {@code [a, b)} is {@code C(b) - C(a)}, where {@code C(t)} is the energy metered up to {@code t} with the step
 * containing {@code t} counted pro rata and rounded down. Differences of one cumulative function keep the total
 * of any run of windows exact (no energy is created or lost by rounding).
 */
public final class MeterSeries {

    private final String id;
    private final String source;
    private final LocalDateTime start;
    private final long stepSeconds;
    private final long[] load;
    private final long[] generation;
    private final long[] loadPrefix;
    private final long[] generationPrefix;
    private final OptionalDouble capacityKw;
    private final int estimatedSteps;
    private final DataLayout layout;
    private final List<Assumption> assumptions;

    /**
     * A metered series; the arrays are copied.
     *
     * @param id             customer id (used in home ids: letters, digits and '-' only)
     * @param source         file the series was read from
     * @param start          start of the first step
     * @param stepSeconds    step length, positive
     * @param load           energy consumed per step, non-negative
     * @param generation     energy generated per step, non-negative, same length as {@code load}
     * @param capacityKw     PV capacity if known
     * @param estimatedSteps number of steps that are estimates or were filled in (not actual readings)
     * @throws IllegalArgumentException if the id has other characters, a value is negative or lengths differ
     */
    public MeterSeries(String id, String source, LocalDateTime start, long stepSeconds, long[] load,
                       long[] generation, OptionalDouble capacityKw, int estimatedSteps) {
        this(id, source, start, stepSeconds, load, generation, capacityKw, estimatedSteps, null, List.of());
    }

    /**
     * A metered series read from a file of a known layout; the arrays are copied.
     *
     * @param id             customer id (used in home ids: letters, digits and '-' only)
     * @param source         file the series was read from
     * @param start          start of the first step
     * @param stepSeconds    step length, positive
     * @param load           energy consumed per step, non-negative
     * @param generation     energy generated per step, non-negative, same length as {@code load}
     * @param capacityKw     PV capacity if known
     * @param estimatedSteps number of steps that are estimates or were filled in (not actual readings)
     * @param layout         the file's layout, or null if unknown
     * @param assumptions    what the loader assumed in reading the file (e.g. the order of day and month)
     * @throws IllegalArgumentException if the id has other characters, a value is negative or lengths differ
     */
    public MeterSeries(String id, String source, LocalDateTime start, long stepSeconds, long[] load,
                       long[] generation, OptionalDouble capacityKw, int estimatedSteps, DataLayout layout,
                       List<Assumption> assumptions) {
        this.id = Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("series id must consist of letters, digits and '-', got '" + id + "'");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.start = Objects.requireNonNull(start, "start");
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + stepSeconds);
        }
        this.stepSeconds = stepSeconds;
        this.load = load.clone();
        this.generation = generation.clone();
        if (this.load.length == 0 || this.load.length != this.generation.length) {
            throw new IllegalArgumentException("series " + id + ": load and generation need the same, non-zero length");
        }
        this.loadPrefix = prefix(this.load, id);
        this.generationPrefix = prefix(this.generation, id);
        this.capacityKw = Objects.requireNonNull(capacityKw, "capacityKw");
        this.estimatedSteps = estimatedSteps;
        this.layout = layout;
        this.assumptions = List.copyOf(assumptions);
    }

    private static long[] prefix(long[] values, String id) {
        long[] p = new long[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("series " + id + ": negative energy at step " + i);
            }
            p[i + 1] = Math.addExact(p[i], values[i]);
        }
        return p;
    }

    /**
     * Customer id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The file the series was read from.
     *
     * @return the file name
     */
    public String source() {
        return source;
    }

    /**
     * Start of the first step.
     *
     * @return local wall-clock time
     */
    public LocalDateTime start() {
        return start;
    }

    /**
     * End of the last step.
     *
     * @return local wall-clock time
     */
    public LocalDateTime end() {
        return start.plusSeconds(Math.multiplyExact(stepSeconds, (long) load.length));
    }

    /**
     * Step length.
     *
     * @return seconds
     */
    public long stepSeconds() {
        return stepSeconds;
    }

    /**
     * Number of steps.
     *
     * @return the number of steps
     */
    public int steps() {
        return load.length;
    }

    /**
     * Load of one step.
     *
     * @param step the step, 0-based
     * @return energy units
     */
    public long load(int step) {
        return load[step];
    }

    /**
     * Generation of one step.
     *
     * @param step the step, 0-based
     * @return energy units
     */
    public long generation(int step) {
        return generation[step];
    }

    /**
     * Whether the series records any generation.
     *
     * @return true if some step has generation
     */
    public boolean hasGeneration() {
        return generationPrefix[generationPrefix.length - 1] > 0;
    }

    /**
     * PV capacity, when the source gives it.
     *
     * @return kWp, or empty
     */
    public OptionalDouble capacityKw() {
        return capacityKw;
    }

    /**
     * Steps that are estimates or were filled in.
     *
     * @return the count
     */
    public int estimatedSteps() {
        return estimatedSteps;
    }

    /**
     * The layout of the file the series was read from.
     *
     * @return the layout, or empty when the series was not read by a loader
     */
    public Optional<DataLayout> layout() {
        return Optional.ofNullable(layout);
    }

    /**
     * What the loader assumed in reading the file, e.g. the order of day and month it inferred.
     *
     * @return the assumptions, possibly empty
     */
    public List<Assumption> assumptions() {
        return assumptions;
    }

    /**
     * Load per trading window.
     *
     * @param from          start of window 0, within the series
     * @param windows       number of windows, positive
     * @param windowSeconds window length, positive
     * @return energy units per window
     * @throws IllegalArgumentException if the windows reach outside the series
     */
    public long[] loadPerWindow(LocalDateTime from, int windows, long windowSeconds) {
        return resample(loadPrefix, load, from, windows, windowSeconds);
    }

    /**
     * Generation per trading window.
     *
     * @param from          start of window 0, within the series
     * @param windows       number of windows, positive
     * @param windowSeconds window length, positive
     * @return energy units per window
     * @throws IllegalArgumentException if the windows reach outside the series
     */
    public long[] generationPerWindow(LocalDateTime from, int windows, long windowSeconds) {
        return resample(generationPrefix, generation, from, windows, windowSeconds);
    }

    /**
     * Whether the series covers the given windows.
     *
     * @param from          start of window 0
     * @param windows       number of windows
     * @param windowSeconds window length
     * @return true if {@code [from, from + windows * windowSeconds)} lies within the series
     */
    public boolean covers(LocalDateTime from, int windows, long windowSeconds) {
        long offset = Duration.between(start, from).getSeconds();
        long length = Math.multiplyExact((long) windows, windowSeconds);
        return offset >= 0 && offset + length <= stepSeconds * load.length;
    }

    private long[] resample(long[] prefix, long[] values, LocalDateTime from, int windows, long windowSeconds) {
        if (windows <= 0 || windowSeconds <= 0) {
            throw new IllegalArgumentException("need a positive number of windows of positive length");
        }
        if (!covers(from, windows, windowSeconds)) {
            throw new IllegalArgumentException("series " + id + " covers [" + start + ", " + end() + "), not "
                    + windows + " windows of " + windowSeconds + " s from " + from);
        }
        long offset = Duration.between(start, from).getSeconds();
        long[] energy = new long[windows];
        long previous = cumulative(prefix, values, offset);
        for (int w = 0; w < windows; w++) {
            long next = cumulative(prefix, values, offset + (w + 1L) * windowSeconds);
            energy[w] = next - previous;
            previous = next;
        }
        return energy;
    }

    /** Energy metered in the first {@code seconds} of the series, the current step pro rata, rounded down. */
    private long cumulative(long[] prefix, long[] values, long seconds) {
        int step = (int) (seconds / stepSeconds);
        long into = seconds % stepSeconds;
        if (step >= values.length) {
            return prefix[values.length];
        }
        return prefix[step] + Math.multiplyExact(values[step], into) / stepSeconds;
    }

    @Override
    public String toString() {
        return "MeterSeries[" + id + ", " + start + ", " + load.length + " x " + stepSeconds + " s]";
    }
}
