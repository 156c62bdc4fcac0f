package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.WindowOutcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Windows worked by hand from the paper's formulas; each is also cleared by the project's reference and checked.
 */
class PaperMarketKnownAnswersTest {

    private static final long KWH = 1_000_000L;
    private static final long CENT = 1_000_000L;
    private static final PaperParameters PARAMS = PaperParameters.evaluationDefaults();
    private static final PaperMarket PAPER = new PaperMarket(PARAMS);
    private static final ReferenceMarket PROJECT = new ReferenceMarket(MarketParameters.defaults());

    /** A home from kWh and utility amounts given in thousandths (exact decimals). */
    private static PaperHome home(String id, long gMilli, long lMilli, long bMilli, long k, long epsMilli) {
        return new PaperHome(id, gMilli * 1_000L, lMilli * 1_000L, bMilli * 1_000L, k * 1_000_000L,
                epsMilli * 1_000L);
    }

    private static Rational dec(String decimal) {
        return Rational.of(new java.math.BigDecimal(decimal));
    }

    private static List<HomeInput> project(List<PaperHome> homes) {
        return homes.stream().map(h -> new HomeInput(h.homeId(), h.generationUnits(), h.loadUnits(),
                h.batteryUnits(), h.preferenceUnits(), h.epsilonUnits())).toList();
    }

    private static WindowOutcome projectOutcome(List<PaperHome> homes) {
        return PROJECT.clear(0, project(homes));
    }

    /**
     * Sellers a (g 2, l 1.5: sn 0.5, d 3), b (g 0.5, l 0.2: sn 0.3, d 1.5), c (g 0.8, l 0.1, b 0.6, eps 0.5: sn 0.1,
     * d = 0.8 + 1 + 0.3 - 0.6 = 1.5); buyers d (0.6), e (0.5), f (0.4). K = ka + kb + kc, D = 6 kWh,
     * p^2 = 120 K / 6 = 20 K.
     */
    private static List<PaperHome> threeByThree(long ka, long kb, long kc) {
        return List.of(
                home("a", 2_000, 1_500, 0, ka, 500),
                home("b", 500, 200, 0, kb, 500),
                home("c", 800, 100, 600, kc, 500),
                home("d", 0, 600, 0, 60, 500),
                home("e", 100, 600, 0, 60, 500),
                home("f", 200, 400, 200, 60, 500));
    }

    @Nested
    class GeneralMarket {

        /** K = 500: p^2 = 120 * 500 / 6 = 10000, p^ = 100 cents exactly, inside [90, 110]. */
        private final List<PaperHome> homes = threeByThree(200, 150, 150);

        @Test
        void priceIsExactlyOneHundredCents() {
            PaperWindow w = PAPER.clear(homes);
            assertEquals(PaperClearing.GENERAL, w.clearing());
            assertEquals(dec("0.9"), w.supply());
            assertEquals(dec("1.5"), w.demand());
            assertEquals(Rational.of(500), w.sumPreference());
            assertEquals(Rational.of(6), w.sumPricingTerm());
            PaperPrice p = w.price().orElseThrow();
            assertEquals(PaperPrice.Regime.STACKELBERG, p.regime());
            assertEquals(Optional.of(Rational.of(100)), p.value().asRational());
            assertEquals(Optional.of(Rational.of(10_000)), p.unclampedSquare());
            assertEquals(OptionalLong.of(100 * CENT), w.paperPriceUnits());
            assertEquals(OptionalLong.of(100 * CENT), w.documentedPriceUnits());
            assertTrue(w.priceBracket(100 * CENT));
            assertFalse(w.priceBracket(100 * CENT - 1));
            assertFalse(w.priceBracket(100 * CENT + 1));
        }

        @Test
        void sellersSellAllAndBuyersShareThreeFifths() {
            PaperWindow w = PAPER.clear(homes);
            assertEquals(Optional.of(Rational.of(3, 5)), w.fillRatio());
            // sellers: everything at 100 cents
            assertEquals(dec("0.5"), w.home("a").marketEnergy());
            assertEquals(SqrtRational.of(Rational.of(50)), w.home("a").marketMoney());
            assertEquals(Rational.ZERO, w.home("a").gridEnergy());
            assertEquals(Rational.of(40), w.home("a").gridOnlyMoney()); // 0.5 kWh at pb 80
            assertEquals(SqrtRational.of(Rational.of(10)), w.home("c").marketMoney());
            // buyers: 3/5 of their demand at 100 cents, the rest at ps 120
            assertEquals(dec("0.36"), w.home("d").marketEnergy());
            assertEquals(dec("0.24"), w.home("d").gridEnergy());
            assertEquals(SqrtRational.of(Rational.of(36)), w.home("d").marketMoney());
            assertEquals(dec("28.8"), w.home("d").gridMoney());
            assertEquals(dec("72"), w.home("d").gridOnlyMoney());
            assertEquals(dec("0.30"), w.home("e").marketEnergy());
            assertEquals(dec("0.24"), w.home("f").marketEnergy());
            assertEquals(dec("19.2"), w.home("f").gridMoney());
        }

        @Test
        void pairwiseTradesFollowProtocolFour() {
            PaperWindow w = PAPER.clear(homes);
            // e_ad = sn_a |sn_d| / E_b = 0.5 * 0.6 / 1.5 = 0.2 kWh, m_da = 100 * 0.2 = 20 cents
            assertEquals(dec("0.2"), w.pairwise("a", "d"));
            Rational toD = w.pairwise("a", "d").add(w.pairwise("b", "d")).add(w.pairwise("c", "d"));
            assertEquals(w.home("d").marketEnergy(), toD);
            Rational fromA = w.pairwise("a", "d").add(w.pairwise("a", "e")).add(w.pairwise("a", "f"));
            assertEquals(w.home("a").marketEnergy(), fromA);
            assertThrows(IllegalArgumentException.class, () -> w.pairwise("d", "a"));
        }

        @Test
        void documentedVolumesLoseOneUnitEachAndTheResidualReachesTheLongSideCount() {
            PaperWindow w = PAPER.clear(homes);
            // rho = floor(2^40 * 3/5) = 659706976665 < 2^40 * 3/5, so x * rho / 2^40 falls just below x * 3/5
            assertEquals(659_706_976_665L, w.documentedFillRatioUnits());
            assertEquals(359_999L, w.home("d").documentedMarketEnergyUnits());
            assertEquals(299_999L, w.home("e").documentedMarketEnergyUnits());
            assertEquals(239_999L, w.home("f").documentedMarketEnergyUnits());
            assertEquals(500_000L, w.home("a").documentedMarketEnergyUnits());
            assertEquals(3L, w.documentedResidualUnits());
            assertEquals(3, w.longSideCount());
            // the deficit x r - v is exactly one unit here, below the bound 1 + x (r - rho / 2^40)
            Rational bound = w.longSideDeficitBound(600_000L);
            assertTrue(bound.compareTo(Rational.ONE) > 0 && bound.compareTo(Rational.of(1_000_001, 1_000_000)) < 0);
            // money at the documented price: 359999 units at 100 cents = 35999900 money units
            assertEquals(35_999_900L, w.home("d").documentedMarketMoneyUnits());
            assertEquals(28_800_120L, w.home("d").documentedGridMoneyUnits()); // 240001 units at 120 cents
        }

        @Test
        void theProjectAgreesAndItsResidualIsTheLongSideCount() {
            WindowOutcome project = projectOutcome(homes);
            Verdict v = PAPER.clear(homes).check(ProjectAdapter.observed(project));
            assertTrue(v.ok(), v::toString);
            // the architecture notes promise a residual below the long side's size; here it equals it
            assertEquals(3L, project.residual());
            assertEquals(3, project.buyers());
        }

        @Test
        void irrationalPriceHasAnExactFloor() {
            // K = 550: p^2 = 11000, p^ = 104.880884817... cents
            PaperWindow w = PAPER.clear(threeByThree(250, 150, 150));
            PaperPrice p = w.price().orElseThrow();
            assertEquals(PaperPrice.Regime.STACKELBERG, p.regime());
            assertEquals(Optional.empty(), p.value().asRational());
            assertEquals(104_880_884L, p.floorUnits());
            assertTrue(w.priceBracket(104_880_884L));
            assertFalse(w.priceBracket(104_880_885L));
            assertTrue(PAPER.clear(threeByThree(250, 150, 150)).check(
                    ProjectAdapter.observed(projectOutcome(threeByThree(250, 150, 150)))).ok());
        }

        @Test
        void lowPriceIsClampedToTheLowerBound() {
            // K = 300: p^2 = 6000, p^ = 77.46 cents < p_l = 90
            List<PaperHome> low = threeByThree(100, 100, 100);
            PaperWindow w = PAPER.clear(low);
            assertEquals(PaperPrice.Regime.CLAMPED_LOW, w.price().orElseThrow().regime());
            assertEquals(Optional.of(Rational.of(6_000)), w.price().orElseThrow().unclampedSquare());
            assertEquals(OptionalLong.of(90 * CENT), w.paperPriceUnits());
            assertTrue(w.check(ProjectAdapter.observed(projectOutcome(low))).ok());
        }

        @Test
        void highPriceIsClampedToTheUpperBound() {
            // K = 800: p^2 = 16000, p^ = 126.49 cents > p_h = 110
            List<PaperHome> high = threeByThree(400, 200, 200);
            PaperWindow w = PAPER.clear(high);
            assertEquals(PaperPrice.Regime.CLAMPED_HIGH, w.price().orElseThrow().regime());
            assertEquals(OptionalLong.of(110 * CENT), w.paperPriceUnits());
            assertTrue(w.check(ProjectAdapter.observed(projectOutcome(high))).ok());
        }

        @Test
        void priceAtExactlyTheLowerBoundIsNotClamped() {
            // K = 405: p^2 = 8100, p^ = 90 = p_l
            PaperPrice p = PAPER.clear(threeByThree(205, 100, 100)).price().orElseThrow();
            assertEquals(PaperPrice.Regime.STACKELBERG, p.regime());
            assertEquals(Optional.of(Rational.of(90)), p.value().asRational());
        }
    }

    @Nested
    class ExtremeMarket {

        /** Sellers 0.6, 0.3, 0.3 (E_s 1.2), buyers 0.4, 0.2 (E_b 0.6): price p_l, sellers sell half. */
        private final List<PaperHome> homes = List.of(
                home("s1", 1_000, 400, 0, 100, 500),
                home("s2", 500, 200, 0, 100, 500),
                home("s3", 400, 100, 0, 100, 500),
                home("b1", 0, 400, 0, 100, 500),
                home("b2", 0, 200, 0, 100, 500));

        @Test
        void buyersBuyAllAtTheLowerBoundAndSellersShareTheDemand() {
            PaperWindow w = PAPER.clear(homes);
            assertEquals(PaperClearing.EXTREME, w.clearing());
            assertEquals(PaperPrice.Regime.EXTREME, w.price().orElseThrow().regime());
            assertEquals(OptionalLong.of(90 * CENT), w.paperPriceUnits());
            assertEquals(Optional.of(Rational.of(1, 2)), w.fillRatio());
            assertEquals(dec("0.3"), w.home("s1").marketEnergy());
            assertEquals(dec("0.3"), w.home("s1").gridEnergy());
            assertEquals(SqrtRational.of(Rational.of(27)), w.home("s1").marketMoney()); // 0.3 kWh at 90
            assertEquals(Rational.of(24), w.home("s1").gridMoney()); // 0.3 kWh at pb 80
            assertEquals(dec("0.15"), w.home("s2").marketEnergy());
            assertEquals(dec("0.4"), w.home("b1").marketEnergy());
            assertEquals(SqrtRational.of(Rational.of(36)), w.home("b1").marketMoney());
            // e_{s1 b1} = |sn_b1| sn_s1 / E_s = 0.4 * 0.6 / 1.2 = 0.2 kWh
            assertEquals(dec("0.2"), w.pairwise("s1", "b1"));
            // rho = 2^39 exactly: no rounding, no residual
            assertEquals(1L << 39, w.documentedFillRatioUnits());
            assertEquals(150_000L, w.home("s3").documentedMarketEnergyUnits());
            assertEquals(0L, w.documentedResidualUnits());
            assertTrue(w.check(ProjectAdapter.observed(projectOutcome(homes))).ok());
        }

        @Test
        void equalSupplyAndDemandIsExtremeWithEveryoneTradingAll() {
            List<PaperHome> equal = List.of(
                    home("s1", 1_000, 700, 0, 100, 500), home("s2", 500, 200, 0, 100, 500),
                    home("b1", 0, 400, 0, 100, 500), home("b2", 0, 200, 0, 100, 500));
            PaperWindow w = PAPER.clear(equal);
            assertEquals(PaperClearing.EXTREME, w.clearing());
            assertEquals(Optional.of(Rational.ONE), w.fillRatio());
            assertEquals(1L << 40, w.documentedFillRatioUnits());
            assertEquals(300_000L, w.home("s1").documentedMarketEnergyUnits());
            assertTrue(w.check(ProjectAdapter.observed(projectOutcome(equal))).ok());
        }
    }

    @Nested
    class PricingTermAndItsRounding {

        @Test
        void nonPositiveSumOfPricingTermsGivesTheUpperBound() {
            // The paper: Eq. 12 is D - ps K / p^2 < 0 for every p when D <= 0, so the buyers' cost falls up to p_h.
            for (long dUnits : new long[] {0L, -1L, -5 * KWH}) {
                PaperPrice p = PaperPrice.stackelberg(PARAMS.retail(), Rational.of(500), FixedPoint.energy(dUnits),
                        PARAMS.low(), PARAMS.high());
                assertEquals(PaperPrice.Regime.NO_INTERIOR_MINIMUM, p.regime());
                assertEquals(110 * CENT, p.floorUnits());
                // the project does the same
                assertEquals(110 * CENT, MarketMath.price(500 * 1_000_000L, dUnits, MarketParameters.defaults()));
            }
        }

        @Test
        void everySellersPricingTermExceedsOneKilowattHour() {
            // d = sn + l + 1 + eps b (b >= 0) or g + 1 + (1 - eps)|b| (b < 0): D <= 0 never comes from homes
            PaperHome charging = new PaperHome("x", 2L, 0L, 1L, 1L, 999_999L); // sn = 1 unit
            PaperHome discharging = new PaperHome("y", 0L, 5L, -6L, 1L, 999_999L); // sn = 1 unit
            assertTrue(charging.pricingTerm().compareTo(Rational.ONE) > 0);
            assertTrue(discharging.pricingTerm().compareTo(Rational.ONE) > 0);
        }

        @Test
        void documentedRoundingOfTheTermMovesThePriceByFiftyUnits() {
            // Two sellers with g = 2 units, b = 1 unit, eps = 0.999999: d = 1.000001999999 kWh exactly, stored as
            // floor = 1000001 units. K = 166.666666: the paper's p^ = 99.9998998... cents, the documented 99.99994980...
            List<PaperHome> homes = List.of(
                    new PaperHome("s1", 2L, 0L, 1L, 83_333_333L, 999_999L),
                    new PaperHome("s2", 2L, 0L, 1L, 83_333_333L, 999_999L),
                    new PaperHome("b1", 0L, KWH, 0L, 1L, 500_000L),
                    new PaperHome("b2", 0L, KWH, 0L, 1L, 500_000L));
            PaperParameters wide = PaperParameters.ofCents(120, 10, 20, 110, 2);
            PaperWindow w = new PaperMarket(wide).clear(homes);
            assertEquals(Rational.of(2_000_003_999_998L, 1_000_000_000_000L), w.sumPricingTerm());
            assertEquals(2_000_002L, w.documentedSumPricingTermUnits());
            assertEquals(OptionalLong.of(99_999_899L), w.paperPriceUnits());
            assertEquals(OptionalLong.of(99_999_949L), w.documentedPriceUnits());
            assertEquals(OptionalLong.of(99_999_949L), w.priceUpperBoundUnits());
            WindowOutcome project = new ReferenceMarket(new MarketParameters(wide.retailUnits(), wide.feedInUnits(),
                    wide.lowUnits(), wide.highUnits(), 60, 2)).clear(0, project(homes));
            assertEquals(OptionalLong.of(99_999_949L), project.price());
            assertTrue(w.check(ProjectAdapter.observed(project)).ok());
            assertFalse(w.priceBracket(99_999_949L), "the project's price is not the floor of the paper's price");
        }
    }

    @Nested
    class GridOnly {

        @Test
        void aCoalitionBelowTheMinimumSizeTradesWithTheGrid() {
            List<PaperHome> homes = List.of(home("s", 1_000, 0, 0, 100, 500), home("b1", 0, 400, 0, 100, 500),
                    home("b2", 0, 200, 0, 100, 500));
            PaperWindow w = PAPER.clear(homes);
            assertEquals(PaperClearing.GRID_ONLY, w.clearing());
            assertEquals(Optional.empty(), w.price());
            assertEquals(Rational.of(80), w.home("s").gridMoney()); // 1 kWh at pb
            assertEquals(dec("48"), w.home("b1").gridMoney()); // 0.4 kWh at ps
            assertTrue(w.check(ProjectAdapter.observed(projectOutcome(homes))).ok());
            // with a minimum of one, the paper's own rule (coalitions not empty), it is an extreme market
            assertEquals(PaperClearing.EXTREME,
                    new PaperMarket(PaperParameters.ofCents(120, 80, 90, 110, 1)).clear(homes).clearing());
        }

        @Test
        void excludedHomesTradeWithTheGrid() {
            List<PaperHome> homes = threeByThree(200, 150, 150);
            PaperWindow w = PAPER.clear(homes, Set.of("f"));
            assertFalse(w.home("f").inMarket());
            assertEquals(dec("1.1"), w.demand());
            WindowOutcome project = PROJECT.clear(0, project(homes), Set.of("f"));
            assertTrue(w.check(ProjectAdapter.observed(project)).ok());
        }

        @Test
        void aForcedGridOnlyWindowMatchesTheProjectsGridOnlySettlement() {
            List<PaperHome> homes = threeByThree(200, 150, 150);
            PaperWindow w = PAPER.gridOnly(homes);
            assertEquals(PaperClearing.GRID_ONLY, w.clearing());
            assertTrue(w.check(ProjectAdapter.observed(PROJECT.gridOnly(0, project(homes)))).ok());
        }
    }

    @Test
    void inputsOutsideThePapersDomainAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PaperHome("x", -1, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PaperHome("x", 0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PaperHome("x", 0, 0, 0, 1, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> PaperParameters.ofCents(120, 95, 90, 110, 2));
        assertThrows(IllegalArgumentException.class, () -> PaperParameters.ofCents(110, 80, 90, 110, 2));
        assertThrows(IllegalArgumentException.class,
                () -> PAPER.clear(List.of(home("a", 1, 0, 0, 1, 1), home("a", 0, 1, 0, 1, 1))));
    }
}
