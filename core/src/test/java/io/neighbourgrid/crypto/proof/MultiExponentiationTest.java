package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MultiExponentiationTest {

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
        void negativeExponentsAreRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> new MultiExponentiation(MODULUS).add(BigInteger.TWO, BigInteger.ONE.negate()));
        }

        @Test
        void theWindowGrowsWithTheExponentLength() {
            assertEquals(1, MultiExponentiation.windowFor(1));
            assertEquals(4, MultiExponentiation.windowFor(129));
            assertEquals(7, MultiExponentiation.windowFor(2048));
        }
    }
}
