package io.neighbourgrid.market.paper;

import java.util.Objects;

/**
 * One home's private inputs in one window, as the integers the project stores (10^-6 kWh, 10^-6 utility units,
 * 10^-6 for epsilon), read here as exact decimals.
 *
 * @param homeId          the home, not blank
 * @param generationUnits {@code g >= 0}, energy units
 * @param loadUnits       {@code l >= 0}, energy units
 * @param batteryUnits    {@code b}, energy units, positive when charging
 * @param preferenceUnits {@code k > 0}, preference units (PEM Eq. 4)
 * @param epsilonUnits    battery loss coefficient in (0, 1), epsilon units (PEM Eq. 4)
 */
public record PaperHome(String homeId, long generationUnits, long loadUnits, long batteryUnits,
                        long preferenceUnits, long epsilonUnits) {

    /**
     * Validates the inputs against the paper's domain (Section II-A, Eq. 4).
     *
     * @throws IllegalArgumentException if a value is out of its domain
     */
    public PaperHome {
        Objects.requireNonNull(homeId, "homeId");
        if (homeId.isBlank()) {
            throw new IllegalArgumentException("home id must not be blank");
        }
        if (generationUnits < 0 || loadUnits < 0) {
            throw new IllegalArgumentException("g and l of home " + homeId + " must be non-negative");
        }
        if (preferenceUnits <= 0) {
            throw new IllegalArgumentException("k of home " + homeId + " must be positive (Eq. 4)");
        }
        if (epsilonUnits <= 0 || epsilonUnits >= FixedPoint.EPSILON) {
            throw new IllegalArgumentException("epsilon of home " + homeId + " must be in (0, 1) (Eq. 4)");
        }
    }

    /**
     * {@code g} in kWh.
     *
     * @return the generation
     */
    public Rational generation() {
        return FixedPoint.energy(generationUnits);
    }

    /**
     * {@code l} in kWh.
     *
     * @return the load
     */
    public Rational load() {
        return FixedPoint.energy(loadUnits);
    }

    /**
     * {@code b} in kWh.
     *
     * @return the battery charge (negative: discharge)
     */
    public Rational battery() {
        return FixedPoint.energy(batteryUnits);
    }

    /**
     * {@code k} in utility units.
     *
     * @return the preference
     */
    public Rational preference() {
        return FixedPoint.preference(preferenceUnits);
    }

    /**
     * {@code epsilon}.
     *
     * @return the loss coefficient
     */
    public Rational epsilon() {
        return FixedPoint.epsilon(epsilonUnits);
    }

    /**
     * Net energy {@code sn = g - l - b} in kWh (PEM Eq. 1).
     *
     * @return the exact net energy
     */
    public Rational netEnergy() {
        return generation().subtract(load()).subtract(battery());
    }

    /**
     * The role from the sign of {@link #netEnergy()}.
     *
     * @return the role
     */
    public PaperRole role() {
        return PaperRole.of(netEnergy());
    }

    /**
     * The seller's pricing term {@code d = g + 1 + eps * b - b} in kWh, exactly (the summand of the denominator of
     * PEM Eq. 13 with the erratum; the quantity aggregated in Protocol 3 line 6).
     *
     * <p>For a seller {@code d > 1} kWh always: with {@code b >= 0}, {@code d = sn + l + 1 + eps * b}; with
     * {@code b < 0}, {@code d = g + 1 + (1 - eps) |b|}.
     *
     * @return the exact pricing term
     */
    public Rational pricingTerm() {
        return generation().add(Rational.ONE).add(epsilon().multiply(battery())).subtract(battery());
    }
}
