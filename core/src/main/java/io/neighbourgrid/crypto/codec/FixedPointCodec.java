package io.neighbourgrid.crypto.codec;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Signed fixed-point encoding of one quantity (energy, price, preference, ...) with one public scale: a real value
 * x is represented by the integer round(x * scale), half to even. Homomorphic sums of encodings are encodings of
 * sums, so a decrypted aggregate is decoded with the same scale.
 *
 * <p>Encoded values must stay below {@code maxUnits} in magnitude so that sums over a community cannot reach the
 * Paillier overflow guard |x| &lt; N/3; the guard itself is checked after decryption by
 * {@link io.neighbourgrid.crypto.paillier.PaillierPublicKey#fromPlaintext}.
 *
 * @param quantity name of the quantity, for error messages
 * @param scale    units per whole (e.g. 1_000_000 units per kWh), positive and of the form 2^a * 5^b so that every
 *                 number of units has a finite decimal expansion (decoding is exact)
 * @param maxUnits largest accepted magnitude in units, positive
 */
public record FixedPointCodec(String quantity, long scale, long maxUnits) {
    public FixedPointCodec {
        Objects.requireNonNull(quantity, "quantity");
        if (scale <= 0 || maxUnits <= 0) {
            throw new IllegalArgumentException("scale and maxUnits of " + quantity + " must be positive");
        }
        if (!decimalTerminating(scale)) {
            throw new IllegalArgumentException("scale of " + quantity + " must be a product of powers of 2 and 5"
                    + " so that decoding is exact, got " + scale);
        }
    }

    private static boolean decimalTerminating(long scale) {
        long s = scale;
        while (s % 2 == 0) {
            s /= 2;
        }
        while (s % 5 == 0) {
            s /= 5;
        }
        return s == 1;
    }

    /** Encodes a real value, rounding half to even, rejecting magnitudes above {@code maxUnits}. */
    public long encode(BigDecimal value) {
        Objects.requireNonNull(value, quantity);
        BigInteger units = value.multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (units.abs().compareTo(BigInteger.valueOf(maxUnits)) > 0) {
            throw new ValueOutOfRangeException(quantity + " " + value.toPlainString() + " is outside +/-"
                    + decode(maxUnits).toPlainString());
        }
        return units.longValueExact();
    }

    /**
     * Encodes a finite double via its shortest decimal representation ({@link BigDecimal#valueOf(double)}), so
     * 0.1 encodes as 0.1 and not as the binary value nearest to it.
     */
    public long encode(double value) {
        if (!Double.isFinite(value)) {
            throw new ValueOutOfRangeException(quantity + " must be a finite number");
        }
        return encode(BigDecimal.valueOf(value));
    }

    /** Checks that an integer already in units is within range. */
    public long checkUnits(long units) {
        if (units == Long.MIN_VALUE || Math.abs(units) > maxUnits) {
            throw new ValueOutOfRangeException(quantity + " of " + units + " units is outside +/-" + maxUnits);
        }
        return units;
    }

    /** Decodes units to the exact decimal value. */
    public BigDecimal decode(long units) {
        return decode(BigInteger.valueOf(units));
    }

    /** Decodes a (possibly aggregated) number of units to the exact decimal value. */
    public BigDecimal decode(BigInteger units) {
        return new BigDecimal(units).divide(BigDecimal.valueOf(scale));
    }
}
