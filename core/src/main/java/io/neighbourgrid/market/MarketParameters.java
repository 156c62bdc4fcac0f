package io.neighbourgrid.market;

/**
 * The public parameters of the market, fixed by the operator.
 *
 * <p>Prices are in price units ({@link Scales#PRICE}, 10^-6 cent per kWh). The constructor enforces PEM Eq. 3,
 * {@code 0 < pb < p_l <= p_h < ps}: the market price range lies strictly between the grid's feed-in price and its
 * retail price, which is what makes trading in the market individually rational for every home (PEM Section V).
 *
 * <p>Individual rationality also survives the integer money rule exactly when {@code p_l - pb} is at least one cent
 * per kWh ({@link Scales#PRICE} units), as in the defaults; with a smaller gap a seller may lose up to one money
 * unit (10^-6 cent) to rounding.
 *
 * @param retailPrice          {@code ps}: price of energy bought from the grid, in price units
 * @param feedInPrice          {@code pb}: price paid by the grid for energy fed into it, in price units
 * @param lowPrice             {@code p_l}: lower bound of the market price, in price units
 * @param highPrice            {@code p_h}: upper bound of the market price, in price units
 * @param windowSeconds        length of one trading window in seconds
 * @param minimumCoalitionSize a window runs the market only if both coalitions have at least this many homes
 */
public record MarketParameters(long retailPrice, long feedInPrice, long lowPrice, long highPrice,
                               long windowSeconds, int minimumCoalitionSize) {

    /**
     * Largest accepted price, 10^6 cents per kWh. It keeps every product in {@link MarketMath} far from the
     * range of {@code long} for any realistic energy amount.
     */
    public static final long MAX_PRICE = 1_000_000L * Scales.PRICE;

    /** Default window length: one minute, as in PEM's evaluation (720 windows from 7:00 to 19:00). */
    public static final long DEFAULT_WINDOW_SECONDS = 60L;

    /** Default minimum coalition size. */
    public static final int DEFAULT_MINIMUM_COALITION_SIZE = 2;

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException if the prices violate {@code 0 < pb < p_l <= p_h < ps <= MAX_PRICE}, the
     *                                  window length is not positive or the minimum coalition size is below 1
     */
    public MarketParameters {
        if (feedInPrice <= 0) {
            throw new IllegalArgumentException("feed-in price pb must be positive, got " + feedInPrice);
        }
        if (feedInPrice >= lowPrice) {
            throw new IllegalArgumentException(
                    "feed-in price pb (" + feedInPrice + ") must be below the lower price bound p_l (" + lowPrice + ")");
        }
        if (lowPrice > highPrice) {
            throw new IllegalArgumentException(
                    "lower price bound p_l (" + lowPrice + ") must not exceed the upper bound p_h (" + highPrice + ")");
        }
        if (highPrice >= retailPrice) {
            throw new IllegalArgumentException(
                    "upper price bound p_h (" + highPrice + ") must be below the retail price ps (" + retailPrice + ")");
        }
        if (retailPrice > MAX_PRICE) {
            throw new IllegalArgumentException(
                    "retail price ps (" + retailPrice + ") exceeds the largest accepted price " + MAX_PRICE);
        }
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + windowSeconds + " s");
        }
        if (minimumCoalitionSize < 1) {
            throw new IllegalArgumentException("minimum coalition size must be at least 1, got " + minimumCoalitionSize);
        }
    }

    /**
     * The parameters of PEM's evaluation (Section VII-A): retail 120, feed-in 80, range [90, 110] cents per kWh,
     * one-minute windows, and coalitions of at least two homes.
     *
     * @return the default parameters
     */
    public static MarketParameters defaults() {
        return ofCents(120, 80, 90, 110, DEFAULT_WINDOW_SECONDS, DEFAULT_MINIMUM_COALITION_SIZE);
    }

    /**
     * Parameters from whole-cent prices.
     *
     * @param retailCents          {@code ps} in cents per kWh
     * @param feedInCents          {@code pb} in cents per kWh
     * @param lowCents             {@code p_l} in cents per kWh
     * @param highCents            {@code p_h} in cents per kWh
     * @param windowSeconds        window length in seconds
     * @param minimumCoalitionSize minimum coalition size
     * @return the parameters
     * @throws IllegalArgumentException if they are invalid (see the constructor)
     */
    public static MarketParameters ofCents(long retailCents, long feedInCents, long lowCents, long highCents,
                                           long windowSeconds, int minimumCoalitionSize) {
        return new MarketParameters(centsToPrice(retailCents), centsToPrice(feedInCents), centsToPrice(lowCents),
                centsToPrice(highCents), windowSeconds, minimumCoalitionSize);
    }

    /**
     * A copy with another window length.
     *
     * @param seconds the window length in seconds
     * @return the new parameters
     * @throws IllegalArgumentException if {@code seconds <= 0}
     */
    public MarketParameters withWindowSeconds(long seconds) {
        return new MarketParameters(retailPrice, feedInPrice, lowPrice, highPrice, seconds, minimumCoalitionSize);
    }

    /**
     * A copy with another minimum coalition size.
     *
     * @param size the minimum coalition size
     * @return the new parameters
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public MarketParameters withMinimumCoalitionSize(int size) {
        return new MarketParameters(retailPrice, feedInPrice, lowPrice, highPrice, windowSeconds, size);
    }

    private static long centsToPrice(long cents) {
        try {
            return Math.multiplyExact(cents, Scales.PRICE);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("price of " + cents + " cents per kWh is out of range", e);
        }
    }
}
