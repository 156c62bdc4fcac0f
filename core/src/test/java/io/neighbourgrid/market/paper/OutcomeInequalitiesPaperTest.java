package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.AffineForm;
import io.neighbourgrid.market.MarketOutcome;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.OutcomeInequalities;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The outcome inequalities checked against the exact rational reference: for random communities cleared by the
 * paper's formulas, the paper's documented outcome satisfies every form at the paper's totals, and the claims one
 * off in price or ratio, or of the other type, fail one.
 */
class OutcomeInequalitiesPaperTest {
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000L);
    private static final BigInteger[] NO_OFFSETS = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO};

    private static boolean allHold(MarketOutcome claim, MarketParameters params, BigInteger[] u) {
        try {
            return OutcomeInequalities.forms(claim, params, NO_OFFSETS).stream().allMatch(f -> f.holds(u));
        } catch (IllegalArgumentException rejected) {
            return false;
        }
    }

    private static BigInteger units(Rational r) {
        Rational scaled = r.multiply(MILLION);
        if (!scaled.isInteger()) {
            throw new AssertionError("a total is not on the unit grid: " + r);
        }
        return scaled.floor();
    }

    @Test
    void thePapersOutcomeSatisfiesEveryFormAndItsNeighboursFailOne() {
        Random random = new Random(1_402L);
        int checked = 0;
        for (int w = 0; w < 1_500; w++) {
            MarketParameters params = random.nextBoolean() ? MarketParameters.defaults()
                    : new MarketParameters(150_000_000, 50_000_000, 60_000_000 + random.nextInt(20_000_000),
                    100_000_000 + random.nextInt(40_000_000), 60, 1);
            List<PaperHome> homes = new ArrayList<>();
            int n = 2 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                long g = random.nextInt(3) == 0 ? 0 : (long) (random.nextDouble() * 4e6);
                long l = (long) (random.nextDouble() * 3e6);
                long b = random.nextBoolean() ? 0 : (long) ((random.nextDouble() - 0.5) * 2e6);
                long k = 1 + (long) (random.nextDouble() * (random.nextBoolean() ? 500 : 5) * 1e6);
                homes.add(new PaperHome(String.format(Locale.ROOT, "h%02d", i), g, l, b, k,
                        1 + random.nextInt(999_999)));
            }
            PaperWindow window = new PaperMarket(ProjectAdapter.parameters(params)).clear(homes);
            if (window.clearing() == PaperClearing.GRID_ONLY) {
                continue;
            }
            BigInteger[] u = {units(window.supply()), units(window.sumPreference()),
                BigInteger.valueOf(window.documentedSumPricingTermUnits()), units(window.demand())};
            MarketType type = MarketType.valueOf(window.clearing().name());
            long price = window.documentedPriceUnits().orElseThrow();
            long rho = window.documentedFillRatioUnits();
            MarketOutcome truth = new MarketOutcome(type, price, rho);
            assertTrue(allHold(truth, params, u), () -> "the paper's outcome " + truth + " fails a form");
            MarketType other = type == MarketType.GENERAL ? MarketType.EXTREME : MarketType.GENERAL;
            List<MarketOutcome> lies = new ArrayList<>(List.of(new MarketOutcome(other, price, rho),
                    new MarketOutcome(other, params.lowPrice(), rho), new MarketOutcome(type, price + 1, rho)));
            if (price > 1) {
                lies.add(new MarketOutcome(type, price - 1, rho));
            }
            if (rho > 0) {
                lies.add(new MarketOutcome(type, price, rho - 1));
            }
            if (rho < (1L << 40)) {
                lies.add(new MarketOutcome(type, price, rho + 1));
            }
            for (MarketOutcome lie : lies) {
                assertFalse(allHold(lie, params, u), () -> lie + " passes where the paper says " + truth);
            }
            checked++;
        }
        assertTrue(checked > 500, checked + " market windows");
        List<AffineForm> sample = OutcomeInequalities.forms(new MarketOutcome(MarketType.GENERAL, 100_000_000, 0),
                MarketParameters.defaults(), NO_OFFSETS);
        assertTrue(sample.size() == 5, "a general window at an interior price has five forms");
    }
}
