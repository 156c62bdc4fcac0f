package io.neighbourgrid.sim.coalitions;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.report.CoalitionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Coalition formation over a replayed day (seed 000, "Privacy Friendly Cooperative Trading Platform"): the day is cut
 * into blocks of {@code blockWindows} windows; for each block {@link MergeAndSplit} forms coalitions on the block's
 * {@link CoalitionGame}, and each coalition then runs as a market of its own on the block's windows. The single
 * community's market on the same windows is the comparison.
 *
 * <p>This is an analysis on the simulator's side: it reads every home's inputs, and trying a coalition means
 * clearing that coalition's market. On the ledger each try would be a market evaluation of its own, whose published
 * type, price and fill ratio over overlapping sets of homes leak by differencing ({@code docs/coalitions.md}).
 */
public final class CoalitionFormation {
    /** The stability notion the report states. */
    public static final String STABILITY = "no Pareto-preferred merge of any collection of coalitions and no "
            + "Pareto-preferred split of any coalition in two (D_hp-stability with splits in two)";

    private CoalitionFormation() {
    }

    /**
     * Forms coalitions block by block and reports them.
     *
     * @param market       the market each coalition runs (the community's parameters)
     * @param inputs       every home's inputs of a window (what the homes bid)
     * @param first        the first window
     * @param windows      windows from {@code first}
     * @param blockWindows windows per block, positive
     * @return the report
     */
    public static CoalitionReport run(ReferenceMarket market, IntFunction<List<HomeInput>> inputs, long first,
                                      int windows, int blockWindows) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(inputs, "inputs");
        if (blockWindows < 1) {
            throw new IllegalArgumentException("a block needs at least one window, got " + blockWindows);
        }
        List<CoalitionReport.Block> blocks = new ArrayList<>();
        Map<String, long[]> homes = new TreeMap<>();
        for (long start = first; start < first + windows; start += blockWindows) {
            int length = (int) Math.min(blockWindows, first + windows - start);
            List<List<HomeInput>> block = new ArrayList<>();
            for (int w = 0; w < length; w++) {
                block.add(inputs.apply(Math.toIntExact(start + w)));
            }
            CoalitionGame game = new CoalitionGame(market, start, block);
            blocks.add(block(game, MergeAndSplit.form(game), homes));
        }
        List<CoalitionReport.HomePayoff> payoffs = new ArrayList<>();
        homes.forEach((id, p) -> payoffs.add(new CoalitionReport.HomePayoff(id, p[0], p[1])));
        return new CoalitionReport("merge-split", blockWindows, STABILITY, blocks, payoffs);
    }

    private static CoalitionReport.Block block(CoalitionGame game, MergeAndSplit.Result result,
                                               Map<String, long[]> homes) {
        List<String> ids = game.homeIds();
        int grand = game.grandCoalition();
        List<CoalitionReport.Coalition> coalitions = new ArrayList<>();
        Map<Long, List<CoalitionReport.Market>> markets = new TreeMap<>();
        for (int c : result.partition()) {
            int index = coalitions.size();
            List<String> members = new ArrayList<>();
            for (int i : MergeAndSplit.members(c)) {
                members.add(ids.get(i));
                long[] p = homes.computeIfAbsent(ids.get(i), k -> new long[2]);
                p[0] = Math.addExact(p[0], game.payoff(c, i));
                p[1] = Math.addExact(p[1], game.payoff(grand, i));
            }
            coalitions.add(new CoalitionReport.Coalition(members, game.welfare(c)));
            if (members.size() > 1) {
                for (WindowOutcome o : game.outcomes(c)) {
                    markets.computeIfAbsent(o.window(), k -> new ArrayList<>()).add(new CoalitionReport.Market(
                            o.window(), index, o.clearing(), o.price(), o.sellers(), o.buyers()));
                }
            }
        }
        List<CoalitionReport.Market> flat = new ArrayList<>();
        markets.values().forEach(flat::addAll);
        return new CoalitionReport.Block(game.firstWindow(), game.windows(), coalitions, game.welfare(grand),
                result.merges(), result.splits(), result.stable(), result.mergesChecked(), result.splitsChecked(),
                flat);
    }
}
