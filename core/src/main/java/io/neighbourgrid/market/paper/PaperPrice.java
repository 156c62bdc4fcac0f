package io.neighbourgrid.market.paper;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The exact market price of one window, in cents per kWh (PEM Eq. 13 with the erratum, Eq. 14, Section III-C).
 *
 * <p>In a general market the buyers' total cost as a function of the price is (Eq. 7 with the sellers' best
 * response {@code l* = k/p - 1 - eps b}) {@code Gamma(p) = p D - K + ps (E_b - D) + ps K / p}, where
 * {@code K = sum k} and {@code D = sum (g + 1 + eps b - b)} over the sellers. Its derivative is Eq. 12,
 * {@code D - ps K / p^2}; for {@code D > 0} the minimiser is {@code p^ = sqrt(ps K / D)} (Eq. 13), clamped to
 * {@code [p_l, p_h]} (Eq. 14). For {@code D <= 0} the derivative is negative for every {@code p > 0}, so the cost
 * falls all the way to the top of the range and the minimiser on {@code [p_l, p_h]} is {@code p_h}. (For homes the
 * paper's model admits this never happens, since each seller's {@code d} exceeds 1 kWh; it can only be reached
 * through aggregates given directly.) In an extreme market the price is {@code p_l} (Section III-C).
 *
 * <p>The price is held exactly: a rational at a bound, {@code sqrt(ps K / D)} inside the range.
 */
public final class PaperPrice {

    /** Why the price has its value. */
    public enum Regime {
        /** {@code p^} lies in {@code [p_l, p_h]}: the price is {@code sqrt(ps K / D)} (Eq. 13). */
        STACKELBERG,
        /** {@code p^ < p_l}: the price is {@code p_l} (Eq. 14). */
        CLAMPED_LOW,
        /** {@code p^ > p_h}: the price is {@code p_h} (Eq. 14). */
        CLAMPED_HIGH,
        /** {@code D <= 0}: the buyers' cost decreases in the price everywhere (Eq. 12); the price is {@code p_h}. */
        NO_INTERIOR_MINIMUM,
        /** Extreme market: the price is {@code p_l} (Section III-C). */
        EXTREME
    }

    private static final BigInteger PRICE_SCALE = BigInteger.valueOf(FixedPoint.PRICE);

    private final SqrtRational value;
    private final Regime regime;
    private final Rational unclampedSquare;

    private PaperPrice(SqrtRational value, Regime regime, Rational unclampedSquare) {
        this.value = value;
        this.regime = regime;
        this.unclampedSquare = unclampedSquare;
    }

    /**
     * The general-market price from the sellers' aggregates (Eq. 13 with the erratum, Eq. 14).
     *
     * @param retail   {@code ps}, cents per kWh, positive
     * @param sumK     {@code K = sum k} over the sellers, non-negative
     * @param sumD     {@code D = sum (g + 1 + eps b - b)} over the sellers, kWh, any sign
     * @param low      {@code p_l}, cents per kWh
     * @param high     {@code p_h}, cents per kWh, at least {@code p_l}
     * @return the exact clamped price
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static PaperPrice stackelberg(Rational retail, Rational sumK, Rational sumD, Rational low, Rational high) {
        Objects.requireNonNull(sumD, "sumD");
        if (retail.signum() <= 0 || sumK.signum() < 0 || low.signum() <= 0 || low.compareTo(high) > 0) {
            throw new IllegalArgumentException("need ps > 0, sum k >= 0 and 0 < p_l <= p_h");
        }
        if (sumD.signum() <= 0) {
            return new PaperPrice(SqrtRational.of(high), Regime.NO_INTERIOR_MINIMUM, null);
        }
        Rational square = retail.multiply(sumK).divide(sumD);
        if (square.compareTo(low.square()) < 0) {
            return new PaperPrice(SqrtRational.of(low), Regime.CLAMPED_LOW, square);
        }
        if (square.compareTo(high.square()) > 0) {
            return new PaperPrice(SqrtRational.of(high), Regime.CLAMPED_HIGH, square);
        }
        return new PaperPrice(SqrtRational.sqrtOf(square), Regime.STACKELBERG, square);
    }

    /**
     * The extreme-market price {@code p_l} (Section III-C).
     *
     * @param low {@code p_l}, cents per kWh, positive
     * @return the price
     */
    public static PaperPrice extreme(Rational low) {
        if (low.signum() <= 0) {
            throw new IllegalArgumentException("p_l must be positive, got " + low);
        }
        return new PaperPrice(SqrtRational.of(low), Regime.EXTREME, null);
    }

    /**
     * The exact price in cents per kWh.
     *
     * @return the price
     */
    public SqrtRational value() {
        return value;
    }

    /**
     * Why the price has its value.
     *
     * @return the regime
     */
    public Regime regime() {
        return regime;
    }

    /**
     * The square of the unclamped Stackelberg price {@code p^2 = ps K / D}, in (cents per kWh)^2.
     *
     * @return the square, or empty in an extreme market or when {@code D <= 0}
     */
    public Optional<Rational> unclampedSquare() {
        return Optional.ofNullable(unclampedSquare);
    }

    /**
     * The floor of the exact price on the price grid, {@code floor(p * 10^6)} price units.
     *
     * @return price units
     */
    public long floorUnits() {
        return FixedPoint.floorPriceUnits(value).longValueExact();
    }

    /**
     * Whether a fixed-point price is the floor of the exact price, decided by comparing squares:
     * {@code units <= p * 10^6 < units + 1}.
     *
     * @param units a candidate in price units (10^-6 cent per kWh)
     * @return whether {@code units == floor(p * 10^6)}
     */
    public boolean isFloorUnits(long units) {
        return value.isFloorScaled(BigInteger.valueOf(units), PRICE_SCALE);
    }

    @Override
    public String toString() {
        return regime + " " + value + " ~ " + value.toDecimalString(9) + " cents/kWh";
    }
}
