package io.neighbourgrid.crypto.proof;

import static io.neighbourgrid.crypto.proof.NoSmallFactorProof.uniformSigned;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Precomputed randomness for {@link ContributionProof}s under one set of ring-Pedersen parameters: the half of a
 * proof that does not depend on the values, made in a home's idle time as PEM precomputes its encryptions
 * (Section VII-B). A contribution proof spends about nine tenths of its work on powers of t with random exponents
 * of |N^| + 256 bits (eleven per slot) and on the Paillier announcements' N-th powers; both are fixed here, or
 * taken from the home's randomizer pools, so that what is left once the values are known is short powers of s,
 * one S^v per slot and the three-squares search (docs/crypto.md, "Precomputed contribution proofs").
 *
 * <p>Randomness is kept per shape of statement (its list of spans: a seller's three slots, a buyer's one); every
 * piece is handed out once and refuses a second use. An empty stock still works: the proof then computes the
 * randomness on the spot and counts a miss. Thread-safe.
 *
 * <pre>{@code
 * ContributionCoupons coupons = ContributionCoupons.inBackground(params, 4, new SecureRandom());
 * coupons.precompute(statement.spans(), 4);   // optional: ready before the first window
 * ContributionProof proof = ContributionProof.prove(statement, secrets, coupons, context, random);
 * }</pre>
 */
public final class ContributionCoupons implements AutoCloseable {
    private final RingPedersenParameters params;
    private final SecureRandom random;
    private final Map<List<Long>, Stock<Set>> stocks = new ConcurrentHashMap<>();
    private final AtomicLong misses = new AtomicLong();
    private final int target;
    private final ExecutorService refiller;
    private final AtomicBoolean refilling = new AtomicBoolean();

    private ContributionCoupons(RingPedersenParameters params, int target, SecureRandom random, boolean background) {
        this.params = Objects.requireNonNull(params, "params");
        this.random = Objects.requireNonNull(random, "random");
        if (target < 0) {
            throw new IllegalArgumentException("the number of contributions kept ready must not be negative");
        }
        this.target = target;
        this.refiller = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contribution-coupons");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }) : null;
    }

    /**
     * A stock filled only by {@link #precompute} (and by misses).
     *
     * @param params the parameters the proofs are made against
     * @param random source of randomness (thread-safe)
     */
    public ContributionCoupons(RingPedersenParameters params, SecureRandom random) {
        this(params, 0, random, false);
    }

    /**
     * A stock that keeps {@code target} contributions ready for every shape (list of spans) it has served, refilled
     * by one low-priority daemon thread whenever a shape drops to half; {@link #close()} stops it.
     *
     * @param params the parameters the proofs are made against
     * @param target contributions kept ready per shape
     * @param random source of randomness (thread-safe)
     * @return the stock
     */
    public static ContributionCoupons inBackground(RingPedersenParameters params, int target, SecureRandom random) {
        return new ContributionCoupons(params, target, random, true);
    }

    /** The parameters. */
    public RingPedersenParameters parameters() {
        return params;
    }

    /**
     * Computes randomness until {@code count} contributions with these spans can be proven from the stock.
     *
     * @param spans the statement's spans ({@link ContributionStatement#spans()}; slots of span 0 need nothing)
     * @param count contributions
     */
    public void precompute(long[] spans, int count) {
        RingPedersenTables tables = RingPedersenTables.of(params);
        stock(spans).fillTo(count, () -> new Set(tables, spans, random));
    }

    /** Contributions with these spans that can be proven from the stock without computing on the spot. */
    public int available(long[] spans) {
        return stock(spans).size();
    }

    /** Contributions whose randomness had to be computed on the spot. */
    public long misses() {
        return misses.get();
    }

    /** One contribution's randomness for these spans, from the stock or computed now. */
    Set take(RingPedersenTables tables, long[] spans) {
        Set set = stock(spans).poll();
        if (set == null) {
            misses.incrementAndGet();
            set = new Set(tables, spans, random);
        }
        if (refiller != null && target > 0 && available(spans) <= target / 2
                && refilling.compareAndSet(false, true)) {
            refiller.execute(() -> {
                try {
                    for (List<Long> shape : stocks.keySet()) {
                        precompute(shape.stream().mapToLong(Long::longValue).toArray(), target);
                    }
                } finally {
                    refilling.set(false);
                }
            });
        }
        return set;
    }

    private Stock<Set> stock(long[] spans) {
        return stocks.computeIfAbsent(Arrays.stream(spans).boxed().toList(), s -> new Stock<>());
    }

    /** The randomness of one contribution: a range argument's per slot of positive span, and the mask's. */
    static final class Set {
        final SquareRangeArgument.Coupon[] slots;
        final MaskCoupon mask;

        Set(RingPedersenTables tables, long[] spans, SecureRandom random) {
            mask = new MaskCoupon(tables, random);
            slots = Arrays.stream(spans).filter(span -> span > 0)
                    .mapToObj(span -> new SquareRangeArgument.Coupon(tables, BigInteger.valueOf(span), random))
                    .toArray(SquareRangeArgument.Coupon[]::new);
        }
    }

    @Override
    public void close() {
        if (refiller != null) {
            refiller.shutdownNow();
        }
    }

    /** A deque with a cheap size, for stocks filled by several threads at once. */
    private static final class Stock<T> {
        private final ConcurrentLinkedDeque<T> items = new ConcurrentLinkedDeque<>();
        private final AtomicInteger size = new AtomicInteger();

        T poll() {
            T t = items.pollFirst();
            if (t != null) {
                size.decrementAndGet();
            }
            return t;
        }

        int size() {
            return size.get();
        }

        void fillTo(int count, Supplier<T> make) {
            while (size.get() < count && !Thread.currentThread().isInterrupted()) {
                items.addLast(make.get());
                size.incrementAndGet();
            }
        }
    }

    /**
     * The mask's randomness: muM of S_M = s^M t^muM (t^muM precomputed) and the announcement A_M = s^alphaM t^gammaM
     * with alphaM in +-(2^640 - 2^512). Single use.
     */
    static final class MaskCoupon {
        final BigInteger alpha;
        final BigInteger mu;
        final BigInteger gamma;
        final BigInteger tMu;
        final BigInteger announced;
        private final AtomicBoolean used = new AtomicBoolean();

        MaskCoupon(RingPedersenTables tables, SecureRandom random) {
            this(tables, alphaOf(random), random);
        }

        /** With alphaM drawn already (the order of a proof made without precomputation). */
        MaskCoupon(RingPedersenTables tables, BigInteger alpha, SecureRandom random) {
            BigInteger nHat = tables.parameters().modulus();
            int l = SquareRangeArgument.CHALLENGE_BITS;
            this.alpha = alpha;
            mu = uniformSigned(nHat.shiftLeft(l), random);
            gamma = uniformSigned(nHat.shiftLeft(l + SquareRangeArgument.SLACK_BITS), random);
            tMu = tables.t(mu);
            announced = tables.commit(alpha, gamma);
        }

        /** alphaM in +-(2^640 - 2^512). */
        static BigInteger alphaOf(SecureRandom random) {
            return uniformSigned(BigInteger.ONE.shiftLeft(ContributionProof.MASK_RESPONSE_BITS)
                    .subtract(BigInteger.ONE.shiftLeft(ContributionStatement.MASK_BITS
                            + SquareRangeArgument.CHALLENGE_BITS)), random);
        }

        /** Marks the coupon used. @throws IllegalStateException if it was used before */
        void claim() {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("a contribution mask's precomputed randomness was used twice");
            }
        }
    }
}
