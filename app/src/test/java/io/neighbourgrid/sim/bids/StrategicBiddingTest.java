package io.neighbourgrid.sim.bids;

import static io.neighbourgrid.sim.bids.BidDays.CONFIG;
import static io.neighbourgrid.sim.bids.BidDays.PARAMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.report.BiddingReport;
import io.neighbourgrid.sim.data.CommunityDay;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Strategic homes on a small day cleared in plaintext (the private run reproduces the plaintext market to the unit,
 * which the simulator checks every window).
 */
class StrategicBiddingTest {
    private static Bidding strategic(CommunityDay day, int homes, Strategy strategy, long seed) {
        return new Bidding(day, BidMode.REALISED, Optional.of(new StrategicHomes(homes, strategy)), CONFIG, seed);
    }

    /** Every bid of the day, window by window. */
    private static java.util.List<HomeInput> allBids(CommunityDay day, Bidding bidding) {
        java.util.List<HomeInput> all = new java.util.ArrayList<>();
        for (int t = 0; t < day.windows(); t++) {
            all.addAll(bidding.bids(t));
        }
        return all;
    }

    private static BiddingReport run(CommunityDay day, Bidding bidding) {
        ReferenceMarket market = new ReferenceMarket(PARAMS);
        BidAccounting accounting = new BidAccounting(bidding, day, PARAMS);
        for (int t = 0; t < day.windows(); t++) {
            WindowOutcome o = market.clear(t, bidding.bids(t));
            bidding.observe(o);
            accounting.add(o);
        }
        return accounting.report();
    }

    @Test
    void bestResponseRaisesThePriceAndGainsAtTheTruthfulHomesExpense() {
        CommunityDay day = BidDays.smallDay();
        Bidding bidding = strategic(day, 1, Strategy.BEST_RESPONSE, 1);
        assertEquals(1, bidding.strategicHomes().size());
        String strategic = bidding.strategicHomes().iterator().next();
        for (int t = 0; t < day.windows(); t++) {
            HomeInput bid = bidding.bid(strategic, t);
            assertTrue(bid.preference() >= day.home(strategic).input(t).preference());
            assertTrue(bid.preference() <= CONFIG.maxPreference());
        }
        BiddingReport r = run(day, bidding);
        assertTrue(r.meanGain(true) > 0, "strategic gain " + r.meanGain(true));
        assertTrue(r.meanGain(false) < 0, "truthful gain " + r.meanGain(false));
        assertTrue(r.prices().inRange());
        assertEquals(PARAMS.highPrice(), r.prices().highest());
        // PEM's individual rationality still holds for every truthful home
        assertEquals(java.util.List.of(), r.irrationalTruthfulHomes());
        // realised bids: no forecast error, no forecast cost
        assertEquals(0, r.communityForecastCost());
        assertEquals(0.0, r.communityMeanAbsError());
    }

    @Test
    void learningBiddersKeepThePriceInRangeAndTheirReportsInTheProofRange() {
        CommunityDay day = BidDays.smallDay();
        Bidding bidding = strategic(day, 3, Strategy.LEARNING, 7);
        BiddingReport r = run(day, bidding);
        assertTrue(r.prices().inRange());
        assertTrue(r.prices().lowest() >= PARAMS.lowPrice() && r.prices().highest() <= PARAMS.highPrice());
        assertTrue(r.prices().lowest() > PARAMS.feedInPrice() && r.prices().highest() < PARAMS.retailPrice());
        assertEquals(java.util.List.of(), r.irrationalTruthfulHomes());
        for (HomeInput b : allBids(day, bidding)) {
            assertTrue(b.preference() >= CONFIG.minPreference() && b.preference() <= CONFIG.maxPreference());
        }
    }

    @Test
    void theLearnerTriesEveryArmAndThenPrefersTheBestPaid() {
        LearningBidder learner = new LearningBidder(3);
        long k = 100 * io.neighbourgrid.market.Scales.PREFERENCE;
        for (int t = 0; t < LearningBidder.MULTIPLES_TENTHS.length; t++) {
            long report = learner.report(t, k, 1, Long.MAX_VALUE);
            assertEquals(k * LearningBidder.MULTIPLES_TENTHS[t] / 10, report);
            // the price rises with the report up to 3 k, then stays
            learner.reward(t, Math.min(report, 3 * k));
        }
        assertEquals(3.0, learner.bestMultiple());
    }

    @Test
    void buyersAndTruthfulHomesBidTheirOwnValues() {
        CommunityDay day = BidDays.smallDay();
        Bidding bidding = strategic(day, 6, Strategy.BEST_RESPONSE, 1);
        for (int t = 0; t < day.windows(); t++) {
            for (HomeInput b : bidding.bids(t)) {
                if (b.role() == Role.BUYER) {
                    assertEquals(day.home(b.homeId()).input(t), b);
                }
            }
        }
        assertEquals(6, bidding.strategicHomes().size());
        assertTrue(new Bidding(day, BidMode.REALISED, Optional.empty(), CONFIG, 1).plain());
    }
}
