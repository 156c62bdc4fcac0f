package io.neighbourgrid.market.paper;

import java.util.OptionalLong;

/**
 * What the project computed for one home in one window: its market volume and, optionally, its money.
 *
 * @param marketEnergyUnits energy bought or sold in the market, energy units (10^-6 kWh)
 * @param marketMoneyUnits  money paid or received in the market, money units (10^-6 cent), if known
 * @param gridMoneyUnits    money paid to or received from the grid, money units, if known
 */
public record ObservedHome(long marketEnergyUnits, OptionalLong marketMoneyUnits, OptionalLong gridMoneyUnits) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if an optional is null
     */
    public ObservedHome {
        java.util.Objects.requireNonNull(marketMoneyUnits, "marketMoneyUnits");
        java.util.Objects.requireNonNull(gridMoneyUnits, "gridMoneyUnits");
    }

    /**
     * A home for which only the market volume is known.
     *
     * @param marketEnergyUnits the market volume, energy units
     * @return the observation
     */
    public static ObservedHome volume(long marketEnergyUnits) {
        return new ObservedHome(marketEnergyUnits, OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * A home with its market volume and money.
     *
     * @param marketEnergyUnits market volume, energy units
     * @param marketMoneyUnits  market money, money units
     * @param gridMoneyUnits    grid money, money units
     * @return the observation
     */
    public static ObservedHome of(long marketEnergyUnits, long marketMoneyUnits, long gridMoneyUnits) {
        return new ObservedHome(marketEnergyUnits, OptionalLong.of(marketMoneyUnits), OptionalLong.of(gridMoneyUnits));
    }

    /**
     * A copy with another market volume (money kept).
     *
     * @param units the market volume, energy units
     * @return the copy
     */
    public ObservedHome withMarketEnergy(long units) {
        return new ObservedHome(units, marketMoneyUnits, gridMoneyUnits);
    }
}
