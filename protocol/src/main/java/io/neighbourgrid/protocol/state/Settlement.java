package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Clearing;
import java.util.List;
import java.util.Objects;

/**
 * The settlement of one window; stored once under {@code SETTLEMENT~t}. It fixes everything a home needs to settle
 * its own trade: a market member trades {@code MarketMath.marketVolume(type, role, |sn|, fillRatio)} at
 * {@code price} and the rest of {@code |sn|} with the grid; every other home trades {@code |sn|} with the grid at
 * {@code retailPrice} (buying) or {@code feedInPrice} (selling). Per-home amounts are not recorded: they would
 * reveal each home's net energy.
 *
 * @param window          the window
 * @param clearing        {@code GENERAL}, {@code EXTREME} or {@code GRID_ONLY}
 * @param price           the market price, price units; absent when grid only
 * @param fillRatio       rho in units of 2^-40; absent when grid only
 * @param sellers         the sellers trading in the market, sorted
 * @param buyers          the buyers trading in the market, sorted
 * @param gridOnlySellers declared sellers trading only with the grid, sorted
 * @param gridOnlyBuyers  declared buyers trading only with the grid, sorted
 * @param offMarket       homes off market (declared off, or undeclared when the roles closed), sorted
 * @param retailPrice     {@code ps} of the window, price units
 * @param feedInPrice     {@code pb} of the window, price units
 * @param settledAt       the settlement transaction's timestamp (ISO-8601, UTC)
 * @param txId            the settlement transaction's id
 */
public record Settlement(long window, Clearing clearing, Long price, Long fillRatio, List<String> sellers, List<String> buyers, List<String> gridOnlySellers,
                         List<String> gridOnlyBuyers, List<String> offMarket, long retailPrice, long feedInPrice,
                         String settledAt, String txId) {
    public Settlement {
        Objects.requireNonNull(clearing, "clearing");
        sellers = List.copyOf(sellers);
        buyers = List.copyOf(buyers);
        gridOnlySellers = List.copyOf(gridOnlySellers);
        gridOnlyBuyers = List.copyOf(gridOnlyBuyers);
        offMarket = List.copyOf(offMarket);
    }
}
