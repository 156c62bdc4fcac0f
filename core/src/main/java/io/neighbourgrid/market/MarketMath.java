package io.neighbourgrid.market;

import java.math.BigInteger;

/**
 * The market arithmetic of PEM (Xie et al., ICDCS 2020, Sections II-III) on fixed-point integers.
 *
 * <p>Chaincode, home agents and the plaintext reference all call these functions, so they must agree bit for bit:
 * every function is pure, uses only integer arithmetic and fails with an {@link ArithmeticException} rather than
 * overflow silently. Units are those of {@link Scales}; see {@code docs/architecture.md}, "Number formats".
 */
public final class MarketMath {

    private static final BigInteger RATIO_ONE = BigInteger.ONE.shiftLeft(Scales.RATIO_BITS);

    private MarketMath() {
    }

    /**
     * Net energy of a home in one window, {@code sn = g - l - b} (PEM Eq. 1).
     *
     * @param generation {@code g >= 0}, energy units
     * @param load       {@code l >= 0}, energy units
     * @param battery    {@code b}, energy units, positive when charging, negative when discharging
     * @return {@code sn} in energy units
     * @throws IllegalArgumentException if {@code g} or {@code l} is negative
     * @throws ArithmeticException      if the result overflows
     */
    public static long netEnergy(long generation, long load, long battery) {
        requireNonNegative(generation, "generation g");
        requireNonNegative(load, "load l");
        return Math.subtractExact(Math.subtractExact(generation, load), battery);
    }

    /**
     * Role of a home from its net energy (PEM Section II-A, after Eq. 1).
     *
     * @param netEnergy {@code sn} in energy units
     * @return {@link Role#SELLER} if {@code sn > 0}, {@link Role#BUYER} if {@code sn < 0}, else {@link Role#OFF}
     */
    public static Role role(long netEnergy) {
        if (netEnergy > 0) {
            return Role.SELLER;
        }
        return netEnergy < 0 ? Role.BUYER : Role.OFF;
    }

    /**
     * A seller's pricing term {@code d_i = g_i + 1 + eps_i b_i - b_i} (the denominator summand of PEM Eq. 13 and the
     * value aggregated in Protocol 3), where the {@code 1} is one kWh, i.e. {@link Scales#ENERGY} units:
     * {@code d = g + ENERGY + floorDiv(eps * b, EPSILON) - b}.
     *
     * @param generation {@code g >= 0}, energy units
     * @param battery    {@code b}, energy units (signed)
     * @param epsilon    battery loss coefficient in epsilon units, {@code 0 < eps < EPSILON}
     * @return {@code d} in energy units
     * @throws IllegalArgumentException if {@code g < 0} or epsilon is outside (0, 1)
     * @throws ArithmeticException      if the result overflows
     */
    public static long pricingTerm(long generation, long battery, long epsilon) {
        requireNonNegative(generation, "generation g");
        requireEpsilon(epsilon);
        long effectiveBattery = Math.floorDiv(Math.multiplyExact(epsilon, battery), Scales.EPSILON);
        long term = Math.addExact(generation, Scales.ENERGY);
        return Math.subtractExact(Math.addExact(term, effectiveBattery), battery);
    }

    /**
     * The unclamped Stackelberg price {@code p^ = sqrt(ps * sum k / sum d)} (PEM Eq. 13 with the erratum: the
     * seller's best response is {@code l* = k/p - 1 - eps b}, so no factor epsilon appears), in price units:
     * {@code isqrt(floorDiv(ps * PRICE * sumK * ENERGY, PREFERENCE * sumD))}, computed exactly.
     *
     * <p>A non-positive {@code sumD} has no Stackelberg solution (the buyers' cost, Eq. 12, decreases in p
     * everywhere); the price then goes to the top of the range, so this method returns {@code p_h}.
     *
     * @param sumPreference  {@code sum k} over the seller coalition, preference units, non-negative
     * @param sumPricingTerm {@code sum d} over the seller coalition, energy units
     * @param params         the market parameters
     * @return {@code p^} in price units
     * @throws IllegalArgumentException if {@code sumPreference < 0}
     */
    public static long stackelbergPrice(long sumPreference, long sumPricingTerm, MarketParameters params) {
        requireNonNegative(sumPreference, "sum of preferences");
        if (sumPricingTerm <= 0) {
            return params.highPrice();
        }
        BigInteger numerator = BigInteger.valueOf(params.retailPrice())
                .multiply(BigInteger.valueOf(Scales.PRICE))
                .multiply(BigInteger.valueOf(sumPreference))
                .multiply(BigInteger.valueOf(Scales.ENERGY));
        BigInteger denominator = BigInteger.valueOf(Scales.PREFERENCE).multiply(BigInteger.valueOf(sumPricingTerm));
        // Both are positive here, so BigInteger division (truncation) is floor division.
        return isqrt(numerator.divide(denominator)).longValueExact();
    }

    /**
     * The general-market price {@code p* = clamp(p^, p_l, p_h)} (PEM Eq. 13 and 14).
     *
     * @param sumPreference  {@code sum k} over the seller coalition, preference units, non-negative
     * @param sumPricingTerm {@code sum d} over the seller coalition, energy units
     * @param params         the market parameters
     * @return the price in price units, within {@code [p_l, p_h]}
     * @throws IllegalArgumentException if {@code sumPreference < 0}
     */
    public static long price(long sumPreference, long sumPricingTerm, MarketParameters params) {
        long unclamped = stackelbergPrice(sumPreference, sumPricingTerm, params);
        return Math.max(params.lowPrice(), Math.min(params.highPrice(), unclamped));
    }

    /**
     * The price of a window of the given type: {@link #price} in a general market, {@code p_l} in an extreme market
     * (PEM Protocol 1 lines 6-9, Section III-C). The aggregates are ignored in an extreme market.
     *
     * @param type           the market type
     * @param sumPreference  {@code sum k} over the seller coalition (general market only)
     * @param sumPricingTerm {@code sum d} over the seller coalition (general market only)
     * @param params         the market parameters
     * @return the price in price units
     * @throws IllegalArgumentException if the market is general and {@code sumPreference < 0}
     */
    public static long clearingPrice(MarketType type, long sumPreference, long sumPricingTerm,
                                     MarketParameters params) {
        return type == MarketType.GENERAL ? price(sumPreference, sumPricingTerm, params) : params.lowPrice();
    }

    /**
     * The market type (PEM Section III-D): general if {@code E_s < E_b}, extreme otherwise.
     *
     * @param supply {@code E_s}, energy units
     * @param demand {@code E_b}, energy units
     * @return the market type
     */
    public static MarketType marketType(long supply, long demand) {
        return supply < demand ? MarketType.GENERAL : MarketType.EXTREME;
    }

    /**
     * The long side's fill ratio {@code rho = floor(E_short * 2^40 / E_long)}, the fraction of its net energy each
     * long-side home trades in the market (PEM Section III-D: {@code e_ij} allocated in proportion to demand or
     * supply).
     *
     * @param shortTotal the short side's total, energy units, {@code 0 <= shortTotal <= longTotal}
     * @param longTotal  the long side's total, energy units, positive
     * @return rho in units of {@code 2^-40}, in {@code [0, 2^40]}
     * @throws IllegalArgumentException if the totals are out of range
     */
    public static long fillRatio(long shortTotal, long longTotal) {
        if (longTotal <= 0) {
            throw new IllegalArgumentException("long-side total must be positive, got " + longTotal);
        }
        if (shortTotal < 0 || shortTotal > longTotal) {
            throw new IllegalArgumentException(
                    "short-side total " + shortTotal + " must be in [0, long-side total " + longTotal + "]");
        }
        return BigInteger.valueOf(shortTotal).shiftLeft(Scales.RATIO_BITS)
                .divide(BigInteger.valueOf(longTotal)).longValueExact();
    }

    /**
     * The fill ratio of a window: {@code E_s / E_b} in a general market, {@code E_b / E_s} in an extreme market.
     *
     * @param type   the market type, which must agree with the totals
     * @param supply {@code E_s}, energy units
     * @param demand {@code E_b}, energy units
     * @return rho in units of {@code 2^-40}
     * @throws IllegalArgumentException if the type disagrees with the totals or a total is out of range
     */
    public static long fillRatio(MarketType type, long supply, long demand) {
        if (marketType(supply, demand) != type) {
            throw new IllegalArgumentException("supply " + supply + " and demand " + demand
                    + " do not form a " + type + " market");
        }
        return type == MarketType.GENERAL ? fillRatio(supply, demand) : fillRatio(demand, supply);
    }

    /**
     * What a long-side home with {@code |sn| = x} trades in the market, {@code floor(x * rho / 2^40)}; the rest it
     * trades with the grid.
     *
     * @param absNetEnergy {@code x = |sn| >= 0}, energy units
     * @param ratio        rho in units of {@code 2^-40}, in {@code [0, 2^40]}
     * @return the market volume in energy units, in {@code [0, x]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static long longSideVolume(long absNetEnergy, long ratio) {
        requireNonNegative(absNetEnergy, "absolute net energy");
        if (ratio < 0 || ratio > Scales.RATIO_ONE) {
            throw new IllegalArgumentException("fill ratio " + ratio + " is outside [0, 2^" + Scales.RATIO_BITS + "]");
        }
        return BigInteger.valueOf(absNetEnergy).multiply(BigInteger.valueOf(ratio))
                .shiftRight(Scales.RATIO_BITS).longValueExact();
    }

    /**
     * What a home of the given role trades in the market: all of {@code |sn|} on the short side,
     * {@link #longSideVolume} on the long side, nothing when off market.
     *
     * @param type         the market type
     * @param role         the home's role
     * @param absNetEnergy {@code |sn| >= 0}, energy units
     * @param ratio        rho in units of {@code 2^-40}
     * @return the market volume in energy units
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static long marketVolume(MarketType type, Role role, long absNetEnergy, long ratio) {
        requireNonNegative(absNetEnergy, "absolute net energy");
        if (role == Role.OFF) {
            return 0L;
        }
        return role == type.shortSide() ? absNetEnergy : longSideVolume(absNetEnergy, ratio);
    }

    /**
     * Money for an amount of energy at a price, {@code floorDiv(energy * price, ENERGY)} money units.
     *
     * @param energy energy units
     * @param price  price units
     * @return money units
     * @throws ArithmeticException if the result does not fit in a {@code long}
     */
    public static long money(long energy, long price) {
        BigInteger product = BigInteger.valueOf(energy).multiply(BigInteger.valueOf(price));
        // BigInteger.divide truncates; floor division needs the remainder's sign correction.
        BigInteger[] qr = product.divideAndRemainder(BigInteger.valueOf(Scales.ENERGY));
        BigInteger quotient = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return quotient.longValueExact();
    }

    /**
     * Integer square root, {@code floor(sqrt(n))}.
     *
     * @param n a non-negative integer
     * @return the largest {@code r} with {@code r * r <= n}
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static BigInteger isqrt(BigInteger n) {
        if (n.signum() < 0) {
            throw new IllegalArgumentException("square root of negative number " + n);
        }
        return n.sqrt();
    }

    /**
     * Integer square root, {@code floor(sqrt(n))}.
     *
     * @param n a non-negative integer
     * @return the largest {@code r} with {@code r * r <= n}
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static long isqrt(long n) {
        return isqrt(BigInteger.valueOf(n)).longValueExact();
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be non-negative, got " + value);
        }
    }

    static void requireEpsilon(long epsilon) {
        if (epsilon <= 0 || epsilon >= Scales.EPSILON) {
            throw new IllegalArgumentException("battery loss coefficient must be in (0, " + Scales.EPSILON
                    + ") epsilon units, got " + epsilon);
        }
    }
}
