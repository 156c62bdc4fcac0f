package io.neighbourgrid.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MarketMathTest {

    private static final long KWH = Scales.ENERGY;
    private static final long CENT = Scales.PRICE;
    private static final MarketParameters DEFAULTS = MarketParameters.defaults();

    @Nested
    class NetEnergyAndRole {

        @Test
        void netEnergyIsGenerationMinusLoadMinusBattery() {
            assertEquals(300_000L, MarketMath.netEnergy(1_000_000L, 500_000L, 200_000L));
            assertEquals(-100_000L, MarketMath.netEnergy(0L, 400_000L, -300_000L));
        }

        @Test
        void roleFollowsTheSignOfNetEnergy() {
            assertEquals(Role.SELLER, MarketMath.role(1L));
            assertEquals(Role.BUYER, MarketMath.role(-1L));
            assertEquals(Role.OFF, MarketMath.role(0L));
        }

        @Test
        void negativeGenerationOrLoadIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> MarketMath.netEnergy(-1L, 0L, 0L));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.netEnergy(0L, -1L, 0L));
        }

        @Test
        void overflowIsReportedNotWrapped() {
            assertThrows(ArithmeticException.class, () -> MarketMath.netEnergy(Long.MAX_VALUE, 0L, -1L));
        }
    }

    @Nested
    class PricingTerm {

        @Test
        void withoutBatteryTheTermIsGenerationPlusOneKilowattHour() {
            assertEquals(1_500_000L + KWH, MarketMath.pricingTerm(1_500_000L, 0L, 900_000L));
        }

        @Test
        void chargingLowersTheTermByTheLostShare() {
            // g + 1 + eps*b - b with g = 1 kWh, b = 0.5 kWh, eps = 0.8: 1 + 1 + 0.4 - 0.5 = 1.9 kWh
            assertEquals(1_900_000L, MarketMath.pricingTerm(KWH, 500_000L, 800_000L));
        }

        @Test
        void effectiveBatteryIsFlooredTowardsMinusInfinity() {
            // eps * b = 333333 * -1 = -333333 epsilon-units*energy, floorDiv by 10^6 gives -1 (not 0)
            assertEquals(10L + KWH - 1L + 1L, MarketMath.pricingTerm(10L, -1L, 333_333L));
            assertEquals(10L + KWH + 0L - 1L, MarketMath.pricingTerm(10L, 1L, 333_333L));
        }

        @Test
        void epsilonOutsideTheOpenUnitIntervalIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> MarketMath.pricingTerm(0L, 0L, 0L));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.pricingTerm(0L, 0L, Scales.EPSILON));
        }
    }

    @Nested
    class Price {

        @Test
        void interiorStackelbergPriceMatchesEquation13() {
            // ps * sum k / sum d = 120 * 350 / 4.2 = 10000, so p^ = 100 cents per kWh exactly
            long price = MarketMath.price(350L * Scales.PREFERENCE, 4_200_000L, DEFAULTS);
            assertEquals(100L * CENT, price);
        }

        @Test
        void unclampedPriceIsTheFlooredSquareRoot() {
            // 120 * 20 / 1 = 2400, sqrt = 48.98979485566356... cents
            long unclamped = MarketMath.stackelbergPrice(20L * Scales.PREFERENCE, KWH, DEFAULTS);
            assertEquals(48_989_794L, unclamped);
        }

        @Test
        void lowStackelbergPriceIsClampedToTheLowerBound() {
            assertEquals(90L * CENT, MarketMath.price(20L * Scales.PREFERENCE, KWH, DEFAULTS));
        }

        @Test
        void highStackelbergPriceIsClampedToTheUpperBound() {
            assertEquals(110L * CENT, MarketMath.price(500L * Scales.PREFERENCE, KWH, DEFAULTS));
        }

        @Test
        void nonPositivePricingTermSumGivesTheUpperBound() {
            assertEquals(110L * CENT, MarketMath.price(Scales.PREFERENCE, 0L, DEFAULTS));
            assertEquals(110L * CENT, MarketMath.price(Scales.PREFERENCE, -5L, DEFAULTS));
        }

        @Test
        void extremeMarketPriceIsTheLowerBound() {
            assertEquals(90L * CENT, MarketMath.clearingPrice(MarketType.EXTREME, 500L * Scales.PREFERENCE, KWH,
                    DEFAULTS));
            assertEquals(100L * CENT, MarketMath.clearingPrice(MarketType.GENERAL, 350L * Scales.PREFERENCE,
                    4_200_000L, DEFAULTS));
        }

        @Test
        void negativePreferenceSumIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> MarketMath.price(-1L, KWH, DEFAULTS));
        }

        @Test
        void randomAggregatesAgreeWithFloatingPointWithinOneUnit() {
            Random random = new Random(7);
            for (int i = 0; i < 2_000; i++) {
                long sumK = 1 + (long) (random.nextDouble() * 300 * 130 * Scales.PREFERENCE);
                long sumD = 1 + (long) (random.nextDouble() * 300 * 3 * KWH);
                long unclamped = MarketMath.stackelbergPrice(sumK, sumD, DEFAULTS);
                double expected = Math.sqrt(120.0 * ((double) sumK / Scales.PREFERENCE) / ((double) sumD / KWH))
                        * CENT;
                assertEquals(expected, unclamped, Math.max(1.0, expected * 1e-9), "sumK=" + sumK + " sumD=" + sumD);
                long clamped = MarketMath.price(sumK, sumD, DEFAULTS);
                assertTrue(clamped >= DEFAULTS.lowPrice() && clamped <= DEFAULTS.highPrice());
            }
        }
    }

    @Nested
    class MarketTypeAndFillRatio {

        @Test
        void supplyBelowDemandIsGeneralOtherwiseExtreme() {
            assertEquals(MarketType.GENERAL, MarketMath.marketType(1L, 2L));
            assertEquals(MarketType.EXTREME, MarketMath.marketType(2L, 2L));
            assertEquals(MarketType.EXTREME, MarketMath.marketType(3L, 2L));
        }

        @Test
        void fillRatioIsTheFlooredQuotientInFortyBitFixedPoint() {
            assertEquals(Scales.RATIO_ONE / 2, MarketMath.fillRatio(5L, 10L));
            assertEquals(Scales.RATIO_ONE, MarketMath.fillRatio(7L, 7L));
            assertEquals(0L, MarketMath.fillRatio(0L, 7L));
            assertEquals((7L << 40) / 11L, MarketMath.fillRatio(7L, 11L));
        }

        @Test
        void fillRatioHandlesTotalsBeyondFortyBitShiftsOfLong() {
            long shortTotal = 5_000L * KWH;
            long longTotal = 10_000L * KWH;
            assertEquals(Scales.RATIO_ONE / 2, MarketMath.fillRatio(shortTotal, longTotal));
        }

        @Test
        void fillRatioOfAWindowUsesTheLongSideAsDenominator() {
            assertEquals(MarketMath.fillRatio(3L, 4L), MarketMath.fillRatio(MarketType.GENERAL, 3L, 4L));
            assertEquals(MarketMath.fillRatio(3L, 4L), MarketMath.fillRatio(MarketType.EXTREME, 4L, 3L));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.fillRatio(MarketType.GENERAL, 4L, 3L));
        }

        @Test
        void fillRatioRejectsOutOfRangeTotals() {
            assertThrows(IllegalArgumentException.class, () -> MarketMath.fillRatio(1L, 0L));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.fillRatio(3L, 2L));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.fillRatio(-1L, 2L));
        }

        @Test
        void longSideVolumeIsFlooredAndNeverAboveTheNetEnergy() {
            long rho = MarketMath.fillRatio(7L, 11L);
            assertEquals(381_818L, MarketMath.longSideVolume(600_000L, rho));
            assertEquals(100_000L * KWH, MarketMath.longSideVolume(100_000L * KWH, Scales.RATIO_ONE));
            assertEquals(0L, MarketMath.longSideVolume(123L, 0L));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.longSideVolume(1L, Scales.RATIO_ONE + 1));
            assertThrows(IllegalArgumentException.class, () -> MarketMath.longSideVolume(-1L, 0L));
        }

        @Test
        void marketVolumeDependsOnTheSide() {
            long rho = Scales.RATIO_ONE / 4;
            assertEquals(400L, MarketMath.marketVolume(MarketType.GENERAL, Role.SELLER, 400L, rho));
            assertEquals(100L, MarketMath.marketVolume(MarketType.GENERAL, Role.BUYER, 400L, rho));
            assertEquals(400L, MarketMath.marketVolume(MarketType.EXTREME, Role.BUYER, 400L, rho));
            assertEquals(100L, MarketMath.marketVolume(MarketType.EXTREME, Role.SELLER, 400L, rho));
            assertEquals(0L, MarketMath.marketVolume(MarketType.EXTREME, Role.OFF, 0L, rho));
        }
    }

    @Nested
    class MoneyAndSquareRoot {

        @Test
        void moneyIsEnergyTimesPriceFlooredToMoneyUnits() {
            // 0.5 kWh at 100 cents per kWh is 50 cents
            assertEquals(50L * Scales.MONEY, MarketMath.money(500_000L, 100L * CENT));
            // 1 unit (10^-6 kWh) at 0.5 unit (rounded down to 0) of money
            assertEquals(0L, MarketMath.money(1L, 500_000L));
            assertEquals(-1L, MarketMath.money(-1L, 500_000L));
        }

        @Test
        void moneyReportsOverflow() {
            assertThrows(ArithmeticException.class, () -> MarketMath.money(Long.MAX_VALUE, 2L * Scales.ENERGY));
        }

        @Test
        void isqrtIsTheFloorOfTheSquareRoot() {
            assertEquals(0L, MarketMath.isqrt(0L));
            assertEquals(1L, MarketMath.isqrt(3L));
            assertEquals(2L, MarketMath.isqrt(4L));
            assertEquals(3_037_000_499L, MarketMath.isqrt(Long.MAX_VALUE));
            Random random = new Random(11);
            for (int i = 0; i < 1_000; i++) {
                BigInteger n = new BigInteger(100, random);
                BigInteger r = MarketMath.isqrt(n);
                assertTrue(r.multiply(r).compareTo(n) <= 0);
                assertTrue(r.add(BigInteger.ONE).pow(2).compareTo(n) > 0);
            }
        }

        @Test
        void isqrtRejectsNegativeNumbers() {
            assertThrows(IllegalArgumentException.class, () -> MarketMath.isqrt(-1L));
        }
    }
}
