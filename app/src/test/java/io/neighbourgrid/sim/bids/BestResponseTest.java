package io.neighbourgrid.sim.bids;

import static io.neighbourgrid.sim.bids.BidDays.PARAMS;
import static io.neighbourgrid.sim.bids.BidDays.kwh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.Scales;
import org.junit.jupiter.api.Test;

class BestResponseTest {
    private static final long K = Scales.PREFERENCE;
    private static final long MAX = 1_000 * K;

    /**
     * By hand: the other sellers report sum k = 40 and sum d = 2 kWh, the seller's d is 2 kWh and its k 40. Truthful,
     * p^ = sqrt(120 * 80 / 4) = 48.99, clamped to p_l = 90. The price reaches p_h = 110 once
     * sum k >= 110^2 * 4 / 120 = 403.333..., i.e. 403.333334 in preference units (10^-6): the seller reports
     * 403.333334 - 40 = 363.333334.
     */
    @Test
    void handWorkedExample() {
        long report = BestResponse.preference(40 * K, kwh(2), kwh(2), 40 * K, 1, MAX, PARAMS);
        assertEquals(363_333_334L, report);
        assertEquals(PARAMS.lowPrice(), MarketMath.price(80 * K, kwh(4), PARAMS));
        assertEquals(PARAMS.highPrice(), MarketMath.price(40 * K + report, kwh(4), PARAMS));
        // one unit less does not reach p_h: the report is the smallest best response
        assertEquals(PARAMS.highPrice() - 1, MarketMath.price(40 * K + report - 1, kwh(4), PARAMS));
    }

    @Test
    void aSellerWhoseTruthReachesTheTopReportsTheTruth() {
        // sum k = 1000 against sum d = 4 kWh: sqrt(120 * 250) = 173 > p_h already
        assertEquals(500 * K, BestResponse.preference(500 * K, kwh(2), kwh(2), 500 * K, 1, MAX, PARAMS));
    }

    @Test
    void theReportIsClampedIntoTheRangeTheProofAccepts() {
        // reaching p_h against sum d = 40 kWh needs sum k = 4033.33: more than the range allows
        assertEquals(MAX, BestResponse.preference(0, kwh(38), kwh(2), 40 * K, 1, MAX, PARAMS));
    }

    @Test
    void peersLikeItselfMeansNMinusOneCopies() {
        // 2 sellers like the hand-worked one: the same numbers as above
        assertEquals(363_333_334L, BestResponse.againstPeersLikeItself(2, kwh(2), 40 * K, 1, MAX, PARAMS));
        // alone: sum k >= 110^2 * 2 / 120 = 201.666667
        assertEquals(201_666_667L, BestResponse.againstPeersLikeItself(1, kwh(2), 40 * K, 1, MAX, PARAMS));
    }
}
