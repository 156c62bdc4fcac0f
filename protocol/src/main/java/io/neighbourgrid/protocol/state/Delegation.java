package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * A home's delegation of its market participation to a representative; stored under {@code DELEGATION~homeId}. While
 * it is active the representative may declare the home's role and submit its contribution ({@code submitBatch},
 * {@code submitContributionBatch});
 * the home keeps every right to act itself. Revoking keeps the record with the revocation's timestamp and
 * transaction id, so the ledger shows who could act for the home when; delegating again replaces a revoked record.
 *
 * @param homeId           the delegating home
 * @param representativeId the representative it delegated to
 * @param delegatedAt      the delegation's transaction timestamp (ISO-8601, UTC)
 * @param txId             the delegation's transaction id
 * @param revokedAt        the revocation's transaction timestamp; null while the delegation is active
 * @param revokedTxId      the revocation's transaction id; null while the delegation is active
 */
public record Delegation(String homeId, String representativeId, String delegatedAt, String txId, String revokedAt,
                         String revokedTxId) {
    public Delegation {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(representativeId, "representativeId");
        Objects.requireNonNull(delegatedAt, "delegatedAt");
        Objects.requireNonNull(txId, "txId");
        if ((revokedAt == null) != (revokedTxId == null)) {
            throw new IllegalArgumentException("a revocation has both a timestamp and a transaction id");
        }
    }

    /** An active delegation. */
    public static Delegation active(String homeId, String representativeId, String delegatedAt, String txId) {
        return new Delegation(homeId, representativeId, delegatedAt, txId, null, null);
    }

    /** Whether the representative may act for the home. */
    public boolean isActive() {
        return revokedAt == null;
    }

    /** Whether {@code representative} may act for the home. */
    public boolean activeFor(String representative) {
        return isActive() && representativeId.equals(representative);
    }

    /** This delegation, revoked by the transaction {@code txId} at {@code at}. */
    public Delegation revoked(String at, String txId) {
        if (!isActive()) {
            throw new IllegalStateException("the delegation of " + homeId + " is revoked already");
        }
        return new Delegation(homeId, representativeId, delegatedAt, this.txId, Objects.requireNonNull(at, "at"),
                Objects.requireNonNull(txId, "txId"));
    }
}
