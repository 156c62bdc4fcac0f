package io.neighbourgrid.sim.bids;

import static io.neighbourgrid.sim.bids.BidDays.kwh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastsTest {
    private static final HomeProfile HOME = BidDays.home("h", 100,
            new double[] {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0},
            new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5});

    @Test
    void persistenceIsThePreviousWindow() {
        for (int t = 1; t < 8; t++) {
            HomeInput f = Forecasts.persistence(HOME, t);
            assertEquals(kwh(t - 1), f.generation());
            assertEquals(HOME.input(t - 1).netEnergy(), f.netEnergy());
            assertEquals(HOME.input(t).preference(), f.preference());
        }
    }

    @Test
    void windowZeroHasNoHistoryAndBidsNothing() {
        assertEquals(Role.OFF, Forecasts.persistence(HOME, 0).role());
        assertEquals(Role.OFF, Forecasts.profile(HOME, 0, 96).role());
    }

    @Test
    void profileAveragesTheRecentWindowsWithinADay() {
        // window 6: mean of windows 2..5 = (2 + 3 + 4 + 5) / 4 = 3.5 kWh generation, 0.5 kWh load
        HomeInput f = Forecasts.profile(HOME, 6, 96);
        assertEquals(kwh(3.5), f.generation());
        assertEquals(kwh(0.5), f.load());
        // window 2: only two windows of history
        assertEquals(kwh(0.5), Forecasts.profile(HOME, 2, 96).generation());
    }

    @Test
    void profileTakesTheSameWindowOfPreviousDays() {
        // a "day" of 2 windows: window 7 averages windows 5, 3 and 1 (three previous days)
        HomeInput f = Forecasts.profile(HOME, 7, 2);
        assertEquals(kwh((5.0 + 3.0 + 1.0) / 3), f.generation());
        // window 3 has one previous day: window 1
        assertEquals(kwh(1.0), Forecasts.profile(HOME, 3, 2).generation());
    }

    @Test
    void biddingPersistenceGivesEveryHomeItsPreviousWindow() {
        Bidding b = new Bidding(BidDays.smallDay(), BidMode.PERSISTENCE, Optional.empty(), BidDays.CONFIG, 1);
        for (HomeProfile h : BidDays.smallDay().homes()) {
            assertEquals(h.input(3).netEnergy(), b.bid(h.homeId(), 4).netEnergy());
        }
    }

    @Test
    void optionValuesParse() {
        assertEquals(BidMode.PROFILE, BidMode.parse("forecast:profile"));
        assertEquals(BidMode.REALISED, BidMode.parse(" Realised "));
        assertThrows(IllegalArgumentException.class, () -> BidMode.parse("forecast"));
        assertEquals(new StrategicHomes(3, Strategy.LEARNING), StrategicHomes.parse("3:learning"));
        assertThrows(IllegalArgumentException.class, () -> StrategicHomes.parse("0:learning"));
        assertThrows(IllegalArgumentException.class, () -> StrategicHomes.parse("two:best-response"));
    }
}
