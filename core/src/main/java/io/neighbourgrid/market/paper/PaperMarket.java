package io.neighbourgrid.market.paper;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * PEM's market computed from the paper alone, exactly: the second plaintext reference, independent of the
 * project's market arithmetic.
 *
 * <p>One call clears one window as Protocol 1 does without cryptography. Typical use, per window:
 * <pre>{@code
 * PaperMarket paper = new PaperMarket(params);
 * Verdict v = paper.clear(homes, droppedIds).check(observed);   // or paper.gridOnly(homes) for an expired window
 * if (!v.ok()) { report(v.deviations()); }
 * }</pre>
 */
public final class PaperMarket {

    private final PaperParameters params;

    /**
     * A market with the given parameters.
     *
     * @param params the parameters
     */
    public PaperMarket(PaperParameters params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * The parameters.
     *
     * @return the parameters
     */
    public PaperParameters parameters() {
        return params;
    }

    /**
     * Clears one window with every home taking part.
     *
     * @param homes the homes, distinct ids
     * @return the exact window
     * @throws IllegalArgumentException if an id repeats
     */
    public PaperWindow clear(Collection<PaperHome> homes) {
        return new PaperWindow(params, homes, Set.of(), false);
    }

    /**
     * Clears one window in which some homes are kept out of the coalitions (they trade with the grid).
     *
     * @param homes    the homes, distinct ids
     * @param excluded ids of homes kept out of the coalitions
     * @return the exact window
     * @throws IllegalArgumentException if an id repeats
     */
    public PaperWindow clear(Collection<PaperHome> homes, Set<String> excluded) {
        return new PaperWindow(params, homes, excluded, false);
    }

    /**
     * A window settled with the grid alone whatever the coalitions (for example one the protocol expired).
     *
     * @param homes the homes, distinct ids
     * @return the exact grid-only window
     * @throws IllegalArgumentException if an id repeats
     */
    public PaperWindow gridOnly(Collection<PaperHome> homes) {
        return new PaperWindow(params, homes, Set.of(), true);
    }

    /**
     * Clears one window and checks an observed outcome against it.
     *
     * @param params   the parameters
     * @param homes    the homes, distinct ids
     * @param excluded ids of homes kept out of the coalitions
     * @param observed the project's outcome
     * @return the verdict
     */
    public static Verdict check(PaperParameters params, Collection<PaperHome> homes, Set<String> excluded,
                                ObservedWindow observed) {
        return new PaperMarket(params).clear(homes, excluded).check(observed);
    }
}
