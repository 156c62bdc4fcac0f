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

    /** Decimals shown for kWh in the HTML report. */
    static final int KWH_DECIMALS = 3;
    /** Decimals shown for cents and cents per kWh in the HTML report. */
    static final int CENT_DECIMALS = 2;

    /**
     * A value for reading: {@code decimals} places, except that a value that is not zero but would show as zero
     * reads {@code <0.001} (or {@code >-0.001}), so nothing that exists reads as nothing.
     */
    static String display(BigDecimal value, int decimals) {
        BigDecimal fixed = value.setScale(decimals, RoundingMode.HALF_EVEN);
        if (fixed.signum() == 0 && value.signum() != 0) {
            String unit = BigDecimal.ONE.movePointLeft(decimals).toPlainString();
            return value.signum() > 0 ? "<" + unit : ">-" + unit;
        }
        return fixed.toPlainString();
    }

    /** Energy units as kWh with {@link #KWH_DECIMALS} places. */
    static String kwhText(long energyUnits) {
        return display(kwh(energyUnits), KWH_DECIMALS);
    }

    /** Money units as cents with {@link #CENT_DECIMALS} places. */
    static String moneyText(long moneyUnits) {
        return display(money(moneyUnits), CENT_DECIMALS);
    }

    /** Price units as cents per kWh with {@link #CENT_DECIMALS} places. */
    static String priceText(long priceUnits) {
        return display(cents(priceUnits), CENT_DECIMALS);
    }

    /** A double with exactly {@code decimals} places (see {@link #display}). */
    static String fixed(double value, int decimals) {
        return display(BigDecimal.valueOf(value), decimals);
    }

    // The scales are powers of ten, so the division is exact.
    static BigDecimal scaled(long units, long scale) {
        return plain(BigDecimal.valueOf(units).divide(BigDecimal.valueOf(scale)));
    }

    /** Drops trailing zeros, keeping a plain (non-exponent) form. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
