package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The two homes whose keys a contribution made with the role declaration is under ({@code declareAndContribute}):
 * the homes the contributor expects the window to select, the first two of the epoch's ranking
 * ({@link SelectedHomes#ranking}). When the roles close, the contribution counts only if they are the homes the
 * window selected; otherwise it is deleted and the member contributes again under the selected homes' keys.
 *
 * @param responder the expected r1, whose key {@code totalsForResponder} is under
 * @param initiator the expected r2, whose key {@code totalsForInitiator} is under
 */
public record ContributionKeys(String responder, String initiator) {
    public ContributionKeys {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(initiator, "initiator");
        if (responder.equals(initiator)) {
            throw new IllegalArgumentException("the responder and the initiator must be two homes, got " + responder
                    + " twice");
        }
    }

    /** The selected homes of a window as contribution keys. */
    public static ContributionKeys of(SelectedHomes selection) {
        return new ContributionKeys(selection.responder(), selection.initiator());
    }

    /** Whether {@code selection} selected exactly these homes, each in the same part. */
    public boolean matches(SelectedHomes selection) {
        return selection != null && responder.equals(selection.responder())
                && initiator.equals(selection.initiator());
    }
}
