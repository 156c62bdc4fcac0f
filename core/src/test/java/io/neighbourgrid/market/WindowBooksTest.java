package io.neighbourgrid.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The books of a window ({@link WindowBooks}): the residual's money booked, and conservation to the unit. */
class WindowBooksTest {
    private static final long K = Scales.PREFERENCE;
    private static final MarketParameters DEFAULTS = MarketParameters.defaults();
    private static final ReferenceMarket MARKET = new ReferenceMarket(DEFAULTS);

    private static HomeInput home(String id, long g, long l, long b, long k) {
        return new HomeInput(id, g, l, b, k * K, 900_000L);
    }

    /** The general window of {@code ReferenceMarketTest}: p = 100 cents, residual 1 unit. */
    private static WindowOutcome general() {
        return MARKET.clear(3, List.of(home("a", 1_500_000L, 1_000_000L, 0L, 200),
                home("b", 700_000L, 500_000L, 0L, 150), home("c", 0L, 600_000L, 0L, 60),
                home("d", 100_000L, 400_000L, 200_000L, 60)));
    }

    /** The extreme window of {@code ReferenceMarketTest}: p = p_l = 90 cents, residual 1 unit. */
    private static WindowOutcome extreme() {
        return MARKET.clear(1, List.of(home("a", 600_000L, 0L, 0L, 100), home("b", 700_000L, 200_000L, 0L, 100),
                home("c", 0L, 400_000L, 0L, 60), home("d", 0L, 300_000L, 0L, 60)));
    }

    @Test
    void aGeneralMarketExportsTheSellersResidualAndTheMarketAccountBearsTheMargin() {
        WindowBooks b = WindowBooks.check(general(), DEFAULTS);
        assertEquals(700_000L, b.soldEnergy());
        assertEquals(699_999L, b.boughtEnergy());
        assertEquals(1L, b.residual());
        assertEquals(WindowBooks.ResidualFlow.EXPORT, b.residualFlow());
        // 1 unit (10^-6 kWh) at 80 cents/kWh = 80 money units (10^-6 cent), paid by the grid.
        assertEquals(80L, b.residualMoney());
        assertEquals(80L, b.residualMoneyToMarketAccount());
        assertEquals(70_000_000L, b.sellersMarketMoney());
        assertEquals(69_999_900L, b.buyersMarketMoney());
        // The sellers are paid 100 for the residual unit, the grid pays 80: the market account is 20 short.
        assertEquals(-20L, b.marketAccount());
        assertEquals(1L, b.gridExport());
        assertEquals(400_001L, b.gridImport());
        assertEquals(0L, b.homesBalance() + b.marketAccount() + b.gridAccount());
    }

    @Test
    void anExtremeMarketImportsTheBuyersResidualAndTheMarketAccountKeepsTheMargin() {
        WindowBooks b = WindowBooks.check(extreme(), DEFAULTS);
        assertEquals(699_999L, b.soldEnergy());
        assertEquals(700_000L, b.boughtEnergy());
        assertEquals(WindowBooks.ResidualFlow.IMPORT, b.residualFlow());
        assertEquals(80L, b.residualMoney());
        assertEquals(-80L, b.residualMoneyToMarketAccount());
        assertEquals(62_999_910L, b.sellersMarketMoney());
        assertEquals(63_000_000L, b.buyersMarketMoney());
        // Buyers pay 90 for the residual unit, the market account pays the grid 80 for it.
        assertEquals(10L, b.marketAccount());
        assertEquals(1L, b.gridImport());
        assertEquals(0L, b.homesBalance() + b.marketAccount() + b.gridAccount());
    }

    @Test
    void aGridOnlyWindowHasNoResidual() {
        WindowBooks b = WindowBooks.check(MARKET.gridOnly(5, List.of(home("a", 1_000_000L, 0L, 0L, 1),
                home("b", 0L, 300_000L, 0L, 1))), DEFAULTS);
        assertEquals(WindowBooks.ResidualFlow.NONE, b.residualFlow());
        assertEquals(0L, b.marketAccount());
        assertEquals(700_000L, b.netEnergy());
        assertEquals(b.netEnergy(), b.gridExport() - b.gridImport());
    }

    @Test
    void aWindowThatDoesNotBalanceIsAnErrorNamingItAndTheDifference() {
        WindowOutcome w = general();
        // A residual that is not the difference between the sides.
        WindowOutcome wrongResidual = new WindowOutcome(w.window(), w.clearing(), w.price(), w.sellers(),
                w.buyers(), w.supply(), w.demand(), w.sumPreference(), w.sumPricingTerm(), w.fillRatio(), 2L,
                w.homes());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WindowBooks.check(wrongResidual, DEFAULTS));
        assertTrue(e.getMessage().startsWith("window 3 does not balance"), e.getMessage());
        assertTrue(e.getMessage().contains("residual 2 by -1"), e.getMessage());
        // A seller paid one money unit too much.
        List<HomeSettlement> homes = new ArrayList<>(w.homes());
        HomeSettlement a = homes.get(0);
        homes.set(0, new HomeSettlement(a.homeId(), a.role(), a.netEnergy(), a.marketEnergy(), a.gridEnergy(),
                a.marketMoney() + 1, a.gridMoney(), a.gridOnlyMoney()));
        WindowOutcome overpaid = new WindowOutcome(w.window(), w.clearing(), w.price(), w.sellers(), w.buyers(),
                w.supply(), w.demand(), w.sumPreference(), w.sumPricingTerm(), w.fillRatio(), w.residual(), homes);
        e = assertThrows(IllegalStateException.class, () -> WindowBooks.check(overpaid, DEFAULTS));
        assertTrue(e.getMessage().contains("home a's market money 50000001 differs from money(500000, "
                + "100000000) = 50000000 by 1"), e.getMessage());
        assertTrue(e.getMessage().contains("differ by 1000000 amount units"), e.getMessage());
    }

    @Test
    void everyReferenceWindowBalancesWithItsResidualBooked() {
        Random random = new Random(5);
        long residual = 0;
        for (int t = 0; t < 400; t++) {
            List<HomeInput> homes = new ArrayList<>();
            int n = 4 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                long g = random.nextInt(3) == 0 ? 0 : random.nextInt(3_000_000);
                long l = random.nextInt(2_500_000);
                long b = random.nextInt(5) == 0 ? random.nextInt(400_000) - 200_000 : 0;
                homes.add(home("h" + i, g, l, b, 1 + random.nextInt(300)));
            }
            WindowOutcome w = MARKET.clear(t, homes);
            WindowBooks b = WindowBooks.check(w, DEFAULTS);
            assertTrue(WindowBooks.imbalances(w, DEFAULTS).isEmpty());
            assertEquals(0L, b.homesBalance() + b.marketAccount() + b.gridAccount());
            assertEquals(b.netEnergy(), b.gridExport() - b.gridImport());
            // The market account's net is the margin on the residual plus less than a unit of rounding per home.
            long margin = MarketMath.money(b.residual(), b.price()) - b.residualMoney();
            long expected = b.residualFlow() == WindowBooks.ResidualFlow.EXPORT ? -margin : margin;
            assertTrue(Math.abs(b.marketAccount() - expected) <= n + 1, "window " + t + ": " + b);
            residual += b.residual();
        }
        assertTrue(residual > 0, "no window had a residual");
    }
}
