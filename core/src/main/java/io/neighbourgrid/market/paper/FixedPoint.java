package io.neighbourgrid.market.paper;

import java.math.BigInteger;

/**
 * The project's fixed-point grids ({@code docs/architecture.md}, "Number formats"), restated here so that this
 * package reads the integer inputs and rounds exact answers without using the project's own market code.
 *
 * <p>Every method takes an exact rational and returns the documented integer: the documented rules are all floors
 * of exact values, so each is one {@link Rational#floor()} or {@link SqrtRational#floorScaled} here.
 */
public final class FixedPoint {

    /** Energy: 1 unit = 10^-6 kWh. */
    public static final long ENERGY = 1_000_000L;

    /** Preference k: 1 unit = 10^-6 utility units. */
    public static final long PREFERENCE = 1_000_000L;

    /** Battery loss coefficient: 1 unit = 10^-6. */
    public static final long EPSILON = 1_000_000L;

    /** Price: 1 unit = 10^-6 cent per kWh. */
    public static final long PRICE = 1_000_000L;

    /** Money: 1 unit = 10^-6 cent. */
    public static final long MONEY = 1_000_000L;

    /** Fractional bits of the fill ratio: 1 unit = 2^-40. */
    public static final int RATIO_BITS = 40;

    /** {@code 2^40}, the fill ratio 1 in ratio units. */
    public static final BigInteger RATIO_ONE = BigInteger.ONE.shiftLeft(RATIO_BITS);

    private static final BigInteger ENERGY_SCALE = BigInteger.valueOf(ENERGY);
    private static final BigInteger PRICE_SCALE = BigInteger.valueOf(PRICE);
    private static final BigInteger MONEY_SCALE = BigInteger.valueOf(MONEY);

    private FixedPoint() {
    }

    /**
     * An energy amount given in energy units, as kWh.
     *
     * @param units energy units
     * @return {@code units / 10^6} kWh
     */
    public static Rational energy(long units) {
        return Rational.of(units, ENERGY);
    }

    /**
     * A preference given in preference units.
     *
     * @param units preference units
     * @return {@code units / 10^6}
     */
    public static Rational preference(long units) {
        return Rational.of(units, PREFERENCE);
    }

    /**
     * A battery loss coefficient given in epsilon units.
     *
     * @param units epsilon units
     * @return {@code units / 10^6}
     */
    public static Rational epsilon(long units) {
        return Rational.of(units, EPSILON);
    }

    /**
     * A price given in price units, as cents per kWh.
     *
     * @param units price units
     * @return {@code units / 10^6} cents per kWh
     */
    public static Rational price(long units) {
        return Rational.of(units, PRICE);
    }

    /**
     * A fill ratio given in ratio units.
     *
     * @param units ratio units
     * @return {@code units / 2^40}
     */
    public static Rational ratio(long units) {
        return Rational.of(BigInteger.valueOf(units), RATIO_ONE);
    }

    /**
     * An amount of money given in money units, as cents.
     *
     * @param units money units
     * @return {@code units / 10^6} cents
     */
    public static Rational money(long units) {
        return Rational.of(units, MONEY);
    }

    /**
     * The floor of an energy amount on the energy grid.
     *
     * @param kWh energy in kWh
     * @return {@code floor(kWh * 10^6)}
     */
    public static BigInteger floorEnergyUnits(Rational kWh) {
        return kWh.multiply(ENERGY_SCALE).floor();
    }

    /**
     * The floor of a price on the price grid.
     *
     * @param centsPerKWh an exact price in cents per kWh
     * @return {@code floor(price * 10^6)}
     */
    public static BigInteger floorPriceUnits(SqrtRational centsPerKWh) {
        return centsPerKWh.floorScaled(PRICE_SCALE);
    }

    /**
     * The floor of a ratio on the {@code 2^-40} grid.
     *
     * @param ratio a ratio
     * @return {@code floor(ratio * 2^40)}
     */
    public static BigInteger floorRatioUnits(Rational ratio) {
        return ratio.multiply(RATIO_ONE).floor();
    }

    /**
     * The floor of an amount of money on the money grid.
     *
     * @param cents money in cents
     * @return {@code floor(cents * 10^6)}
     */
    public static BigInteger floorMoneyUnits(Rational cents) {
        return cents.multiply(MONEY_SCALE).floor();
    }
}
