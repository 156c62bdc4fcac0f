package io.neighbourgrid.market;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The market arithmetic of {@link MarketMath} written as linear inequalities on a window's hidden totals, so that the
 * responder can show that a claimed {@link MarketOutcome} follows from totals nobody else learns (PEM Theorem 1:
 * the channel learns the type, the price and the fill ratio, not {@code E_s}, {@code sum k}, {@code sum d},
 * {@code E_b}). Prover and verifier call the same {@link #forms}; every form must be non-negative.
 *
 * <p>The totals are {@code T_j = U_j + o_j}: the slot sums {@code U_j} the responder encrypts and the public
 * offsets {@code o_j = n_j lo_j} (contributors of the slot's role times the published lower bound). With
 * {@code X = ps PRICE ENERGY sum k} and {@code Y = PREFERENCE sum d} ({@link MarketMath#stackelbergPrice}):
 * <ul>
 *   <li>general market iff {@code E_s < E_b}: {@code E_b - E_s - 1 >= 0}; extreme iff {@code E_s - E_b >= 0}
 *       ({@link MarketMath#marketType});</li>
 *   <li>{@code rho = floor(E_short 2^40 / E_long)} iff {@code E_short 2^40 - rho E_long >= 0} and
 *       {@code (rho + 1) E_long - E_short 2^40 - 1 >= 0}; the second also forces {@code E_long > 0}
 *       ({@link MarketMath#fillRatio});</li>
 *   <li>general market, {@code p_l < p < p_h}: {@code isqrt(floor(X / Y)) = p} iff {@code X - p^2 Y >= 0} and
 *       {@code (p + 1)^2 Y - X - 1 >= 0} (which imply {@code Y > 0}); {@code p = p_l}: the clamp from below iff
 *       {@code (p_l + 1)^2 Y - X - 1 >= 0}; {@code p = p_h}: the clamp from above or {@code sum d <= 0} iff
 *       {@code X - p_h^2 Y >= 0}; {@code p_l = p_h}: no pricing form. Both clamp forms rely on {@code X >= 0},
 *       i.e. {@code sum k >= 0}, which {@link MarketMath} requires: it holds by the offsets when
 *       {@code o_1 >= 0}, otherwise the form {@code sum k >= 0} is added ({@link MarketMath#price});</li>
 *   <li>extreme market: the price is {@code p_l} and no pricing form is needed ({@link MarketMath#clearingPrice}).
 *   </li>
 * </ul>
 * A claim whose price lies outside {@code [p_l, p_h]}, or an extreme market at a price other than {@code p_l}, is
 * rejected outright ({@link #forms} throws): no totals produce it.
 */
public final class OutcomeInequalities {
    /** Slot of {@code E_s}, the sellers' net energy. */
    public static final int SUPPLY = 0;
    /** Slot of {@code sum k}, the sellers' preferences. */
    public static final int PREFERENCE = 1;
    /** Slot of {@code sum d}, the sellers' pricing terms. */
    public static final int PRICING_TERM = 2;
    /** Slot of {@code E_b}, the buyers' demand. */
    public static final int DEMAND = 3;

    private static final BigInteger RATIO_ONE = BigInteger.ONE.shiftLeft(Scales.RATIO_BITS);

    private OutcomeInequalities() {
    }

    /**
     * The public offsets {@code o_j = contributors_j * lowerBounds_j} between the slot sums and the totals.
     *
     * @param lowerBounds  {@code lo_j}: the published lower bound of each slot's per-home value
     * @param contributors {@code n_j}: how many homes contributed each slot (sellers for slots 0-2, buyers for 3)
     * @return {@code o_0..o_3}
     * @throws IllegalArgumentException if an array does not have four entries or a count is negative
     */
    public static BigInteger[] totalOffsets(long[] lowerBounds, int[] contributors) {
        requireSlots(lowerBounds.length, "lower bounds");
        requireSlots(contributors.length, "contributor counts");
        BigInteger[] offsets = new BigInteger[AffineForm.SLOTS];
        for (int j = 0; j < AffineForm.SLOTS; j++) {
            if (contributors[j] < 0) {
                throw new IllegalArgumentException("slot " + j + " has a negative contributor count");
            }
            offsets[j] = BigInteger.valueOf(lowerBounds[j]).multiply(BigInteger.valueOf(contributors[j]));
        }
        return offsets;
    }

    /**
     * What {@link MarketMath} computes from the totals: the outcome the responder claims.
     *
     * @param totals {@code E_s, sum k, sum d, E_b}
     * @param params the market parameters
     * @return type, clearing price and fill ratio
     * @throws IllegalArgumentException if {@link MarketMath} rejects the totals (no long side, negative sum k)
     */
    public static MarketOutcome outcome(long[] totals, MarketParameters params) {
        requireSlots(totals.length, "totals");
        MarketType type = MarketMath.marketType(totals[SUPPLY], totals[DEMAND]);
        long price = MarketMath.clearingPrice(type, totals[PREFERENCE], totals[PRICING_TERM], params);
        long ratio = MarketMath.fillRatio(type, totals[SUPPLY], totals[DEMAND]);
        return new MarketOutcome(type, price, ratio);
    }

    /**
     * The inequalities, as forms in the slot sums {@code U_j}, that hold exactly when {@link #outcome} of the
     * totals {@code U_j + o_j} is the claimed outcome.
     *
     * @param claim        the claimed outcome
     * @param params       the market parameters
     * @param totalOffsets {@code o_0..o_3} ({@link #totalOffsets})
     * @return the forms, every one of which must be non-negative
     * @throws IllegalArgumentException if no totals can produce the claim (price outside {@code [p_l, p_h]}, an
     *                                  extreme market not at {@code p_l})
     */
    public static List<AffineForm> forms(MarketOutcome claim, MarketParameters params, BigInteger[] totalOffsets) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(params, "params");
        requireSlots(totalOffsets.length, "offsets");
        long p = claim.price();
        if (p < params.lowPrice() || p > params.highPrice()) {
            throw new IllegalArgumentException("claimed price " + p + " is outside [p_l, p_h] = ["
                    + params.lowPrice() + ", " + params.highPrice() + "]");
        }
        Builder b = new Builder(totalOffsets);
        BigInteger rho = BigInteger.valueOf(claim.fillRatio());
        if (claim.type() == MarketType.EXTREME) {
            if (p != params.lowPrice()) {
                throw new IllegalArgumentException("an extreme market clears at p_l = " + params.lowPrice()
                        + ", not at " + p);
            }
            b.add("E_s >= E_b", 1, 0, 0, -1, 0);
            ratioForms(b, DEMAND, SUPPLY, rho);
            return b.forms();
        }
        b.add("E_s < E_b", -1, 0, 0, 1, -1);
        ratioForms(b, SUPPLY, DEMAND, rho);
        if (totalOffsets[PREFERENCE].signum() < 0) {
            b.add("sum k >= 0", 0, 1, 0, 0, 0);
        }
        if (params.lowPrice() == params.highPrice()) {
            return b.forms();
        }
        BigInteger x = BigInteger.valueOf(params.retailPrice()).multiply(BigInteger.valueOf(Scales.PRICE))
                .multiply(BigInteger.valueOf(Scales.ENERGY));
        BigInteger y = BigInteger.valueOf(Scales.PREFERENCE);
        BigInteger price = BigInteger.valueOf(p);
        BigInteger above = price.add(BigInteger.ONE).pow(2).multiply(y);
        if (p == params.lowPrice()) {
            b.add("price clamped to p_l: X < (p_l + 1)^2 Y", BigInteger.ZERO, x.negate(), above, BigInteger.ZERO,
                    BigInteger.ONE.negate());
        } else if (p == params.highPrice()) {
            b.add("price clamped to p_h: X >= p_h^2 Y", BigInteger.ZERO, x, price.pow(2).multiply(y).negate(),
                    BigInteger.ZERO, BigInteger.ZERO);
        } else {
            b.add("price p^2 Y <= X", BigInteger.ZERO, x, price.pow(2).multiply(y).negate(), BigInteger.ZERO,
                    BigInteger.ZERO);
            b.add("price X < (p + 1)^2 Y", BigInteger.ZERO, x.negate(), above, BigInteger.ZERO,
                    BigInteger.ONE.negate());
        }
        return b.forms();
    }

    /** rho = floor(short 2^40 / long): short 2^40 - rho long >= 0 and (rho + 1) long - short 2^40 - 1 >= 0. */
    private static void ratioForms(Builder b, int shortSlot, int longSlot, BigInteger rho) {
        BigInteger[] low = new BigInteger[AffineForm.SLOTS];
        BigInteger[] high = new BigInteger[AffineForm.SLOTS];
        Arrays.fill(low, BigInteger.ZERO);
        Arrays.fill(high, BigInteger.ZERO);
        low[shortSlot] = RATIO_ONE;
        low[longSlot] = rho.negate();
        high[shortSlot] = RATIO_ONE.negate();
        high[longSlot] = rho.add(BigInteger.ONE);
        b.add("fill ratio rho E_long <= E_short 2^40", low, BigInteger.ZERO);
        b.add("fill ratio E_short 2^40 < (rho + 1) E_long", high, BigInteger.ONE.negate());
    }

    private static void requireSlots(int length, String what) {
        if (length != AffineForm.SLOTS) {
            throw new IllegalArgumentException(AffineForm.SLOTS + " " + what + " are needed, got " + length);
        }
    }

    /** Collects forms written on the totals and shifts each to the slot sums: c' = c + sum c_j o_j. */
    private static final class Builder {
        private final BigInteger[] offsets;
        private final List<AffineForm> forms = new ArrayList<>();

        Builder(BigInteger[] offsets) {
            this.offsets = offsets.clone();
        }

        void add(String name, long c0, long c1, long c2, long c3, long constant) {
            add(name, BigInteger.valueOf(c0), BigInteger.valueOf(c1), BigInteger.valueOf(c2), BigInteger.valueOf(c3),
                    BigInteger.valueOf(constant));
        }

        void add(String name, BigInteger c0, BigInteger c1, BigInteger c2, BigInteger c3, BigInteger constant) {
            add(name, new BigInteger[] {c0, c1, c2, c3}, constant);
        }

        void add(String name, BigInteger[] onTotals, BigInteger constant) {
            BigInteger shifted = constant;
            for (int j = 0; j < AffineForm.SLOTS; j++) {
                shifted = shifted.add(onTotals[j].multiply(offsets[j]));
            }
            forms.add(new AffineForm(name, List.of(onTotals), shifted));
        }

        List<AffineForm> forms() {
            return List.copyOf(forms);
        }
    }
}
