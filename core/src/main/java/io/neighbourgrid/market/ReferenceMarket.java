package io.neighbourgrid.market;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The market computed in the clear from every home's private inputs: what the private protocol must reproduce.
 *
 * <p>One call clears one window as PEM Protocol 1 does, without cryptography: coalitions from the sign of the net
 * energy (Eq. 1, 2), market type from {@code E_s < E_b} (Section III-D), price from Eq. 13 and 14 in a general
 * market or {@code p_l} in an extreme market (Section III-C), and the proportional allocation of Section III-D
 * through the fill ratio. The arithmetic is exactly that of {@link MarketMath}, so a correct private run agrees with
 * this class to the unit.
 *
 * <p>Every outcome it returns balances ({@link WindowBooks#check}): each home's money follows its energy, the short
 * side's energy is the long side's plus the residual, the residual and its money are booked between the market
 * account and the grid, grid export less import is the homes' net energy, and homes, market account and grid net
 * to zero. A window that does not balance is an {@link IllegalStateException} naming the window and the
 * difference.
 */
public final class ReferenceMarket {

    private final MarketParameters params;

    /**
     * A reference market with the given parameters.
     *
     * @param params the market parameters
     */
    public ReferenceMarket(MarketParameters params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * The parameters of this market.
     *
     * @return the parameters
     */
    public MarketParameters parameters() {
        return params;
    }

    /**
     * Clears one window with every home taking part.
     *
     * @param window the window index, non-negative
     * @param homes  the homes' inputs, with distinct ids
     * @return the outcome
     * @throws IllegalArgumentException if ids repeat or the window index is negative
     */
    public WindowOutcome clear(long window, Collection<HomeInput> homes) {
        return clear(window, homes, Set.of());
    }

    /**
     * Clears one window in which some homes trade only with the grid (for example members dropped because they did
     * not contribute in time); the others form the coalitions.
     *
     * @param window        the window index, non-negative
     * @param homes         the homes' inputs, with distinct ids
     * @param gridOnlyHomes ids of homes kept out of the coalitions
     * @return the outcome; grid only if either coalition is below the minimum size
     * @throws IllegalArgumentException if ids repeat or the window index is negative
     */
    public WindowOutcome clear(long window, Collection<HomeInput> homes, Set<String> gridOnlyHomes) {
        Objects.requireNonNull(gridOnlyHomes, "gridOnlyHomes");
        List<HomeInput> sorted = sortedDistinct(window, homes);
        List<HomeInput> sellers = new ArrayList<>();
        List<HomeInput> buyers = new ArrayList<>();
        long supply = 0L;
        long demand = 0L;
        for (HomeInput home : sorted) {
            if (gridOnlyHomes.contains(home.homeId())) {
                continue;
            }
            long net = home.netEnergy();
            if (net > 0) {
                sellers.add(home);
                supply = Math.addExact(supply, net);
            } else if (net < 0) {
                buyers.add(home);
                demand = Math.addExact(demand, Math.negateExact(net));
            }
        }
        if (sellers.size() < params.minimumCoalitionSize() || buyers.size() < params.minimumCoalitionSize()) {
            return gridOnlyOutcome(window, sorted, sellers.size(), buyers.size(), supply, demand);
        }

        long sumPreference = 0L;
        long sumPricingTerm = 0L;
        for (HomeInput seller : sellers) {
            sumPreference = Math.addExact(sumPreference, seller.preference());
            sumPricingTerm = Math.addExact(sumPricingTerm, seller.pricingTerm());
        }
        MarketType type = MarketMath.marketType(supply, demand);
        long price = MarketMath.clearingPrice(type, sumPreference, sumPricingTerm, params);
        long ratio = MarketMath.fillRatio(type, supply, demand);

        Set<String> members = new HashSet<>();
        sellers.forEach(h -> members.add(h.homeId()));
        buyers.forEach(h -> members.add(h.homeId()));
        List<HomeSettlement> settlements = new ArrayList<>(sorted.size());
        long longSideVolume = 0L;
        for (HomeInput home : sorted) {
            long net = home.netEnergy();
            if (!members.contains(home.homeId())) {
                settlements.add(HomeSettlement.gridOnly(home.homeId(), net, params));
                continue;
            }
            Role role = MarketMath.role(net);
            long volume = MarketMath.marketVolume(type, role, Math.absExact(net), ratio);
            if (role == type.longSide()) {
                longSideVolume = Math.addExact(longSideVolume, volume);
            }
            settlements.add(HomeSettlement.inMarket(home.homeId(), net, volume, price, params));
        }
        long shortTotal = type == MarketType.GENERAL ? supply : demand;
        long residual = Math.subtractExact(shortTotal, longSideVolume);
        return balanced(new WindowOutcome(window, Clearing.of(type), OptionalLong.of(price), sellers.size(),
                buyers.size(), supply, demand, sumPreference, sumPricingTerm, ratio, residual, settlements));
    }

    /**
     * Settles one window entirely with the grid (for example a window that expired): every home buys at
     * {@code ps} or sells at {@code pb}.
     *
     * @param window the window index, non-negative
     * @param homes  the homes' inputs, with distinct ids
     * @return the grid-only outcome
     * @throws IllegalArgumentException if ids repeat or the window index is negative
     */
    public WindowOutcome gridOnly(long window, Collection<HomeInput> homes) {
        List<HomeInput> sorted = sortedDistinct(window, homes);
        int sellers = 0;
        int buyers = 0;
        long supply = 0L;
        long demand = 0L;
        for (HomeInput home : sorted) {
            long net = home.netEnergy();
            if (net > 0) {
                sellers++;
                supply = Math.addExact(supply, net);
            } else if (net < 0) {
                buyers++;
                demand = Math.addExact(demand, Math.negateExact(net));
            }
        }
        return gridOnlyOutcome(window, sorted, sellers, buyers, supply, demand);
    }

    private WindowOutcome gridOnlyOutcome(long window, List<HomeInput> sorted, int sellers, int buyers,
                                          long supply, long demand) {
        List<HomeSettlement> settlements = new ArrayList<>(sorted.size());
        for (HomeInput home : sorted) {
            settlements.add(HomeSettlement.gridOnly(home.homeId(), home.netEnergy(), params));
        }
        return balanced(new WindowOutcome(window, Clearing.GRID_ONLY, OptionalLong.empty(), sellers, buyers, supply,
                demand, 0L, 0L, 0L, 0L, settlements));
    }

    /** The outcome, once its books balance ({@link WindowBooks#check}). */
    private WindowOutcome balanced(WindowOutcome outcome) {
        WindowBooks.check(outcome, params);
        return outcome;
    }

    private static List<HomeInput> sortedDistinct(long window, Collection<HomeInput> homes) {
        Objects.requireNonNull(homes, "homes");
        if (window < 0) {
            throw new IllegalArgumentException("window index must be non-negative, got " + window);
        }
        List<HomeInput> sorted = new ArrayList<>(homes);
        sorted.forEach(h -> Objects.requireNonNull(h, "home input"));
        sorted.sort(Comparator.comparing(HomeInput::homeId));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).homeId().equals(sorted.get(i - 1).homeId())) {
                throw new IllegalArgumentException("home " + sorted.get(i).homeId() + " appears twice in window "
                        + window);
            }
        }
        return sorted;
    }
}
