package io.neighbourgrid.market;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The books of one window: every flow of energy and money between the homes, the market account and the grid, and
 * the check that they balance to the unit.
 *
 * <p>Three kinds of account take part. Each <em>home</em> settles as its {@link HomeSettlement} says: its market
 * energy at the market price, the rest of {@code |sn|} with the grid. The <em>market account</em> is the one pool the
 * market clears through (kept by the operator, who bills): buyers pay their market money into it, sellers are paid
 * theirs out of it. The <em>grid</em> sells to buyers at {@code ps} and buys from sellers at {@code pb}.
 *
 * <p><b>The residual.</b> The short side is credited with all of its energy {@code E_short}; the long side's
 * floor-rounded volumes add up to {@code E_short - residual}, {@code 0 <= residual <= n_long} units. The residual
 * is settled with the grid at the feed-in price by the market account, on the short side's behalf: in a general
 * market the sellers' residual is exported (the grid pays {@link #residualMoney()} to the market account), in an
 * extreme market the buyers' residual is imported (the market account pays it to the grid). No home's settlement,
 * record or bill carries it: a home cannot compute it (it depends on every long-side member's rounding), and it
 * becomes public with the window's market-balance check, which records it with its money.
 *
 * <p><b>The market account's net</b> ({@link #marketAccount()}): buyers' market money, less sellers' market money,
 * plus (general) or less (extreme) the residual's money. It is what the rounding leaves with the operator: the
 * margin between the market price and the feed-in price on the residual ({@code -residual (p - pb)} in a general
 * market, {@code +residual (p - pb)} in an extreme one), plus each home's rounding down of its market money to a money
 * unit. Homes, grid and market account together always net to zero.
 *
 * <p><b>Conservation</b> ({@link #check}, {@link #imbalances}), every figure exact:
 * <ul>
 *   <li>every home: market and grid energy add up to {@code |sn|}; its market money is {@code money(e, p)} and its
 *       grid money {@code money(|sn| - e, ps or pb)}; off the market its market energy is zero;</li>
 *   <li>energy: the short side's market energy is {@code E_short}; sold = bought + residual (general), bought =
 *       sold + residual (extreme); {@code 0 <= residual <= n_long}; grid export - grid import (the residual
 *       included on its side) = the sum of every home's {@code sn};</li>
 *   <li>money: market money received by sellers = market money paid by buyers + the residual at the market price
 *       (general; minus it in an extreme market) - the sellers' rounding + the buyers' rounding, in amount units
 *       (energy units times price units) so that nothing is rounded: {@code ENERGY (M_s - M_b) = +-residual p -
 *       r_s + r_b}, {@code r} the remainders {@code e p mod ENERGY} of the homes' money;</li>
 *   <li>homes, market account and grid net to zero.</li>
 * </ul>
 *
 * @param window             the window
 * @param clearing           how it was cleared
 * @param price              the market price, price units; zero in a grid-only window
 * @param feedInPrice        {@code pb}, price units
 * @param longMembers        members of the long side ({@code n_long}); zero in a grid-only window
 * @param shortTotal         {@code E_short}: {@code E_s} general, {@code E_b} extreme; zero in a grid-only window
 * @param soldEnergy         sum of the sellers' market energy, energy units
 * @param boughtEnergy       sum of the buyers' market energy, energy units
 * @param residual           short side's total minus the long side's market energy, energy units
 * @param residualMoney      {@code money(residual, pb)}, money units
 * @param sellersMarketMoney what sellers receive from the market account, money units
 * @param buyersMarketMoney  what buyers pay into the market account, money units
 * @param homesGridExport    energy the homes sell to the grid, energy units (without the residual)
 * @param homesGridImport    energy the homes buy from the grid, energy units (without the residual)
 * @param homesGridExportMoney what the grid pays the homes, money units
 * @param homesGridImportMoney what the homes pay the grid, money units
 * @param homesBalance       sum of the homes' signed balances, money units (received minus paid)
 * @param netEnergy          sum of every home's {@code sn}, energy units
 */
public record WindowBooks(long window, Clearing clearing, long price, long feedInPrice, int longMembers,
                          long shortTotal, long soldEnergy, long boughtEnergy, long residual, long residualMoney,
                          long sellersMarketMoney, long buyersMarketMoney, long homesGridExport,
                          long homesGridImport, long homesGridExportMoney, long homesGridImportMoney,
                          long homesBalance, long netEnergy) {

    /** Which way the residual goes between the market account and the grid. */
    public enum ResidualFlow {
        /** General market: the sellers' residual is exported, the grid pays the market account. */
        EXPORT,
        /** Extreme market: the buyers' residual is imported, the market account pays the grid. */
        IMPORT,
        /** Grid-only window: there is no market and no residual. */
        NONE
    }

    public WindowBooks {
        Objects.requireNonNull(clearing, "clearing");
    }

    /**
     * The books of a window's outcome.
     *
     * @param outcome the window's outcome (every home's settlement)
     * @param params  the market parameters in force for the window (the feed-in price)
     * @return the books; {@link #check} says whether they balance
     */
    public static WindowBooks of(WindowOutcome outcome, MarketParameters params) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(params, "params");
        long sold = 0;
        long bought = 0;
        long sellersMoney = 0;
        long buyersMoney = 0;
        long export = 0;
        long imported = 0;
        long exportMoney = 0;
        long importMoney = 0;
        long balance = 0;
        long net = 0;
        for (HomeSettlement h : outcome.homes()) {
            net = Math.addExact(net, h.netEnergy());
            balance = Math.addExact(balance, h.balance());
            if (h.role() == Role.SELLER) {
                sold = Math.addExact(sold, h.marketEnergy());
                sellersMoney = Math.addExact(sellersMoney, h.marketMoney());
                export = Math.addExact(export, h.gridEnergy());
                exportMoney = Math.addExact(exportMoney, h.gridMoney());
            } else if (h.role() == Role.BUYER) {
                bought = Math.addExact(bought, h.marketEnergy());
                buyersMoney = Math.addExact(buyersMoney, h.marketMoney());
                imported = Math.addExact(imported, h.gridEnergy());
                importMoney = Math.addExact(importMoney, h.gridMoney());
            }
        }
        Clearing clearing = outcome.clearing();
        int longMembers = switch (clearing) {
            case GENERAL -> outcome.buyers();
            case EXTREME -> outcome.sellers();
            case GRID_ONLY -> 0;
        };
        long shortTotal = switch (clearing) {
            case GENERAL -> outcome.supply();
            case EXTREME -> outcome.demand();
            case GRID_ONLY -> 0L;
        };
        return new WindowBooks(outcome.window(), clearing, outcome.price().orElse(0L), params.feedInPrice(),
                longMembers, shortTotal, sold, bought, outcome.residual(), outcome.residualMoney(params),
                sellersMoney, buyersMoney, export, imported, exportMoney, importMoney, balance, net);
    }

    /**
     * Checks that a window's books balance to the unit, and returns them.
     *
     * @param outcome the window's outcome
     * @param params  the market parameters in force for the window
     * @return the books
     * @throws IllegalStateException naming the window, what does not balance and by how much
     */
    public static WindowBooks check(WindowOutcome outcome, MarketParameters params) {
        List<String> problems = imbalances(outcome, params);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("window " + outcome.window() + " does not balance: "
                    + String.join("; ", problems));
        }
        return of(outcome, params);
    }

    /**
     * Everything in a window's books that does not balance, each naming the difference.
     *
     * @param outcome the window's outcome
     * @param params  the market parameters in force for the window
     * @return the problems, empty when the window balances
     */
    public static List<String> imbalances(WindowOutcome outcome, MarketParameters params) {
        WindowBooks b = of(outcome, params);
        List<String> out = new ArrayList<>();
        boolean market = b.clearing != Clearing.GRID_ONLY;
        BigInteger sellersRounding = BigInteger.ZERO;
        BigInteger buyersRounding = BigInteger.ZERO;
        BigInteger energyScale = BigInteger.valueOf(Scales.ENERGY);
        for (HomeSettlement h : outcome.homes()) {
            if (h.role() == Role.OFF) {
                continue;
            }
            if (!market && h.marketEnergy() != 0) {
                out.add("home " + h.homeId() + " trades " + h.marketEnergy() + " units in a window without a market");
            }
            long marketMoney = MarketMath.money(h.marketEnergy(), b.price);
            if (h.marketMoney() != marketMoney) {
                out.add("home " + h.homeId() + "'s market money " + h.marketMoney() + " differs from money("
                        + h.marketEnergy() + ", " + b.price + ") = " + marketMoney + " by "
                        + (h.marketMoney() - marketMoney));
            }
            long gridPrice = h.role() == Role.BUYER ? params.retailPrice() : params.feedInPrice();
            long gridMoney = MarketMath.money(h.gridEnergy(), gridPrice);
            if (h.gridMoney() != gridMoney) {
                out.add("home " + h.homeId() + "'s grid money " + h.gridMoney() + " differs from money("
                        + h.gridEnergy() + ", " + gridPrice + ") = " + gridMoney + " by "
                        + (h.gridMoney() - gridMoney));
            }
            BigInteger remainder = BigInteger.valueOf(h.marketEnergy()).multiply(BigInteger.valueOf(b.price))
                    .mod(energyScale);
            if (h.role() == Role.SELLER) {
                sellersRounding = sellersRounding.add(remainder);
            } else {
                buyersRounding = buyersRounding.add(remainder);
            }
        }
        if (market) {
            boolean general = b.clearing == Clearing.GENERAL;
            long shortSide = general ? b.soldEnergy : b.boughtEnergy;
            long longSide = general ? b.boughtEnergy : b.soldEnergy;
            if (shortSide != b.shortTotal) {
                out.add("the " + (general ? "sellers'" : "buyers'") + " market energy " + shortSide + " differs from "
                        + "E_short = " + b.shortTotal + " by " + (shortSide - b.shortTotal));
            }
            if (shortSide - longSide != b.residual) {
                out.add((general ? "sold " : "bought ") + shortSide + " differs from " + (general ? "bought " : "sold ")
                        + longSide + " + residual " + b.residual + " by " + (shortSide - longSide - b.residual));
            }
            if (b.residual < 0 || b.residual > b.longMembers) {
                out.add("residual " + b.residual + " is outside [0, " + b.longMembers + "] (one unit per long-side "
                        + "member)");
            }
            // ENERGY (M_s - M_b) = +-residual p - r_s + r_b, in amount units: nothing rounded.
            BigInteger lhs = energyScale.multiply(BigInteger.valueOf(b.sellersMarketMoney - b.buyersMarketMoney));
            BigInteger residualAtPrice = BigInteger.valueOf(b.residual).multiply(BigInteger.valueOf(b.price));
            BigInteger rhs = (general ? residualAtPrice : residualAtPrice.negate()).subtract(sellersRounding)
                    .add(buyersRounding);
            if (!lhs.equals(rhs)) {
                out.add("market money received by sellers " + b.sellersMarketMoney + " and paid by buyers "
                        + b.buyersMarketMoney + " differ by " + lhs.subtract(rhs) + " amount units (energy units "
                        + "times price units) from the residual at the market price and the rounding");
            }
        }
        long gridBalance = Math.subtractExact(b.gridExport(), b.gridImport());
        if (gridBalance != b.netEnergy) {
            out.add("grid export " + b.gridExport() + " - import " + b.gridImport() + " = " + gridBalance
                    + " differs from the homes' net energy " + b.netEnergy + " by " + (gridBalance - b.netEnergy));
        }
        long total = Math.addExact(Math.addExact(b.homesBalance, b.marketAccount()), b.gridAccount());
        if (total != 0) {
            out.add("homes " + b.homesBalance + ", market account " + b.marketAccount() + " and grid "
                    + b.gridAccount() + " do not net to zero: " + total);
        }
        return out;
    }

    /**
     * Which way the residual goes.
     *
     * @return export in a general market, import in an extreme one, none without a market
     */
    public ResidualFlow residualFlow() {
        return switch (clearing) {
            case GENERAL -> ResidualFlow.EXPORT;
            case EXTREME -> ResidualFlow.IMPORT;
            case GRID_ONLY -> ResidualFlow.NONE;
        };
    }

    /**
     * Energy sold to the grid: the homes' grid export, plus the residual in a general market.
     *
     * @return energy units
     */
    public long gridExport() {
        return residualFlow() == ResidualFlow.EXPORT ? Math.addExact(homesGridExport, residual) : homesGridExport;
    }

    /**
     * Energy bought from the grid: the homes' grid import, plus the residual in an extreme market.
     *
     * @return energy units
     */
    public long gridImport() {
        return residualFlow() == ResidualFlow.IMPORT ? Math.addExact(homesGridImport, residual) : homesGridImport;
    }

    /**
     * The residual's money from the market account's side: received from the grid (general) or paid to it
     * (extreme).
     *
     * @return money units, positive when received
     */
    public long residualMoneyToMarketAccount() {
        return switch (residualFlow()) {
            case EXPORT -> residualMoney;
            case IMPORT -> -residualMoney;
            case NONE -> 0L;
        };
    }

    /**
     * The market account's net for the window: buyers' market money, less sellers' market money, plus the
     * residual's money received from the grid (general) or less that paid to it (extreme). It is the margin
     * between the market and the feed-in price on the residual plus the homes' rounding of their market money,
     * and is booked to the operator.
     *
     * @return money units, positive when the market account keeps money
     */
    public long marketAccount() {
        return Math.addExact(Math.subtractExact(buyersMarketMoney, sellersMarketMoney), residualMoneyToMarketAccount());
    }

    /**
     * The grid's net for the window: what buyers pay it, less what it pays sellers, less the residual's money paid
     * to the market account (general) or plus that received from it (extreme).
     *
     * @return money units, positive when the grid receives money
     */
    public long gridAccount() {
        return Math.subtractExact(Math.subtractExact(homesGridImportMoney, homesGridExportMoney),
                residualMoneyToMarketAccount());
    }
}
