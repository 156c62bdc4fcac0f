package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.PackedTotals;
import java.util.List;
import java.util.Objects;

/**
 * How a window ended: the market's result computed by chaincode from the verified totals, or the reason it ended
 * with the grid only.
 *
 * @param clearing       {@code GENERAL}, {@code EXTREME} or {@code GRID_ONLY}
 * @param price          the market price in price units (PEM Eq. 13 and 14 in a general market, {@code p_l} in an
 *                       extreme market); absent when grid only
 * @param fillRatio      rho, the long side's fill ratio in units of 2^-40; absent when grid only
 * @param supply         {@code E_s}, energy units; present whenever the totals were decrypted and unpacked
 * @param demand         {@code E_b}, energy units; present with {@code supply}
 * @param preferenceSum  {@code sum k}, preference units; present with {@code supply}
 * @param pricingTermSum {@code sum d}, energy units; present with {@code supply}
 * @param reason         why the window is grid only; absent when the market ran
 * @param detail         a sentence naming the cause (for example the silent home)
 * @param silentHomes    the selected homes whose silence ended the window (and who are suspended), sorted; empty
 *                       otherwise
 * @param decidedAt      the timestamp of the transaction that decided the outcome (ISO-8601, UTC)
 * @param txId           that transaction's id
 */
public record Outcome(Clearing clearing, Long price, Long fillRatio, Long supply, Long demand, Long preferenceSum,
                      Long pricingTermSum, GridOnlyReason reason, String detail, List<String> silentHomes,
                      String decidedAt, String txId) {
    public Outcome {
        Objects.requireNonNull(clearing, "clearing");
        silentHomes = silentHomes == null ? List.of() : List.copyOf(silentHomes);
        boolean gridOnly = clearing == Clearing.GRID_ONLY;
        if (gridOnly != (reason != null) || gridOnly == (price != null) || gridOnly == (fillRatio != null)) {
            throw new IllegalArgumentException("a market outcome has a price and fill ratio and no reason; "
                    + "a grid-only outcome has a reason and neither");
        }
        boolean hasTotals = supply != null;
        if ((demand != null) != hasTotals || (preferenceSum != null) != hasTotals
                || (pricingTermSum != null) != hasTotals || (!gridOnly && !hasTotals)) {
            throw new IllegalArgumentException("the four totals come together, and a market outcome has them");
        }
    }

    /**
     * A market outcome.
     *
     * @param clearing  {@code GENERAL} or {@code EXTREME}
     * @param price     the market price
     * @param fillRatio rho
     * @param totals    the verified totals {@code E_s}, {@code sum k}, {@code sum d}, {@code E_b}
     * @param decidedAt the deciding transaction's timestamp
     * @param txId      the deciding transaction's id
     * @return the outcome
     */
    public static Outcome cleared(Clearing clearing, long price, long fillRatio, PackedTotals totals,
                                  String decidedAt, String txId) {
        return new Outcome(clearing, price, fillRatio, totals.supply(), totals.demand(), totals.preference(),
                totals.pricingTerm(), null, null, List.of(), decidedAt, txId);
    }

    /**
     * A grid-only outcome decided before the totals were known.
     *
     * @param reason      why
     * @param detail      a sentence naming the cause
     * @param silentHomes the silent selected homes, if that is the cause
     * @param decidedAt   the deciding transaction's timestamp
     * @param txId        the deciding transaction's id
     * @return the outcome
     */
    public static Outcome gridOnly(GridOnlyReason reason, String detail, List<String> silentHomes, String decidedAt,
                                   String txId) {
        return new Outcome(Clearing.GRID_ONLY, null, null, null, null, null, null,
                Objects.requireNonNull(reason, "reason"), detail, silentHomes, decidedAt, txId);
    }

    /**
     * A grid-only outcome decided after the totals were verified and unpacked (they are public on the ledger
     * already, so the outcome records them).
     *
     * @param reason    why
     * @param detail    a sentence naming the cause
     * @param totals    the verified totals
     * @param decidedAt the deciding transaction's timestamp
     * @param txId      the deciding transaction's id
     * @return the outcome
     */
    public static Outcome gridOnly(GridOnlyReason reason, String detail, PackedTotals totals, String decidedAt,
                                   String txId) {
        return new Outcome(Clearing.GRID_ONLY, null, null, totals.supply(), totals.demand(), totals.preference(),
                totals.pricingTerm(), Objects.requireNonNull(reason, "reason"), detail, List.of(), decidedAt, txId);
    }
}
