package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.WindowOutcome;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random communities cleared by the project's reference and by the paper: every window must agree up
 * to the documented rounding, and the proven bounds must hold on the project's own numbers.
 */
class PaperVersusReferenceMarketTest {

    private static final int WINDOWS = 4_000;
    private static final long KWH = 1_000_000L;

    /** How large the random amounts are: realistic kWh, or a few energy units so that rounding dominates. */
    private enum Magnitude { KWH_SCALE, TINY }

    private static MarketParameters randomParameters(Random random) {
        int minimum = random.nextInt(4) == 0 ? 1 : 2;
        if (random.nextBoolean()) {
            return MarketParameters.defaults().withMinimumCoalitionSize(minimum);
        }
        // 0 < pb < p_l <= p_h < ps, with arbitrary sub-cent values
        long pb = 1 + random.nextInt(100_000_000);
        long pl = pb + 1 + random.nextInt(100_000_000);
        long ph = pl + (random.nextInt(5) == 0 ? 0 : random.nextInt(100_000_000));
        long ps = ph + 1 + random.nextInt(100_000_000);
        return new MarketParameters(ps, pb, pl, ph, 60, minimum);
    }

    private static long amount(Random random, Magnitude m, double kwh) {
        return m == Magnitude.TINY ? random.nextInt(40) : (long) (random.nextDouble() * kwh * KWH);
    }

    private static List<HomeInput> randomCommunity(Random random) {
        Magnitude m = random.nextInt(5) == 0 ? Magnitude.TINY : Magnitude.KWH_SCALE;
        int n = 1 + random.nextInt(random.nextInt(4) == 0 ? 60 : 12);
        List<HomeInput> homes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long g = random.nextInt(4) == 0 ? 0L : amount(random, m, 4);
            long l = amount(random, m, 3);
            long b = random.nextInt(2) == 0 ? 0L : amount(random, m, 2) - amount(random, m, 2);
            long k = 1 + (long) (random.nextDouble() * (random.nextBoolean() ? 500 : 5) * 1_000_000L);
            long eps = 1 + random.nextInt(999_999);
            homes.add(new HomeInput(String.format(Locale.ROOT, "h%03d", i), g, l, b, k, eps));
        }
        return homes;
    }

    @Test
    void everyRandomWindowAgreesWithThePaperUpToTheDocumentedRounding() {
        Random random = new Random(20_200_707L);
        int general = 0;
        int extreme = 0;
        int gridOnly = 0;
        int priceAboveThePapersFloor = 0;
        long largestPriceExcess = 0;
        long largestDefaultExcess = 0;
        int residualAtTheLongSideCount = 0;
        int deficitOfOneOrMore = 0;
        for (int t = 0; t < WINDOWS; t++) {
            MarketParameters params = randomParameters(random);
            List<HomeInput> homes = randomCommunity(random);
            Set<String> excluded = new HashSet<>();
            if (random.nextInt(5) == 0) {
                homes.forEach(h -> {
                    if (random.nextInt(6) == 0) {
                        excluded.add(h.homeId());
                    }
                });
            }
            WindowOutcome project = new ReferenceMarket(params).clear(t, homes, excluded);
            PaperWindow paper = new PaperMarket(ProjectAdapter.parameters(params))
                    .clear(ProjectAdapter.homes(homes), excluded);
            Verdict v = paper.check(ProjectAdapter.observed(project));
            final int window = t;
            assertTrue(v.ok(), () -> "window " + window + ": " + v);

            switch (paper.clearing()) {
                case GRID_ONLY -> gridOnly++;
                case GENERAL -> general++;
                case EXTREME -> extreme++;
            }
            if (paper.clearing() == PaperClearing.GRID_ONLY) {
                continue;
            }
            // price: the paper's floor <= the project's price <= the bound from D - n_s units
            long observed = project.price().getAsLong();
            long paperFloor = paper.paperPriceUnits().getAsLong();
            assertTrue(paperFloor <= observed && observed <= paper.priceUpperBoundUnits().getAsLong(),
                    () -> "window " + window + " price " + observed + " outside the documented-rounding range");
            if (observed != paperFloor) {
                priceAboveThePapersFloor++;
                largestPriceExcess = Math.max(largestPriceExcess, observed - paperFloor);
                if (params.highPrice() == MarketParameters.defaults().highPrice()) {
                    largestDefaultExcess = Math.max(largestDefaultExcess, observed - paperFloor);
                    assertTrue(observed - paperFloor <= 56, "beyond 56 units at p_h = 110 cents");
                }
                // the global bound: excess < 1 + p_h (1 / sqrt(1 - 10^-6) - 1)
                double bound = 1 + params.highPrice() * (1 / Math.sqrt(1 - 1e-6) - 1);
                assertTrue(observed - paperFloor < bound, "excess " + (observed - paperFloor) + " >= " + bound);
            }
            // long side: 0 <= x r - v < 1 + x / 2^40, and v is floor(x r) or one less
            Rational r = paper.fillRatio().orElseThrow();
            for (HomeSettlement s : project.homes()) {
                PaperHomeResult h = paper.home(s.homeId());
                if (!h.inMarket() || h.role() == paper.clearing().shortSide()) {
                    continue;
                }
                long x = Math.abs(s.netEnergy());
                Rational exact = Rational.of(x).multiply(r);
                Rational deficit = exact.subtract(Rational.of(s.marketEnergy()));
                assertTrue(deficit.signum() >= 0, "volume above the exact share");
                assertTrue(deficit.compareTo(paper.longSideDeficitBound(x)) < 0);
                assertTrue(deficit.compareTo(Rational.ONE.add(Rational.of(BigInteger.valueOf(x),
                        BigInteger.ONE.shiftLeft(40)))) < 0);
                long floor = exact.floor().longValueExact();
                assertTrue(s.marketEnergy() == floor || s.marketEnergy() == floor - 1);
                if (deficit.compareTo(Rational.ONE) >= 0) {
                    deficitOfOneOrMore++;
                }
            }
            // conservation: 0 <= residual <= n_long (the project's residual is the same number)
            int nLong = paper.longSideCount();
            assertEquals(paper.documentedResidualUnits(), project.residual());
            assertTrue(project.residual() >= 0 && project.residual() <= nLong);
            if (project.residual() == nLong) {
                residualAtTheLongSideCount++;
            }
        }
        System.out.printf(Locale.ROOT, "paper vs project: %d general, %d extreme, %d grid-only windows; price above the"
                + " paper's floor in %d (largest excess %d units, %d at p_h = 110 cents); residual = n_long in %d; long-side deficit >= 1 in %d%n",
                general, extreme, gridOnly, priceAboveThePapersFloor, largestPriceExcess, largestDefaultExcess, residualAtTheLongSideCount,
                deficitOfOneOrMore);
        assertTrue(general > WINDOWS / 4, "general markets: " + general);
        assertTrue(extreme > WINDOWS / 20, "extreme markets: " + extreme);
        assertTrue(gridOnly > 0, "grid-only windows: " + gridOnly);
        // The documented floor of each seller's d makes the price differ from the floor of the paper's price,
        // by tens of units, not by 0 or 1.
        assertTrue(priceAboveThePapersFloor > WINDOWS / 50, "windows above the paper's floor: "
                + priceAboveThePapersFloor);
        assertTrue(largestPriceExcess > 10, "largest excess " + largestPriceExcess);
        assertTrue(residualAtTheLongSideCount > 0, "the residual bound n_long is reached");
        assertTrue(deficitOfOneOrMore > 0, "a long-side deficit of one unit occurs");
    }
}
