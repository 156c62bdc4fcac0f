package io.neighbourgrid.sim;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.market.paper.Deviation;
import io.neighbourgrid.market.paper.ObservedHome;
import io.neighbourgrid.market.paper.ObservedWindow;
import io.neighbourgrid.market.paper.PaperClearing;
import io.neighbourgrid.market.paper.PaperHome;
import io.neighbourgrid.market.paper.PaperMarket;
import io.neighbourgrid.market.paper.PaperParameters;
import io.neighbourgrid.market.paper.PaperWindow;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks each window of a run against the market written from the paper in exact rational arithmetic
 * ({@link PaperMarket}), which shares no code with the contract's arithmetic: the market type, the price, the fill
 * ratio and every home's market energy and money must be what the paper's equations give under the documented
 * fixed-point rounding.
 */
final class PaperReferenceCheck {
    private final PaperMarket paper;

    PaperReferenceCheck(MarketParameters params) {
        Objects.requireNonNull(params, "params");
        this.paper = new PaperMarket(new PaperParameters(params.retailPrice(), params.feedInPrice(),
                params.lowPrice(), params.highPrice(), params.minimumCoalitionSize()));
    }

    /**
     * What the paper's reference finds wrong with a window the private market decided.
     *
     * @param privateRun the window as the ledger decided it, with every home's own settlement
     * @param view       the window's public record (which homes the ledger kept out, whether it ran a market)
     * @param inputs     the homes' plaintext inputs of the window
     * @return one line per deviation; empty when the window is exactly what the paper gives
     */
    List<String> deviations(WindowOutcome privateRun, WindowView view, List<HomeInput> inputs) {
        List<PaperHome> homes = new ArrayList<>(inputs.size());
        for (HomeInput h : inputs) {
            homes.add(new PaperHome(h.homeId(), h.generation(), h.load(), h.battery(), h.preference(), h.epsilon()));
        }
        PaperWindow reference = reference(view, homes);
        Map<String, ObservedHome> observed = new LinkedHashMap<>();
        for (HomeSettlement s : privateRun.homes()) {
            observed.put(s.homeId(), ObservedHome.of(s.marketEnergy(), s.marketMoney(), s.gridMoney()));
        }
        PaperClearing clearing = PaperClearing.valueOf(privateRun.clearing().name());
        List<String> out = new ArrayList<>();
        for (Deviation d : reference.check(new ObservedWindow(clearing, privateRun.price(), privateRun.fillRatio(),
                observed)).deviations()) {
            out.add(d.toString());
        }
        return out;
    }

    /** The same window in the paper: with the homes the ledger kept out kept out, grid-only when it expired. */
    private PaperWindow reference(WindowView view, List<PaperHome> homes) {
        Outcome outcome = view.window().outcome();
        if (outcome == null || outcome.clearing() == Clearing.GRID_ONLY) {
            if (view.window().coalitions() != null && view.window().aggregation() == null) {
                return paper.clear(homes, Set.of());
            }
            return paper.gridOnly(homes);
        }
        return paper.clear(homes, new HashSet<>(view.window().aggregation().silentMembers()));
    }
}
