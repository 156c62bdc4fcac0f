package io.neighbourgrid.report;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One window of a run: the private run's outcome, what was measured, and how it compares with the plaintext
 * reference market.
 *
 * @param outcome   the private run's outcome (clearing, price, coalitions, every home's settlement)
 * @param reference the plaintext reference outcome of the same inputs, if it was computed
 * @param metrics   latency and bandwidth of the window
 */
public record WindowReport(WindowOutcome outcome, Optional<WindowOutcome> reference, WindowMetrics metrics) {

    /**
     * Validates the window.
     *
     * @throws IllegalArgumentException if the reference belongs to another window
     */
    public WindowReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(metrics, "metrics");
        if (reference.isPresent() && reference.get().window() != outcome.window()) {
            throw new IllegalArgumentException("reference of window " + reference.get().window()
                    + " reported with window " + outcome.window());
        }
    }

    /**
     * The window index.
     *
     * @return the index
     */
    public long index() {
        return outcome.window();
    }

    /**
     * How the window was cleared in the private run.
     *
     * @return general, extreme or grid only
     */
    public Clearing clearing() {
        return outcome.clearing();
    }

    /**
     * The private run's price.
     *
     * @return price units, empty in a grid-only window
     */
    public OptionalLong price() {
        return outcome.price();
    }

    /**
     * The reference market's price.
     *
     * @return price units, empty without reference or in a grid-only reference window
     */
    public OptionalLong referencePrice() {
        return reference.map(WindowOutcome::price).orElse(OptionalLong.empty());
    }

    /**
     * Absolute difference between the private and the reference price in cents per kWh: zero when both are equal
     * or both windows are grid only.
     *
     * @return the deviation, or empty without reference or when exactly one of the two windows has a price
     */
    public OptionalDouble referenceDeviationCents() {
        if (reference.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalLong p = price();
        OptionalLong r = referencePrice();
        if (p.isPresent() != r.isPresent()) {
            return OptionalDouble.empty();
        }
        if (p.isEmpty()) {
            return OptionalDouble.of(0.0);
        }
        return OptionalDouble.of(Math.abs(p.getAsLong() - r.getAsLong()) / (double) Scales.PRICE);
    }

    /**
     * Whether the private run reproduced the reference: same clearing, price, fill ratio and every home's
     * settlement to the unit.
     *
     * @return true if it matches; false if it differs or there is no reference
     */
    public boolean matchesReference() {
        if (reference.isEmpty()) {
            return false;
        }
        WindowOutcome r = reference.get();
        return r.clearing() == outcome.clearing() && r.price().equals(outcome.price())
                && r.fillRatio() == outcome.fillRatio() && r.homes().equals(outcome.homes());
    }

    /**
     * The private run's settlements.
     *
     * @return every home's settlement
     */
    public List<HomeSettlement> settlements() {
        return outcome.homes();
    }
}
