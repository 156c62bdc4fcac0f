package io.neighbourgrid.protocol.state;

import java.util.List;
import java.util.Objects;

/**
 * The two homes selected for one window when its roles close: the best-ranked homes of the window's selection
 * epoch that declared a role (see {@code docs/protocol.md}, section 3). A selected home need not be a coalition
 * member: a home that declared {@code OFF} is online and can decrypt and compare all the same.
 *
 * @param epoch     the selection epoch, {@code floor(t / selectionEpochWindows)}
 * @param initiator r2, the first-ranked home that declared: holds the key of the supply shares and of
 *                  {@code totalsForInitiator}, starts the comparison with {@code R_s} and posts the decryption of
 *                  {@code T_r2}
 * @param responder r1, the second-ranked home that declared: holds the key of the demand shares and of
 *                  {@code totalsForResponder}, answers the comparison with {@code R_b} and posts the decryption of
 *                  {@code T_r1}
 * @param suspended the registered homes left out of the ranking because they are suspended, sorted
 */
public record SelectedHomes(long epoch, String initiator, String responder, List<String> suspended) {
    public SelectedHomes {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(responder, "responder");
        suspended = suspended == null ? List.of() : List.copyOf(suspended);
        if (initiator.equals(responder)) {
            throw new IllegalArgumentException("the initiator and the responder must be two homes, got " + initiator
                    + " twice");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("selection epoch must be non-negative, got " + epoch);
        }
    }
}
