package io.neighbourgrid.crypto.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BarrettReducerTest {
    private static final Random RANDOM = new Random(11);

    private static void agreesWithMod(BigInteger m) {
        BarrettReducer red = new BarrettReducer(m);
        for (int i = 0; i < 200; i++) {
            BigInteger a = new BigInteger(m.bitLength() + 8, RANDOM).mod(m);
            BigInteger b = new BigInteger(m.bitLength() + 8, RANDOM).mod(m);
            assertEquals(a.multiply(b).mod(m), red.multiply(a, b), "modulus of " + m.bitLength() + " bits");
            assertEquals(a.multiply(a).mod(m), red.square(a));
        }
    }

    @Nested
    class Reduction {

        @Test
        void productsAgreeWithModForOddEvenAndPowerOfTwoModuli() {
            agreesWithMod(BigInteger.probablePrime(512, RANDOM));
            agreesWithMod(BigInteger.probablePrime(512, RANDOM).multiply(BigInteger.probablePrime(512, RANDOM)).pow(2));
            agreesWithMod(new BigInteger(700, RANDOM).setBit(699).clearBit(0));
            agreesWithMod(BigInteger.ONE.shiftLeft(256));
            agreesWithMod(BigInteger.valueOf(3));
        }

        @Test
        void theExtremesOfTheRangeNeedTheFinalCorrections() {
            BigInteger m = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);
            BarrettReducer red = new BarrettReducer(m);
            BigInteger max = m.subtract(BigInteger.ONE);
            assertEquals(max.multiply(max).mod(m), red.square(max));
            assertEquals(BigInteger.ZERO, red.multiply(BigInteger.ZERO, max));
            assertEquals(BigInteger.ZERO, red.reduce(m));
            assertEquals(BigInteger.ZERO, red.reduce(m.multiply(m)));
            BigInteger top = BigInteger.ONE.shiftLeft(2 * m.bitLength()).subtract(BigInteger.ONE);
            assertEquals(top.mod(m), red.reduce(top));
        }

        @Test
        void valuesOutsideTheFastRangeFallBackToMod() {
            BigInteger m = BigInteger.probablePrime(256, RANDOM);
            BarrettReducer red = new BarrettReducer(m);
            BigInteger huge = new BigInteger(2000, RANDOM);
            assertEquals(huge.mod(m), red.reduce(huge));
            assertEquals(BigInteger.valueOf(-5).mod(m), red.reduce(BigInteger.valueOf(-5)));
            assertEquals(huge.mod(m).multiply(BigInteger.TEN).mod(m), red.multiply(huge, BigInteger.TEN));
        }

        @Test
        void theModulusIsReported() {
            BigInteger m = BigInteger.valueOf(1_000_003);
            assertEquals(m, new BarrettReducer(m).modulus());
        }
    }

    @Nested
    class Arguments {

        @Test
        void aModulusBelowTwoIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> new BarrettReducer(BigInteger.ONE));
            assertThrows(IllegalArgumentException.class, () -> new BarrettReducer(BigInteger.ZERO));
            assertThrows(IllegalArgumentException.class, () -> new BarrettReducer(BigInteger.valueOf(-7)));
            assertThrows(NullPointerException.class, () -> new BarrettReducer(null));
        }
    }
}
