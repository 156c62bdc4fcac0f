package io.neighbourgrid.crypto.proof;

import static io.neighbourgrid.crypto.proof.NoSmallFactorProof.uniformSigned;

import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.math.NumberTheory;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ring-Pedersen half of an exact range proof: a committed integer v lies in [0, w] for a public w &gt;= 0, shown
 * with one sum-of-squares argument on y = v (w - v), which is &gt;= 0 exactly when v is in [0, w]. Used by
 * {@link RangeProof} (one value, v = x - lo, w = hi - lo) and by {@link ContributionProof} (one per slot of a
 * contribution, w the slot's span); each links the value to its Paillier ciphertext itself, through the value
 * mask {@link Prover#valueMask()} and the response zv.
 *
 * <p>Commitments (all modulo N^, l = 128 challenge bits, eps = 128 slack bits): S = s^v t^mu; Q = S^v t^nu, a
 * commitment to v^2; and, for 4y + 1 = a_1^2 + a_2^2 + a_3^2 ({@link NumberTheory#threeSquares}), P_k = s^{a_k}
 * t^{pi_k}. The verifier forms Y' = (Q^-1 S^w)^4 s, a commitment to 4 (w v - v^2) + 1 = 4y + 1 with randomness
 * 4 ((w - v) mu - nu), and the prover shows Y' = prod P_k^{a_k} t^u with u = 4 ((w - v) mu - nu) - sum a_k pi_k.
 * Announcements A_S = s^alpha t^gamma, A_Q = S^alpha t^delta, A_k = s^{beta_k} t^{eps_k}, A_Y = prod
 * P_k^{beta_k} t^kappa; responses zv = alpha + e v, zmu = gamma + e mu, znu = delta + e nu, z_k = beta_k + e a_k,
 * w_k = eps_k + e pi_k, zu = kappa + e u. Equations: s^zv t^zmu = A_S S^e; S^zv t^znu = A_Q Q^e;
 * s^{z_k} t^{w_k} = A_k P_k^e; prod P_k^{z_k} t^zu = A_Y Y'^e.
 *
 * <p>Three squares rather than four: 4y + 1 is 1 modulo 4, hence never of Legendre's excluded form 4^a (8b + 7),
 * so three squares always exist, and one square fewer saves a commitment, an announcement and two responses. And
 * 4y + 1 = sum a_k^2 &gt;= 0 gives y &gt;= -1/4, that is y &gt;= 0 for an integer y, with no case for y = 0.
 */
final class SquareRangeArgument {
    static final int CHALLENGE_BITS = 128;
    static final int SLACK_BITS = 128;
    static final int SQUARES = 3;
    /** S, Q, P_1..P_3, A_S, A_Q, A_1..A_3, A_Y. */
    static final int ELEMENTS = 5 + 6;
    /** zv, zmu, znu, z_1..z_3, w_1..w_3, zu. */
    static final int RESPONSES = 10;
    static final int S = 0;
    static final int Q = 1;
    static final int P = 2;
    static final int A_S = 5;
    static final int A_Q = 6;
    static final int A_P = 7;
    static final int A_Y = 10;
    static final int ZV = 0;
    static final int ZMU = 1;
    static final int ZNU = 2;
    static final int ZK = 3;
    static final int WK = 6;
    static final int ZU = 9;

    private SquareRangeArgument() {
    }

    /** Bit sizes for a width w and parameters of {@code parametersBits} bits. */
    record Sizes(int parametersBits, int widthBits) {
        static Sizes of(int parametersBits, BigInteger width) {
            return new Sizes(parametersBits, Math.max(1, width.bitLength()));
        }

        /** Bits of the square roots a_k: a_k^2 &lt;= 4y + 1 &lt;= w^2 + 1. */
        int squareBits() {
            return widthBits + 1;
        }

        /** Bits of u: |u| &lt;= 7 (w + 1) 2^l N^. */
        int randomnessBits() {
            return parametersBits + CHALLENGE_BITS + widthBits + 4;
        }

        /** Magnitude bits of each response's honest bound (the encoding's widths, one bit of headroom). */
        int[] responseBits() {
            int mask = CHALLENGE_BITS + SLACK_BITS + 1;
            int[] bits = new int[RESPONSES];
            bits[ZV] = widthBits + mask;
            bits[ZMU] = parametersBits + mask;
            bits[ZNU] = parametersBits + mask;
            for (int k = 0; k < SQUARES; k++) {
                bits[ZK + k] = squareBits() + mask;
                bits[WK + k] = parametersBits + mask;
            }
            bits[ZU] = randomnessBits() + mask;
            return bits;
        }

        /** Encoded bytes of the elements and the signed responses (a sign byte each). */
        long encodedLength(int parametersBytes) {
            long total = (long) ELEMENTS * parametersBytes;
            for (int b : responseBits()) {
                total += 1 + (b + 7) / 8;
            }
            return total;
        }
    }

    /**
     * The value-independent half of a prover, computable ahead of time: every random exponent and every power of t
     * the commitments and announcements need. Given v, the prover then needs only powers of s with short
     * exponents and one power S^v, because A_Q = S^alpha t^delta = s^{v alpha} t^{mu alpha + delta} and
     * A_Y = prod P_k^{beta_k} t^kappa = s^{sum a_k beta_k} t^{sum pi_k beta_k + kappa}: same elements, same
     * distribution as computing them from S and the P_k. Single use: a second {@link #claim()} fails, since two
     * proofs sharing masks would reveal the witness.
     */
    static final class Coupon {
        private final BigInteger w;
        private final BigInteger mu;
        private final BigInteger nu;
        private final BigInteger[] pi = new BigInteger[SQUARES];
        private final BigInteger[] masks = new BigInteger[RESPONSES];
        private final BigInteger tMu;
        private final BigInteger tNu;
        private final BigInteger[] tPi = new BigInteger[SQUARES];
        private final BigInteger[] announcedP = new BigInteger[SQUARES];
        private final BigInteger announcedS;
        private final BigInteger tOfAQ;
        private final BigInteger tOfAY;
        private final AtomicBoolean used = new AtomicBoolean();

        /**
         * Draws the randomness of one argument for width w and computes its powers of t.
         *
         * @param random the prover's randomness
         */
        Coupon(RingPedersenTables tables, BigInteger w, SecureRandom random) {
            Sizes sizes = Sizes.of(8 * tables.parameters().modulusBytes(), w);
            BigInteger nHat = tables.parameters().modulus();
            int l = CHALLENGE_BITS;
            int eps = SLACK_BITS;
            this.w = w;
            mu = uniformSigned(nHat.shiftLeft(l), random);
            nu = uniformSigned(nHat.shiftLeft(l), random);
            for (int k = 0; k < SQUARES; k++) {
                pi[k] = uniformSigned(nHat.shiftLeft(l), random);
            }
            masks[ZV] = uniformSigned(BigInteger.ONE.shiftLeft(sizes.widthBits() + l + eps), random);
            masks[ZMU] = uniformSigned(nHat.shiftLeft(l + eps), random);
            masks[ZNU] = uniformSigned(nHat.shiftLeft(l + eps), random);
            BigInteger piBeta = BigInteger.ZERO;
            for (int k = 0; k < SQUARES; k++) {
                masks[ZK + k] = uniformSigned(BigInteger.ONE.shiftLeft(sizes.squareBits() + l + eps), random);
                masks[WK + k] = uniformSigned(nHat.shiftLeft(l + eps), random);
                tPi[k] = tables.t(pi[k]);
                announcedP[k] = tables.commit(masks[ZK + k], masks[WK + k]);
                piBeta = piBeta.add(pi[k].multiply(masks[ZK + k]));
            }
            masks[ZU] = uniformSigned(BigInteger.ONE.shiftLeft(sizes.randomnessBits() + l + eps), random);
            tMu = tables.t(mu);
            tNu = tables.t(nu);
            announcedS = tables.commit(masks[ZV], masks[ZMU]);
            tOfAQ = tables.t(mu.multiply(masks[ZV]).add(masks[ZNU]));
            tOfAY = tables.t(piBeta.add(masks[ZU]));
        }

        /** The width this coupon was drawn for. */
        BigInteger width() {
            return w;
        }

        /** Marks the coupon used. @throws IllegalStateException if it was used before */
        void claim() {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("a range argument's precomputed randomness was used twice");
            }
        }
    }

    /** The prover: commitments and announcements on construction, responses for a challenge. */
    static final class Prover {
        private final BigInteger v;
        private final BigInteger[] a;
        private final BigInteger[] secrets;
        private final BigInteger[] masks;
        private final BigInteger[] elements = new BigInteger[ELEMENTS];

        /**
         * Commits to v in [0, w] (not checked here: a prover of a false statement is played by tests), drawing its
         * randomness now.
         *
         * @param random the prover's randomness
         */
        static Prover fresh(RingPedersenTables tables, BigInteger w, BigInteger v, SecureRandom random) {
            BigInteger[] a = squares(w, v, random);
            return new Prover(tables, new Coupon(tables, w, random), v, a);
        }

        /**
         * Commits to v in [0, w] with precomputed randomness for w: the online half, short powers of s and S^v.
         *
         * @param coupon unused randomness for the width w (claimed here)
         * @param random the randomness of the three-squares search
         */
        static Prover of(RingPedersenTables tables, Coupon coupon, BigInteger v, SecureRandom random) {
            return new Prover(tables, coupon, v, squares(coupon.w, v, random));
        }

        /** a_1..a_3 with 4 v (w - v) + 1 = sum a_k^2. */
        private static BigInteger[] squares(BigInteger w, BigInteger v, SecureRandom random) {
            BigInteger fourYPlusOne = v.multiply(w.subtract(v)).shiftLeft(2).add(BigInteger.ONE);
            // A false statement (y < 0) has no squares; the tests' cheating prover then uses those of |4y + 1|.
            return NumberTheory.threeSquares(fourYPlusOne.signum() > 0 ? fourYPlusOne
                    : fourYPlusOne.negate().add(BigInteger.TWO), random);
        }

        private Prover(RingPedersenTables tables, Coupon coupon, BigInteger v, BigInteger[] a) {
            coupon.claim();
            BigInteger w = coupon.w;
            this.v = v;
            this.a = a;
            BigInteger[] pi = coupon.pi;
            elements[S] = tables.reducer().multiply(tables.s(v), coupon.tMu);
            elements[Q] = tables.reducer().multiply(tables.pow(elements[S], v), coupon.tNu);
            BigInteger u = w.subtract(v).multiply(coupon.mu).subtract(coupon.nu).shiftLeft(2);
            BigInteger aBeta = BigInteger.ZERO;
            masks = coupon.masks.clone();
            for (int k = 0; k < SQUARES; k++) {
                elements[P + k] = tables.reducer().multiply(tables.s(a[k]), coupon.tPi[k]);
                elements[A_P + k] = coupon.announcedP[k];
                u = u.subtract(a[k].multiply(pi[k]));
                aBeta = aBeta.add(a[k].multiply(masks[ZK + k]));
            }
            // secrets: v, mu, nu, a_1..a_3, pi_1..pi_3, u, in response order.
            secrets = new BigInteger[] {v, coupon.mu, coupon.nu, a[0], a[1], a[2], pi[0], pi[1], pi[2], u};
            elements[A_S] = coupon.announcedS;
            elements[A_Q] = tables.reducer().multiply(tables.s(v.multiply(masks[ZV])), coupon.tOfAQ);
            elements[A_Y] = tables.reducer().multiply(tables.s(aBeta), coupon.tOfAY);
        }

        /** alpha, the mask of v, which the caller's Paillier announcement must use too. */
        BigInteger valueMask() {
            return masks[ZV];
        }

        /** The value v. */
        BigInteger value() {
            return v;
        }

        /** S, Q, P_k and the announcements, in encoding order. */
        BigInteger[] elements() {
            return elements.clone();
        }

        /** The responses mask + e * secret, in encoding order. */
        BigInteger[] responses(BigInteger e) {
            BigInteger[] z = new BigInteger[RESPONSES];
            for (int i = 0; i < RESPONSES; i++) {
                z[i] = masks[i].add(e.multiply(secrets[i]));
            }
            return z;
        }
    }

    /**
     * The cheap checks: every element in (0, N^) and a unit (one gcd over their product), zv and the z_k within
     * their bounds.
     *
     * @throws InvalidProofException naming the defect and {@code what}
     */
    static void checkShape(RingPedersenTables tables, Sizes sizes, BigInteger[] elements, BigInteger[] responses,
                           String what) {
        BigInteger nHat = tables.parameters().modulus();
        BigInteger product = BigInteger.ONE;
        for (int i = 0; i < ELEMENTS; i++) {
            if (elements[i].signum() <= 0 || elements[i].compareTo(nHat) >= 0) {
                throw new InvalidProofException(what + " check failed: element " + i + " is not in (0, N^)");
            }
            product = tables.reducer().multiply(product, elements[i]);
        }
        if (!product.gcd(nHat).equals(BigInteger.ONE)) {
            throw new InvalidProofException(what + " check failed: an element is not a unit modulo N^");
        }
        int[] bits = sizes.responseBits();
        for (int i : new int[] {ZV, ZK, ZK + 1, ZK + 2}) {
            if (responses[i].bitLength() > bits[i]) {
                throw new InvalidProofException(what + " check failed: response " + i + " is out of range");
            }
        }
    }

    /** Adds the four kinds of equation (six equations) for width w and challenge e. */
    static void addEquations(ProductEquations eq, BigInteger w, BigInteger e, BigInteger[] el, BigInteger[] z) {
        BigInteger minusOne = BigInteger.ONE.negate();
        BigInteger minusE = e.negate();
        eq.begin("s^zv t^zmu = A_S S^e").s(z[ZV]).t(z[ZMU]).factor(el[A_S], minusOne).factor(el[S], minusE).end();
        eq.begin("S^zv t^znu = A_Q Q^e").factor(el[S], z[ZV]).t(z[ZNU]).factor(el[A_Q], minusOne)
                .factor(el[Q], minusE).end();
        for (int k = 0; k < SQUARES; k++) {
            eq.begin("s^z" + (k + 1) + " t^w" + (k + 1) + " = A" + (k + 1) + " P" + (k + 1) + "^e")
                    .s(z[ZK + k]).t(z[WK + k]).factor(el[A_P + k], minusOne).factor(el[P + k], minusE).end();
        }
        // prod P_k^{z_k} t^zu = A_Y ((Q^-1 S^w)^4 s)^e
        eq.begin("prod P_k^z_k t^zu = A_Y ((Q^-1 S^w)^4 s)^e");
        for (int k = 0; k < SQUARES; k++) {
            eq.factor(el[P + k], z[ZK + k]);
        }
        BigInteger fourE = e.shiftLeft(2);
        eq.t(z[ZU]).factor(el[A_Y], minusOne).factor(el[Q], fourE).factor(el[S], fourE.multiply(w).negate())
                .s(minusE).end();
    }
}
