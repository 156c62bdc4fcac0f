package io.neighbourgrid.sim.coalitions;

import java.util.Locale;

/** How the homes form coalitions (seed 000, "Privacy Friendly Cooperative Trading Platform"). */
public enum CoalitionRule {
    /** Merge-and-split with the Pareto order on the homes' payoffs ({@link MergeAndSplit}). */
    MERGE_SPLIT("merge-split");

    private final String label;

    CoalitionRule(String label) {
        this.label = label;
    }

    /** The option value naming this rule. */
    public String label() {
        return label;
    }

    /**
     * The rule an option value names.
     *
     * @param text {@code merge-split}
     * @return the rule
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CoalitionRule parse(String text) {
        for (CoalitionRule r : values()) {
            if (r.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("coalitions must be merge-split, got '" + text + "'");
    }
}
