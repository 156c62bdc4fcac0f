package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * Why a home is left out of the selection ranking, and whether it is excluded from the market.
 *
 * <p>A silent selected home (it stayed silent past a deadline, so the window ended with the grid only) is only
 * suspended: the selection moves to the next-ranked home in the following windows, and the home clears the
 * suspension itself with {@code resumeHome} once it is back online. A home whose contribution proof was shown to fail
 * ({@link GridOnlyReason#INVALID_CONTRIBUTION}) is also excluded: it may not declare a role, contribute or resume
 * before window {@code excludedUntil}.
 *
 * @param window        the window in which the home was silent or cheated
 * @param reason        why
 * @param excludedUntil the first window the home may trade in again; absent for a suspension without exclusion
 * @param suspendedAt   the timestamp of the transaction that suspended it (ISO-8601, UTC)
 * @param txId          that transaction's id
 */
public record Suspension(long window, GridOnlyReason reason, Long excludedUntil, String suspendedAt, String txId) {
    public Suspension {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(suspendedAt, "suspendedAt");
        Objects.requireNonNull(txId, "txId");
    }

    /** Whether the home may not trade in window {@code t}. */
    public boolean excludes(long t) {
        return excludedUntil != null && t < excludedUntil;
    }
}
