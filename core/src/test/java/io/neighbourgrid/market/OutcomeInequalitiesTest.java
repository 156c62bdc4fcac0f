package io.neighbourgrid.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutcomeInequalitiesTest {
    private static final long KWH = Scales.ENERGY;
    private static final MarketParameters DEFAULTS = MarketParameters.defaults();
    private static final BigInteger[] NO_OFFSETS = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO};

    /** Whether every form holds at the slot sums T - o. */
    static boolean allHold(MarketOutcome claim, MarketParameters params, long[] totals, BigInteger[] offsets) {
        List<AffineForm> forms;
        try {
            forms = OutcomeInequalities.forms(claim, params, offsets);
        } catch (IllegalArgumentException rejected) {
            return false;
        }
        BigInteger[] u = slotSums(totals, offsets);
        return forms.stream().allMatch(f -> f.holds(u));
    }

    static BigInteger[] slotSums(long[] totals, BigInteger[] offsets) {
        BigInteger[] u = new BigInteger[4];
        for (int j = 0; j < 4; j++) {
            u[j] = BigInteger.valueOf(totals[j]).subtract(offsets[j]);
        }
        return u;
    }

    /** A claim, or null when its values are outside the record's domain (which rejects it just as well). */
    private static MarketOutcome claim(MarketType type, long price, long ratio) {
        try {
            return new MarketOutcome(type, price, ratio);
        } catch (IllegalArgumentException outOfDomain) {
            return null;
        }
    }

    /** Every neighbour of the true outcome: the other type, prices one off and at both ends, ratios one off. */
    static List<MarketOutcome> neighbours(MarketOutcome truth, MarketParameters params) {
        List<MarketOutcome> out = new ArrayList<>();
        MarketType other = truth.type() == MarketType.GENERAL ? MarketType.EXTREME : MarketType.GENERAL;
        long p = truth.price();
        long rho = truth.fillRatio();
        long[] prices = {p - 1, p + 1, params.lowPrice(), params.highPrice(), params.lowPrice() - 1,
            params.highPrice() + 1};
        for (MarketType type : MarketType.values()) {
            for (long price : prices) {
                for (long ratio : new long[] {rho - 1, rho, rho + 1}) {
                    out.add(claim(type, price, ratio));
                }
            }
            out.add(claim(type, p, rho - 1));
            out.add(claim(type, p, rho + 1));
        }
        out.add(claim(other, p, rho));
        out.removeIf(c -> c == null || c.equals(truth));
        return out;
    }

    /** Checks MarketMath's outcome satisfies its forms and every other claim nearby fails one. */
    static void checkExactness(long[] totals, BigInteger[] offsets, MarketParameters params) {
        MarketOutcome truth = OutcomeInequalities.outcome(totals, params);
        assertTrue(allHold(truth, params, totals, offsets), () -> "true outcome " + truth + " fails its forms at "
                + java.util.Arrays.toString(totals));
        for (MarketOutcome lie : neighbours(truth, params)) {
            assertFalse(allHold(lie, params, totals, offsets), () -> "claim " + lie + " passes at "
                    + java.util.Arrays.toString(totals) + " where the outcome is " + truth);
        }
    }

    private static MarketParameters randomParameters(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return DEFAULTS;
            case 1:
                // p_l = p_h: the price needs no pricing form
                return new MarketParameters(300, 100, 200, 200, 60, 1);
            default:
                long pb = 1 + random.nextInt(100_000_000);
                long pl = pb + 1 + random.nextInt(100_000_000);
                long ph = pl + 1 + random.nextInt(random.nextBoolean() ? 3 : 100_000_000);
                long ps = ph + 1 + random.nextInt(100_000_000);
                return new MarketParameters(ps, pb, pl, ph, 60, 1);
        }
    }

    private static long energy(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(5);
            case 1:
                return 1 + (long) (random.nextDouble() * 1e6 * KWH);
            default:
                return (long) (random.nextDouble() * 30 * KWH);
        }
    }

    /**
     * sum d chosen so that the unclamped price falls where asked: near p_l, near p_h, inside, far outside, or with
     * sum d zero or negative.
     */
    private static long pricingTerm(Random random, long sumK, MarketParameters params) {
        int regime = random.nextInt(7);
        if (regime == 0) {
            return -random.nextInt(5 * (int) KWH);
        }
        if (regime == 1) {
            return 0;
        }
        if (sumK == 0) {
            return 1 + random.nextInt(1_000);
        }
        long target = switch (regime) {
            case 2 -> params.lowPrice() + random.nextInt(3) - 1;
            case 3 -> params.highPrice() + random.nextInt(3) - 1;
            case 4 -> params.lowPrice() / 3;
            case 5 -> params.highPrice() * 3;
            default -> params.lowPrice() + (long) (random.nextDouble() * (params.highPrice() - params.lowPrice()));
        };
        // p^2 = X / Y, so Y = X / p^2 and sum d = Y / PREFERENCE; nudge by one unit either way.
        BigInteger x = BigInteger.valueOf(params.retailPrice()).multiply(BigInteger.valueOf(Scales.PRICE))
                .multiply(BigInteger.valueOf(Scales.ENERGY)).multiply(BigInteger.valueOf(sumK));
        BigInteger d = x.divide(BigInteger.valueOf(Math.max(1, target)).pow(2)
                .multiply(BigInteger.valueOf(Scales.PREFERENCE)));
        return Math.max(1, d.longValueExact() + random.nextInt(3) - 1);
    }

    private static BigInteger[] randomOffsets(Random random, long[] totals) {
        BigInteger[] offsets = new BigInteger[4];
        for (int j = 0; j < 4; j++) {
            long u = random.nextInt(3) == 0 ? 0 : (long) (random.nextDouble() * Math.abs(totals[j]));
            offsets[j] = BigInteger.valueOf(totals[j]).subtract(BigInteger.valueOf(u));
        }
        return offsets;
    }

    @Nested
    class ForMarketMathsOwnOutcome {
        @Test
        void everyFormHoldsAndEveryNeighbouringClaimFailsOneForRandomTotals() {
            Random random = new Random(20_261_205L);
            int general = 0;
            int extreme = 0;
            for (int i = 0; i < 3_000; i++) {
                MarketParameters params = randomParameters(random);
                long supply = energy(random);
                long demand = switch (random.nextInt(4)) {
                    case 0 -> supply;
                    case 1 -> supply + random.nextInt(3) - 1;
                    default -> energy(random);
                };
                if (Math.max(supply, demand) <= 0) {
                    continue;
                }
                long sumK = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + (long) (random.nextDouble() * 1e9);
                long sumD = pricingTerm(random, sumK, params);
                long[] totals = {supply, sumK, sumD, Math.max(0, demand)};
                checkExactness(totals, randomOffsets(random, totals), params);
                if (supply < demand) {
                    general++;
                } else {
                    extreme++;
                }
            }
            assertTrue(general > 1_000 && extreme > 1_000, general + " general, " + extreme + " extreme");
        }

        @Test
        void everyPriceRegimeIsReachedAndExact() {
            MarketParameters p = DEFAULTS;
            long k = 400 * Scales.PREFERENCE;
            // X / Y = 120 c * 400 / sum d (kWh): 100 c at 4.8 kWh, below p_l at 10 kWh, above p_h at 1 kWh.
            long[][] cases = {
                {2 * KWH, k, 4_800_000, 5 * KWH},
                {2 * KWH, k, 10 * KWH, 5 * KWH},
                {2 * KWH, k, KWH, 5 * KWH},
                {2 * KWH, k, 0, 5 * KWH},
                {2 * KWH, k, -KWH, 5 * KWH},
                {2 * KWH, 0, KWH, 5 * KWH},
                {5 * KWH, k, KWH, 5 * KWH},
                {6 * KWH, k, KWH, 5 * KWH},
                {1, k, KWH, 2},
            };
            long[] expectedPrices = {100_000_000, 90_000_000, 110_000_000, 110_000_000, 110_000_000, 90_000_000,
                90_000_000, 90_000_000, 110_000_000};
            for (int i = 0; i < cases.length; i++) {
                assertEquals(expectedPrices[i], OutcomeInequalities.outcome(cases[i], p).price(), "case " + i);
                checkExactness(cases[i], NO_OFFSETS, p);
            }
        }

        @Test
        void anInteriorPriceIsPinnedByBothBracketForms() {
            long[] totals = {2 * KWH, 400 * Scales.PREFERENCE, 4_800_000, 5 * KWH};
            List<AffineForm> forms = OutcomeInequalities.forms(new MarketOutcome(MarketType.GENERAL, 100_000_000,
                    (2L << 40) / 5), DEFAULTS, NO_OFFSETS);
            assertEquals(5, forms.size());
            BigInteger[] u = slotSums(totals, NO_OFFSETS);
            // X = p^2 Y exactly: the lower bracket is tight.
            assertEquals(BigInteger.ZERO, forms.get(3).evaluate(u));
            assertTrue(forms.get(4).evaluate(u).signum() > 0);
        }
    }

    @Nested
    class WhenMarketMathHasNoOutcome {
        @Test
        void noClaimPassesWithoutALongSide() {
            long[] totals = {0, 5, KWH, 0};
            assertThrows(IllegalArgumentException.class, () -> OutcomeInequalities.outcome(totals, DEFAULTS));
            for (MarketType type : MarketType.values()) {
                for (long rho : new long[] {0, 1, Scales.RATIO_ONE}) {
                    assertFalse(allHold(new MarketOutcome(type, DEFAULTS.lowPrice(), rho), DEFAULTS, totals,
                            NO_OFFSETS));
                }
            }
        }

        @Test
        void noGeneralClaimPassesWithANegativePreferenceSum() {
            long[] totals = {KWH, -3, KWH, 2 * KWH};
            BigInteger[] offsets = {BigInteger.ZERO, BigInteger.valueOf(-10), BigInteger.ZERO, BigInteger.ZERO};
            assertThrows(IllegalArgumentException.class, () -> OutcomeInequalities.outcome(totals, DEFAULTS));
            for (long price : new long[] {DEFAULTS.lowPrice(), 100_000_000, DEFAULTS.highPrice()}) {
                assertFalse(allHold(new MarketOutcome(MarketType.GENERAL, price, 1L << 39), DEFAULTS, totals,
                        offsets));
            }
        }
    }

    @Nested
    class Offsets {
        @Test
        void areContributorsTimesLowerBounds() {
            BigInteger[] o = OutcomeInequalities.totalOffsets(new long[] {1, 0, -5, 1}, new int[] {3, 3, 3, 7});
            assertEquals(List.of(BigInteger.valueOf(3), BigInteger.ZERO, BigInteger.valueOf(-15),
                    BigInteger.valueOf(7)), List.of(o));
            assertThrows(IllegalArgumentException.class, () -> OutcomeInequalities.totalOffsets(new long[3],
                    new int[4]));
            assertThrows(IllegalArgumentException.class, () -> OutcomeInequalities.totalOffsets(new long[4],
                    new int[] {1, 1, -1, 1}));
        }

        @Test
        void shiftEveryFormsConstantSoThatItReadsTheSlotSums() {
            long[] totals = {3 * KWH, 50 * Scales.PREFERENCE, 2 * KWH, 4 * KWH};
            BigInteger[] offsets = OutcomeInequalities.totalOffsets(new long[] {1_000, 0, -KWH, 1_000},
                    new int[] {3, 3, 3, 4});
            MarketOutcome truth = OutcomeInequalities.outcome(totals, DEFAULTS);
            List<AffineForm> shifted = OutcomeInequalities.forms(truth, DEFAULTS, offsets);
            List<AffineForm> plain = OutcomeInequalities.forms(truth, DEFAULTS, NO_OFFSETS);
            BigInteger[] u = slotSums(totals, offsets);
            BigInteger[] t = slotSums(totals, NO_OFFSETS);
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.get(i).evaluate(t), shifted.get(i).evaluate(u), plain.get(i).name());
            }
        }
    }

    @Nested
    class ImpossibleClaims {
        @Test
        void areRejectedOutright() {
            assertThrows(IllegalArgumentException.class, () -> OutcomeInequalities.forms(new MarketOutcome(
                    MarketType.EXTREME, DEFAULTS.lowPrice() + 1, 0), DEFAULTS, NO_OFFSETS));
            assertThrows(IllegalArgumentException.class, () -> OutcomeInequalities.forms(new MarketOutcome(
                    MarketType.GENERAL, DEFAULTS.highPrice() + 1, 0), DEFAULTS, NO_OFFSETS));
            assertThrows(IllegalArgumentException.class, () -> new MarketOutcome(MarketType.GENERAL, 100,
                    Scales.RATIO_ONE + 1));
            assertThrows(IllegalArgumentException.class, () -> new MarketOutcome(MarketType.GENERAL, 100, -1));
        }

        @Test
        void valueBitsFollowTheCoefficientsAndCaps() {
            AffineForm f = new AffineForm("f", List.of(BigInteger.ONE.shiftLeft(40), BigInteger.valueOf(-7),
                    BigInteger.ZERO, BigInteger.ZERO), BigInteger.valueOf(-1));
            BigInteger cap = BigInteger.ONE.shiftLeft(20);
            assertEquals(60, f.valueBits(new BigInteger[] {cap, cap, cap, cap}));
            assertEquals(1, f.valueBits(new BigInteger[] {BigInteger.ZERO, cap, cap, cap}));
        }
    }
}
