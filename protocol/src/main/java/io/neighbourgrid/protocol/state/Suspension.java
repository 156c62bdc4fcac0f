package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * Why a home is left out of the selection ranking: it was a selected home of a window and stayed silent past a
 * deadline, so the window ended with the grid only. Leaving it out moves the selection to the next-ranked home in
 * the following windows; the home clears the suspension itself with {@code resumeHome} once it is back online.
 *
 * @param window      the window whose grid-only outcome names the home as silent
 * @param reason      that outcome's reason
 * @param suspendedAt the timestamp of the transaction that decided the outcome (ISO-8601, UTC)
 * @param txId        that transaction's id
 */
public record Suspension(long window, GridOnlyReason reason, String suspendedAt, String txId) {
    public Suspension {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(suspendedAt, "suspendedAt");
        Objects.requireNonNull(txId, "txId");
    }
}
