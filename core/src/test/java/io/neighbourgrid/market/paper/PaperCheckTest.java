package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The check catches deliberately wrong observations and names what is wrong. */
class PaperCheckTest {

    private static final PaperMarket PAPER = new PaperMarket(PaperParameters.evaluationDefaults());

    /** The 3 x 3 general market at 100 cents (see the known answers): buyers d, e, f share 3/5. */
    private static final List<PaperHome> HOMES = List.of(
            new PaperHome("a", 2_000_000, 1_500_000, 0, 200_000_000, 500_000),
            new PaperHome("b", 500_000, 200_000, 0, 150_000_000, 500_000),
            new PaperHome("c", 800_000, 100_000, 600_000, 150_000_000, 500_000),
            new PaperHome("d", 0, 600_000, 0, 60_000_000, 500_000),
            new PaperHome("e", 100_000, 600_000, 0, 60_000_000, 500_000),
            new PaperHome("f", 200_000, 400_000, 200_000, 60_000_000, 500_000),
            new PaperHome("off", 300_000, 300_000, 0, 1_000_000, 500_000));

    private static final PaperWindow WINDOW = PAPER.clear(HOMES);

    /** The project's outcome of the same window, with money. */
    private static ObservedWindow correct() {
        List<HomeInput> inputs = HOMES.stream().map(h -> new HomeInput(h.homeId(), h.generationUnits(),
                h.loadUnits(), h.batteryUnits(), h.preferenceUnits(), h.epsilonUnits())).toList();
        return ProjectAdapter.observed(new ReferenceMarket(MarketParameters.defaults()).clear(7, inputs));
    }

    @Test
    void theCorrectOutcomeHasNoDeviation() {
        Verdict v = WINDOW.check(correct());
        assertTrue(v.ok(), v::toString);
        assertEquals(OptionalLong.of(100_000_000L), correct().priceUnits());
    }

    @Test
    void handWrittenVolumesOnlyAgreeToo() {
        ObservedWindow o = ObservedWindow.of(PaperClearing.GENERAL, OptionalLong.of(100_000_000L),
                659_706_976_665L, Map.of("a", 500_000L, "b", 300_000L, "c", 100_000L, "d", 359_999L,
                        "e", 299_999L, "f", 239_999L));
        assertTrue(WINDOW.check(o).ok(), () -> WINDOW.check(o).toString());
    }

    /** The same outcome with volumes only (money follows the observed price, so it would deviate too). */
    private static ObservedWindow volumesOnly() {
        ObservedWindow o = correct();
        java.util.Map<String, Long> volumes = new java.util.HashMap<>();
        o.homes().forEach((id, h) -> volumes.put(id, h.marketEnergyUnits()));
        return ObservedWindow.of(o.clearing(), o.priceUnits(), o.fillRatioUnits(), volumes);
    }

    @Test
    void priceOffByOneOrTwoUnitsIsCaught() {
        for (long delta : new long[] {-2, -1, 1, 2}) {
            Verdict v = WINDOW.check(volumesOnly().withPrice(OptionalLong.of(100_000_000L + delta)));
            assertEquals(1, v.deviations().size(), v::toString);
            Deviation d = v.of(Deviation.Quantity.PRICE).get(0);
            assertEquals("100000000", d.expected());
            assertEquals(Long.toString(100_000_000L + delta), d.observed());
        }
        assertTrue(WINDOW.check(correct().withPrice(OptionalLong.empty())).has(Deviation.Quantity.PRICE));
        // with money observed, a's money no longer matches the wrong price: floor(500000 * 100000002 / 10^6) is
        // 50000001; the others' products lose the two units in the floor
        Verdict withMoney = WINDOW.check(correct().withPrice(OptionalLong.of(100_000_002L)));
        assertEquals(List.of("a"), withMoney.of(Deviation.Quantity.MARKET_MONEY).stream()
                .map(d -> d.home().orElseThrow()).toList());
    }

    @Test
    void wrongMarketTypeIsCaughtAndNothingElseIsCompared() {
        Verdict v = WINDOW.check(correct().withClearing(PaperClearing.EXTREME));
        assertEquals(1, v.deviations().size());
        Deviation d = v.deviations().get(0);
        assertEquals(Deviation.Quantity.CLEARING, d.quantity());
        assertEquals("GENERAL", d.expected());
        assertEquals("EXTREME", d.observed());
        assertTrue(WINDOW.check(correct().withClearing(PaperClearing.GRID_ONLY)).has(Deviation.Quantity.CLEARING));
    }

    @Test
    void fillRatioOffByOneIsCaught() {
        long rho = WINDOW.documentedFillRatioUnits();
        for (long delta : new long[] {-1, 1}) {
            Verdict v = WINDOW.check(correct().withFillRatio(rho + delta));
            assertEquals(List.of(Deviation.Quantity.FILL_RATIO),
                    v.deviations().stream().map(Deviation::quantity).toList(), v::toString);
        }
    }

    @Test
    void longSideVolumeOffByTwoIsCaughtAsOutsideTheBoundAndBreaksConservation() {
        ObservedWindow o = correct();
        ObservedWindow wrong = o.withHome("d", o.home("d").withMarketEnergy(359_997L));
        Verdict v = WINDOW.check(wrong);
        Deviation d = v.of(Deviation.Quantity.LONG_SIDE_VOLUME).get(0);
        assertEquals("d", d.home().orElseThrow());
        assertEquals("359999", d.expected());
        assertEquals("359997", d.observed());
        assertTrue(d.detail().contains("outside the proven bound"), d.detail());
        // residual 900000 - 899995 = 5 > 3 buyers
        assertTrue(v.has(Deviation.Quantity.CONSERVATION), v::toString);
        // money is checked against the observed volume, so the unchanged money now deviates as well
        assertTrue(v.has(Deviation.Quantity.MARKET_MONEY));
        assertTrue(v.has(Deviation.Quantity.GRID_MONEY));
    }

    @Test
    void roundingToTheNearestInsteadOfDownIsCaughtThoughItIsWithinThePaperBound() {
        // 360000 is the paper's exact 0.36 kWh, but the documented rule gives floor(x rho / 2^40) = 359999
        ObservedWindow o = ObservedWindow.of(PaperClearing.GENERAL, OptionalLong.of(100_000_000L),
                659_706_976_665L, Map.of("a", 500_000L, "b", 300_000L, "c", 100_000L, "d", 360_000L,
                        "e", 299_999L, "f", 239_999L));
        Verdict v = WINDOW.check(o);
        assertEquals(1, v.deviations().size(), v::toString);
        assertTrue(v.deviations().get(0).detail().contains("within the proven bound"));
    }

    @Test
    void shortSideAndOffMarketVolumesAndUnknownHomesAreCaught() {
        ObservedWindow o = correct();
        Verdict shortSide = WINDOW.check(o.withHome("a", o.home("a").withMarketEnergy(499_999L)));
        assertTrue(shortSide.has(Deviation.Quantity.SHORT_SIDE_VOLUME));
        Verdict off = WINDOW.check(o.withHome("off", ObservedHome.volume(1L)));
        assertEquals(List.of(Deviation.Quantity.OFF_MARKET_VOLUME),
                off.deviations().stream().map(Deviation::quantity).toList());
        Verdict unknown = WINDOW.check(o.withHome("stranger", ObservedHome.volume(0L)));
        assertEquals(List.of(Deviation.Quantity.UNKNOWN_HOME),
                unknown.deviations().stream().map(Deviation::quantity).toList());
    }

    @Test
    void moneyOffByOneUnitIsCaught() {
        ObservedWindow o = correct();
        ObservedHome d = o.home("d");
        ObservedHome wrong = ObservedHome.of(d.marketEnergyUnits(), d.marketMoneyUnits().getAsLong() + 1,
                d.gridMoneyUnits().getAsLong());
        Verdict v = WINDOW.check(o.withHome("d", wrong));
        assertEquals(List.of(Deviation.Quantity.MARKET_MONEY),
                v.deviations().stream().map(Deviation::quantity).toList());
        assertFalse(v.ok());
    }

    @Test
    void gridOnlyWindowWithAPriceIsCaught() {
        PaperWindow gridOnly = PAPER.gridOnly(HOMES);
        ObservedWindow o = ObservedWindow.of(PaperClearing.GRID_ONLY, OptionalLong.of(1L), 0L, Map.of());
        assertEquals(List.of(Deviation.Quantity.PRICE),
                gridOnly.check(o).deviations().stream().map(Deviation::quantity).toList());
        assertTrue(gridOnly.check(o.withPrice(OptionalLong.empty())).ok());
    }

    @Test
    void theStaticEntryPointChecksOneWindow() {
        assertTrue(PaperMarket.check(PaperParameters.evaluationDefaults(), HOMES, java.util.Set.of(), correct()).ok());
    }
}
