package io.neighbourgrid.market.paper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact rational number {@code numerator / denominator} over {@link BigInteger}, always reduced, with a positive
 * denominator. Every operation is exact; nothing is rounded except by the explicit {@link #floor()} and
 * {@link #ceil()}.
 */
public final class Rational implements Comparable<Rational> {

    /** Zero. */
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

    /** One. */
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Rational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /**
     * The reduced fraction {@code numerator / denominator}.
     *
     * @param numerator   the numerator
     * @param denominator the denominator, not zero
     * @return the fraction in lowest terms with a positive denominator
     * @throws ArithmeticException if the denominator is zero
     */
    public static Rational of(BigInteger numerator, BigInteger denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("denominator is zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        if (numerator.signum() == 0) {
            return ZERO;
        }
        return new Rational(numerator, denominator);
    }

    /**
     * The reduced fraction {@code numerator / denominator}.
     *
     * @param numerator   the numerator
     * @param denominator the denominator, not zero
     * @return the fraction
     * @throws ArithmeticException if the denominator is zero
     */
    public static Rational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /**
     * An integer.
     *
     * @param value the integer
     * @return {@code value / 1}
     */
    public static Rational of(BigInteger value) {
        return new Rational(Objects.requireNonNull(value, "value"), BigInteger.ONE);
    }

    /**
     * An integer.
     *
     * @param value the integer
     * @return {@code value / 1}
     */
    public static Rational of(long value) {
        return of(BigInteger.valueOf(value));
    }

    /**
     * The exact value of a decimal number.
     *
     * @param value a decimal, for example {@code new BigDecimal("0.125")}
     * @return the same number as a fraction
     */
    public static Rational of(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        int scale = value.scale();
        return scale >= 0 ? of(unscaled, BigInteger.TEN.pow(scale))
                : of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
    }

    /**
     * The numerator in lowest terms (carries the sign).
     *
     * @return the numerator
     */
    public BigInteger numerator() {
        return numerator;
    }

    /**
     * The denominator in lowest terms, positive.
     *
     * @return the denominator
     */
    public BigInteger denominator() {
        return denominator;
    }

    /**
     * Sum.
     *
     * @param other the addend
     * @return {@code this + other}
     */
    public Rational add(Rational other) {
        if (denominator.equals(other.denominator)) {
            return of(numerator.add(other.numerator), denominator);
        }
        return of(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /**
     * Difference.
     *
     * @param other the subtrahend
     * @return {@code this - other}
     */
    public Rational subtract(Rational other) {
        return add(other.negate());
    }

    /**
     * Product.
     *
     * @param other the factor
     * @return {@code this * other}
     */
    public Rational multiply(Rational other) {
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /**
     * Product with an integer.
     *
     * @param factor the factor
     * @return {@code this * factor}
     */
    public Rational multiply(BigInteger factor) {
        return of(numerator.multiply(factor), denominator);
    }

    /**
     * Quotient.
     *
     * @param other the divisor, not zero
     * @return {@code this / other}
     * @throws ArithmeticException if {@code other} is zero
     */
    public Rational divide(Rational other) {
        if (other.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    /**
     * Negation.
     *
     * @return {@code -this}
     */
    public Rational negate() {
        return numerator.signum() == 0 ? this : new Rational(numerator.negate(), denominator);
    }

    /**
     * Absolute value.
     *
     * @return {@code |this|}
     */
    public Rational abs() {
        return numerator.signum() < 0 ? negate() : this;
    }

    /**
     * Square.
     *
     * @return {@code this * this}
     */
    public Rational square() {
        return new Rational(numerator.multiply(numerator), denominator.multiply(denominator));
    }

    /**
     * Sign.
     *
     * @return -1, 0 or 1
     */
    public int signum() {
        return numerator.signum();
    }

    /**
     * Whether this is an integer.
     *
     * @return {@code true} if the denominator is 1
     */
    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /**
     * The largest integer not above this number.
     *
     * @return {@code floor(this)}
     */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        // divideAndRemainder truncates toward zero; below zero with a remainder, floor is one less.
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /**
     * The smallest integer not below this number.
     *
     * @return {@code ceil(this)}
     */
    public BigInteger ceil() {
        return negate().floor().negate();
    }

    /**
     * The smaller of two numbers.
     *
     * @param other the other number
     * @return {@code min(this, other)}
     */
    public Rational min(Rational other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * The larger of two numbers.
     *
     * @param other the other number
     * @return {@code max(this, other)}
     */
    public Rational max(Rational other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * A decimal rendering for messages, truncated toward negative infinity after {@code digits} places (exact when
     * the expansion is shorter).
     *
     * @param digits decimal places
     * @return the decimal string
     */
    public String toDecimalString(int digits) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), digits, RoundingMode.FLOOR)
                .stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(Rational other) {
        if (denominator.equals(other.denominator)) {
            return numerator.compareTo(other.numerator);
        }
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    /**
     * The fraction as {@code n/d}, or {@code n} for an integer.
     *
     * @return the string
     */
    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
