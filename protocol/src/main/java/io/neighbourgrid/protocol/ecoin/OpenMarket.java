package io.neighbourgrid.protocol.ecoin;

import java.util.List;

/**
 * What {@code listOpen} returns: the state the substation pairs from and the meters follow.
 *
 * @param offers   offers not yet paired, in id order (expired ones included until paired or superseded)
 * @param requests requests not yet paired, in id order
 * @param pairings pairings not yet closed, in request-id order
 */
public record OpenMarket(List<Offer> offers, List<EnergyRequest> requests, List<Pairing> pairings) {
    public OpenMarket {
        offers = List.copyOf(offers);
        requests = List.copyOf(requests);
        pairings = List.copyOf(pairings);
    }
}
