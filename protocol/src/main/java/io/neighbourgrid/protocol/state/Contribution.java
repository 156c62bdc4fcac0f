package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Role;
import java.util.Objects;

/**
 * One coalition member's encrypted contribution to a window; stored under {@code CONTRIB~t~homeId}. Both ciphertexts
 * are the canonical Base64 of a ciphertext validated against the key named below; chaincode never sees a plaintext,
 * and neither selected home can decrypt an individual value from its own ciphertext alone. The proof is stored as
 * submitted and checked optimistically: anyone can verify it, and a claim that it fails makes chaincode verify it
 * ({@code claimInvalidContribution}).
 *
 * @param window             the window
 * @param homeId             the contributing member
 * @param role               its role (seller or buyer)
 * @param totalsForResponder under r1's key: {@code pack + M}, where {@code pack} packs the member's slot values
 *                           ({@link io.neighbourgrid.protocol.ContributionRanges}: a seller's {@code sn}, {@code k},
 *                           {@code d}, a buyer's {@code |sn|}, as offsets from their ranges' lower ends) and
 *                           {@code M} is a fresh 384-bit mask
 * @param totalsForInitiator under r2's key: {@code -M}
 * @param proof              the {@code ContributionProof}, Base64
 * @param submittedAt        the transaction timestamp (ISO-8601, UTC)
 * @param txId               the transaction id
 */
public record Contribution(long window, String homeId, Role role, String totalsForResponder,
                           String totalsForInitiator, String proof, String submittedAt, String txId) {
    public Contribution {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(totalsForResponder, "totalsForResponder");
        Objects.requireNonNull(totalsForInitiator, "totalsForInitiator");
        Objects.requireNonNull(proof, "proof");
        if (role == Role.OFF) {
            throw new IllegalArgumentException("an off-market home does not contribute");
        }
    }
}
