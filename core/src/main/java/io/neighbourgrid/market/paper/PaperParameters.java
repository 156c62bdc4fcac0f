package io.neighbourgrid.market.paper;

/**
 * The public prices of the market in price units (10^-6 cent per kWh), as the project stores them, and the
 * minimum coalition size under which a window is settled with the grid alone.
 *
 * <p>The constructor enforces PEM Eq. 3, {@code pb < p_l <= p_h < ps}, with {@code pb > 0}.
 *
 * @param retailUnits          {@code ps}: the grid's retail price
 * @param feedInUnits          {@code pb}: the grid's feed-in price
 * @param lowUnits             {@code p_l}: lower end of the market price range
 * @param highUnits            {@code p_h}: upper end of the market price range
 * @param minimumCoalitionSize the market runs only if both coalitions have at least this many members (the paper's
 *                             minimum is 1: a coalition must not be empty)
 */
public record PaperParameters(long retailUnits, long feedInUnits, long lowUnits, long highUnits,
                              int minimumCoalitionSize) {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException if Eq. 3 is violated or the minimum coalition size is below 1
     */
    public PaperParameters {
        if (!(0 < feedInUnits && feedInUnits < lowUnits && lowUnits <= highUnits && highUnits < retailUnits)) {
            throw new IllegalArgumentException("prices must satisfy 0 < pb < p_l <= p_h < ps (PEM Eq. 3), got pb="
                    + feedInUnits + " p_l=" + lowUnits + " p_h=" + highUnits + " ps=" + retailUnits);
        }
        if (minimumCoalitionSize < 1) {
            throw new IllegalArgumentException("minimum coalition size must be at least 1, got "
                    + minimumCoalitionSize);
        }
    }

    /**
     * Parameters from whole cents per kWh.
     *
     * @param retailCents          {@code ps}
     * @param feedInCents          {@code pb}
     * @param lowCents             {@code p_l}
     * @param highCents            {@code p_h}
     * @param minimumCoalitionSize minimum coalition size
     * @return the parameters
     */
    public static PaperParameters ofCents(long retailCents, long feedInCents, long lowCents, long highCents,
                                          int minimumCoalitionSize) {
        return new PaperParameters(Math.multiplyExact(retailCents, FixedPoint.PRICE),
                Math.multiplyExact(feedInCents, FixedPoint.PRICE), Math.multiplyExact(lowCents, FixedPoint.PRICE),
                Math.multiplyExact(highCents, FixedPoint.PRICE), minimumCoalitionSize);
    }

    /**
     * PEM's evaluation setting (Section VII-A): retail 120, feed-in 80, range [90, 110] cents per kWh, coalitions of
     * at least two homes (the project's default).
     *
     * @return the parameters
     */
    public static PaperParameters evaluationDefaults() {
        return ofCents(120, 80, 90, 110, 2);
    }

    /**
     * {@code ps} in cents per kWh.
     *
     * @return the exact retail price
     */
    public Rational retail() {
        return FixedPoint.price(retailUnits);
    }

    /**
     * {@code pb} in cents per kWh.
     *
     * @return the exact feed-in price
     */
    public Rational feedIn() {
        return FixedPoint.price(feedInUnits);
    }

    /**
     * {@code p_l} in cents per kWh.
     *
     * @return the exact lower bound
     */
    public Rational low() {
        return FixedPoint.price(lowUnits);
    }

    /**
     * {@code p_h} in cents per kWh.
     *
     * @return the exact upper bound
     */
    public Rational high() {
        return FixedPoint.price(highUnits);
    }

    /**
     * The grid's price for a home of the given role: a buyer pays {@code ps} (Eq. 5), a seller receives {@code pb}
     * (Section II-A, III-C).
     *
     * @param role the role
     * @return the price in cents per kWh; zero off market
     */
    public Rational gridPrice(PaperRole role) {
        return switch (role) {
            case BUYER -> retail();
            case SELLER -> feedIn();
            case OFF -> Rational.ZERO;
        };
    }
}
