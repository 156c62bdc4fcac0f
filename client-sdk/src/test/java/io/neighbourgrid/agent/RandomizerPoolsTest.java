package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RandomizerPoolsTest {
    private static final PaillierKeyPair KEYS = TestKeys.paillier(512, 0);
    private static final PaillierPublicKey KEY = KEYS.publicKey();

    private static void awaitReady(RandomizerPools pools, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pools.available(KEY) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("background refill reached only " + pools.available(KEY) + " of " + count);
            }
            Thread.sleep(5);
        }
    }

    @Nested
    class InBackground {
        @Test
        void aKeyUsedOnceIsToppedUpWithoutAnyPrecomputeCall() throws InterruptedException {
            try (RandomizerPools pools = RandomizerPools.inBackground(16, new SecureRandom())) {
                pools.take(KEY);
                awaitReady(pools, 16);
                assertEquals(16, pools.available(KEY));
            }
        }

        @Test
        void aHomeTakingSlowerThanTheRefillNeverComputesOnTheSpot() throws InterruptedException {
            try (RandomizerPools pools = RandomizerPools.inBackground(8, new SecureRandom())) {
                pools.precompute(KEY, 8);
                long missesAfterFirstUse = pools.misses();
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < 4; i++) {
                        BigInteger m = BigInteger.valueOf(round * 10L + i);
                        assertEquals(m, KEYS.privateKey().decrypt(KEY.encrypt(m, pools.take(KEY))));
                    }
                    awaitReady(pools, 8);
                }
                assertEquals(missesAfterFirstUse, pools.misses());
            }
        }
    }

    @Nested
    class OnDemand {
        @Test
        void poolsWithoutBackgroundStayAsPrecomputed() throws InterruptedException {
            try (RandomizerPools pools = new RandomizerPools(8, new SecureRandom())) {
                pools.precompute(KEY, 3);
                pools.take(KEY);
                Thread.sleep(200);
                assertEquals(2, pools.available(KEY));
                pools.take(KEY);
                pools.take(KEY);
                pools.take(KEY);
                assertEquals(1, pools.misses());
                assertTrue(pools.available(KEY) == 0);
            }
        }

        @Test
        void aCapacityBelowOneIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> RandomizerPools.inBackground(0, new SecureRandom()));
            assertThrows(IllegalArgumentException.class, () -> new RandomizerPools(0, new SecureRandom()));
        }
    }
}
