package io.neighbourgrid.market.paper;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.WindowOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the project's market types into this package's inputs and observations: what a run does per window to
 * check its outcome (only tests may use the project's types next to the paper's).
 */
final class ProjectAdapter {

    private ProjectAdapter() {
    }

    static PaperParameters parameters(MarketParameters p) {
        return new PaperParameters(p.retailPrice(), p.feedInPrice(), p.lowPrice(), p.highPrice(),
                p.minimumCoalitionSize());
    }

    static PaperHome home(HomeInput h) {
        return new PaperHome(h.homeId(), h.generation(), h.load(), h.battery(), h.preference(), h.epsilon());
    }

    static List<PaperHome> homes(Collection<HomeInput> homes) {
        List<PaperHome> out = new ArrayList<>();
        homes.forEach(h -> out.add(home(h)));
        return out;
    }

    /** The observation of a project outcome with every home's volume and money. */
    static ObservedWindow observed(WindowOutcome w) {
        Map<String, ObservedHome> homes = new LinkedHashMap<>();
        for (HomeSettlement s : w.homes()) {
            homes.put(s.homeId(), ObservedHome.of(s.marketEnergy(), s.marketMoney(), s.gridMoney()));
        }
        return new ObservedWindow(PaperClearing.valueOf(w.clearing().name()), w.price(), w.fillRatio(), homes);
    }
}
