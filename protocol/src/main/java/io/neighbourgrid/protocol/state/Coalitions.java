package io.neighbourgrid.protocol.state;

import java.util.List;
import java.util.Objects;

/**
 * The coalitions fixed when a window's roles close.
 *
 * @param sellers               the declared sellers, sorted
 * @param buyers                the declared buyers, sorted
 * @param offMarket             homes that declared off market or had not declared when the roles closed, sorted
 * @param selection             the selected homes r2 and r1; absent when the window went grid only at this point
 * @param closedAt              the closing transaction's timestamp (ISO-8601, UTC)
 * @param contributionsDeadline when the contribution phase ends; absent when the window went grid only
 */
public record Coalitions(List<String> sellers, List<String> buyers, List<String> offMarket, SelectedHomes selection,
                         String closedAt, String contributionsDeadline) {
    public Coalitions {
        sellers = List.copyOf(sellers);
        buyers = List.copyOf(buyers);
        offMarket = List.copyOf(offMarket);
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
