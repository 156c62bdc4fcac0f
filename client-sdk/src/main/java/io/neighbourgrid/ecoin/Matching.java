package io.neighbourgrid.ecoin;

import io.neighbourgrid.protocol.ecoin.EnergyRequest;
import io.neighbourgrid.protocol.ecoin.Offer;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Party;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The substation's pairing rule (Sections 5.4.2-5.4.3), a pure function of the open market: requests in posting
 * order take the oldest meter offers; requests left over get a grid offer (energy from the main grid); meter offers
 * left over beyond the export threshold get a grid request (energy to the main grid).
 */
public final class Matching {
    private Matching() {
    }

    /** A request paired with a meter's offer. */
    public record Match(String requestId, String offerId) {
    }

    /**
     * What to do with the open market.
     *
     * @param local           request-offer pairs within the microgrid
     * @param needGridOffer   requests the grid must supply
     * @param needGridRequest meter offers the grid must take
     */
    public record Plan(List<Match> local, List<String> needGridOffer, List<String> needGridRequest) {
    }

    /** The plan for a view of the open market. */
    public static Plan plan(OpenMarket view, int exportThreshold) {
        List<Offer> offers = new ArrayList<>(view.offers().stream().filter(o -> o.source() == Party.METER).toList());
        offers.sort(Comparator.comparing(Offer::postedAt).thenComparing(Offer::offerId));
        List<EnergyRequest> requests = new ArrayList<>(view.requests().stream()
                .filter(r -> r.source() == Party.METER).toList());
        requests.sort(Comparator.comparing(EnergyRequest::postedAt).thenComparing(EnergyRequest::requestId));
        List<Match> local = new ArrayList<>();
        List<String> fromGrid = new ArrayList<>();
        int next = 0;
        for (EnergyRequest r : requests) {
            if (next < offers.size()) {
                local.add(new Match(r.requestId(), offers.get(next++).offerId()));
            } else {
                fromGrid.add(r.requestId());
            }
        }
        List<String> toGrid = new ArrayList<>();
        for (int i = next; i < offers.size() - Math.max(0, exportThreshold); i++) {
            toGrid.add(offers.get(i).offerId());
        }
        return new Plan(local, fromGrid, toGrid);
    }
}
