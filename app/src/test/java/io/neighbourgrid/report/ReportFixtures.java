package io.neighbourgrid.report;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataLayout;
import io.neighbourgrid.sim.data.DataOrigin;
import io.neighbourgrid.sim.data.HomeProfile;
import io.neighbourgrid.sim.data.HomeTraits;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny hand-computed run: a general window, an extreme window and a grid-only window of four homes. */
final class ReportFixtures {

    static final MarketParameters PARAMS = MarketParameters.defaults();
    static final ReferenceMarket MARKET = new ReferenceMarket(PARAMS);

    private ReportFixtures() {
    }

    static HomeInput home(String id, long g, long l, long k) {
        return new HomeInput(id, g, l, 0L, k * Scales.PREFERENCE, 900_000L);
    }

    /** Sellers a, b; buyers c, d; price 100 cents; buyers get 381818 and 318181 units. */
    static List<HomeInput> general() {
        return List.of(home("a", 1_500_000L, 1_000_000L, 200), home("b", 700_000L, 500_000L, 150),
                home("c", 0L, 600_000L, 60), home("d", 100_000L, 600_000L, 60));
    }

    /** Supply 1.1 kWh, demand 0.7 kWh: price p_l = 90 cents. */
    static List<HomeInput> extreme() {
        return List.of(home("a", 600_000L, 0L, 100), home("b", 700_000L, 200_000L, 100),
                home("c", 0L, 400_000L, 60), home("d", 0L, 300_000L, 60));
    }

    static Map<String, Double> phases(double roles, double contributions, double comparison) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("roles", roles);
        m.put("contributions", contributions);
        m.put("comparison", comparison);
        return m;
    }

    static RunReport run() {
        RunReport.Builder b = RunReport.builder(PARAMS).configuration("homes", 4).configuration("keyBits", 1024)
                .configuration("source", "hand <made> & \"tiny\"");
        b.addWindow(MARKET.clear(0, general()), MARKET.clear(0, general()),
                new WindowMetrics(100.0, phases(10, 60, 30), 1_000L));
        b.addWindow(MARKET.clear(1, extreme()), MARKET.clear(1, extreme()),
                new WindowMetrics(300.0, phases(20, 200, 80), 2_000L));
        b.addWindow(MARKET.gridOnly(2, general()), MARKET.gridOnly(2, general()),
                new WindowMetrics(200.0, phases(5, 0, 0), 0L));
        return b.precomputationMs(1234.5).build();
    }

    /**
     * Three one-minute windows from 11:00 on 1 July 2012 of four homes named so that text order and natural order
     * differ (home-1, home-10, home-2, home-9); home-2 has a battery, home-9 no generation.
     */
    static CommunityDay day() {
        LocalDateTime start = LocalDateTime.of(2012, 7, 1, 11, 0);
        List<HomeProfile> homes = List.of(
                new HomeProfile("home-1", new long[] {1_500_000L, 600_000L, 1_500_000L},
                        new long[] {1_000_000L, 0L, 1_000_000L}, new long[3], traits(200)),
                new HomeProfile("home-2", new long[] {900_000L, 900_000L, 900_000L},
                        new long[] {500_000L, 200_000L, 500_000L}, new long[] {200_000L, 0L, -100_000L},
                        traits(150)),
                new HomeProfile("home-10", new long[] {100_000L, 0L, 100_000L},
                        new long[] {600_000L, 300_000L, 600_000L}, new long[3], traits(60)),
                new HomeProfile("home-9", new long[3], new long[] {600_000L, 400_000L, 600_000L}, new long[3],
                        traits(60)));
        List<Assumption> assumptions = List.of(
                Assumption.of(Assumption.DATE_ORDER, "Dates in customer7.csv were read day first (d/mm/yyyy): "
                        + "'13/07/2012' on line 37 can only be day/month/year."),
                new Assumption(Assumption.STAND_IN_HOMES, "home-10 stands in <for> a neighbour & is \"made up\".",
                        List.of("home-10")),
                new Assumption(Assumption.SYNTHETIC_BATTERIES, "1 of 4 homes was given a synthetic battery: home-2.",
                        List.of("home-2")));
        return new CommunityDay("customer7.csv, 4 homes from 2012-07-01",
                DataOrigin.file("customer7.csv", DataLayout.AUSGRID_WIDE.title()), start, 60L, homes, assumptions);
    }

    private static HomeTraits traits(long k) {
        return new HomeTraits(k * Scales.PREFERENCE, 900_000L);
    }

    /** A run over {@link #day()}: cleared windows 0 and 1, grid-only window 2, with the inputs attached or not. */
    static RunReport runOf(CommunityDay day, boolean attach) {
        RunReport.Builder b = RunReport.builder(PARAMS).configuration("homes", 4);
        for (int t = 0; t < 3; t++) {
            var outcome = t < 2 ? MARKET.clear(t, day.inputs(t)) : MARKET.gridOnly(t, day.inputs(t));
            b.addWindow(outcome, outcome, new WindowMetrics(100.0 + t, phases(10, 60, 30), 1_000L));
        }
        if (attach) {
            b.inputs(day);
        }
        return b.precomputationMs(12.5).build();
    }
}
