package io.neighbourgrid.market;

import java.util.Objects;

/**
 * Energy and money totals over a set of home settlements (one window, or many), split by side. All amounts are
 * non-negative magnitudes in energy or money units.
 *
 * @param buyerEnergy            sum of {@code |sn|} over buyers
 * @param buyerMarketEnergy      energy buyers bought in the market
 * @param buyerGridEnergy        energy buyers bought from the grid
 * @param buyerCost              what buyers paid (market and grid)
 * @param buyerGridOnlyCost      what buyers would have paid the grid alone
 * @param sellerEnergy           sum of {@code sn} over sellers
 * @param sellerMarketEnergy     energy sellers sold in the market
 * @param sellerGridEnergy       energy sellers sold to the grid
 * @param sellerRevenue          what sellers received (market and grid)
 * @param sellerGridOnlyRevenue  what sellers would have received from the grid alone
 */
public record MarketTotals(long buyerEnergy, long buyerMarketEnergy, long buyerGridEnergy, long buyerCost,
                           long buyerGridOnlyCost, long sellerEnergy, long sellerMarketEnergy,
                           long sellerGridEnergy, long sellerRevenue, long sellerGridOnlyRevenue) {

    /** Totals of nothing. */
    public static final MarketTotals ZERO = new MarketTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Totals of the given settlements.
     *
     * @param settlements the settlements
     * @return their totals
     * @throws ArithmeticException if a total overflows
     */
    public static MarketTotals of(Iterable<HomeSettlement> settlements) {
        MarketTotals totals = ZERO;
        for (HomeSettlement s : settlements) {
            totals = totals.plus(s);
        }
        return totals;
    }

    /**
     * These totals with one more settlement.
     *
     * @param s the settlement
     * @return the new totals
     * @throws ArithmeticException if a total overflows
     */
    public MarketTotals plus(HomeSettlement s) {
        Objects.requireNonNull(s, "settlement");
        long money = Math.addExact(s.marketMoney(), s.gridMoney());
        long amount = Math.absExact(s.netEnergy());
        switch (s.role()) {
            case BUYER:
                return new MarketTotals(Math.addExact(buyerEnergy, amount),
                        Math.addExact(buyerMarketEnergy, s.marketEnergy()),
                        Math.addExact(buyerGridEnergy, s.gridEnergy()), Math.addExact(buyerCost, money),
                        Math.addExact(buyerGridOnlyCost, s.gridOnlyMoney()), sellerEnergy, sellerMarketEnergy,
                        sellerGridEnergy, sellerRevenue, sellerGridOnlyRevenue);
            case SELLER:
                return new MarketTotals(buyerEnergy, buyerMarketEnergy, buyerGridEnergy, buyerCost,
                        buyerGridOnlyCost, Math.addExact(sellerEnergy, amount),
                        Math.addExact(sellerMarketEnergy, s.marketEnergy()),
                        Math.addExact(sellerGridEnergy, s.gridEnergy()), Math.addExact(sellerRevenue, money),
                        Math.addExact(sellerGridOnlyRevenue, s.gridOnlyMoney()));
            default:
                return this;
        }
    }

    /**
     * The sum of two sets of totals.
     *
     * @param other the other totals
     * @return the sum
     * @throws ArithmeticException if a total overflows
     */
    public MarketTotals plus(MarketTotals other) {
        return new MarketTotals(Math.addExact(buyerEnergy, other.buyerEnergy),
                Math.addExact(buyerMarketEnergy, other.buyerMarketEnergy),
                Math.addExact(buyerGridEnergy, other.buyerGridEnergy), Math.addExact(buyerCost, other.buyerCost),
                Math.addExact(buyerGridOnlyCost, other.buyerGridOnlyCost),
                Math.addExact(sellerEnergy, other.sellerEnergy),
                Math.addExact(sellerMarketEnergy, other.sellerMarketEnergy),
                Math.addExact(sellerGridEnergy, other.sellerGridEnergy),
                Math.addExact(sellerRevenue, other.sellerRevenue),
                Math.addExact(sellerGridOnlyRevenue, other.sellerGridOnlyRevenue));
    }
}
