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

    @Test
    void everyNumberOneModFourIsWrittenAsThreeSquaresSmallAndLarge() {
        Random random = new Random(3);
        for (int n = 1; n <= 4001; n += 4) {
            BigInteger[] parts = NumberTheory.threeSquares(BigInteger.valueOf(n), random);
            assertEquals(3, parts.length);
            assertEquals(BigInteger.valueOf(n), sumOfSquares(parts), "n = " + n);
        }
        for (int bits = 21; bits <= 540; bits += 37) {
            BigInteger y = new BigInteger(bits, random);
            BigInteger n = y.shiftLeft(2).add(BigInteger.ONE);
            BigInteger[] parts = NumberTheory.threeSquares(n, random);
            assertEquals(3, parts.length);
            assertEquals(n, sumOfSquares(parts), bits + " bits");
        }
        // 4y + 1 for a square 4y + 1 (m = 0 never occurs with an even c: n - c^2 is odd) and for m = 1.
        BigInteger square = BigInteger.valueOf(1_000_001).pow(2);
        assertEquals(square, sumOfSquares(NumberTheory.threeSquares(square, random)));
    }

    @Test
    void threeSquaresRefusesNumbersThatAreNotOneModFour() {
        Random random = new Random(4);
        for (long n : new long[] {0, -3, 2, 3, 7, 8, 1L << 40, (1L << 40) + 3}) {
            assertThrows(IllegalArgumentException.class, () -> NumberTheory.threeSquares(BigInteger.valueOf(n),
                    random), "n = " + n);
        }
    }

    private static BigInteger[] sorted(BigInteger[] pair) {
        return pair[0].compareTo(pair[1]) <= 0 ? pair : new BigInteger[] {pair[1], pair[0]};
    }
}
