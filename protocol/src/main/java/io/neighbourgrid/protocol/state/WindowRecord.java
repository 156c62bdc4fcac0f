package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Clearing;
import java.util.Objects;

/**
 * The state of one trading window; stored under {@code WINDOW~t}. Each phase fills in its part and never changes
 * an earlier one. Large, append-only material (declarations, contributions, comparison messages, the settlement)
 * lives under keys of its own so that homes acting in parallel never write the same key.
 *
 * @param window              the window index
 * @param phase               the current phase
 * @param config              the market configuration in force when the window opened
 * @param openedTxId          the id of the transaction that opened the window
 * @param openedAt            its timestamp (ISO-8601, UTC)
 * @param rolesDeadline       when the role phase ends
 * @param coalitions          set when the roles close, with the selected homes
 * @param aggregation         set when the contributions close
 * @param comparisonSteps     how many comparison messages have been posted, 0 to 4
 * @param supplyBelowDemand   the comparison's result {@code R_s < R_b}, i.e. {@code E_s < E_b}; set after step 4
 * @param decryptions         r1's and r2's verified decryptions of {@code T_r1} and {@code T_r2}, once the first is
 *                            posted
 * @param outcome             how the window ended, once decided
 */
public record WindowRecord(long window, WindowPhase phase, MarketConfig config, String openedTxId, String openedAt,
                           String rolesDeadline, Coalitions coalitions, Aggregation aggregation, int comparisonSteps,
                           Boolean supplyBelowDemand, Decryptions decryptions, Outcome outcome) {
    public WindowRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(openedTxId, "openedTxId");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(rolesDeadline, "rolesDeadline");
        if (window < 0) {
            throw new IllegalArgumentException("window index must be non-negative, got " + window);
        }
        if (comparisonSteps < 0 || comparisonSteps > 4) {
            throw new IllegalArgumentException("comparison steps must be 0 to 4, got " + comparisonSteps);
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
     * @return the window in {@link WindowPhase#ROLES}
     */
    public static WindowRecord opened(long window, MarketConfig config, String openedTxId, String openedAt,
                                      String rolesDeadline) {
        return new WindowRecord(window, WindowPhase.ROLES, config, openedTxId, openedAt, rolesDeadline, null, null,
                0, null, null, null);
    }

    /**
     * This window with its roles closed.
     *
     * @param next       {@link WindowPhase#CONTRIBUTIONS}, or {@link WindowPhase#GRID_ONLY} with an outcome
     * @param coalitions the coalitions
     * @param result     the grid-only outcome, or {@code null}
     * @return the new record
     */
    public WindowRecord withCoalitions(WindowPhase next, Coalitions coalitions, Outcome result) {
        return new WindowRecord(window, next, config, openedTxId, openedAt, rolesDeadline,
                Objects.requireNonNull(coalitions, "coalitions"), aggregation, comparisonSteps, supplyBelowDemand,
                decryptions, result);
    }

    /**
     * This window with its contributions closed.
     *
     * @param next        {@link WindowPhase#EVALUATION}, or {@link WindowPhase#GRID_ONLY} with an outcome
     * @param aggregation the aggregation
     * @param result      the grid-only outcome, or {@code null}
     * @return the new record
     */
    public WindowRecord withAggregation(WindowPhase next, Aggregation aggregation, Outcome result) {
        return new WindowRecord(window, next, config, openedTxId, openedAt, rolesDeadline, coalitions,
                Objects.requireNonNull(aggregation, "aggregation"), comparisonSteps, supplyBelowDemand,
                decryptions, result);
    }

    /**
     * This window with one more comparison message posted.
     *
     * @param steps  the number of messages now posted
     * @param result the comparison's result after step 4, else {@code null}
     * @return the new record
     */
    public WindowRecord withComparison(int steps, Boolean result) {
        return new WindowRecord(window, phase, config, openedTxId, openedAt, rolesDeadline, coalitions, aggregation,
                steps, result, decryptions, outcome);
    }

    /**
     * This window with r1's verified decryption of {@code T_r1}.
     *
     * @param posted the decryption
     * @return the new record
     */
    public WindowRecord withResponderDecryption(TotalsDecryption posted) {
        return new WindowRecord(window, phase, config, openedTxId, openedAt, rolesDeadline, coalitions, aggregation,
                comparisonSteps, supplyBelowDemand, new Decryptions(Objects.requireNonNull(posted, "decryption"),
                decryptions == null ? null : decryptions.initiator()), outcome);
    }

    /**
     * This window with r2's verified decryption of {@code T_r2}.
     *
     * @param posted the decryption
     * @return the new record
     */
    public WindowRecord withInitiatorDecryption(TotalsDecryption posted) {
        return new WindowRecord(window, phase, config, openedTxId, openedAt, rolesDeadline, coalitions, aggregation,
                comparisonSteps, supplyBelowDemand, new Decryptions(decryptions == null ? null
                : decryptions.responder(), Objects.requireNonNull(posted, "decryption")), outcome);
    }

    /**
     * Whether the comparison's result and both decryptions of the totals are present, so the window can be decided.
     *
     * @return {@code true} when nothing is missing for the outcome
     */
    public boolean readyToDecide() {
        return supplyBelowDemand != null && decryptions != null && decryptions.complete();
    }

    /**
     * This window with its outcome decided: {@link WindowPhase#CLEARED} when the market ran, else
     * {@link WindowPhase#GRID_ONLY}.
     *
     * @param result the outcome
     * @return the new record
     */
    public WindowRecord withOutcome(Outcome result) {
        WindowPhase next = result.clearing() == Clearing.GRID_ONLY ? WindowPhase.GRID_ONLY : WindowPhase.CLEARED;
        return new WindowRecord(window, next, config, openedTxId, openedAt, rolesDeadline, coalitions, aggregation,
                comparisonSteps, supplyBelowDemand, decryptions, result);
    }

    /**
     * This window settled.
     *
     * @return the new record in {@link WindowPhase#SETTLED}
     */
    public WindowRecord settled() {
        return new WindowRecord(window, WindowPhase.SETTLED, config, openedTxId, openedAt, rolesDeadline, coalitions,
                aggregation, comparisonSteps, supplyBelowDemand, decryptions, outcome);
    }
}
