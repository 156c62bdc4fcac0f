package io.neighbourgrid.sim.bids;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.sim.data.HomeProfile;

/**
 * Forecasts of a home's window made before the window from its own history only (the windows before it in the
 * replayed data), for bids from forecasts (seed 003, SNIPPET, step 1 "bid and offer creation": a bid is made
 * before the energy is metered). Generation, load and battery are forecast separately, so the forecast net energy
 * {@code sn = g - l - b} (PEM Eq. 1) and pricing term {@code d} (PEM Eq. 13) follow from them; {@code k} and epsilon
 * are the home's own settings.
 *
 * <p>Where the seeds are silent (they name no forecaster) the choices are ours ({@code docs/strategies.md}): a home
 * without history (window 0 of the replayed data) bids nothing, so it trades its whole metered net with the grid.
 */
public final class Forecasts {
    /** Windows the recent-window average of {@link #profile} spans when the data holds no previous day. */
    public static final int RECENT_WINDOWS = 4;
    /** Previous days the daily profile averages, when the data holds them. */
    public static final int PROFILE_DAYS = 3;

    private Forecasts() {
    }

    /**
     * Persistence: the previous window's values.
     *
     * @param home   the home's profile
     * @param window the window forecast, 0-based
     * @return window {@code window - 1}'s values, or an empty bid ({@code g = l = b = 0}) for window 0
     */
    public static HomeInput persistence(HomeProfile home, int window) {
        return window == 0 ? empty(home, window) : withTraits(home, window, home.input(window - 1));
    }

    /**
     * Daily profile: the mean of the same window on up to {@value #PROFILE_DAYS} previous days when the replayed
     * data reaches back a whole day, else the mean of up to {@value #RECENT_WINDOWS} most recent windows.
     *
     * @param home          the home's profile
     * @param window        the window forecast, 0-based
     * @param windowsPerDay windows in a day ({@code 86400 / windowSeconds}), positive
     * @return the forecast, or an empty bid for window 0
     */
    public static HomeInput profile(HomeProfile home, int window, int windowsPerDay) {
        if (window == 0) {
            return empty(home, window);
        }
        int step = window >= windowsPerDay ? windowsPerDay : 1;
        int count = Math.min(step == 1 ? RECENT_WINDOWS : PROFILE_DAYS, window / step);
        long g = 0;
        long l = 0;
        long b = 0;
        for (int i = 1; i <= count; i++) {
            HomeInput past = home.input(window - i * step);
            g += past.generation();
            l += past.load();
            b += past.battery();
        }
        return new HomeInput(home.homeId(), Math.floorDiv(g, count), Math.floorDiv(l, count),
                Math.floorDiv(b, count), home.input(window).preference(), home.input(window).epsilon());
    }

    /** A bid of nothing: off market, everything metered goes to or comes from the grid. */
    private static HomeInput empty(HomeProfile home, int window) {
        HomeInput now = home.input(window);
        return new HomeInput(home.homeId(), 0, 0, 0, now.preference(), now.epsilon());
    }

    private static HomeInput withTraits(HomeProfile home, int window, HomeInput past) {
        HomeInput now = home.input(window);
        return new HomeInput(home.homeId(), past.generation(), past.load(), past.battery(), now.preference(),
                now.epsilon());
    }
}
