package io.neighbourgrid.crypto.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FourSquaresTest {
    private static BigInteger sumOfSquares(BigInteger[] parts) {
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger p : parts) {
            assertTrue(p.signum() >= 0, "parts are non-negative");
            sum = sum.add(p.multiply(p));
        }
        return sum;
    }

    @Test
    void everySmallNumberIsWrittenAsFourSquares() {
        Random random = new Random(1);
        for (int x = 0; x <= 3000; x++) {
            BigInteger[] parts = NumberTheory.fourSquares(BigInteger.valueOf(x), random);
            assertEquals(4, parts.length);
            assertEquals(BigInteger.valueOf(x), sumOfSquares(parts), "x = " + x);
        }
    }

    @Test
    void largeNumbersOfEverySizeAreWrittenAsFourSquares() {
        Random random = new Random(2);
        for (int bits = 21; bits <= 600; bits += 7) {
            for (int i = 0; i < 3; i++) {
                BigInteger x = new BigInteger(bits, random).setBit(bits - 1);
                assertEquals(x, sumOfSquares(NumberTheory.fourSquares(x, random)), bits + " bits");
            }
        }
        BigInteger powerOfTwo = BigInteger.ONE.shiftLeft(127);
        assertEquals(powerOfTwo, sumOfSquares(NumberTheory.fourSquares(powerOfTwo, random)));
        BigInteger sevenModEight = BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE);
        assertEquals(sevenModEight, sumOfSquares(NumberTheory.fourSquares(sevenModEight, random)));
    }

    @Test
    void aNegativeNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NumberTheory.fourSquares(BigInteger.valueOf(-1),
                new Random(3)));
    }

    @Test
    void primesCongruentToOneModuloFourAreSumsOfTwoSquares() {
        assertArrayEquals(new BigInteger[] {BigInteger.ONE, BigInteger.TWO},
                sorted(NumberTheory.twoSquaresOfPrime(BigInteger.valueOf(5))));
        assertArrayEquals(new BigInteger[] {BigInteger.TWO, BigInteger.valueOf(3)},
                sorted(NumberTheory.twoSquaresOfPrime(BigInteger.valueOf(13))));
        Random random = new Random(4);
        for (int i = 0; i < 50; i++) {
            BigInteger p;
            do {
                p = BigInteger.probablePrime(64 + i, random);
            } while (p.mod(BigInteger.valueOf(4)).intValue() != 1);
            assertEquals(p, sumOfSquares(NumberTheory.twoSquaresOfPrime(p)));
        }
    }

    @Test
    void numbersThatAreNotSuchPrimesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NumberTheory.twoSquaresOfPrime(BigInteger.valueOf(7)));
        assertThrows(IllegalArgumentException.class, () -> NumberTheory.twoSquaresOfPrime(BigInteger.valueOf(21)));
        assertThrows(IllegalArgumentException.class,
                () -> NumberTheory.twoSquaresOfPrime(BigInteger.valueOf(5 * 13 * 17 * 29 * 37L * 41)));
    }

    private static BigInteger[] sorted(BigInteger[] pair) {
        return pair[0].compareTo(pair[1]) <= 0 ? pair : new BigInteger[] {pair[1], pair[0]};
    }
}
