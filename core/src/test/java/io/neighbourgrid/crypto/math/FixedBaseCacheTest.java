package io.neighbourgrid.crypto.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FixedBaseCacheTest {
    private static final Random RANDOM = new Random(11);
    private static final BigInteger MODULUS = BigInteger.probablePrime(512, RANDOM)
            .multiply(BigInteger.probablePrime(512, RANDOM));
    private static final BigInteger BASE = new BigInteger(1000, RANDOM);

    @Test
    void powersAgreeWithModPowForExponentsOfEverySignAndSize() {
        for (int bits : new int[] {0, 1, 7, 64, 300, 1500, 2600}) {
            for (int k = 0; k < 5; k++) {
                BigInteger e = new BigInteger(bits, RANDOM);
                assertEquals(BASE.modPow(e, MODULUS), FixedBaseCache.pow(BASE, e, MODULUS), bits + " bits");
                assertEquals(BASE.modPow(e.negate(), MODULUS), FixedBaseCache.pow(BASE, e.negate(), MODULUS),
                        "-" + bits + " bits");
            }
        }
    }

    @Test
    void aTableGrowsForLongerExponentsAndIsReusedForShorterOnes() {
        BigInteger base = BASE.add(BigInteger.TWO);
        FixedBaseTable small = FixedBaseCache.table(base, MODULUS, 100);
        assertSame(small, FixedBaseCache.table(base, MODULUS, 80));
        FixedBaseTable large = FixedBaseCache.table(base, MODULUS, 400);
        assertSame(large, FixedBaseCache.table(base, MODULUS, 100));
        BigInteger e = new BigInteger(400, RANDOM);
        assertEquals(base.modPow(e, MODULUS), large.pow(e));
    }

    @Test
    void threadsShareTablesSafely() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                BigInteger base = BASE.add(BigInteger.valueOf(i % 3));
                BigInteger e = new BigInteger(200 + 100 * i, new Random(i));
                results.add(pool.submit(() -> FixedBaseCache.pow(base, e, MODULUS).equals(base.modPow(e, MODULUS))));
            }
            for (Future<Boolean> r : results) {
                assertEquals(Boolean.TRUE, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
