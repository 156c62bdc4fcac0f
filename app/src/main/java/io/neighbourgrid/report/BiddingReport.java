package io.neighbourgrid.report;

import java.util.List;
import java.util.Objects;

/**
 * What bids from forecasts and strategic bidding did to a replayed day (seed 003, SNIPPET, steps 1 and 2, settled
 * by the billing rule of {@code docs/billing.md}, section 4). Every money amount is a home's bill over the run:
 * committed market volumes at the window's price, every deviation from the metered net energy with the grid
 * ({@code ExpectedBill}), in money units; energies in energy units.
 *
 * @param bids        the bid mode's option value ({@code realised}, {@code forecast:persistence}, ...)
 * @param strategic   the strategic homes' option value ({@code N:best-response}, ...), or {@code null}
 * @param homes       every home, in id order
 * @param prices      the market prices of the day as bid
 */
public record BiddingReport(String bids, String strategic, List<HomeBids> homes, PriceRange prices) {
    public BiddingReport {
        Objects.requireNonNull(bids, "bids");
        homes = List.copyOf(homes);
        Objects.requireNonNull(prices, "prices");
    }

    /** Whether bids were forecasts (the forecast-cost columns mean something). */
    public boolean forecast() {
        return !"realised".equals(bids);
    }

    /**
     * One home over the run.
     *
     * @param homeId           the home
     * @param strategic        whether it bid strategically
     * @param windows          windows of the run
     * @param absErrorSum      {@code sum |bid sn - metered sn|} over the windows, energy units
     * @param money            its bill as bid (forecast or realised, strategic or not), money units
     * @param realisedBidMoney its bill had it bid its realised values (same reports of {@code k}), money units
     * @param truthfulMoney    its bill on the day every home bids truthfully (same energy bids), money units
     * @param gridOnlyMoney    its bill trading its metered net with the grid alone, money units
     */
    public record HomeBids(String homeId, boolean strategic, int windows, long absErrorSum, long money,
                           long realisedBidMoney, long truthfulMoney, long gridOnlyMoney) {
        public HomeBids {
            Objects.requireNonNull(homeId, "homeId");
        }

        /** Mean absolute forecast error per window, energy units. */
        public double meanAbsError() {
            return windows == 0 ? 0 : (double) absErrorSum / windows;
        }

        /** What bidding the forecast cost against bidding the realised values, money units (positive: a loss). */
        public long forecastCost() {
            return Math.subtractExact(realisedBidMoney, money);
        }

        /** What the day's strategies gained the home against the all-truthful day, money units. */
        public long strategyGain() {
            return Math.subtractExact(money, truthfulMoney);
        }

        /** PEM's individual rationality: the home did no worse than with the grid alone. */
        public boolean individuallyRational() {
            return money >= gridOnlyMoney;
        }
    }

    /**
     * The market prices of the windows cleared in a market, against the range PEM proves (Eq. 3, 14).
     *
     * @param marketWindows windows cleared in a market
     * @param lowest        lowest price, price units (0 without market windows)
     * @param highest       highest price, price units (0 without market windows)
     * @param outsideRange  market windows whose price is outside {@code [p_l, p_h]}
     * @param lowPrice      {@code p_l}
     * @param highPrice     {@code p_h}
     * @param feedInPrice   {@code pb}
     * @param retailPrice   {@code ps}
     */
    public record PriceRange(int marketWindows, long lowest, long highest, int outsideRange, long lowPrice,
                             long highPrice, long feedInPrice, long retailPrice) {
        /** Whether every market price lay within {@code [p_l, p_h]}, strictly between {@code pb} and {@code ps}. */
        public boolean inRange() {
            return outsideRange == 0;
        }
    }

    /** Sum of the homes' forecast costs, money units. */
    public long communityForecastCost() {
        return homes.stream().mapToLong(HomeBids::forecastCost).sum();
    }

    /** Community mean absolute forecast error per home-window, energy units. */
    public double communityMeanAbsError() {
        long windows = homes.stream().mapToLong(HomeBids::windows).sum();
        return windows == 0 ? 0 : (double) homes.stream().mapToLong(HomeBids::absErrorSum).sum() / windows;
    }

    /** Mean strategy gain of the homes with {@code strategic} equal to the argument, money units, NaN if none. */
    public double meanGain(boolean strategicHomes) {
        return homes.stream().filter(h -> h.strategic() == strategicHomes).mapToLong(HomeBids::strategyGain)
                .average().orElse(Double.NaN);
    }

    /** Truthful homes that did worse than with the grid alone. */
    public List<String> irrationalTruthfulHomes() {
        return homes.stream().filter(h -> !h.strategic() && !h.individuallyRational()).map(HomeBids::homeId)
                .toList();
    }

    /**
     * The run's bidding figures in a few lines, for the console: forecast error and its cost, the strategies'
     * gains, the price range and individual rationality.
     *
     * @return the lines
     */
    public List<String> summaryLines() {
        List<String> lines = new java.util.ArrayList<>();
        if (forecast()) {
            lines.add("bids " + bids + ": forecast MAE " + Numbers.text(communityMeanAbsError()
                    / io.neighbourgrid.market.Scales.ENERGY, 4) + " kWh per home-window; cost of forecast error "
                    + Numbers.moneyText(communityForecastCost()) + " cents over the community");
        }
        if (strategic != null) {
            lines.add("strategic " + strategic + ": mean gain " + gainText(meanGain(true)) + " cents per strategic "
                    + "home, " + gainText(meanGain(false)) + " per truthful home, against the all-truthful day");
        }
        lines.add("market prices " + (prices.marketWindows() == 0 ? "none (no market window)"
                : Numbers.priceText(prices.lowest()) + " to " + Numbers.priceText(prices.highest())
                + " cents/kWh in " + prices.marketWindows() + " market windows, " + prices.outsideRange()
                + " outside [p_l, p_h]") + "; truthful homes worse off than with the grid alone: "
                + irrationalTruthfulHomes().size());
        return lines;
    }

    /** A mean gain in cents, or n/a. */
    static String gainText(double moneyUnits) {
        return Double.isNaN(moneyUnits) ? "n/a" : Numbers.text(moneyUnits / io.neighbourgrid.market.Scales.MONEY, 4);
    }
}
