package io.neighbourgrid.market.paper;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A non-negative real number held exactly as the square root of a non-negative rational, {@code sqrt(q)}.
 *
 * <p>The Stackelberg price of PEM Eq. 13 is such a number, and so is any amount of money at that price (energy times
 * price, {@code e * sqrt(q) = sqrt(e^2 q)} for {@code e >= 0}). Comparisons with rationals are exact (they compare
 * squares), so the floor at any scale is exact as well: no floating point and no truncated square root is involved
 * in deciding an answer.
 */
public final class SqrtRational implements Comparable<SqrtRational> {

    private final Rational square;

    private SqrtRational(Rational square) {
        this.square = square;
    }

    /**
     * The number {@code sqrt(square)}.
     *
     * @param square a non-negative rational
     * @return its non-negative square root
     * @throws IllegalArgumentException if {@code square < 0}
     */
    public static SqrtRational sqrtOf(Rational square) {
        Objects.requireNonNull(square, "square");
        if (square.signum() < 0) {
            throw new IllegalArgumentException("square root of the negative number " + square);
        }
        return new SqrtRational(square);
    }

    /**
     * A non-negative rational, held as the root of its square.
     *
     * @param value a non-negative rational
     * @return the same number
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static SqrtRational of(Rational value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a square root is never negative, got " + value);
        }
        return new SqrtRational(value.square());
    }

    /**
     * The exact square of this number.
     *
     * @return {@code q} for {@code sqrt(q)}
     */
    public Rational square() {
        return square;
    }

    /**
     * This number as a rational, when it is one (both terms of the reduced square are perfect squares).
     *
     * @return the rational value, or empty if the number is irrational
     */
    public Optional<Rational> asRational() {
        BigInteger n = square.numerator().sqrt();
        BigInteger d = square.denominator().sqrt();
        if (n.multiply(n).equals(square.numerator()) && d.multiply(d).equals(square.denominator())) {
            return Optional.of(Rational.of(n, d));
        }
        return Optional.empty();
    }

    /**
     * Product with a non-negative rational.
     *
     * @param factor a non-negative rational
     * @return {@code factor * this}, exactly
     * @throws IllegalArgumentException if {@code factor < 0}
     */
    public SqrtRational multiply(Rational factor) {
        if (factor.signum() < 0) {
            throw new IllegalArgumentException("factor must be non-negative, got " + factor);
        }
        return new SqrtRational(square.multiply(factor.square()));
    }

    /**
     * Exact comparison with a rational.
     *
     * @param value any rational
     * @return negative, zero or positive as this number is below, equal to or above {@code value}
     */
    public int compareTo(Rational value) {
        if (value.signum() < 0) {
            return 1;
        }
        return square.compareTo(value.square());
    }

    @Override
    public int compareTo(SqrtRational other) {
        return square.compareTo(other.square);
    }

    /**
     * The largest integer not above this number, found with exact comparisons of squares: the candidate from
     * {@link BigInteger#sqrt()} is only a starting point, corrected until {@code n^2 <= q < (n + 1)^2} holds.
     *
     * @return {@code floor(sqrt(q))}
     */
    public BigInteger floor() {
        BigInteger n = square.floor().sqrt();
        while (Rational.of(n.add(BigInteger.ONE)).square().compareTo(square) <= 0) {
            n = n.add(BigInteger.ONE);
        }
        while (n.signum() > 0 && Rational.of(n).square().compareTo(square) > 0) {
            n = n.subtract(BigInteger.ONE);
        }
        return n;
    }

    /**
     * The floor of this number on a fixed-point grid: the largest integer {@code n} with {@code n <= this * scale}.
     *
     * @param scale a positive integer scale, for example 10^6
     * @return {@code floor(this * scale)}
     */
    public BigInteger floorScaled(BigInteger scale) {
        return multiply(Rational.of(scale)).floor();
    }

    /**
     * Whether {@code candidate} is the floor of this number on a fixed-point grid, decided exactly:
     * {@code candidate <= this * scale < candidate + 1}.
     *
     * @param candidate the candidate, in units of {@code 1 / scale}
     * @param scale     a positive integer scale
     * @return whether {@code candidate == floor(this * scale)}
     */
    public boolean isFloorScaled(BigInteger candidate, BigInteger scale) {
        SqrtRational scaled = multiply(Rational.of(scale));
        return scaled.compareTo(Rational.of(candidate)) >= 0
                && scaled.compareTo(Rational.of(candidate.add(BigInteger.ONE))) < 0;
    }

    /**
     * A decimal rendering for messages (truncated after {@code digits} places).
     *
     * @param digits decimal places
     * @return the decimal string
     */
    public String toDecimalString(int digits) {
        BigInteger scale = BigInteger.TEN.pow(digits);
        return Rational.of(floorScaled(scale), scale).toDecimalString(digits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqrtRational s && square.equals(s.square);
    }

    @Override
    public int hashCode() {
        return square.hashCode();
    }

    /**
     * The exact value: the rational when the number is rational, else {@code sqrt(q)}.
     *
     * @return the string
     */
    @Override
    public String toString() {
        return asRational().map(Rational::toString).orElse("sqrt(" + square + ")");
    }
}
