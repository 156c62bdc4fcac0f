package io.neighbourgrid.sim.bids;

import static io.neighbourgrid.sim.bids.BidDays.kwh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LearnedForecastTest {
    private static final IntToDoubleFunction QUARTER_HOURS_FROM_NINE = s -> (9 * 4 + s) / 96.0;

    /** A home whose generation rises and load falls linearly: both are exact linear autoregressions. */
    private static HomeProfile linear(int windows) {
        double[] g = new double[windows];
        double[] l = new double[windows];
        for (int s = 0; s < windows; s++) {
            g[s] = 0.2 + 0.15 * s;
            l[s] = 3.0 - 0.1 * s;
        }
        return BidDays.home("h", 100, g, l);
    }

    @Nested
    class Recovery {
        @Test
        void aLinearSeriesIsForecastExactlyWithANegligiblePenalty() {
            // exact once the pairs outnumber the features (3 lags, sin, cos: from LAGS + 6 pairs on); before that
            // the fit is underdetermined and may lean on the time of day
            HomeProfile home = linear(24);
            int determined = LearnedForecast.LAGS + LearnedForecast.LAGS + 3;
            for (int t = LearnedForecast.LAGS + LearnedForecast.MIN_ROWS; t < 24; t++) {
                HomeInput f = LearnedForecast.forecast(home, t, 96, QUARTER_HOURS_FROM_NINE, 1e-9);
                if (t >= determined) {
                    assertEquals(home.generation(t), f.generation(), "generation of window " + t);
                    assertEquals(home.load(t), f.load(), "load of window " + t);
                } else {
                    assertEquals(home.generation(t), f.generation(), 1e-3 * home.generation(t), "window " + t);
                }
                assertEquals(0, f.battery());
            }
        }

        @Test
        void theDefaultPenaltyStaysWithinAFewPerCentOnTheSameSeries() {
            HomeProfile home = linear(20);
            HomeInput f = LearnedForecast.forecast(home, 19, 96, QUARTER_HOURS_FROM_NINE);
            assertTrue(Math.abs(f.generation() - home.generation(19)) < 0.05 * home.generation(19),
                    "forecast " + f.generation() + " against " + home.generation(19));
        }

        @Test
        void theSameWindowADayEarlierIsUsedOnceTheDataHoldsIt() {
            // a "day" of 4 windows whose values repeat daily but not in any lag pattern: 1, 3, 0, 2, 1, 3, 0, 2, ...
            double[] daily = {1, 3, 0, 2};
            double[] g = new double[24];
            double[] l = new double[24];
            for (int s = 0; s < 24; s++) {
                g[s] = daily[s % 4];
                l[s] = 0.5;
            }
            HomeProfile home = BidDays.home("h", 100, g, l);
            HomeInput f = LearnedForecast.forecast(home, 23, 4, s -> (s % 4) / 4.0, 1e-9);
            assertEquals(kwh(2), f.generation());
        }
    }

    @Nested
    class OwnPastOnly {
        @Test
        void valuesOfWindowTAndLaterDoNotChangeTheForecast() {
            HomeProfile home = linear(16);
            double[] g = new double[16];
            double[] l = new double[16];
            for (int s = 0; s < 16; s++) {
                g[s] = s < 10 ? 0.2 + 0.15 * s : 9.0;
                l[s] = s < 10 ? 3.0 - 0.1 * s : 0.0;
            }
            HomeProfile changed = BidDays.home("h", 100, g, l);
            assertEquals(LearnedForecast.forecast(home, 10, 96, QUARTER_HOURS_FROM_NINE),
                    LearnedForecast.forecast(changed, 10, 96, QUARTER_HOURS_FROM_NINE));
        }

        @Test
        void windowZeroBidsNothingAndShortHistoryIsPersistence() {
            HomeProfile home = linear(10);
            assertEquals(Role.OFF, LearnedForecast.forecast(home, 0, 96, QUARTER_HOURS_FROM_NINE).role());
            for (int t = 1; t < LearnedForecast.LAGS + LearnedForecast.MIN_ROWS; t++) {
                assertEquals(Forecasts.persistence(home, t),
                        LearnedForecast.forecast(home, t, 96, QUARTER_HOURS_FROM_NINE));
            }
        }

        @Test
        void aWindowOutsideTheDataIsRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> LearnedForecast.forecast(linear(5), 5, 96, QUARTER_HOURS_FROM_NINE));
        }
    }

    @Test
    void forecastsStayWithinWhatTheHomeHasSeen() {
        // a jump the regression would extrapolate far below zero
        double[] g = {5, 5, 5, 5, 5, 5, 5, 0, 0};
        double[] l = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        HomeInput f = LearnedForecast.forecast(BidDays.home("h", 100, g, l), 8, 96, QUARTER_HOURS_FROM_NINE, 1e-9);
        assertTrue(f.generation() >= 0 && f.generation() <= kwh(10), "generation " + f.generation());
    }

    @Test
    void biddingLearnedUsesTheLearnedForecast() {
        Bidding b = new Bidding(BidDays.smallDay(), BidMode.parse("forecast:learned"), Optional.empty(),
                BidDays.CONFIG, 1);
        for (HomeProfile h : BidDays.smallDay().homes()) {
            assertEquals(Forecasts.persistence(h, 3).netEnergy(), b.bid(h.homeId(), 3).netEnergy());
        }
    }
}
