package io.neighbourgrid.cli;

import io.neighbourgrid.sim.bids.BidMode;
import io.neighbourgrid.sim.bids.StrategicHomes;
import io.neighbourgrid.sim.coalitions.CoalitionGame;
import io.neighbourgrid.sim.coalitions.CoalitionRule;
import io.neighbourgrid.sim.partners.PartnerOptions;
import picocli.CommandLine.Option;

/**
 * The options of {@code run} that change how homes take part beyond PEM's truthful bids: bids from forecasts and
 * strategic bidding ({@code docs/strategies.md}), coalition formation ({@code docs/coalitions.md}), partner
 * agreements and donations ({@code docs/partners.md}).
 */
final class StrategyOptions {
    @Option(names = "--bids", paramLabel = "KIND", defaultValue = "realised", converter = Converters.Bids.class,
            description = {"what homes contribute: realised (default, their metered values), forecast:persistence "
                    + "(the previous window's values), forecast:profile (the same window on previous days, else "
                    + "the mean of the last 4 windows) or forecast:learned (a ridge autoregression on the home's own "
                    + "history); the deviation from the meter is settled by the billing rule "
                    + "and the report gives the cost of forecast error (docs/strategies.md)"})
    BidMode bids;

    @Option(names = "--strategic", paramLabel = "N:KIND", converter = Converters.Strategic.class,
            description = {"N homes (those selling most often) report their preference k by a strategy, "
                    + "best-response or learning, the others truthfully; the report gives who gains, the price "
                    + "range and individual rationality (docs/strategies.md)"})
    StrategicHomes strategic;

    @Option(names = "--coalitions", paramLabel = "RULE", converter = Converters.Coalitions.class,
            description = {"merge-split: the homes (at most " + CoalitionGame.MAX_HOMES + ") form coalitions by "
                    + "merge-and-split for every block of windows and each runs its own market on the replay; the "
                    + "report compares them with the single community (docs/coalitions.md)"})
    CoalitionRule coalitions;

    @Option(names = "--coalition-block", paramLabel = "W", defaultValue = "1", converter = Converters.Windows.class,
            description = "with --coalitions: windows per formation block (default ${DEFAULT-VALUE})")
    int coalitionBlock;

    @Option(names = "--partners", paramLabel = "N:PRICE[:SHARE]", converter = Converters.Partners.class,
            description = {"N sellers each sell a partner, after the market, what they would export to the grid and "
                    + "SHARE (0 to 1, default 0) of their market sale, up to its need, at PRICE cents/kWh "
                    + "(docs/partners.md)"})
    PartnerOptions.Sales partners;

    @Option(names = "--donations", paramLabel = "N:RECIPIENT[:SHARE]", converter = Converters.Donations.class,
            description = {"N sellers give the energy they would export to the grid, and SHARE of their market sale, "
                    + "to home RECIPIENT (a hospital, say) for free (docs/partners.md)"})
    PartnerOptions.Donations donations;
}
