package io.neighbourgrid.sim.bids;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * A forecast learned from the home's own history only (seed 003, SNIPPET, step 1 "bid and offer creation"; the
 * seeds name no forecaster, so the model is our choice, {@code docs/strategies.md}): for each of generation, load
 * and battery a ridge autoregression ({@link RidgeRegression}, closed form) on
 * <ul>
 *   <li>the last {@value #LAGS} windows {@code x[s-1], ..., x[s-LAGS]},
 *   <li>the same window a day earlier {@code x[s-d]}, when the replayed data holds at least {@value #MIN_ROWS}
 *       windows with a day of history ({@code d = 86400 / window seconds}),
 *   <li>the time of day as {@code sin} and {@code cos} of {@code 2 pi} times the fraction of the day,
 * </ul>
 * fitted afresh before each window {@code t} on the pairs (features of {@code s}, {@code x[s]}) for the windows
 * {@code s < t} whose features all lie in the data. Nothing of window {@code t} or later is read. With fewer than
 * {@value #MIN_ROWS} such pairs the forecast is persistence (the previous window), and window 0 bids nothing, as
 * {@link Forecasts#persistence} does.
 *
 * <p>Generation and load are clamped to {@code [0, 2 max]} of the home's history, the battery to the range it has
 * seen, so that a fit on a handful of windows cannot bid a value the home never came near.
 */
public final class LearnedForecast {
    /** Autoregressive lags. */
    public static final int LAGS = 3;
    /** Training pairs below which the forecast is persistence. */
    public static final int MIN_ROWS = 3;
    /** Penalty on the standardised coefficients: a fit on few windows is shrunk towards the mean. */
    public static final double DEFAULT_RIDGE = 1.0;

    private LearnedForecast() {
    }

    /**
     * The learned forecast of a home's window.
     *
     * @param home          the home's profile
     * @param window        the window forecast, 0-based
     * @param windowsPerDay windows in a day, positive
     * @param timeOfDay     the fraction of the day, in {@code [0, 1)}, at which a window starts
     * @return the forecast, with the home's own {@code k} and epsilon
     */
    public static HomeInput forecast(HomeProfile home, int window, int windowsPerDay, IntToDoubleFunction timeOfDay) {
        return forecast(home, window, windowsPerDay, timeOfDay, DEFAULT_RIDGE);
    }

    /** As {@link #forecast(HomeProfile, int, int, IntToDoubleFunction)} with the given ridge penalty. */
    static HomeInput forecast(HomeProfile home, int window, int windowsPerDay, IntToDoubleFunction timeOfDay,
                              double ridge) {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(timeOfDay, "timeOfDay");
        if (window < 0 || window >= home.windows()) {
            throw new IllegalArgumentException("window " + window + " is outside the home's " + home.windows()
                    + " windows");
        }
        HomeInput now = home.input(window);
        if (window < LAGS + MIN_ROWS) {
            return window == 0 ? new HomeInput(home.homeId(), 0, 0, 0, now.preference(), now.epsilon())
                    : persistence(home, window);
        }
        long g = Math.round(quantity(home::generation, window, windowsPerDay, timeOfDay, ridge, false));
        long l = Math.round(quantity(home::load, window, windowsPerDay, timeOfDay, ridge, false));
        long b = Math.round(quantity(home::battery, window, windowsPerDay, timeOfDay, ridge, true));
        return new HomeInput(home.homeId(), g, l, b, now.preference(), now.epsilon());
    }

    private static HomeInput persistence(HomeProfile home, int window) {
        HomeInput past = home.input(window - 1);
        HomeInput now = home.input(window);
        return new HomeInput(home.homeId(), past.generation(), past.load(), past.battery(), now.preference(),
                now.epsilon());
    }

    /** One quantity's forecast for {@code window} from its values before it; {@code series} is read below it only. */
    private static double quantity(IntUnaryLong series, int window, int windowsPerDay, IntToDoubleFunction timeOfDay,
                                   double ridge, boolean signed) {
        boolean daily = windowsPerDay > LAGS && window - Math.max(LAGS, windowsPerDay) >= MIN_ROWS;
        int first = daily ? Math.max(LAGS, windowsPerDay) : LAGS;
        int rows = window - first;
        double[][] x = new double[rows][];
        double[] y = new double[rows];
        for (int s = first; s < window; s++) {
            x[s - first] = features(series, s, daily ? windowsPerDay : 0, timeOfDay);
            y[s - first] = series.at(s);
        }
        double predicted = RidgeRegression.fit(x, y, ridge)
                .predict(features(series, window, daily ? windowsPerDay : 0, timeOfDay));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < window; s++) {
            min = Math.min(min, series.at(s));
            max = Math.max(max, series.at(s));
        }
        double low = signed ? min : 0;
        double high = signed ? max : 2 * Math.max(0, max);
        return Math.max(low, Math.min(high, predicted));
    }

    /** The features of window {@code s}: its lags, the same window a day before (if {@code day > 0}), time of day. */
    private static double[] features(IntUnaryLong series, int s, int day, IntToDoubleFunction timeOfDay) {
        double[] f = new double[LAGS + (day > 0 ? 1 : 0) + 2];
        int i = 0;
        for (int lag = 1; lag <= LAGS; lag++) {
            f[i++] = series.at(s - lag);
        }
        if (day > 0) {
            f[i++] = series.at(s - day);
        }
        double angle = 2 * Math.PI * timeOfDay.applyAsDouble(s);
        f[i++] = Math.sin(angle);
        f[i] = Math.cos(angle);
        return f;
    }

    /** A home's series of one quantity, by window. */
    @FunctionalInterface
    private interface IntUnaryLong {
        long at(int window);
    }
}
