package io.neighbourgrid.sim.bids;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.billing.DeviationRule;
import io.neighbourgrid.protocol.billing.ExpectedBill;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.report.BiddingReport;
import io.neighbourgrid.sim.data.CommunityDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settles a day's bids against the metered energy and against the days the bids are compared with (seed 003,
 * SNIPPET, step 5 "settlements and billing"). Each home is billed as {@code docs/billing.md} (section 4) bills it:
 * its committed market volume {@code e_t} at the window's price, every deviation {@code n_t - e_t} from its metered
 * net {@code n_t} (here: its realised net energy) with the grid ({@link DeviationRule}), summed and rounded once as
 * the bill is ({@link ExpectedBill}). Four bills per home:
 * <ul>
 *   <li>as bid: the private run's settlement of the bids;
 *   <li>realised bids: the plaintext market ({@link ReferenceMarket}, which the private run reproduces to the unit)
 *       of the realised values with the same reports of {@code k};
 *   <li>all truthful: the plaintext market of the same energy bids with every home's true {@code k};
 *   <li>grid only: the metered net traded with the grid alone.
 * </ul>
 */
public final class BidAccounting {
    private final Bidding bidding;
    private final CommunityDay day;
    private final MarketParameters params;
    private final ReferenceMarket reference;
    private final Map<String, List<ExpectedBill.WindowValues>> asBid = new LinkedHashMap<>();
    private final Map<String, List<ExpectedBill.WindowValues>> realisedBids = new HashMap<>();
    private final Map<String, List<ExpectedBill.WindowValues>> truthful = new HashMap<>();
    private final Map<String, List<ExpectedBill.WindowValues>> gridOnly = new HashMap<>();
    private final Map<String, Long> absError = new HashMap<>();
    private int windows;
    private int marketWindows;
    private long lowest = Long.MAX_VALUE;
    private long highest = Long.MIN_VALUE;
    private int outside;

    /**
     * @param bidding the day's bids
     * @param day     the replayed day (the metered values)
     * @param params  the market parameters
     */
    public BidAccounting(Bidding bidding, CommunityDay day, MarketParameters params) {
        this.bidding = Objects.requireNonNull(bidding, "bidding");
        this.day = Objects.requireNonNull(day, "day");
        this.params = Objects.requireNonNull(params, "params");
        this.reference = new ReferenceMarket(params);
        day.homes().forEach(h -> asBid.put(h.homeId(), new ArrayList<>()));
    }

    /**
     * Adds a window the market cleared from the bids.
     *
     * @param asRun the window's outcome as the homes settled their bids (slot {@code window} of the day)
     */
    public void add(WindowOutcome asRun) {
        int slot = Math.toIntExact(asRun.window());
        windows++;
        asRun.price().ifPresent(this::price);
        Map<String, Long> metered = new HashMap<>();
        List<HomeInput> realisedWithReports = new ArrayList<>();
        for (HomeInput in : day.inputs(slot)) {
            metered.put(in.homeId(), in.netEnergy());
            HomeInput bid = bidding.bid(in.homeId(), slot);
            absError.merge(in.homeId(), Math.abs(Math.subtractExact(bid.netEnergy(), in.netEnergy())), Math::addExact);
            realisedWithReports.add(new HomeInput(in.homeId(), in.generation(), in.load(), in.battery(),
                    bid.preference(), in.epsilon()));
        }
        book(asBid, asRun, metered);
        book(realisedBids, bidding.mode().forecast() ? reference.clear(slot, realisedWithReports) : asRun, metered);
        book(truthful, bidding.strategic().isPresent() ? reference.clear(slot, bidding.truthfulBids(slot)) : asRun,
                metered);
        book(gridOnly, reference.gridOnly(slot, day.inputs(slot)), metered);
    }

    private void price(long p) {
        marketWindows++;
        lowest = Math.min(lowest, p);
        highest = Math.max(highest, p);
        if (p < params.lowPrice() || p > params.highPrice()) {
            outside++;
        }
    }

    private void book(Map<String, List<ExpectedBill.WindowValues>> bills, WindowOutcome o, Map<String, Long> metered) {
        for (HomeSettlement s : o.homes()) {
            bills.computeIfAbsent(s.homeId(), k -> new ArrayList<>())
                    .add(windowValues(o, s, metered.get(s.homeId()), params));
        }
    }

    /**
     * One window of a home's bill: its committed volume in the outcome, its deviation from the metered net split as
     * the billing rule splits it, and the meter's import and export.
     *
     * @param outcome the window's outcome
     * @param s       the home's settlement in it
     * @param metered the home's metered net export {@code n_t}, energy units
     * @param params  the market parameters (grid prices)
     * @return the window's values for {@link ExpectedBill#lines}
     */
    public static ExpectedBill.WindowValues windowValues(WindowOutcome outcome, HomeSettlement s, long metered,
                                                         MarketParameters params) {
        boolean inMarket = outcome.clearing() != Clearing.GRID_ONLY && s.marketEnergy() > 0;
        Role role = inMarket ? s.role() : Role.OFF;
        long committed = role == Role.SELLER ? s.marketEnergy() : role == Role.BUYER ? -s.marketEnergy() : 0;
        WindowTerms terms = new WindowTerms(outcome.window(), outcome.clearing(), role,
                inMarket ? outcome.price().getAsLong() : null, params.retailPrice(), params.feedInPrice(),
                "simulated", "simulated");
        return new ExpectedBill.WindowValues(terms, DeviationRule.split(committed, metered),
                Math.max(-metered, 0L), Math.max(metered, 0L));
    }

    /** The bill's balance over the windows given, money units. */
    public static long money(List<ExpectedBill.WindowValues> windows) {
        return ExpectedBill.lines(windows).balance().longValueExact();
    }

    /** The day's report so far. */
    public BiddingReport report() {
        List<BiddingReport.HomeBids> homes = new ArrayList<>();
        for (Map.Entry<String, List<ExpectedBill.WindowValues>> e : asBid.entrySet()) {
            String id = e.getKey();
            homes.add(new BiddingReport.HomeBids(id, bidding.strategicHomes().contains(id), windows,
                    absError.getOrDefault(id, 0L), money(e.getValue()),
                    money(realisedBids.getOrDefault(id, List.of())), money(truthful.getOrDefault(id, List.of())),
                    money(gridOnly.getOrDefault(id, List.of()))));
        }
        BiddingReport.PriceRange prices = new BiddingReport.PriceRange(marketWindows,
                marketWindows == 0 ? 0 : lowest, marketWindows == 0 ? 0 : highest, outside, params.lowPrice(),
                params.highPrice(), params.feedInPrice(), params.retailPrice());
        return new BiddingReport(bidding.mode().label(),
                bidding.strategic().map(StrategicHomes::label).orElse(null), homes, prices);
    }
}
