package io.neighbourgrid.negotiation;

import java.util.Objects;

/**
 * One participant of the bilateral negotiation (seed 002, Section 2.1): a producer or a consumer at a bus, with the
 * quadratic cost {@code C_n(P) = a_n P^2 / 2 + b_n P} (a consumer's cost is its negative utility) and power bounds
 * {@code [P_min, P_max]}. Producers inject ({@code P >= 0}), consumers withdraw ({@code P <= 0}). All values are
 * private to the trader; only its id, bus and role are public.
 *
 * @param id   public id, e.g. {@code S1}
 * @param bus  the bus it is connected to (1-based)
 * @param a    quadratic coefficient (USD/kW^2), positive
 * @param b    linear coefficient (USD/kW)
 * @param pMin lower power bound (kW)
 * @param pMax upper power bound (kW)
 */
public record Trader(String id, int bus, double a, double b, double pMin, double pMax) {
    public Trader {
        Objects.requireNonNull(id, "id");
        if (bus < 1) {
            throw new IllegalArgumentException("bus must be positive: " + bus);
        }
        if (!(a > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException(id + ": the cost needs a > 0 and a finite b");
        }
        if (!(pMin <= pMax) || !Double.isFinite(pMin) || !Double.isFinite(pMax)) {
            throw new IllegalArgumentException(id + ": bounds must satisfy pMin <= pMax");
        }
        if (pMin < 0 && pMax > 0) {
            throw new IllegalArgumentException(id + ": a trader either produces or consumes");
        }
    }

    /** Whether the trader produces (its bounds are non-negative). */
    public boolean isProducer() {
        return pMin >= 0;
    }

    /** The cost {@code a P^2 / 2 + b P} of a power injection {@code p}. */
    public double cost(double p) {
        return a * p * p / 2 + b * p;
    }

    /** The marginal cost {@code a P + b}. */
    public double marginalCost(double p) {
        return a * p + b;
    }

    /** {@code p} clamped to the bounds. */
    public double clamp(double p) {
        return Math.max(pMin, Math.min(pMax, p));
    }
}
