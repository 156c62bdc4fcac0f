package io.neighbourgrid.market;

import java.util.Objects;

/**
 * How one home settled one window: what it traded in the market and with the grid, what that cost or earned, and
 * what the same net energy would have cost or earned with the grid alone (buy at {@code ps}, sell at {@code pb}).
 *
 * <p>Energy and money amounts are non-negative magnitudes; their direction follows from the role (a buyer pays, a
 * seller receives). {@link #balance()} and {@link #gridOnlyBalance()} give the signed view.
 *
 * <p>A member of the short side trades all of {@code |sn|} in the market; the rounding residual by which the long
 * side's volumes fall short of it is not part of any home's settlement (no home could compute it): it is booked
 * between the market account and the grid ({@link WindowBooks}).
 *
 * @param homeId        the home
 * @param role          its role, from the sign of {@code netEnergy}
 * @param netEnergy     {@code sn}, energy units (signed)
 * @param marketEnergy  energy bought or sold in the market, energy units, in {@code [0, |sn|]}
 * @param gridEnergy    energy bought from or sold to the grid, {@code |sn| - marketEnergy}
 * @param marketMoney   money paid (buyer) or received (seller) in the market, money units
 * @param gridMoney     money paid to (buyer) or received from (seller) the grid, money units
 * @param gridOnlyMoney money the home would have paid or received trading {@code |sn|} with the grid alone
 */
public record HomeSettlement(String homeId, Role role, long netEnergy, long marketEnergy, long gridEnergy,
                             long marketMoney, long gridMoney, long gridOnlyMoney) {

    /**
     * Validates the settlement.
     *
     * @throws IllegalArgumentException if the role disagrees with the net energy, an amount is negative or the
     *                                  market and grid energy do not add up to {@code |sn|}
     */
    public HomeSettlement {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(role, "role");
        if (MarketMath.role(netEnergy) != role) {
            throw new IllegalArgumentException("home " + homeId + " with net energy " + netEnergy
                    + " cannot have role " + role);
        }
        if (marketEnergy < 0 || gridEnergy < 0 || marketMoney < 0 || gridMoney < 0 || gridOnlyMoney < 0) {
            throw new IllegalArgumentException("settlement amounts of home " + homeId + " must be non-negative");
        }
        if (Math.addExact(marketEnergy, gridEnergy) != Math.absExact(netEnergy)) {
            throw new IllegalArgumentException("market energy " + marketEnergy + " and grid energy " + gridEnergy
                    + " of home " + homeId + " do not add up to |net energy| " + Math.absExact(netEnergy));
        }
    }

    /**
     * Settlement of a home that trades only with the grid in this window (grid-only window, off market, or dropped
     * from its coalition).
     *
     * @param homeId    the home
     * @param netEnergy {@code sn}, energy units
     * @param params    the market parameters (grid prices)
     * @return the settlement
     */
    public static HomeSettlement gridOnly(String homeId, long netEnergy, MarketParameters params) {
        Role role = MarketMath.role(netEnergy);
        long gridMoney = MarketMath.money(Math.absExact(netEnergy), gridPrice(role, params));
        return new HomeSettlement(homeId, role, netEnergy, 0L, Math.absExact(netEnergy), 0L, gridMoney, gridMoney);
    }

    /**
     * Settlement of a coalition member: {@code marketEnergy} at the market price, the rest of {@code |sn|} with the
     * grid at {@code ps} (buyer) or {@code pb} (seller) (PEM Eq. 5 for buyers; the seller's sale to the grid of
     * Section III-C).
     *
     * @param homeId       the home
     * @param netEnergy    {@code sn}, energy units, not zero
     * @param marketEnergy what it trades in the market, in {@code [0, |sn|]}
     * @param price        the window's market price, in {@code [p_l, p_h]}
     * @param params       the market parameters
     * @return the settlement
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static HomeSettlement inMarket(String homeId, long netEnergy, long marketEnergy, long price,
                                          MarketParameters params) {
        Role role = MarketMath.role(netEnergy);
        if (role == Role.OFF) {
            throw new IllegalArgumentException("home " + homeId + " is off market and cannot trade in it");
        }
        long amount = Math.absExact(netEnergy);
        if (marketEnergy < 0 || marketEnergy > amount) {
            throw new IllegalArgumentException("market energy " + marketEnergy + " of home " + homeId
                    + " is outside [0, " + amount + "]");
        }
        if (price < params.lowPrice() || price > params.highPrice()) {
            throw new IllegalArgumentException("market price " + price + " is outside [" + params.lowPrice() + ", "
                    + params.highPrice() + "]");
        }
        long gridEnergy = amount - marketEnergy;
        long gridPrice = gridPrice(role, params);
        return new HomeSettlement(homeId, role, netEnergy, marketEnergy, gridEnergy,
                MarketMath.money(marketEnergy, price), MarketMath.money(gridEnergy, gridPrice),
                MarketMath.money(amount, gridPrice));
    }

    /**
     * Signed money of the window: positive when the home received money, negative when it paid.
     *
     * @return {@code marketMoney + gridMoney} for a seller, its negation for a buyer, zero off market
     */
    public long balance() {
        return signed(Math.addExact(marketMoney, gridMoney));
    }

    /**
     * Signed money the home would have had with the grid alone.
     *
     * @return {@code gridOnlyMoney} for a seller, its negation for a buyer, zero off market
     */
    public long gridOnlyBalance() {
        return signed(gridOnlyMoney);
    }

    /**
     * What the market saved or earned the home compared with the grid alone; non-negative when trading was
     * individually rational (PEM Section V).
     *
     * @return {@code balance() - gridOnlyBalance()} in money units
     */
    public long savings() {
        return Math.subtractExact(balance(), gridOnlyBalance());
    }

    /**
     * Energy this home bought from the grid.
     *
     * @return {@code gridEnergy} for a buyer, else zero
     */
    public long gridImport() {
        return role == Role.BUYER ? gridEnergy : 0L;
    }

    /**
     * Energy this home sold to the grid.
     *
     * @return {@code gridEnergy} for a seller, else zero
     */
    public long gridExport() {
        return role == Role.SELLER ? gridEnergy : 0L;
    }

    private long signed(long magnitude) {
        switch (role) {
            case SELLER:
                return magnitude;
            case BUYER:
                return Math.negateExact(magnitude);
            default:
                return 0L;
        }
    }

    private static long gridPrice(Role role, MarketParameters params) {
        return role == Role.BUYER ? params.retailPrice() : params.feedInPrice();
    }
}
