package io.neighbourgrid.report;

import io.neighbourgrid.market.Clearing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Coalitions formed among the homes of a replayed day (seed 000, "Privacy Friendly Cooperative Trading Platform")
 * and each coalition's market, against the single community on the same day. A simulator-side analysis: it holds
 * every home's inputs, as the plaintext reference does ({@code docs/coalitions.md}). Money in money units; a home's
 * payoff is what its market gained it against trading its net energy with the grid alone.
 *
 * @param rule         the formation rule's option value ({@code merge-split})
 * @param blockWindows windows per formation block: coalitions are formed for each block and kept for its windows
 * @param stability    the stability notion checked
 * @param blocks       every block, in window order
 * @param homes        every home over the run, in id order
 */
public record CoalitionReport(String rule, int blockWindows, String stability, List<Block> blocks,
                              List<HomePayoff> homes) {
    public CoalitionReport {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(stability, "stability");
        blocks = List.copyOf(blocks);
        homes = List.copyOf(homes);
    }

    /**
     * One block of windows.
     *
     * @param firstWindow   its first window
     * @param windows       its windows
     * @param coalitions    the stable partition, ordered by lowest home id
     * @param grandWelfare  the single community's welfare over the block
     * @param merges        merges made
     * @param splits        splits made
     * @param stable        whether the final check found no preferred merge and no preferred split
     * @param mergesChecked collections of coalitions the final check tried
     * @param splitsChecked splits in two the final check tried
     * @param markets       each coalition's market in each window (coalitions of one home are left out: they trade
     *                      with the grid)
     */
    public record Block(long firstWindow, int windows, List<Coalition> coalitions, long grandWelfare, int merges,
                        int splits, boolean stable, long mergesChecked, long splitsChecked, List<Market> markets) {
        public Block {
            coalitions = List.copyOf(coalitions);
            markets = List.copyOf(markets);
        }

        /** The partition's welfare: the sum of every coalition's. */
        public long welfare() {
            long sum = 0;
            for (Coalition c : coalitions) {
                sum = Math.addExact(sum, c.welfare());
            }
            return sum;
        }

        /** The coalitions' sizes, in the order of {@link #coalitions()}. */
        public List<Integer> sizes() {
            return coalitions.stream().map(c -> c.homes().size()).toList();
        }
    }

    /**
     * A coalition of a block.
     *
     * @param homes   its homes, in id order
     * @param welfare the sum of its homes' payoffs over the block
     */
    public record Coalition(List<String> homes, long welfare) {
        public Coalition {
            homes = List.copyOf(homes);
        }
    }

    /**
     * A coalition's market in one window.
     *
     * @param window    the window
     * @param coalition the coalition's index in its block
     * @param clearing  how it cleared
     * @param price     the price, when it cleared as a market
     * @param sellers   sellers in it
     * @param buyers    buyers in it
     */
    public record Market(long window, int coalition, Clearing clearing, OptionalLong price, int sellers, int buyers) {
        public Market {
            Objects.requireNonNull(clearing, "clearing");
            Objects.requireNonNull(price, "price");
        }
    }

    /**
     * A home over the run.
     *
     * @param homeId    the home
     * @param partition its payoff in its coalitions, summed over the blocks
     * @param grand     its payoff in the single community
     */
    public record HomePayoff(String homeId, long partition, long grand) {
        public HomePayoff {
            Objects.requireNonNull(homeId, "homeId");
        }
    }

    /** The partitions' welfare over the run. */
    public long welfare() {
        long sum = 0;
        for (Block b : blocks) {
            sum = Math.addExact(sum, b.welfare());
        }
        return sum;
    }

    /** The single community's welfare over the run. */
    public long grandWelfare() {
        long sum = 0;
        for (Block b : blocks) {
            sum = Math.addExact(sum, b.grandWelfare());
        }
        return sum;
    }

    /** Blocks whose partition passed the stability check. */
    public int stableBlocks() {
        return (int) blocks.stream().filter(Block::stable).count();
    }

    /** Homes that end below their stand-alone payoff of zero (never, if formation is right). */
    public List<String> homesBelowStandAlone() {
        return homes.stream().filter(h -> h.partition() < 0).map(HomePayoff::homeId).toList();
    }

    /** Homes better off in their coalitions than in the single community. */
    public int homesBetterThanGrand() {
        return (int) homes.stream().filter(h -> h.partition() > h.grand()).count();
    }

    /** Homes worse off in their coalitions than in the single community. */
    public int homesWorseThanGrand() {
        return (int) homes.stream().filter(h -> h.partition() < h.grand()).count();
    }

    /** The mean number of coalitions of two or more homes per block. */
    public double meanMarkets() {
        return blocks.isEmpty() ? 0 : blocks.stream()
                .mapToLong(b -> b.coalitions().stream().filter(c -> c.homes().size() > 1).count()).sum()
                / (double) blocks.size();
    }

    /** The report's lines for the console and the page. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "coalitions (%s, %d-window blocks): %d blocks, %d stable (%s); "
                        + "%.2f coalitions of two or more homes per block", rule, blockWindows, blocks.size(),
                stableBlocks(), stability, meanMarkets()));
        lines.add(String.format(Locale.ROOT, "coalition welfare %s cents against %s cents for the single community "
                        + "(gain over the grid alone); %d homes better off than in the single community, %d worse, "
                        + "%d below their stand-alone payoff", Numbers.moneyText(welfare()),
                Numbers.moneyText(grandWelfare()), homesBetterThanGrand(), homesWorseThanGrand(),
                homesBelowStandAlone().size()));
        return lines;
    }
}
