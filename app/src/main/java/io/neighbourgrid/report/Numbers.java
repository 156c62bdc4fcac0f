package io.neighbourgrid.report;

import io.neighbourgrid.market.Scales;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions of fixed-point market units to decimal numbers for reports, independent of the locale. */
final class Numbers {

    private Numbers() {
    }

    /** Energy units to kWh, exactly. */
    static BigDecimal kwh(long energyUnits) {
        return scaled(energyUnits, Scales.ENERGY);
    }

    /** Price units to cents per kWh, exactly. */
    static BigDecimal cents(long priceUnits) {
        return scaled(priceUnits, Scales.PRICE);
    }

    /** Money units to cents, exactly. */
    static BigDecimal money(long moneyUnits) {
        return scaled(moneyUnits, Scales.MONEY);
    }

    /** A double rounded to {@code scale} decimals, without exponent notation. */
    static BigDecimal rounded(double value, int scale) {
        return plain(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN));
    }

    /** A double as plain text with at most {@code scale} decimals. */
    static String text(double value, int scale) {
        return rounded(value, scale).toPlainString();
    }

    // The scales are powers of ten, so the division is exact.
    private static BigDecimal scaled(long units, long scale) {
        return plain(BigDecimal.valueOf(units).divide(BigDecimal.valueOf(scale)));
    }

    /** Drops trailing zeros, keeping a plain (non-exponent) form. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
