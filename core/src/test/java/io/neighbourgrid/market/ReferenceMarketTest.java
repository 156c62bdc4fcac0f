package io.neighbourgrid.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReferenceMarketTest {

    private static final long CENT = Scales.PRICE;
    private static final long K = Scales.PREFERENCE;
    private static final long EPS = 900_000L;
    private static final MarketParameters DEFAULTS = MarketParameters.defaults();
    private static final ReferenceMarket MARKET = new ReferenceMarket(DEFAULTS);

    private static HomeInput home(String id, long g, long l, long b, long k) {
        return new HomeInput(id, g, l, b, k * K, EPS);
    }

    /** Sellers a (0.5 kWh, d = 2.5 kWh, k = 200) and b (0.2 kWh, d = 1.7 kWh, k = 150): p^ = 100 cents. */
    private static List<HomeInput> generalWindow() {
        return List.of(
                home("a", 1_500_000L, 1_000_000L, 0L, 200),
                home("b", 700_000L, 500_000L, 0L, 150),
                home("c", 0L, 600_000L, 0L, 60),
                home("d", 100_000L, 400_000L, 200_000L, 60));
    }

    @Nested
    class GeneralMarket {

        @Test
        void interiorPriceAndProportionalAllocationMatchTheHandComputation() {
            WindowOutcome w = MARKET.clear(3, generalWindow());
            assertEquals(Clearing.GENERAL, w.clearing());
            assertEquals(OptionalLong.of(100L * CENT), w.price());
            assertEquals(2, w.sellers());
            assertEquals(2, w.buyers());
            assertEquals(700_000L, w.supply());
            assertEquals(1_100_000L, w.demand());
            assertEquals(350L * K, w.sumPreference());
            assertEquals(4_200_000L, w.sumPricingTerm());
            assertEquals((7L << 40) / 11L, w.fillRatio());
            // buyers receive floor(600000 * 7/11) = 381818 and floor(500000 * 7/11) = 318181
            assertEquals(381_818L, w.home("c").marketEnergy());
            assertEquals(318_181L, w.home("d").marketEnergy());
            assertEquals(1L, w.residual());
            assertEquals(699_999L, w.marketEnergy());
            assertEquals(218_182L + 181_819L, w.gridImport());
            assertEquals(1L, w.gridExport());
        }

        @Test
        void moneyFollowsTheMarketAndGridPrices() {
            WindowOutcome w = MARKET.clear(3, generalWindow());
            HomeSettlement a = w.home("a");
            assertEquals(Role.SELLER, a.role());
            assertEquals(500_000L, a.marketEnergy());
            assertEquals(50_000_000L, a.marketMoney()); // 0.5 kWh * 100 cents = 50 cents
            assertEquals(0L, a.gridMoney());
            assertEquals(40_000_000L, a.gridOnlyMoney()); // 0.5 kWh * 80 cents
            assertEquals(10_000_000L, a.savings());
            HomeSettlement c = w.home("c");
            assertEquals(38_181_800L, c.marketMoney());
            assertEquals(26_181_840L, c.gridMoney()); // 218182 units at 120 cents
            assertEquals(72_000_000L, c.gridOnlyMoney());
            assertEquals(-64_363_640L, c.balance());
            assertEquals(7_636_360L, c.savings());
        }

        @Test
        void lowStackelbergPriceIsClampedToTheLowerBound() {
            List<HomeInput> homes = List.of(home("a", 1_000_000L, 500_000L, 0L, 20),
                    home("b", 1_000_000L, 500_000L, 0L, 40), home("c", 0L, 800_000L, 0L, 60),
                    home("d", 0L, 800_000L, 0L, 60));
            WindowOutcome w = MARKET.clear(0, homes);
            assertEquals(Clearing.GENERAL, w.clearing());
            assertEquals(OptionalLong.of(90L * CENT), w.price());
        }

        @Test
        void highStackelbergPriceIsClampedToTheUpperBound() {
            List<HomeInput> homes = List.of(home("a", 100_000L, 50_000L, 0L, 400),
                    home("b", 100_000L, 50_000L, 0L, 400), home("c", 0L, 800_000L, 0L, 60),
                    home("d", 0L, 800_000L, 0L, 60));
            WindowOutcome w = MARKET.clear(0, homes);
            assertEquals(OptionalLong.of(110L * CENT), w.price());
            // sellers sell all 0.1 kWh, each buyer gets 0.8 * (0.1 / 1.6) kWh
            assertEquals(50_000L, w.home("c").marketEnergy());
            assertEquals(0L, w.residual());
        }

        @Test
        void dischargingSellersRaiseThePricingTerm() {
            List<HomeInput> homes = List.of(home("a", 0L, 100_000L, -300_000L, 100),
                    home("b", 0L, 100_000L, -300_000L, 100), home("c", 0L, 800_000L, 0L, 60),
                    home("d", 0L, 800_000L, 0L, 60));
            WindowOutcome w = MARKET.clear(0, homes);
            // d = 0 + 1 + 0.9 * (-0.3) + 0.3 = 1.03 kWh each
            assertEquals(2_060_000L, w.sumPricingTerm());
            assertEquals(OptionalLong.of(MarketMath.price(200L * K, 2_060_000L, DEFAULTS)), w.price());
        }
    }

    @Nested
    class ExtremeMarket {

        private List<HomeInput> extremeWindow() {
            return List.of(home("a", 600_000L, 0L, 0L, 100), home("b", 700_000L, 200_000L, 0L, 100),
                    home("c", 0L, 400_000L, 0L, 60), home("d", 0L, 300_000L, 0L, 60));
        }

        @Test
        void priceIsTheLowerBoundAndSellersShareTheDemand() {
            WindowOutcome w = MARKET.clear(1, extremeWindow());
            assertEquals(Clearing.EXTREME, w.clearing());
            assertEquals(OptionalLong.of(90L * CENT), w.price());
            assertEquals(1_100_000L, w.supply());
            assertEquals(700_000L, w.demand());
            assertEquals(381_818L, w.home("a").marketEnergy());
            assertEquals(318_181L, w.home("b").marketEnergy());
            assertEquals(400_000L, w.home("c").marketEnergy());
            assertEquals(1L, w.residual());
            assertEquals(699_999L, w.marketEnergy());
            assertEquals(1L, w.gridImport());
            assertEquals(218_182L + 181_819L, w.gridExport());
        }

        @Test
        void sellersEarnTheLowerBoundInTheMarketAndFeedInOnTheRest() {
            HomeSettlement a = MARKET.clear(1, extremeWindow()).home("a");
            assertEquals(34_363_620L, a.marketMoney());
            assertEquals(17_454_560L, a.gridMoney());
            assertEquals(48_000_000L, a.gridOnlyMoney());
            assertTrue(a.savings() > 0);
        }

        @Test
        void equalSupplyAndDemandIsExtremeAndClearsCompletely() {
            List<HomeInput> homes = List.of(home("a", 500_000L, 0L, 0L, 100), home("b", 500_000L, 0L, 0L, 100),
                    home("c", 0L, 600_000L, 0L, 60), home("d", 0L, 400_000L, 0L, 60));
            WindowOutcome w = MARKET.clear(0, homes);
            assertEquals(Clearing.EXTREME, w.clearing());
            assertEquals(Scales.RATIO_ONE, w.fillRatio());
            assertEquals(0L, w.residual());
            assertEquals(0L, w.gridImport());
            assertEquals(0L, w.gridExport());
        }
    }

    @Nested
    class GridOnly {

        @Test
        void anEmptySideMakesTheWindowGridOnly() {
            List<HomeInput> homes = List.of(home("a", 0L, 500_000L, 0L, 60), home("b", 0L, 300_000L, 0L, 60));
            WindowOutcome w = MARKET.clear(0, homes);
            assertEquals(Clearing.GRID_ONLY, w.clearing());
            assertTrue(w.price().isEmpty());
            assertFalse(w.marketType().isPresent());
            assertEquals(0, w.sellers());
            assertEquals(2, w.buyers());
            assertEquals(800_000L, w.gridImport());
            assertEquals(0L, w.marketEnergy());
            assertEquals(60_000_000L, w.home("a").gridOnlyMoney());
            assertEquals(0L, w.home("a").savings());
        }

        @Test
        void aCoalitionBelowTheMinimumSizeMakesTheWindowGridOnly() {
            List<HomeInput> homes = List.of(home("a", 900_000L, 0L, 0L, 100), home("c", 0L, 500_000L, 0L, 60),
                    home("d", 0L, 300_000L, 0L, 60));
            assertEquals(Clearing.GRID_ONLY, MARKET.clear(0, homes).clearing());
            ReferenceMarket small = new ReferenceMarket(DEFAULTS.withMinimumCoalitionSize(1));
            assertEquals(Clearing.EXTREME, small.clear(0, homes).clearing());
        }

        @Test
        void droppedHomesTradeWithTheGridAndLeaveTheCoalition() {
            WindowOutcome w = MARKET.clear(0, generalWindow(), Set.of("d"));
            assertEquals(Clearing.GRID_ONLY, w.clearing());
            ReferenceMarket small = new ReferenceMarket(DEFAULTS.withMinimumCoalitionSize(1));
            WindowOutcome w1 = small.clear(0, generalWindow(), Set.of("d"));
            assertEquals(Clearing.EXTREME, w1.clearing());
            assertEquals(1, w1.buyers());
            assertEquals(0L, w1.home("d").marketEnergy());
            assertEquals(600_000L, w1.home("c").marketEnergy());
        }

        @Test
        void anExpiredWindowSettlesEveryHomeWithTheGrid() {
            WindowOutcome w = MARKET.gridOnly(9, generalWindow());
            assertEquals(Clearing.GRID_ONLY, w.clearing());
            assertEquals(2, w.sellers());
            assertEquals(700_000L, w.gridExport());
            assertEquals(1_100_000L, w.gridImport());
            w.homes().forEach(h -> assertEquals(0L, h.savings()));
        }

        @Test
        void offMarketHomesSettleNothing() {
            List<HomeInput> homes = new ArrayList<>(generalWindow());
            homes.add(home("e", 300_000L, 300_000L, 0L, 60));
            HomeSettlement e = MARKET.clear(0, homes).home("e");
            assertEquals(Role.OFF, e.role());
            assertEquals(0L, e.balance());
        }
    }

    @Nested
    class InputChecks {

        @Test
        void repeatedHomeIdsAreRejected() {
            List<HomeInput> homes = List.of(home("a", 0L, 1L, 0L, 60), home("a", 1L, 0L, 0L, 60));
            assertThrows(IllegalArgumentException.class, () -> MARKET.clear(0, homes));
        }

        @Test
        void settlementsAreSortedByHomeId() {
            List<HomeInput> homes = new ArrayList<>(generalWindow());
            java.util.Collections.reverse(homes);
            List<String> ids = MARKET.clear(0, homes).homes().stream().map(HomeSettlement::homeId).toList();
            assertEquals(List.of("a", "b", "c", "d"), ids);
        }

        @Test
        void invalidHomeInputsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new HomeInput(" ", 0, 0, 0, K, EPS));
            assertThrows(IllegalArgumentException.class, () -> new HomeInput("h", -1, 0, 0, K, EPS));
            assertThrows(IllegalArgumentException.class, () -> new HomeInput("h", 0, 0, 0, 0, EPS));
            assertThrows(IllegalArgumentException.class, () -> new HomeInput("h", 0, 0, 0, K, 0));
        }

        @Test
        void inconsistentSettlementsAreRejected() {
            assertThrows(IllegalArgumentException.class,
                    () -> new HomeSettlement("h", Role.BUYER, 5L, 5L, 0L, 0L, 0L, 0L));
            assertThrows(IllegalArgumentException.class,
                    () -> new HomeSettlement("h", Role.SELLER, 5L, 3L, 1L, 0L, 0L, 0L));
            assertThrows(IllegalArgumentException.class,
                    () -> HomeSettlement.inMarket("h", 5L, 3L, 130L * CENT, DEFAULTS));
        }
    }

    @Nested
    class Properties {

        private List<HomeInput> randomWindow(Random random) {
            int n = 2 + random.nextInt(40);
            List<HomeInput> homes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long g = random.nextInt(4) == 0 ? 0L : (long) (random.nextDouble() * 3 * Scales.ENERGY);
                long l = (long) (random.nextDouble() * 2 * Scales.ENERGY);
                long b = random.nextInt(3) == 0 ? (long) ((random.nextDouble() - 0.5) * Scales.ENERGY) : 0L;
                long k = 1 + (long) (random.nextDouble() * 200 * K);
                long eps = 1 + random.nextInt((int) Scales.EPSILON - 1);
                homes.add(new HomeInput(String.format(java.util.Locale.ROOT, "home-%03d", i), g, l, b, k, eps));
            }
            return homes;
        }

        @Test
        void randomWindowsBalanceEnergyAndAreIndividuallyRational() {
            Random random = new Random(2024);
            int markets = 0;
            for (int t = 0; t < 1_000; t++) {
                List<HomeInput> homes = randomWindow(random);
                WindowOutcome w = MARKET.clear(t, homes);
                MarketTotals totals = w.totals();
                for (HomeSettlement s : w.homes()) {
                    assertTrue(s.savings() >= 0, "home " + s.homeId() + " lost money in window " + t);
                    assertEquals(Math.abs(s.netEnergy()), s.marketEnergy() + s.gridEnergy());
                }
                assertEquals(totals.sellerEnergy(), w.supply());
                assertEquals(totals.buyerEnergy(), w.demand());
                assertEquals(w.supply() - w.demand(), w.gridExport() - w.gridImport(),
                        "net grid exchange must equal supply minus demand");
                if (w.clearing() == Clearing.GRID_ONLY) {
                    assertEquals(0L, w.residual());
                    continue;
                }
                markets++;
                MarketType type = w.marketType().orElseThrow();
                long price = w.price().getAsLong();
                assertTrue(price >= DEFAULTS.lowPrice() && price <= DEFAULTS.highPrice());
                assertTrue(w.fillRatio() >= 0 && w.fillRatio() <= Scales.RATIO_ONE);
                long shortTotal = type == MarketType.GENERAL ? totals.sellerMarketEnergy()
                        : totals.buyerMarketEnergy();
                long longTotal = type == MarketType.GENERAL ? totals.buyerMarketEnergy()
                        : totals.sellerMarketEnergy();
                int longCount = type == MarketType.GENERAL ? w.buyers() : w.sellers();
                assertEquals(type == MarketType.GENERAL ? w.supply() : w.demand(), shortTotal,
                        "the short side trades all of its net energy");
                assertEquals(shortTotal, longTotal + w.residual());
                assertTrue(w.residual() >= 0 && w.residual() <= longCount,
                        "residual " + w.residual() + " with " + longCount + " long-side homes");
            }
            assertTrue(markets > 500, "the random windows should mostly run a market, ran " + markets);
        }

        @Test
        void clearingIsDeterministic() {
            List<HomeInput> homes = randomWindow(new Random(5));
            assertEquals(MARKET.clear(4, homes), MARKET.clear(4, homes));
        }
    }
}
