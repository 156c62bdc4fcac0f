package io.neighbourgrid.negotiation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The fixed-point numbers of the pair-price update (seed 002, Eq. 17) so that it runs on Paillier plaintexts:
 * powers in micro-kW ({@link #POWER_SCALE}), dual steps in millionths of a USD/kW^2 ({@link #STEP_SCALE}) and prices
 * in 10^-12 USD/kW ({@link #PRICE_SCALE} = power scale x step scale), so that a step times a power is a price
 * without rounding.
 *
 * <p>The update {@code lambda^k+1 = lambda^k - alpha (P_nm + P_mn)} is split into the producer's share
 * {@code lambda^k - floor(lambda^k / 2) - alpha P_nm} and the consumer's share {@code floor(lambda^k / 2) - alpha
 * P_mn}: the two shares are what each encrypts under the producer's key (Section 4.3), and their sum is the next
 * price exactly.
 */
public final class PriceEncoding {
    /** Encoded units per kW. */
    public static final long POWER_SCALE = 1_000_000L;
    /** Encoded units per USD/kW^2 of a dual step. */
    public static final long STEP_SCALE = 1_000_000L;
    /** Encoded units per USD/kW of a price. */
    public static final long PRICE_SCALE = POWER_SCALE * STEP_SCALE;
    /** The largest power magnitude that may be encoded (kW). */
    public static final double MAX_POWER_KW = 1e6;
    /** The largest price magnitude that may be encoded (USD/kW). */
    public static final double MAX_PRICE = 1e6;

    private PriceEncoding() {
    }

    /** A power in micro-kW, rounded half-even. */
    public static long power(double kw) {
        return encode(kw, POWER_SCALE, MAX_POWER_KW, "power");
    }

    /** A price in 10^-12 USD/kW, rounded half-even. */
    public static long price(double usdPerKw) {
        return encode(usdPerKw, PRICE_SCALE, MAX_PRICE, "price");
    }

    /** A dual step in 10^-6 USD/kW^2, rounded half-even; must be positive. */
    public static long step(double usdPerKw2) {
        long s = encode(usdPerKw2, STEP_SCALE, 1e3, "step");
        if (s <= 0) {
            throw new IllegalArgumentException("a dual step must be positive");
        }
        return s;
    }

    /** The price in USD/kW of an encoded price. */
    public static double priceValue(long encoded) {
        return (double) encoded / PRICE_SCALE;
    }

    /** The power in kW of an encoded power. */
    public static double powerValue(long encoded) {
        return (double) encoded / POWER_SCALE;
    }

    /** The producer's share of the next price: {@code lambda - floor(lambda / 2) - step * P_nm}. */
    public static long producerShare(long price, long step, long producerPower) {
        return Math.subtractExact(Math.subtractExact(price, Math.floorDiv(price, 2)),
                Math.multiplyExact(step, producerPower));
    }

    /** The consumer's share of the next price: {@code floor(lambda / 2) - step * P_mn}. */
    public static long consumerShare(long price, long step, long consumerPower) {
        return Math.subtractExact(Math.floorDiv(price, 2), Math.multiplyExact(step, consumerPower));
    }

    /** Eq. 17 in plain integers: {@code lambda - step (P_nm + P_mn)}. */
    public static long nextPrice(long price, long step, long producerPower, long consumerPower) {
        return Math.addExact(producerShare(price, step, producerPower), consumerShare(price, step, consumerPower));
    }

    private static long encode(double value, long scale, double max, String what) {
        if (!Double.isFinite(value) || Math.abs(value) > max) {
            throw new IllegalArgumentException(what + " out of the encodable range: " + value);
        }
        return new BigDecimal(value).multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
