package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Clearing;
import java.util.Objects;

/**
 * The state of one trading window; stored under {@code WINDOW~t}. Each phase fills in its part and never changes
 * an earlier one (an exclusion during the evaluation replaces the aggregation and restarts the evaluation). Large,
 * append-only material (declarations, contributions with their proofs, the mask transfer, the outcome proofs, the
 * settlement) lives under keys of its own so that homes acting in parallel never write the same key and the record
 * stays small.
 *
 * @param window        the window index
 * @param phase         the current phase
 * @param config        the market configuration in force when the window opened
 * @param openedTxId    the id of the transaction that opened the window
 * @param openedAt      its timestamp (ISO-8601, UTC)
 * @param rolesDeadline when the role phase ends
 * @param coalitions    set when the roles close, with the selected homes
 * @param aggregation   set when the contributions close
 * @param packedTotals  {@code Enc_r1(sum pack)}, canonical Base64, once r2's mask transfer is verified
 * @param outcome       how the window ended, once decided
 */
public record WindowRecord(long window, WindowPhase phase, MarketConfig config, String openedTxId, String openedAt,
                           String rolesDeadline, Coalitions coalitions, Aggregation aggregation,
                           String packedTotals, Outcome outcome) {
    public WindowRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(openedTxId, "openedTxId");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(rolesDeadline, "rolesDeadline");
        if (window < 0) {
            throw new IllegalArgumentException("window index must be non-negative, got " + window);
        }
    }

    /**
     * A newly opened window.
     *
     * @param window        the window index
     * @param config        the configuration in force
     * @param openedTxId    the opening transaction's id
     * @param openedAt      its timestamp
     * @param rolesDeadline when the role phase ends
     * @return the record, in {@link WindowPhase#ROLES}
     */
    public static WindowRecord opened(long window, MarketConfig config, String openedTxId, String openedAt,
                                      String rolesDeadline) {
        return new WindowRecord(window, WindowPhase.ROLES, config, openedTxId, openedAt, rolesDeadline, null, null,
                null, null);
    }

    /** This record with the coalitions set and the phase moved on (with an outcome when grid only). */
    public WindowRecord withCoalitions(WindowPhase next, Coalitions coalitions, Outcome result) {
        return new WindowRecord(window, next, config, openedTxId, openedAt, rolesDeadline,
                Objects.requireNonNull(coalitions, "coalitions"), aggregation, packedTotals, result);
    }

    /**
     * This record with the aggregation set (at the close of the contributions, or after an exclusion, which also
     * clears an earlier mask transfer) and the phase moved on.
     */
    public WindowRecord withAggregation(WindowPhase next, Aggregation aggregation, Outcome result) {
        return new WindowRecord(window, next, config, openedTxId, openedAt, rolesDeadline, coalitions,
                Objects.requireNonNull(aggregation, "aggregation"), null, result);
    }

    /** This record with r2's verified mask transfer applied: the packed totals under r1's key. */
    public WindowRecord withPackedTotals(String packed) {
        return new WindowRecord(window, phase, config, openedTxId, openedAt, rolesDeadline, coalitions, aggregation,
                Objects.requireNonNull(packed, "packedTotals"), outcome);
    }

    /** This record with its outcome and the matching phase ({@code CLEARED} or {@code GRID_ONLY}). */
    public WindowRecord withOutcome(Outcome result) {
        WindowPhase next = result.clearing() == Clearing.GRID_ONLY ? WindowPhase.GRID_ONLY : WindowPhase.CLEARED;
        return new WindowRecord(window, next, config, openedTxId, openedAt, rolesDeadline, coalitions, aggregation,
                packedTotals, result);
    }

    /** This record, settled. */
    public WindowRecord settled() {
        return new WindowRecord(window, WindowPhase.SETTLED, config, openedTxId, openedAt, rolesDeadline, coalitions,
                aggregation, packedTotals, outcome);
    }
}
