package io.neighbourgrid.market.paper;

import java.util.Objects;

/**
 * One home's exact share of one window (PEM Section III-D, Protocol 4), with the fixed-point amounts the project's
 * documented rounding rules give for it.
 *
 * <p>Energy is in kWh, money in cents, both exact. A home that is off market, excluded from the coalitions or in a
 * grid-only window trades {@code |sn|} with the grid.
 *
 * @param homeId                      the home
 * @param role                        its role from the sign of {@code sn} (Eq. 1)
 * @param inMarket                    whether it is a member of a coalition of a window that ran the market
 * @param netEnergy                   {@code sn = g - l - b}, kWh (Eq. 1)
 * @param marketEnergy                energy traded in the market: {@code |sn|} on the short side,
 *                                    {@code |sn| * E_short / E_long} on the long side (Protocol 4 lines 10, 16)
 * @param gridEnergy                  {@code |sn| - marketEnergy}, traded with the grid
 * @param marketMoney                 {@code marketEnergy * p}, cents, exact (the price may be irrational)
 * @param gridMoney                   {@code gridEnergy * ps} (buyer) or {@code * pb} (seller), cents
 * @param gridOnlyMoney               {@code |sn| * ps} or {@code |sn| * pb}: the grid alone, cents
 * @param documentedMarketEnergyUnits the documented fixed-point market volume: {@code |sn|} on the short side,
 *                                    {@code floor(|sn| * rho / 2^40)} on the long side, energy units
 * @param documentedMarketMoneyUnits  {@code floor(volume * price / 10^6)} with the documented volume and price
 * @param documentedGridMoneyUnits    {@code floor((|sn| - volume) * gridPrice / 10^6)}, money units
 */
public record PaperHomeResult(String homeId, PaperRole role, boolean inMarket, Rational netEnergy,
                              Rational marketEnergy, Rational gridEnergy, SqrtRational marketMoney,
                              Rational gridMoney, Rational gridOnlyMoney, long documentedMarketEnergyUnits,
                              long documentedMarketMoneyUnits, long documentedGridMoneyUnits) {

    /** Checks the fields are present. */
    public PaperHomeResult {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(netEnergy, "netEnergy");
        Objects.requireNonNull(marketEnergy, "marketEnergy");
        Objects.requireNonNull(gridEnergy, "gridEnergy");
        Objects.requireNonNull(marketMoney, "marketMoney");
        Objects.requireNonNull(gridMoney, "gridMoney");
        Objects.requireNonNull(gridOnlyMoney, "gridOnlyMoney");
    }

    /**
     * {@code |sn|} in energy units (exact: net energy is a difference of inputs on the energy grid).
     *
     * @return {@code |sn|} in energy units
     */
    public long absNetEnergyUnits() {
        return FixedPoint.floorEnergyUnits(netEnergy.abs()).longValueExact();
    }
}
