package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which tolerance the project's price rule {@code clamp(isqrt(floorDiv(N, M)))} has against the exact price of the
 * same aggregates: none. {@code isqrt(floor(N/M)) = floor(sqrt(N/M))} (see the package documentation).
 */
class PriceRoundingTest {

    @Test
    void integerSquareRootOfAFloorIsTheFloorOfTheExactSquareRoot() {
        Random random = new Random(1_414L);
        for (int i = 0; i < 20_000; i++) {
            BigInteger n = new BigInteger(random.nextInt(180), random);
            BigInteger m = new BigInteger(1 + random.nextInt(90), random).add(BigInteger.ONE);
            BigInteger project = MarketMath.isqrt(n.divide(m));
            SqrtRational exact = SqrtRational.sqrtOf(Rational.of(n, m));
            assertTrue(exact.isFloorScaled(project, BigInteger.ONE), n + "/" + m);
            assertEquals(exact.floor(), project);
        }
    }

    @Test
    void nearPerfectSquaresAreWhereAnOffByOneWouldShow() {
        // N/M just below and just above k^2: floor(N/M) crosses k^2 exactly when sqrt(N/M) does
        Random random = new Random(1_732L);
        for (int i = 0; i < 5_000; i++) {
            BigInteger k = new BigInteger(20 + random.nextInt(40), random).add(BigInteger.ONE);
            BigInteger m = BigInteger.valueOf(1 + random.nextInt(1_000_000));
            for (int delta = -2; delta <= 2; delta++) {
                BigInteger n = k.multiply(k).multiply(m).add(BigInteger.valueOf(delta));
                assertEquals(SqrtRational.sqrtOf(Rational.of(n, m)).floor(), MarketMath.isqrt(n.divide(m)));
            }
        }
    }

    @Test
    void theProjectsPriceOfTheSameAggregatesIsTheFloorOfTheExactClampedPrice() {
        Random random = new Random(1_2020L);
        int interior = 0;
        for (int i = 0; i < 20_000; i++) {
            MarketParameters params = random.nextBoolean() ? MarketParameters.defaults()
                    : new MarketParameters(200_000_000L + random.nextInt(1_000_000), 1L,
                            2L + random.nextInt(1_000), 2_000L + random.nextInt(199_000_000), 60, 2);
            long sumK = 1 + (long) (random.nextDouble() * Math.pow(10, 3 + random.nextInt(10)));
            long sumD = (long) (random.nextDouble() * Math.pow(10, 2 + random.nextInt(12))) - 100;
            long project = MarketMath.price(sumK, sumD, params);
            PaperPrice exact = PaperPrice.stackelberg(FixedPoint.price(params.retailPrice()),
                    FixedPoint.preference(sumK), FixedPoint.energy(sumD), FixedPoint.price(params.lowPrice()),
                    FixedPoint.price(params.highPrice()));
            assertEquals(exact.floorUnits(), project, "K " + sumK + ", D " + sumD);
            assertTrue(exact.isFloorUnits(project));
            if (exact.regime() == PaperPrice.Regime.STACKELBERG) {
                interior++;
            }
        }
        assertTrue(interior > 1_000, "interior prices: " + interior);
    }
}
