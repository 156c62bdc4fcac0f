package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import io.neighbourgrid.crypto.paillier.RandomizerPool;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Randomizer pools for the keys a home encrypts under (the selected homes' keys of the current selection epoch).
 * Filled ahead of time by {@link #precompute}, during idle time; an empty pool still works, computing on the spot
 * and counting a miss.
 */
public final class RandomizerPools implements AutoCloseable {
    private final Map<PaillierPublicKey, RandomizerPool> pools = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final int capacity;

    /**
     * @param capacity most randomizers kept ready per key
     * @param random   source of randomness
     */
    public RandomizerPools(int capacity, SecureRandom random) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pool capacity must be at least 1");
        }
        this.capacity = capacity;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** One randomizer for {@code key}. */
    public Randomizer take(PaillierPublicKey key) {
        return pool(key).take();
    }

    /** Computes randomizers until {@code count} are ready for {@code key} (at most the capacity). */
    public void precompute(PaillierPublicKey key, int count) {
        pool(key).fill(count);
    }

    /** Randomizers ready for {@code key}. */
    public int available(PaillierPublicKey key) {
        RandomizerPool p = pools.get(key);
        return p == null ? 0 : p.available();
    }

    /** Randomizers that had to be computed on the spot, over every key. */
    public long misses() {
        return pools.values().stream().mapToLong(RandomizerPool::misses).sum();
    }

    private RandomizerPool pool(PaillierPublicKey key) {
        return pools.computeIfAbsent(key, k -> new RandomizerPool(k, capacity, random, false));
    }

    @Override
    public void close() {
        pools.values().forEach(RandomizerPool::close);
        pools.clear();
    }
}
