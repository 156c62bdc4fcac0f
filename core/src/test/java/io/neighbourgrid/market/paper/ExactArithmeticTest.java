package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactArithmeticTest {

    @Test
    void rationalsAreReducedWithAPositiveDenominator() {
        Rational r = Rational.of(6, -4);
        assertEquals(BigInteger.valueOf(-3), r.numerator());
        assertEquals(BigInteger.valueOf(2), r.denominator());
        assertEquals(Rational.ZERO, Rational.of(0, -7));
        assertEquals(Rational.of(1, 2), Rational.of(new BigDecimal("0.5")));
        assertEquals(Rational.of(1200), Rational.of(new BigDecimal("1.2E+3")));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Rational.ONE.divide(Rational.ZERO));
    }

    @Test
    void arithmeticIsExact() {
        Rational third = Rational.of(1, 3);
        assertEquals(Rational.ONE, third.add(third).add(third));
        assertEquals(Rational.of(1, 9), third.square());
        assertEquals(Rational.of(-2, 3), third.subtract(Rational.ONE));
        assertEquals(Rational.of(3), Rational.ONE.divide(third));
        assertEquals("-7/2", Rational.of(-7, 2).toString());
        assertEquals("0.333333", third.toDecimalString(6));
    }

    @Test
    void floorAndCeilRoundTowardTheRightInfinity() {
        assertEquals(BigInteger.valueOf(-4), Rational.of(-7, 2).floor());
        assertEquals(BigInteger.valueOf(-3), Rational.of(-7, 2).ceil());
        assertEquals(BigInteger.valueOf(3), Rational.of(7, 2).floor());
        assertEquals(BigInteger.valueOf(4), Rational.of(7, 2).ceil());
        assertEquals(BigInteger.valueOf(-3), Rational.of(-3).floor());
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong() >> random.nextInt(60);
            long d = 1 + (random.nextLong() >>> (1 + random.nextInt(62)));
            assertEquals(Math.floorDiv(n, d), Rational.of(n, d).floor().longValueExact(), n + "/" + d);
        }
    }

    @Test
    void squareRootsCompareExactly() {
        SqrtRational root2 = SqrtRational.sqrtOf(Rational.of(2));
        assertEquals(Optional.empty(), root2.asRational());
        assertTrue(root2.compareTo(Rational.of(1414, 1000)) > 0);
        assertTrue(root2.compareTo(Rational.of(1415, 1000)) < 0);
        assertEquals(BigInteger.valueOf(1_414_213L), root2.floorScaled(BigInteger.valueOf(1_000_000L)));
        assertTrue(root2.isFloorScaled(BigInteger.valueOf(1_414_213L), BigInteger.valueOf(1_000_000L)));
        assertFalse(root2.isFloorScaled(BigInteger.valueOf(1_414_214L), BigInteger.valueOf(1_000_000L)));
        assertEquals(Optional.of(Rational.of(3, 7)), SqrtRational.sqrtOf(Rational.of(9, 49)).asRational());
        assertEquals(SqrtRational.of(Rational.of(6)), SqrtRational.sqrtOf(Rational.of(4)).multiply(Rational.of(3)));
        assertThrows(IllegalArgumentException.class, () -> SqrtRational.sqrtOf(Rational.of(-1)));
    }

    @Test
    void floorOfASquareRootIsTheLargestIntegerWhoseSquareFits() {
        Random random = new Random(12);
        for (int i = 0; i < 10_000; i++) {
            BigInteger n = new BigInteger(1 + random.nextInt(200), random);
            BigInteger d = new BigInteger(1 + random.nextInt(100), random).add(BigInteger.ONE);
            Rational q = Rational.of(n, d);
            BigInteger f = SqrtRational.sqrtOf(q).floor();
            assertTrue(Rational.of(f).square().compareTo(q) <= 0);
            assertTrue(Rational.of(f.add(BigInteger.ONE)).square().compareTo(q) > 0);
        }
    }
}
