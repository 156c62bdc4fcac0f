package io.neighbourgrid.protocol.state;

import java.util.List;
import java.util.Objects;

/**
 * Everything the ledger holds about one window, as {@code getWindow} returns it: the window record (aggregates,
 * outcome), the selected homes with their keys, every declaration, every contribution with its proof, r2's mask
 * transfer, r1's outcome proofs and the settlement. An auditor can recompute every aggregate and re-verify every
 * proof from it; a member encrypts its contribution under {@link #responderKey} and {@link #initiatorKey}.
 *
 * @param window             the window record
 * @param initiator          r2, the holder of {@code totalsForInitiator} (the masks), who transfers their sum to
 *                           r1's key; absent until the roles close with a selection
 * @param responder          r1, the holder of {@code totalsForResponder}, who proves the outcome; absent until the
 *                           roles close with a selection
 * @param initiatorKey       r2's registered Paillier public key, Base64; present with {@code initiator}
 * @param responderKey       r1's registered Paillier public key, Base64; present with {@code responder}
 * @param declarations       the role declarations, sorted by home id
 * @param contributions      the contributions, sorted by home id
 * @param maskTransfer       r2's verified mask transfer, once posted
 * @param outcomeProof       r1's verified outcome proofs, once posted
 * @param settlement         the settlement, once written
 */
public record WindowView(WindowRecord window, String initiator, String responder, String initiatorKey,
                         String responderKey, List<RoleDeclaration> declarations, List<Contribution> contributions,
                         MaskTransferRecord maskTransfer, OutcomeProofRecord outcomeProof, Settlement settlement) {
    public WindowView {
        Objects.requireNonNull(window, "window");
        declarations = List.copyOf(declarations);
        contributions = List.copyOf(contributions);
        if ((initiator == null) != (responder == null) || (initiator == null) != (initiatorKey == null)
                || (responder == null) != (responderKey == null)) {
            throw new IllegalArgumentException("the selected homes and their keys come together");
        }
    }
}
