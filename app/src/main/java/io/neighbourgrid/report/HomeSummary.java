package io.neighbourgrid.report;

import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.Role;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One home over a whole run, summed from its settlements in the private run. Energy in energy units, money in
 * money units (see {@link io.neighbourgrid.market.Scales}).
 *
 * @param homeId          the home
 * @param windowsAsSeller windows in which it had a surplus
 * @param windowsAsBuyer  windows in which it had a deficit
 * @param windowsOff      windows in which it was balanced
 * @param marketEnergy    energy it traded in the market
 * @param gridEnergy      energy it traded with the grid
 * @param balance         signed money: received minus paid
 * @param gridOnlyBalance signed money it would have had trading only with the grid
 */
public record HomeSummary(String homeId, int windowsAsSeller, int windowsAsBuyer, int windowsOff,
                          long marketEnergy, long gridEnergy, long balance, long gridOnlyBalance) {

    /**
     * Validates the summary.
     *
     * @throws IllegalArgumentException if a count or energy is negative
     */
    public HomeSummary {
        Objects.requireNonNull(homeId, "homeId");
        if (windowsAsSeller < 0 || windowsAsBuyer < 0 || windowsOff < 0 || marketEnergy < 0 || gridEnergy < 0) {
            throw new IllegalArgumentException("counts and energies of home " + homeId + " must be non-negative");
        }
    }

    /**
     * A home that has not traded yet.
     *
     * @param homeId the home
     * @return the empty summary
     */
    public static HomeSummary empty(String homeId) {
        return new HomeSummary(homeId, 0, 0, 0, 0L, 0L, 0L, 0L);
    }

    /**
     * This summary with one more window.
     *
     * @param s the home's settlement of that window
     * @return the new summary
     * @throws IllegalArgumentException if the settlement is another home's
     */
    public HomeSummary plus(HomeSettlement s) {
        if (!s.homeId().equals(homeId)) {
            throw new IllegalArgumentException("settlement of " + s.homeId() + " added to home " + homeId);
        }
        return new HomeSummary(homeId,
                windowsAsSeller + (s.role() == Role.SELLER ? 1 : 0),
                windowsAsBuyer + (s.role() == Role.BUYER ? 1 : 0),
                windowsOff + (s.role() == Role.OFF ? 1 : 0),
                Math.addExact(marketEnergy, s.marketEnergy()), Math.addExact(gridEnergy, s.gridEnergy()),
                Math.addExact(balance, s.balance()), Math.addExact(gridOnlyBalance, s.gridOnlyBalance()));
    }

    /**
     * What the market saved or earned the home over the run.
     *
     * @return {@code balance - gridOnlyBalance}, money units
     */
    public long savings() {
        return Math.subtractExact(balance, gridOnlyBalance);
    }

    /**
     * Savings relative to the size of the grid-only balance.
     *
     * @return {@code 100 * savings / |gridOnlyBalance|}, or empty when the home had nothing to trade
     */
    public OptionalDouble savingsPct() {
        return gridOnlyBalance == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * savings() / Math.abs((double) gridOnlyBalance));
    }
}
