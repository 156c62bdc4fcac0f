package io.neighbourgrid.sim;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The four totals of a cleared window as its aggregated members contributed them (PEM Protocol 2 and 3: {@code E_s},
 * {@code sum k}, {@code sum d}, {@code E_b}), computed by the simulator from the homes' inputs, which it holds: the
 * ledger never reveals them. Each value is clamped into the window's {@link ContributionRanges}, as the homes' agents
 * clamp what they encrypt.
 *
 * @param supply      {@code E_s}
 * @param preference  {@code sum k}
 * @param pricingTerm {@code sum d}
 * @param demand      {@code E_b}
 */
record ContributedTotals(long supply, long preference, long pricingTerm, long demand) {
    static ContributedTotals of(WindowRecord w, List<HomeInput> inputs) {
        ContributionRanges r = ContributionRanges.of(w.config());
        Map<String, HomeInput> byHome = new HashMap<>();
        inputs.forEach(in -> byHome.put(in.homeId(), in));
        Aggregation a = w.aggregation();
        long supply = 0;
        long preference = 0;
        long pricingTerm = 0;
        long demand = 0;
        for (String id : a.sellers()) {
            HomeInput in = byHome.get(id);
            supply = Math.addExact(supply, r.clamp(ContributionRanges.SUPPLY, in.netEnergy()));
            preference = Math.addExact(preference, r.clamp(ContributionRanges.PREFERENCE, in.preference()));
            pricingTerm = Math.addExact(pricingTerm, r.clamp(ContributionRanges.PRICING_TERM, in.pricingTerm()));
        }
        for (String id : a.buyers()) {
            demand = Math.addExact(demand, r.clamp(ContributionRanges.DEMAND, -byHome.get(id).netEnergy()));
        }
        return new ContributedTotals(supply, preference, pricingTerm, demand);
    }
}
