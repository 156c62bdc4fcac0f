package io.neighbourgrid.crypto.paillier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoFixtures;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RandomizerPoolTest {

    private static final PaillierKeyPair KEYS = CryptoFixtures.keyPair(512, 0);
    private static final PaillierPublicKey PK = KEYS.publicKey();

    @Nested
    class Concurrency {

        @Test
        @Timeout(60)
        void concurrentTakesFromSeveralThreadsGiveDistinctRandomizers() throws Exception {
            int threads = 4;
            int perThread = 40;
            Set<BigInteger> seen = ConcurrentHashMap.newKeySet();
            try (RandomizerPool pool = new RandomizerPool(PK, 16, new SecureRandom())) {
                pool.fill(16);
                ExecutorService executor = Executors.newFixedThreadPool(threads);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(executor.submit(() -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            seen.add(pool.take().value());
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
                executor.shutdown();
            }
            assertEquals(threads * perThread, seen.size());
        }
    }

    @Nested
    class Refill {

        @Test
        @Timeout(60)
        void theBackgroundThreadRefillsADrainedPool() throws InterruptedException {
            try (RandomizerPool pool = new RandomizerPool(PK, 8, new SecureRandom())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pool.available() < 8 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(8, pool.available());
                for (int i = 0; i < 8; i++) {
                    pool.take();
                }
                while (pool.available() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(pool.available() >= 4, "refilled to " + pool.available());
            }
        }

        @Test
        @Timeout(60)
        void aPoolOfCapacityOneIsRefilledAfterEveryTake() throws InterruptedException {
            try (RandomizerPool pool = new RandomizerPool(PK, 1, new SecureRandom())) {
                for (int round = 0; round < 3; round++) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (pool.available() < 1 && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    assertEquals(1, pool.available());
                    pool.take();
                }
            }
        }

        @Test
        void fillComputesSynchronouslyUpToCapacity() {
            try (RandomizerPool pool = new RandomizerPool(PK, 5, new SecureRandom(), false)) {
                pool.fill(3);
                assertEquals(3, pool.available());
                pool.fill(100);
                assertEquals(5, pool.available());
            }
        }
    }

    @Nested
    class EmptyPool {

        @Test
        void anEmptyPoolStillHandsOutAWorkingRandomizerAndCountsTheMiss() {
            try (RandomizerPool pool = new RandomizerPool(PK, 4, CryptoFixtures.seeded(5), false)) {
                assertEquals(0, pool.available());
                Randomizer r = pool.take();
                assertNotNull(r);
                assertEquals(1, pool.misses());
                Ciphertext c = PK.encrypt(BigInteger.valueOf(-31), r);
                assertEquals(BigInteger.valueOf(-31), KEYS.privateKey().decrypt(c));
            }
        }

        @Test
        void aClosedPoolIsEmptyButStillServesTakes() {
            RandomizerPool pool = new RandomizerPool(PK, 4, new SecureRandom(), false);
            pool.fill(4);
            pool.close();
            assertEquals(0, pool.available());
            assertNotNull(pool.take());
            assertEquals(1, pool.misses());
        }

        @Test
        void capacityMustBePositive() {
            assertThrows(IllegalArgumentException.class, () -> new RandomizerPool(PK, 0, new SecureRandom(), false));
        }
    }
}
