package io.neighbourgrid.sim.bids;

/**
 * How a strategic home chooses the preference {@code k} it reports as a seller (seed 003, SNIPPET, step 2
 * "strategic bidding"; the price function is PEM's, seed 001, Eq. 13 and 14 with the erratum of
 * {@code INDEX.md}). The other homes report truthfully.
 */
public enum Strategy implements Labelled {
    /** {@link BestResponse}: the smallest report that maximises the seller's money given its belief. */
    BEST_RESPONSE("best-response"),
    /** {@link LearningBidder}: an epsilon-greedy bandit over multiples of its true {@code k}, rewarded by price. */
    LEARNING("learning");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The strategy an option value names.
     *
     * @param text {@code best-response} or {@code learning}
     * @return the strategy
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Strategy parse(String text) {
        return Labelled.parse(Strategy.class, text, "strategy");
    }
}
