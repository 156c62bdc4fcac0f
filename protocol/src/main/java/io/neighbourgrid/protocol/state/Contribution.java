package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Role;
import java.util.Objects;

/**
 * One coalition member's encrypted contribution to a window; stored under {@code CONTRIB~t~homeId}. Every field is
 * the canonical Base64 of a ciphertext validated against the key named below; chaincode never sees a plaintext,
 * and neither selected home can decrypt an individual value from its own ciphertexts alone.
 *
 * @param window             the window
 * @param homeId             the contributing member
 * @param role               its role (seller or buyer)
 * @param demandShare        under the responder r1's key: a buyer's {@code |sn| + r}, a seller's {@code r}
 *                           (PEM Protocol 2)
 * @param supplyShare        under the initiator r2's key: a seller's {@code sn + r}, a buyer's {@code r}
 * @param totalsForResponder under r1's key: {@code pack + M}, where {@code pack} is the member's packed totals
 *                           (a seller {@code (sn, k, d, 0)}, a buyer {@code (0, 0, 0, |sn|)}; PEM Protocol 3 for
 *                           {@code k} and {@code d}) and {@code M} a fresh 512-bit mask
 * @param totalsForInitiator under r2's key: {@code -M}
 * @param submittedAt        the transaction timestamp (ISO-8601, UTC)
 * @param txId               the transaction id
 */
public record Contribution(long window, String homeId, Role role, String demandShare, String supplyShare,
                           String totalsForResponder, String totalsForInitiator, String submittedAt, String txId) {
    public Contribution {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(demandShare, "demandShare");
        Objects.requireNonNull(supplyShare, "supplyShare");
        Objects.requireNonNull(totalsForResponder, "totalsForResponder");
        Objects.requireNonNull(totalsForInitiator, "totalsForInitiator");
        if (role == Role.OFF) {
            throw new IllegalArgumentException("an off-market home does not contribute");
        }
    }
}
