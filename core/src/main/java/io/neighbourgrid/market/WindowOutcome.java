package io.neighbourgrid.market;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plaintext outcome of one trading window: coalitions, market type, price, fill ratio and every home's
 * settlement.
 *
 * <p>The short side trades all of its net energy; the long side trades {@code floor(|sn| * rho / 2^40)} per home,
 * which falls short of the short side's total by the {@link #residual()}, {@code 0 <= residual <= n_long} energy
 * units. The residual is settled with the grid at the feed-in price by the market account on the short side's
 * behalf: in a general market the sellers' residual is exported, in an extreme market the buyers' residual is
 * imported. Its energy is counted in {@link #gridExport()} / {@link #gridImport()}, its money
 * ({@link #residualMoney}) is booked between the market account and the grid ({@link #books}); it is not attributed
 * to individual homes, whose settlements follow the rule every home applies locally (see
 * {@code docs/architecture.md}) and could not know it. {@link WindowBooks#check} checks that a window balances.
 *
 * @param window         the window index
 * @param clearing       general market, extreme market or grid only
 * @param price          the market price in price units; empty in a grid-only window
 * @param sellers        size of the seller coalition (homes taking part with {@code sn > 0})
 * @param buyers         size of the buyer coalition (homes taking part with {@code sn < 0})
 * @param supply         {@code E_s}, sum of the sellers' net energy (PEM Eq. 2), energy units
 * @param demand         {@code E_b}, sum of the buyers' absolute net energy (PEM Eq. 2), energy units
 * @param sumPreference  {@code sum k} over the seller coalition; zero in a grid-only window
 * @param sumPricingTerm {@code sum d} over the seller coalition; zero in a grid-only window
 * @param fillRatio      rho in units of {@code 2^-40}; zero in a grid-only window
 * @param residual       short side's total minus the long side's market volume, energy units
 * @param homes          every home's settlement, sorted by home id
 */
public record WindowOutcome(long window, Clearing clearing, OptionalLong price, int sellers, int buyers,
                            long supply, long demand, long sumPreference, long sumPricingTerm, long fillRatio,
                            long residual, List<HomeSettlement> homes) {

    /**
     * Validates and copies the outcome.
     *
     * @throws IllegalArgumentException if the price is present exactly when the window is grid only, or a count
     *                                  or amount is negative
     */
    public WindowOutcome {
        Objects.requireNonNull(clearing, "clearing");
        Objects.requireNonNull(price, "price");
        homes = List.copyOf(homes);
        if (price.isPresent() == (clearing == Clearing.GRID_ONLY)) {
            throw new IllegalArgumentException("a " + clearing + " window " + (price.isPresent() ? "has no" : "needs a")
                    + " market price");
        }
        if (window < 0 || sellers < 0 || buyers < 0 || supply < 0 || demand < 0 || residual < 0 || fillRatio < 0) {
            throw new IllegalArgumentException("window " + window + ": counts and amounts must be non-negative");
        }
    }

    /**
     * The market type, if the market ran.
     *
     * @return the type, or empty in a grid-only window
     */
    public Optional<MarketType> marketType() {
        return clearing.marketType();
    }

    /**
     * Energy that changed hands between homes: the long side's market volume, which is the short side's total less
     * the residual; zero in a grid-only window.
     *
     * @return energy units
     */
    public long marketEnergy() {
        if (clearing == Clearing.GRID_ONLY) {
            return 0L;
        }
        long shortTotal = clearing == Clearing.GENERAL ? supply : demand;
        return shortTotal - residual;
    }

    /**
     * Energy bought from the grid: the buyers' grid energy, plus the residual in an extreme market.
     *
     * @return energy units
     */
    public long gridImport() {
        long total = 0L;
        for (HomeSettlement s : homes) {
            total = Math.addExact(total, s.gridImport());
        }
        return clearing == Clearing.EXTREME ? Math.addExact(total, residual) : total;
    }

    /**
     * Energy sold to the grid: the sellers' grid energy, plus the residual in a general market.
     *
     * @return energy units
     */
    public long gridExport() {
        long total = 0L;
        for (HomeSettlement s : homes) {
            total = Math.addExact(total, s.gridExport());
        }
        return clearing == Clearing.GENERAL ? Math.addExact(total, residual) : total;
    }

    /**
     * Money of the residual's settlement with the grid at the feed-in price: paid by the grid to the market account
     * in a general market (the residual is exported), by the market account to the grid in an extreme market (it is
     * imported); see {@link WindowBooks}.
     *
     * @param params the market parameters
     * @return {@code money(residual, pb)} in money units
     */
    public long residualMoney(MarketParameters params) {
        return MarketMath.money(residual, params.feedInPrice());
    }

    /**
     * The window's books: every flow of energy and money between the homes, the market account and the grid,
     * with the residual and its money booked.
     *
     * @param params the market parameters in force for the window
     * @return the books (not checked; {@link WindowBooks#check} checks them)
     */
    public WindowBooks books(MarketParameters params) {
        return WindowBooks.of(this, params);
    }

    /**
     * Totals of the homes' settlements.
     *
     * @return the totals
     */
    public MarketTotals totals() {
        return MarketTotals.of(homes);
    }

    /**
     * The settlement of one home.
     *
     * @param homeId the home
     * @return its settlement
     * @throws IllegalArgumentException if the home is not part of this window
     */
    public HomeSettlement home(String homeId) {
        for (HomeSettlement s : homes) {
            if (s.homeId().equals(homeId)) {
                return s;
            }
        }
        throw new IllegalArgumentException("home " + homeId + " is not part of window " + window);
    }
}
