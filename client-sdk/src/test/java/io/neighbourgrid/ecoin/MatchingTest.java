package io.neighbourgrid.ecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.protocol.ecoin.EnergyRequest;
import io.neighbourgrid.protocol.ecoin.Offer;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Party;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {
    private static Offer offer(String id, String at) {
        return new Offer(id, Party.METER, "pk", "ck", at, "2026-06-01T01:00:00Z", false);
    }

    private static EnergyRequest request(String id, String at) {
        return new EnergyRequest(id, Party.METER, at, false);
    }

    @Test
    void requestsTakeTheOldestOffersAndTheGridCoversTheRest() {
        OpenMarket view = new OpenMarket(List.of(offer("o2", "2026-06-01T00:00:02Z"),
                offer("o1", "2026-06-01T00:00:01Z")), List.of(request("r2", "2026-06-01T00:00:04Z"),
                request("r1", "2026-06-01T00:00:03Z"), request("r3", "2026-06-01T00:00:05Z")), List.of());
        Matching.Plan plan = Matching.plan(view, 0);
        assertEquals(List.of(new Matching.Match("r1", "o1"), new Matching.Match("r2", "o2")), plan.local());
        assertEquals(List.of("r3"), plan.needGridOffer());
        assertEquals(List.of(), plan.needGridRequest());
    }

    @Test
    void offersBeyondTheThresholdAreBoughtForTheGrid() {
        OpenMarket view = new OpenMarket(List.of(offer("o1", "2026-06-01T00:00:01Z"),
                offer("o2", "2026-06-01T00:00:02Z"), offer("o3", "2026-06-01T00:00:03Z"),
                new Offer("g1", Party.GRID, "pk", "ck", "2026-06-01T00:00:00Z", "2026-06-01T01:00:00Z", false)),
                List.of(request("r1", "2026-06-01T00:00:04Z")), List.of());
        assertEquals(List.of("o2", "o3"), Matching.plan(view, 0).needGridRequest());
        assertEquals(List.of("o2"), Matching.plan(view, 1).needGridRequest());
        assertEquals(List.of(), Matching.plan(view, 5).needGridRequest());
    }
}
