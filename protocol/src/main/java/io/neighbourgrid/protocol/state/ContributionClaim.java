package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * An upheld claim that a member's contribution proof fails, stored under {@code CLAIM~t~homeId}: chaincode verified
 * the proof on the claim, found it invalid, excluded the member from the window and suspended and excluded it from
 * the market until {@code excludedUntil}. A claim whose proof verifies changes nothing and is not stored
 * ({@code CLAIM_REJECTED}).
 *
 * @param window          the window
 * @param homeId          the member whose proof fails
 * @param claimantMspId   the claiming identity's organisation
 * @param claimantCertificateHash the claiming identity's certificate hash
 * @param reason          why the proof fails, as the verifier reported it
 * @param phaseAtClaim    the window's phase when the claim was made
 * @param excludedUntil   the first window the member may trade in again
 * @param claimedAt       the transaction timestamp (ISO-8601, UTC)
 * @param txId            the transaction id
 */
public record ContributionClaim(long window, String homeId, String claimantMspId, String claimantCertificateHash,
                                String reason, WindowPhase phaseAtClaim, long excludedUntil, String claimedAt,
                                String txId) {
    public ContributionClaim {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(claimantMspId, "claimantMspId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(phaseAtClaim, "phaseAtClaim");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(txId, "txId");
    }
}
