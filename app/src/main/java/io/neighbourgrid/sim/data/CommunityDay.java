package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.HomeInput;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The inputs of a community over {@code T} consecutive trading windows of equal length: one {@link HomeProfile}
 * per home, all with {@code T} windows, window 0 starting at {@link #start()} (local wall-clock time). It also
 * says where the inputs come from ({@link #origin()}) and what was assumed in making them
 * ({@link #assumptions()}), for the report.
 */
public final class CommunityDay {

    private final String source;
    private final LocalDateTime start;
    private final long windowSeconds;
    private final List<HomeProfile> homes;
    private final DataOrigin origin;
    private final List<Assumption> assumptions;

    /**
     * A community of unstated origin and no recorded assumptions; homes are kept sorted by id.
     *
     * @param source        where the data comes from (shown in reports)
     * @param start         start of window 0
     * @param windowSeconds window length in seconds, positive
     * @param homes         the homes, at least one, distinct ids, all with the same number of windows
     * @throws IllegalArgumentException if the homes are empty, repeat an id or differ in length
     */
    public CommunityDay(String source, LocalDateTime start, long windowSeconds, List<HomeProfile> homes) {
        this(source, DataOrigin.other(source), start, windowSeconds, homes, List.of());
    }

    /**
     * A community with its origin and assumptions; homes are kept sorted by id.
     *
     * @param source        where the data comes from (shown in reports)
     * @param origin        the data file and layout, or the generator's seed
     * @param start         start of window 0
     * @param windowSeconds window length in seconds, positive
     * @param homes         the homes, at least one, distinct ids, all with the same number of windows
     * @param assumptions   what was assumed rather than read from the data, in the order made
     * @throws IllegalArgumentException if the homes are empty, repeat an id or differ in length
     */
    public CommunityDay(String source, DataOrigin origin, LocalDateTime start, long windowSeconds,
                        List<HomeProfile> homes, List<Assumption> assumptions) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.assumptions = List.copyOf(assumptions);
        this.source = Objects.requireNonNull(source, "source");
        this.start = Objects.requireNonNull(start, "start");
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
        List<HomeProfile> sorted = new ArrayList<>(homes);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a community needs at least one home");
        }
        sorted.sort(Comparator.comparing(HomeProfile::homeId));
        for (int i = 0; i < sorted.size(); i++) {
            HomeProfile h = sorted.get(i);
            if (i > 0 && h.homeId().equals(sorted.get(i - 1).homeId())) {
                throw new IllegalArgumentException("home " + h.homeId() + " appears twice");
            }
            if (h.windows() != sorted.get(0).windows()) {
                throw new IllegalArgumentException("home " + h.homeId() + " has " + h.windows()
                        + " windows, home " + sorted.get(0).homeId() + " has " + sorted.get(0).windows());
            }
        }
        this.homes = List.copyOf(sorted);
    }

    /**
     * Where the data comes from.
     *
     * @return a short description, e.g. {@code synthetic(seed=1)} or an Ausgrid file name
     */
    public String source() {
        return source;
    }

    /**
     * Where the inputs come from.
     *
     * @return the file and layout, the generator's seed, or another origin
     */
    public DataOrigin origin() {
        return origin;
    }

    /**
     * What was assumed rather than read from the data: generated data, synthetic batteries, PV and preferences,
     * stand-in homes, the inferred order of day and month, filled-in readings.
     *
     * @return the assumptions, in the order they were made
     */
    public List<Assumption> assumptions() {
        return assumptions;
    }

    /**
     * Start of window 0.
     *
     * @return local wall-clock time
     */
    public LocalDateTime start() {
        return start;
    }

    /**
     * Window length.
     *
     * @return seconds
     */
    public long windowSeconds() {
        return windowSeconds;
    }

    /**
     * Number of windows.
     *
     * @return {@code T}
     */
    public int windows() {
        return homes.get(0).windows();
    }

    /**
     * The homes.
     *
     * @return the homes, sorted by id
     */
    public List<HomeProfile> homes() {
        return homes;
    }

    /**
     * One home.
     *
     * @param homeId the id
     * @return its profile
     * @throws IllegalArgumentException if there is no such home
     */
    public HomeProfile home(String homeId) {
        for (HomeProfile h : homes) {
            if (h.homeId().equals(homeId)) {
                return h;
            }
        }
        throw new IllegalArgumentException("no home " + homeId + " in the community");
    }

    /**
     * Start of a window.
     *
     * @param window the window, 0-based
     * @return its start time
     */
    public LocalDateTime windowStart(int window) {
        checkWindow(window);
        return start.plusSeconds(Math.multiplyExact(window, windowSeconds));
    }

    /**
     * The market inputs of every home in one window.
     *
     * @param window the window, 0-based
     * @return the inputs, sorted by home id
     */
    public List<HomeInput> inputs(int window) {
        checkWindow(window);
        List<HomeInput> inputs = new ArrayList<>(homes.size());
        for (HomeProfile h : homes) {
            inputs.add(h.input(window));
        }
        return inputs;
    }

    private void checkWindow(int window) {
        if (window < 0 || window >= windows()) {
            throw new IndexOutOfBoundsException("window " + window + " outside [0, " + windows() + ")");
        }
    }
}
