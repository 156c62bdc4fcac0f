package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Clearing;
import java.util.List;
import java.util.Objects;

/**
 * How a window ended: the market's result, proven by r1 from the hidden totals and verified by chaincode, or the
 * reason it ended with the grid only. The totals themselves are never recorded: the channel learns the market type,
 * the price and the fill ratio (PEM Theorem 1; {@code docs/protocol.md}, section 8).
 *
 * @param clearing    {@code GENERAL}, {@code EXTREME} or {@code GRID_ONLY}
 * @param price       the market price in price units (PEM Eq. 13 and 14 in a general market, {@code p_l} in an
 *                    extreme market); absent when grid only
 * @param fillRatio   rho, the long side's fill ratio in units of 2^-40; absent when grid only
 * @param reason      why the window is grid only; absent when the market ran
 * @param detail      a sentence naming the cause (for example the silent home)
 * @param silentHomes the homes whose silence or invalid contribution ended the window (and who are suspended),
 *                    sorted; empty otherwise
 * @param decidedAt   the timestamp of the transaction that decided the outcome (ISO-8601, UTC)
 * @param txId        that transaction's id
 */
public record Outcome(Clearing clearing, Long price, Long fillRatio, GridOnlyReason reason, String detail,
                      List<String> silentHomes, String decidedAt, String txId) {
    public Outcome {
        Objects.requireNonNull(clearing, "clearing");
        silentHomes = silentHomes == null ? List.of() : List.copyOf(silentHomes);
        boolean gridOnly = clearing == Clearing.GRID_ONLY;
        if (gridOnly != (reason != null) || gridOnly == (price != null) || gridOnly == (fillRatio != null)) {
            throw new IllegalArgumentException("a market outcome has a price and fill ratio and no reason; "
                    + "a grid-only outcome has a reason and neither");
        }
    }

    /**
     * A cleared market.
     *
     * @param clearing  {@code GENERAL} or {@code EXTREME}
     * @param price     the proven price
     * @param fillRatio the proven fill ratio
     * @param decidedAt the deciding transaction's timestamp
     * @param txId      its id
     * @return the outcome
     */
    public static Outcome cleared(Clearing clearing, long price, long fillRatio, String decidedAt, String txId) {
        return new Outcome(clearing, price, fillRatio, null, null, List.of(), decidedAt, txId);
    }

    /**
     * A window that trades with the grid only.
     *
     * @param reason      why
     * @param detail      a sentence naming the cause
     * @param silentHomes the homes blamed, if any
     * @param decidedAt   the deciding transaction's timestamp
     * @param txId        its id
     * @return the outcome
     */
    public static Outcome gridOnly(GridOnlyReason reason, String detail, List<String> silentHomes, String decidedAt,
                                   String txId) {
        return new Outcome(Clearing.GRID_ONLY, null, null, Objects.requireNonNull(reason, "reason"), detail,
                silentHomes, decidedAt, txId);
    }
}
