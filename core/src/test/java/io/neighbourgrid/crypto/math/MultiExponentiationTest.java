package io.neighbourgrid.crypto.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MultiExponentiationTest {

    /** A Paillier-sized N^2 (1024-bit N), the modulus of batch verification and bill aggregates. */
    private static final BigInteger MODULUS = BigInteger.probablePrime(512, new Random(1))
            .multiply(BigInteger.probablePrime(512, new Random(2))).pow(2);

    @Nested
    class Correctness {

        @Test
        void theProductEqualsTheProductOfSeparateExponentiations() {
            Random random = new Random(3);
            for (int trial = 0; trial < 20; trial++) {
                MultiExponentiation multi = new MultiExponentiation(MODULUS);
                BigInteger expected = BigInteger.ONE;
                int count = 1 + random.nextInt(30);
                for (int i = 0; i < count; i++) {
                    BigInteger base = new BigInteger(MODULUS.bitLength() + 5, random);
                    BigInteger exponent = new BigInteger(random.nextInt(300), random);
                    multi.add(base, exponent);
                    expected = expected.multiply(base.modPow(exponent, MODULUS)).mod(MODULUS);
                }
                assertEquals(expected, multi.compute());
            }
        }

        @Test
        void exponentsOfVeryDifferentLengthsShareOneChainOfSquarings() {
            Random random = new Random(5);
            MultiExponentiation multi = new MultiExponentiation(MODULUS);
            BigInteger expected = BigInteger.ONE;
            for (int bits : new int[] {1, 3, 17, 40, 129, 700, 2048}) {
                BigInteger base = new BigInteger(MODULUS.bitLength() - 1, random);
                BigInteger exponent = new BigInteger(bits, random).setBit(bits - 1);
                multi.add(base, exponent);
                expected = expected.multiply(base.modPow(exponent, MODULUS)).mod(MODULUS);
            }
            assertEquals(expected, multi.compute());
        }

        @Test
        void edgeExponentsAreHandled() {
            BigInteger base = BigInteger.valueOf(12345);
            assertEquals(BigInteger.ONE, new MultiExponentiation(MODULUS).compute());
            assertEquals(BigInteger.ONE, new MultiExponentiation(MODULUS).add(base, BigInteger.ZERO).compute());
            assertEquals(base, new MultiExponentiation(MODULUS).add(base, BigInteger.ONE).compute());
            BigInteger allOnes = BigInteger.ONE.shiftLeft(257).subtract(BigInteger.ONE);
            assertEquals(base.modPow(allOnes, MODULUS), new MultiExponentiation(MODULUS).add(base, allOnes).compute());
            BigInteger sparse = BigInteger.ONE.shiftLeft(200).add(BigInteger.ONE);
            assertEquals(base.modPow(sparse, MODULUS).multiply(base).mod(MODULUS),
                    new MultiExponentiation(MODULUS).add(base, sparse).add(base, BigInteger.ONE).compute());
        }

        @Test
        void negativeAndUnreducedBasesAreReducedFirst() {
            BigInteger exponent = BigInteger.valueOf(65_537);
            BigInteger negative = BigInteger.valueOf(-7);
            BigInteger large = MODULUS.multiply(BigInteger.valueOf(3)).add(BigInteger.TEN);
            assertEquals(negative.mod(MODULUS).modPow(exponent, MODULUS),
                    new MultiExponentiation(MODULUS).add(negative, exponent).compute());
            assertEquals(BigInteger.TEN.modPow(exponent, MODULUS),
                    new MultiExponentiation(MODULUS).add(large, exponent).compute());
        }

        @Test
        void computingTwiceGivesTheSameProductAndMoreFactorsCanFollow() {
            MultiExponentiation multi = new MultiExponentiation(MODULUS).add(BigInteger.TWO, BigInteger.valueOf(1000));
            BigInteger first = multi.compute();
            assertEquals(first, multi.compute());
            assertEquals(first.multiply(BigInteger.valueOf(81)).mod(MODULUS),
                    multi.add(BigInteger.valueOf(3), BigInteger.valueOf(4)).compute());
        }

        @Test
        void aSharedReducerGivesTheSameResultAsAnOwnOne() {
            BarrettReducer reducer = new BarrettReducer(MODULUS);
            BigInteger base = BigInteger.valueOf(987_654_321);
            BigInteger exponent = BigInteger.ONE.shiftLeft(128).add(BigInteger.valueOf(12345));
            assertEquals(new MultiExponentiation(MODULUS).add(base, exponent).compute(),
                    new MultiExponentiation(reducer).add(base, exponent).compute());
        }

        @Test
        void aSmallOddModulusWorks() {
            BigInteger small = BigInteger.valueOf(1_000_003);
            assertEquals(BigInteger.valueOf(5).modPow(BigInteger.valueOf(123_456), small)
                            .multiply(BigInteger.valueOf(7).modPow(BigInteger.valueOf(99), small)).mod(small),
                    new MultiExponentiation(small).add(BigInteger.valueOf(5), BigInteger.valueOf(123_456))
                            .add(BigInteger.valueOf(7), BigInteger.valueOf(99)).compute());
        }
    }

    @Nested
    class Arguments {

        @Test
        void negativeExponentsAreRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> new MultiExponentiation(MODULUS).add(BigInteger.TWO, BigInteger.ONE.negate()));
        }

        @Test
        void aModulusBelowTwoIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> new MultiExponentiation(BigInteger.ONE));
        }

        @Test
        void missingFactorsAreRefused() {
            assertThrows(NullPointerException.class, () -> new MultiExponentiation(MODULUS).add(null, BigInteger.ONE));
            assertThrows(NullPointerException.class, () -> new MultiExponentiation(MODULUS).add(BigInteger.ONE, null));
        }
    }

    @Nested
    class WindowChoice {

        @Test
        void theWindowGrowsWithTheExponentLength() {
            assertEquals(1, MultiExponentiation.windowFor(1));
            assertEquals(4, MultiExponentiation.windowFor(129));
            assertEquals(7, MultiExponentiation.windowFor(2048));
            assertEquals(8, MultiExponentiation.windowFor(8192));
        }
    }
}
