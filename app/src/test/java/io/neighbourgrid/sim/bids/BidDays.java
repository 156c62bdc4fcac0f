package io.neighbourgrid.sim.bids;

import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import io.neighbourgrid.sim.data.HomeTraits;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Small hand-made days for the bidding tests. */
final class BidDays {
    static final MarketParameters PARAMS = MarketParameters.defaults();
    static final MarketConfig CONFIG = MarketConfig.of(PARAMS, 1024, 60);

    private BidDays() {
    }

    /** kWh in energy units. */
    static long kwh(double kwh) {
        return Math.round(kwh * Scales.ENERGY);
    }

    /** A home without battery, generation and load in kWh per window, preference k. */
    static HomeProfile home(String id, double k, double[] generation, double[] load) {
        long[] g = new long[generation.length];
        long[] l = new long[load.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = kwh(generation[i]);
            l[i] = kwh(load[i]);
        }
        return HomeProfile.withoutBattery(id, g, l,
                new HomeTraits(Math.round(k * Scales.PREFERENCE), Scales.EPSILON / 2));
    }

    static CommunityDay day(long windowSeconds, HomeProfile... homes) {
        return new CommunityDay("test", LocalDateTime.of(2024, 1, 1, 10, 0), windowSeconds, List.of(homes));
    }

    /**
     * Three sellers and three buyers over six windows of fifteen minutes, with prices inside [p_l, p_h] when
     * everyone is truthful (k = 40 against d of about 1.5 kWh: sqrt(120 * 40 / 1.5) = 56.6 is clamped to p_l, so the
     * sellers' k are set to give interior prices).
     */
    static CommunityDay smallDay() {
        List<HomeProfile> homes = new ArrayList<>();
        double[] sunny = {0.8, 1.0, 1.2, 1.1, 0.9, 0.7};
        double[] none = {0, 0, 0, 0, 0, 0};
        homes.add(home("s1", 160, sunny, new double[] {0.2, 0.3, 0.2, 0.4, 0.3, 0.2}));
        homes.add(home("s2", 150, sunny, new double[] {0.3, 0.2, 0.4, 0.3, 0.2, 0.3}));
        homes.add(home("s3", 170, sunny, new double[] {0.1, 0.2, 0.3, 0.2, 0.1, 0.2}));
        homes.add(home("b1", 100, none, new double[] {1.0, 1.2, 0.9, 1.1, 1.3, 1.0}));
        homes.add(home("b2", 100, none, new double[] {0.9, 0.8, 1.1, 1.0, 0.9, 1.2}));
        homes.add(home("b3", 100, none, new double[] {1.2, 1.0, 1.0, 1.3, 1.1, 0.9}));
        return day(900, homes.toArray(new HomeProfile[0]));
    }
}
