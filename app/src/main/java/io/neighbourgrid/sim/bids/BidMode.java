package io.neighbourgrid.sim.bids;

/**
 * What a home contributes to a window's market (seed 003, SNIPPET, step 1 "bid and offer creation"): its realised
 * net energy of the window, as the market has done so far, or a forecast made before the window from its own
 * history only. The deviation between the forecast committed and the energy metered is settled by the billing
 * rule ({@code docs/billing.md}, section 4). The choices are documented in {@code docs/strategies.md}.
 */
public enum BidMode implements Labelled {
    /** The realised values of the window (the default: a perfect forecast). */
    REALISED("realised"),
    /** Persistence: the home's values of the previous window. */
    PERSISTENCE("forecast:persistence"),
    /**
     * A daily profile: the mean of the same window on the previous days the replayed data holds, else the mean of
     * the most recent windows.
     */
    PROFILE("forecast:profile"),
    /**
     * A ridge autoregression on the home's own history: recent windows, the same window a day earlier when the data
     * holds it, and the time of day ({@link LearnedForecast}).
     */
    LEARNED("forecast:learned");

    private final String label;

    BidMode(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether bids are forecasts (not the realised values). */
    public boolean forecast() {
        return this != REALISED;
    }

    /**
     * The mode an option value names.
     *
     * @param text {@code realised}, {@code forecast:persistence}, {@code forecast:profile} or
     *             {@code forecast:learned}
     * @return the mode
     * @throws IllegalArgumentException naming the accepted values
     */
    public static BidMode parse(String text) {
        return Labelled.parse(BidMode.class, text, "bids");
    }
}
