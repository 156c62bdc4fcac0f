package io.neighbourgrid.report;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Scales;
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
}
