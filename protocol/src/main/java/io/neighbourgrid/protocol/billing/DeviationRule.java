package io.neighbourgrid.protocol.billing;

/**
 * How a window's deviation between metered and committed energy is settled (PA-Bill's cost split, Erdayandi,
 * Cordeiro and Mustafa, SEST 2023, as applied here): the home trades its committed market volume {@code e_t} at
 * the window's market price whatever it delivers, and every deviation {@code n_t - e_t} between its metered net
 * export {@code n_t = X_t - I_t} and that commitment is exchanged with the grid by that home alone, an excess
 * export at the feed-in price {@code pb}, a shortfall or excess consumption at the retail price {@code ps}. Homes
 * that delivered what they committed are unaffected by others' deviations.
 *
 * <p>The split into the two non-negative values keeps the bill linear in the ciphertexts:
 * {@code e_t + g+ - g- = n_t} and at most one of them is non-zero.
 */
public final class DeviationRule {
    private DeviationRule() {
    }

    /**
     * Splits a window's deviation into grid export and grid import.
     *
     * @param committed  {@code e_t}: positive sold, negative bought, zero when not in the market
     * @param meteredNet {@code n_t = X_t - I_t}, the metered net export
     * @return the home's record {@code (e_t, g+, g-)} with {@code g+ = max(n - e, 0)} and {@code g- = max(e - n, 0)}
     * @throws ArithmeticException if the difference overflows a {@code long}
     */
    public static OwnRecord split(long committed, long meteredNet) {
        long deviation = Math.subtractExact(meteredNet, committed);
        return new OwnRecord(committed, Math.max(deviation, 0L), Math.max(-deviation, 0L));
    }
}
