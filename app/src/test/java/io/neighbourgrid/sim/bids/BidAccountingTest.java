package io.neighbourgrid.sim.bids;

import static io.neighbourgrid.sim.bids.BidDays.CONFIG;
import static io.neighbourgrid.sim.bids.BidDays.PARAMS;
import static io.neighbourgrid.sim.bids.BidDays.kwh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.report.BiddingReport;
import io.neighbourgrid.sim.data.CommunityDay;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BidAccountingTest {
    private static final MarketParameters P = MarketParameters.ofCents(120, 80, 90, 110, 900, 2);
    private static final long CENT = Scales.MONEY;

    private static long bill(long committed, long metered) {
        // a general window at 100 cents/kWh, the home on the side its commitment says
        long sn = committed == 0 ? metered : committed;
        HomeSettlement s = committed == 0 ? HomeSettlement.gridOnly("h", sn, P)
                : HomeSettlement.inMarket("h", sn, Math.abs(committed), 100 * Scales.PRICE, P);
        WindowOutcome o = new WindowOutcome(0, Clearing.GENERAL, OptionalLong.of(100 * Scales.PRICE), 1, 1, 0, 0, 0,
                0, 0, 0, List.of(s));
        return BidAccounting.money(List.of(BidAccounting.windowValues(o, s, metered, P)));
    }

    /** The cases of docs/billing.md, section 4: p = 100, ps = 120, pb = 80 cents/kWh. */
    @Test
    void deviationsArePricedExactlyByTheBillingRule() {
        assertEquals(260 * CENT, bill(kwh(5), kwh(3)));     // seller delivers short: 5 * 100 - 2 * 120
        assertEquals(660 * CENT, bill(kwh(5), kwh(7)));     // seller delivers more: 5 * 100 + 2 * 80
        assertEquals(-640 * CENT, bill(kwh(-4), kwh(-6)));  // buyer consumes more: -4 * 100 - 2 * 120
        assertEquals(-320 * CENT, bill(kwh(-4), kwh(-3)));  // buyer consumes less: -4 * 100 + 1 * 80
        assertEquals(500 * CENT, bill(kwh(5), kwh(5)));     // no deviation
        assertEquals(-240 * CENT, bill(0, kwh(-2)));        // no commitment: all with the grid
    }

    @Test
    void realisedBidsCostNothingAndMatchTheMarketsOwnSettlement() {
        CommunityDay day = BidDays.smallDay();
        Bidding bidding = new Bidding(day, BidMode.REALISED, Optional.of(new StrategicHomes(1,
                Strategy.BEST_RESPONSE)), CONFIG, 1);
        ReferenceMarket market = new ReferenceMarket(PARAMS);
        BidAccounting accounting = new BidAccounting(bidding, day, PARAMS);
        long[] balances = new long[day.homes().size()];
        for (int t = 0; t < day.windows(); t++) {
            WindowOutcome o = market.clear(t, bidding.bids(t));
            accounting.add(o);
            for (int i = 0; i < balances.length; i++) {
                balances[i] += o.homes().get(i).balance();
            }
        }
        BiddingReport r = accounting.report();
        for (int i = 0; i < balances.length; i++) {
            BiddingReport.HomeBids h = r.homes().get(i);
            assertEquals(0, h.forecastCost());
            // the bill rounds once over the day, the settlement once per window: within a money unit per window
            assertTrue(Math.abs(h.money() - balances[i]) <= day.windows(), h.homeId());
        }
    }

    @Test
    void persistenceBidsHaveAForecastErrorAndItsCost() {
        CommunityDay day = BidDays.smallDay();
        Bidding bidding = new Bidding(day, BidMode.PERSISTENCE, Optional.empty(), CONFIG, 1);
        ReferenceMarket market = new ReferenceMarket(PARAMS);
        BidAccounting accounting = new BidAccounting(bidding, day, PARAMS);
        for (int t = 0; t < day.windows(); t++) {
            accounting.add(market.clear(t, bidding.bids(t)));
        }
        BiddingReport r = accounting.report();
        // buyer b1's loads 1.0 1.2 0.9 1.1 1.3 1.0 against bids 0 (no history) 1.0 1.2 0.9 1.1 1.3
        BiddingReport.HomeBids b1 = r.homes().stream().filter(h -> h.homeId().equals("b1")).findFirst().orElseThrow();
        assertEquals(kwh(1.0 + 0.2 + 0.3 + 0.2 + 0.2 + 0.3), b1.absErrorSum());
        assertTrue(r.communityMeanAbsError() > 0);
        // a forecast cannot beat bidding the truth by much: deviations are bought at ps and sold at pb
        assertTrue(r.communityForecastCost() > 0, "forecast cost " + r.communityForecastCost());
    }
}
