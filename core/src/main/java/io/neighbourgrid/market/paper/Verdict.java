package io.neighbourgrid.market.paper;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of checking one observed window against the paper's exact answer.
 *
 * @param reference  the exact reference window
 * @param observed   the observation checked
 * @param deviations every deviation beyond the documented rounding, in a fixed order (clearing, price, fill ratio,
 *                   homes in input order, conservation); empty when the observation agrees
 */
public record Verdict(PaperWindow reference, ObservedWindow observed, List<Deviation> deviations) {

    /**
     * Validates and copies the verdict.
     *
     * @throws NullPointerException if a component is null
     */
    public Verdict {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(observed, "observed");
        deviations = List.copyOf(deviations);
    }

    /**
     * Whether the observation agrees with the paper up to the documented rounding.
     *
     * @return {@code true} if there is no deviation
     */
    public boolean ok() {
        return deviations.isEmpty();
    }

    /**
     * The deviations of one quantity.
     *
     * @param quantity the quantity
     * @return its deviations
     */
    public List<Deviation> of(Deviation.Quantity quantity) {
        return deviations.stream().filter(d -> d.quantity() == quantity).collect(Collectors.toList());
    }

    /**
     * Whether a quantity deviates.
     *
     * @param quantity the quantity
     * @return {@code true} if at least one deviation concerns it
     */
    public boolean has(Deviation.Quantity quantity) {
        return deviations.stream().anyMatch(d -> d.quantity() == quantity);
    }

    @Override
    public String toString() {
        if (ok()) {
            return "agrees with the paper (" + reference.clearing() + ")";
        }
        return deviations.size() + " deviation(s): "
                + deviations.stream().map(Deviation::toString).collect(Collectors.joining("; "));
    }
}
