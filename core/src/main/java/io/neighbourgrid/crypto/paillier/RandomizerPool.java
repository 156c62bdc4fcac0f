package io.neighbourgrid.crypto.paillier;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe pool of precomputed randomizers r^N mod N^2 for one Paillier key, refilled by a background
 * daemon thread whenever it falls below half its capacity. PEM (Section VII-B) computes encryptions "in parallel
 * during idle time"; this pool is that idea made explicit: online encryption costs one multiplication.
 *
 * <p>{@link #take()} never blocks: when the pool is empty it computes a randomizer on the caller's thread (and
 * counts it as a miss). Each randomizer is handed out once.
 */
public final class RandomizerPool implements AutoCloseable {
    private final PaillierPublicKey key;
    private final SecureRandom random;
    private final ArrayBlockingQueue<Randomizer> queue;
    private final int capacity;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong misses = new AtomicLong();
    private final Object refillSignal = new Object();
    private final Thread refiller;

    /**
     * Creates a pool and starts its background refiller.
     *
     * @param key      the key randomizers are computed for
     * @param capacity how many randomizers to keep ready (at least 1)
     * @param random   source of r
     */
    public RandomizerPool(PaillierPublicKey key, int capacity, SecureRandom random) {
        this(key, capacity, random, true);
    }

    /**
     * Creates a pool, optionally without the background thread (then it is filled only by {@link #fill(int)}
     * and by misses).
     */
    public RandomizerPool(PaillierPublicKey key, int capacity, SecureRandom random, boolean background) {
        this.key = Objects.requireNonNull(key, "key");
        this.random = Objects.requireNonNull(random, "random");
        if (capacity < 1) {
            throw new IllegalArgumentException("pool capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        if (background) {
            refiller = new Thread(this::refillLoop, "randomizer-pool-" + key.fingerprint());
            refiller.setDaemon(true);
            refiller.setPriority(Thread.MIN_PRIORITY);
            refiller.start();
        } else {
            refiller = null;
        }
    }

    /** The key of this pool. */
    public PaillierPublicKey key() {
        return key;
    }

    /** Takes one randomizer, computing it now if the pool is empty. */
    public Randomizer take() {
        Randomizer r = queue.poll();
        // "<=" so that a pool of capacity 1 also wakes its refiller as soon as it is taken empty.
        if (queue.size() <= capacity / 2) {
            synchronized (refillSignal) {
                refillSignal.notifyAll();
            }
        }
        if (r != null) {
            return r;
        }
        misses.incrementAndGet();
        return key.newRandomizer(random);
    }

    /** Synchronously computes randomizers on the caller's thread until {@code count} are ready (or capacity). */
    public void fill(int count) {
        int target = Math.min(count, capacity);
        while (queue.size() < target && !closed.get()) {
            if (!queue.offer(key.newRandomizer(random))) {
                return;
            }
        }
    }

    /** Randomizers ready now. */
    public int available() {
        return queue.size();
    }

    /** How many {@link #take()} calls found the pool empty. */
    public long misses() {
        return misses.get();
    }

    private void refillLoop() {
        while (!closed.get()) {
            if (queue.size() < capacity) {
                Randomizer r = key.newRandomizer(random);
                if (!queue.offer(r) && closed.get()) {
                    return;
                }
                continue;
            }
            synchronized (refillSignal) {
                try {
                    refillSignal.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the background refiller. */
    @Override
    public void close() {
        closed.set(true);
        if (refiller != null) {
            refiller.interrupt();
        }
        queue.clear();
    }
}
