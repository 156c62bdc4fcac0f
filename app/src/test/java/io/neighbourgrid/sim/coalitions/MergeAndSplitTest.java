package io.neighbourgrid.sim.coalitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Scales;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MergeAndSplitTest {
    private static final MarketParameters PARAMS = MarketParameters.defaults();
    private static final ReferenceMarket MARKET = new ReferenceMarket(PARAMS);
    private static final long CENT = Scales.MONEY;

    /** A home exporting ({@code kwh > 0}) or importing ({@code kwh < 0}) that much, with k = 100. */
    private static HomeInput home(String id, double kwh) {
        long e = Math.round(Math.abs(kwh) * Scales.ENERGY);
        return new HomeInput(id, kwh > 0 ? e : 0, kwh < 0 ? e : 0, 0, 100 * Scales.PREFERENCE, Scales.EPSILON / 2);
    }

    private static CoalitionGame game(HomeInput... homes) {
        return new CoalitionGame(MARKET, 0, List.of(List.of(homes)));
    }

    /**
     * h1, h2 sell 1 kWh, h3, h4 buy 1 kWh, h5 sells 1 kWh, h6 buys 2 kWh. The four first form a balanced market: an
     * extreme market at p_l = 90 in which everyone trades all, sellers gain 10 cents on the feed-in 80, buyers 30 on
     * the retail 120. Adding h5 cuts the sellers' fill to 2/3, adding h6 (alone or with h5) the buyers' fill, so no
     * member of the four accepts them, and h5 and h6 alone are below the minimum coalition size.
     */
    private static final HomeInput[] STRANDED = {home("h1", 1), home("h2", 1), home("h3", -1), home("h4", -1),
        home("h5", 1), home("h6", -2)};

    @Nested
    class KnownCase {
        @Test
        void theBalancedFourFormAMarketAndLeaveTheOthersAlone() {
            CoalitionGame g = game(STRANDED);
            MergeAndSplit.Result r = MergeAndSplit.form(g);
            assertEquals(List.of(0b001111, 0b010000, 0b100000), r.partition());
            assertEquals(1, r.merges());
            assertEquals(0, r.splits());
            assertTrue(r.stable());
            long[] p = g.payoffs(0b001111);
            assertEquals(List.of(10 * CENT, 10 * CENT, 30 * CENT, 30 * CENT), List.of(p[0], p[1], p[2], p[3]));
        }

        @Test
        void thePartitionsWelfareIsBelowTheSingleCommunitys() {
            CoalitionGame g = game(STRANDED);
            MergeAndSplit.Result r = MergeAndSplit.form(g);
            long welfare = r.partition().stream().mapToLong(g::welfare).sum();
            assertEquals(80 * CENT, welfare);
            // the single community matches 3 kWh of 4: (ps - pb) * 3 kWh = 120 cents, less rounding
            long grand = g.welfare(g.grandCoalition());
            assertTrue(grand > welfare + 39 * CENT && grand <= 120 * CENT, "grand welfare " + grand);
        }

        @Test
        void whenTheLeftoversBalanceTheyJoinAndTheSingleCommunityForms() {
            CoalitionGame g = game(home("h1", 1), home("h2", 1), home("h3", -1), home("h4", -1), home("h5", 1),
                    home("h6", -1));
            MergeAndSplit.Result r = MergeAndSplit.form(g);
            assertEquals(List.of(g.grandCoalition()), r.partition());
            assertEquals(2, r.merges());
        }

        @Test
        void aHomeThatNeverTradesStaysAloneWithNothing() {
            CoalitionGame g = game(home("h1", 1), home("h2", 1), home("h3", -1), home("h4", -1), home("h5", 0));
            MergeAndSplit.Result r = MergeAndSplit.form(g);
            assertEquals(List.of(0b01111, 0b10000), r.partition());
            assertEquals(0, g.payoff(0b10000, 4));
        }
    }

    @Nested
    class Stability {
        @Test
        void randomCommunitiesEndStableWithEveryHomeAtLeastItsStandAloneValue() {
            Random random = new Random(7);
            for (int trial = 0; trial < 12; trial++) {
                int n = 6 + random.nextInt(5);
                List<List<HomeInput>> windows = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    List<HomeInput> homes = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        homes.add(home("h" + (char) ('a' + i), Math.round((random.nextDouble() * 4 - 2) * 10) / 10.0));
                    }
                    windows.add(homes);
                }
                CoalitionGame g = new CoalitionGame(MARKET, 3, windows);
                MergeAndSplit.Result r = MergeAndSplit.form(g);
                assertTrue(r.stable(), "trial " + trial);
                assertTrue(isStableByBruteForce(g, r.partition()), "trial " + trial + ": " + r.partition());
                int covered = 0;
                for (int c : r.partition()) {
                    assertEquals(0, covered & c, "coalitions overlap");
                    covered |= c;
                    for (int i : MergeAndSplit.members(c)) {
                        assertTrue(g.payoff(c, i) >= 0, "home " + i + " below its stand-alone value");
                    }
                }
                assertEquals(g.grandCoalition(), covered, "every home in one coalition");
                // the market's surplus is (ps - pb) min(E_s, E_b) whatever the price, so the single community is
                // at least as good up to rounding: a long-side home's volume is floored to the energy unit, and the
                // unit left goes to the grid, (ps - pb) = 40 money units, plus the floor of its money
                long welfare = r.partition().stream().mapToLong(g::welfare).sum();
                assertTrue(welfare <= g.welfare(g.grandCoalition()) + 41L * n * 2,
                        "trial " + trial + ": " + welfare + " against " + g.welfare(g.grandCoalition()));
            }
        }

        @Test
        void aPartitionWithAProfitableMergeIsNotStable() {
            CoalitionGame g = game(STRANDED);
            List<Integer> singles = List.of(1, 2, 4, 8, 16, 32);
            MergeAndSplit.Move m = MergeAndSplit.profitableMove(g, singles).orElseThrow();
            assertEquals(MergeAndSplit.Move.Kind.MERGE, m.kind());
            assertEquals(List.of(0b001111), m.to());
        }

        @Test
        void theSingleCommunityOfTheKnownCaseIsStableToo() {
            // h5 sells in it; any split that gives h3, h4 their full fill leaves h5 or h6 with the grid alone
            assertTrue(MergeAndSplit.profitableMove(game(STRANDED), List.of(0b111111)).isEmpty());
        }
    }

    @Nested
    class Splits {
        /**
         * A game given by a table: 0 and 1 gain 1 together, 2 and 3 too, all four gain 2 each, but {0, 2} and
         * {1, 3} gain 3 each. From singletons: merge {0, 1}, merge {2, 3}, merge all, then split into {0, 2}, {1, 3}.
         */
        private final MergeAndSplit.Game table = new MergeAndSplit.Game() {
            private final Map<Integer, long[]> payoffs = Map.of(
                    0b0011, new long[] {1, 1, 0, 0}, 0b1100, new long[] {0, 0, 1, 1},
                    0b1111, new long[] {2, 2, 2, 2}, 0b0101, new long[] {3, 0, 3, 0}, 0b1010, new long[] {0, 3, 0, 3});

            @Override
            public int homes() {
                return 4;
            }

            @Override
            public int traders() {
                return 0b1111;
            }

            @Override
            public long payoff(int coalition, int home) {
                return payoffs.getOrDefault(coalition, new long[4])[home];
            }
        };

        @Test
        void aPreferredSplitIsMadeAndTheResultIsStable() {
            MergeAndSplit.Result r = MergeAndSplit.form(table);
            assertEquals(List.of(0b0101, 0b1010), r.partition());
            assertEquals(3, r.merges());
            assertEquals(1, r.splits());
            assertTrue(r.stable());
            assertTrue(isStableByBruteForce(table, r.partition()));
        }

        @Test
        void aPartitionWithAProfitableSplitIsNotStable() {
            MergeAndSplit.Move m = MergeAndSplit.profitableMove(table, List.of(0b1111)).orElseThrow();
            assertEquals(MergeAndSplit.Move.Kind.SPLIT, m.kind());
            assertEquals(List.of(0b0101, 0b1010), m.to());
            assertFalse(isStableByBruteForce(table, List.of(0b1111)));
        }
    }

    @Test
    void moreHomesThanTheSearchTakesAreRefused() {
        HomeInput[] many = new HomeInput[CoalitionGame.MAX_HOMES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = home(String.format("h%02d", i), i % 2 == 0 ? 1 : -1);
        }
        assertThrows(IllegalArgumentException.class, () -> game(many));
    }

    /**
     * The stability check written out independently of the search order: every collection of two or more
     * coalitions (traders or not) and every split of a coalition in two, none Pareto-preferred by its homes.
     */
    private static boolean isStableByBruteForce(MergeAndSplit.Game g, List<Integer> partition) {
        int m = partition.size();
        for (int pick = 1; pick < (1 << m); pick++) {
            if (Integer.bitCount(pick) < 2) {
                continue;
            }
            int union = 0;
            for (int i = 0; i < m; i++) {
                union |= (pick >> i & 1) == 1 ? partition.get(i) : 0;
            }
            if (paretoBetter(g, union, partition, union, -1)) {
                return false;
            }
        }
        for (int c : partition) {
            for (int a = (c - 1) & c; a > 0; a = (a - 1) & c) {
                if (paretoBetter(g, c, partition, a, c & ~a)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the homes of {@code homes} prefer coalitions {@code a} and {@code b} (-1: none) to the partition. */
    private static boolean paretoBetter(MergeAndSplit.Game g, int homes, List<Integer> partition, int a, int b) {
        boolean strictly = false;
        for (int i : MergeAndSplit.members(homes)) {
            int now = (a & (1 << i)) != 0 ? a : b;
            int was = partition.stream().filter(c -> (c & (1 << i)) != 0).findFirst().orElseThrow();
            long diff = g.payoff(now, i) - g.payoff(was, i);
            if (diff < 0) {
                return false;
            }
            strictly |= diff > 0;
        }
        return strictly;
    }
}
