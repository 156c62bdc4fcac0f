package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import io.neighbourgrid.crypto.paillier.RandomizerPool;
import io.neighbourgrid.crypto.proof.ContributionCoupons;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Randomizer pools for the keys a home encrypts under (the selected homes' keys of the current selection epoch).
 * Filled ahead of time, during idle time, as PEM computes its encryptions (Section VII-B): either by
 * {@link #precompute} on the caller's threads, or, for pools made by {@link #inBackground}, by one low-priority
 * daemon thread per key that refills its pool whenever it drops to half, so that a home running through a day is
 * not short of randomizers. An empty pool still works, computing on the spot and counting a miss.
 *
 * <p>They also keep the precomputed randomness of the home's contribution proofs ({@link #coupons}), one stock
 * per set of proof parameters, filled the same way: the value-independent nine tenths of a proof's work, so that
 * a window's proof costs a few milliseconds once the values are known.
 *
 * <pre>{@code
 * RandomizerPools pools = RandomizerPools.inBackground(256, new SecureRandom());
 * pools.precompute(selectedKey, 256);  // optional: ready before the first window
 * Randomizer r = pools.take(selectedKey); // the refiller tops the pool up behind the home's back
 * }</pre>
 */
public final class RandomizerPools implements AutoCloseable {
    /** Contributions' proof randomness kept ready per parameter set by a background stock. */
    private static final int BACKGROUND_COUPONS = 4;

    private final Map<PaillierPublicKey, RandomizerPool> pools = new ConcurrentHashMap<>();
    private final Map<RingPedersenParameters, ContributionCoupons> coupons = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final int capacity;
    private final boolean background;

    /**
     * Pools filled only by {@link #precompute} (and by misses).
     *
     * @param capacity most randomizers kept ready per key
     * @param random   source of randomness
     */
    public RandomizerPools(int capacity, SecureRandom random) {
        this(capacity, random, false);
    }

    private RandomizerPools(int capacity, SecureRandom random, boolean background) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pool capacity must be at least 1");
        }
        this.capacity = capacity;
        this.random = Objects.requireNonNull(random, "random");
        this.background = background;
    }

    /**
     * Pools that each keep up to {@code capacity} randomizers ready with a background refiller thread, started
     * when a key is first used; {@link #close()} stops them.
     *
     * @param capacity randomizers kept ready per key
     * @param random   source of randomness (thread-safe)
     * @return the pools
     */
    public static RandomizerPools inBackground(int capacity, SecureRandom random) {
        return new RandomizerPools(capacity, random, true);
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

    /**
     * The stock of precomputed contribution-proof randomness for {@code params}, made on first use (refilled in the
     * background for pools made by {@link #inBackground}).
     */
    public ContributionCoupons coupons(RingPedersenParameters params) {
        return coupons.computeIfAbsent(params, p -> background
                ? ContributionCoupons.inBackground(p, BACKGROUND_COUPONS, random)
                : new ContributionCoupons(p, random));
    }

    private RandomizerPool pool(PaillierPublicKey key) {
        return pools.computeIfAbsent(key, k -> new RandomizerPool(k, capacity, random, background));
    }

    @Override
    public void close() {
        pools.values().forEach(RandomizerPool::close);
        pools.clear();
        coupons.values().forEach(ContributionCoupons::close);
        coupons.clear();
    }
}
