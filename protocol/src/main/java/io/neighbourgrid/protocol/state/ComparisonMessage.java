package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * One message of a window's secure comparison (PEM Protocol 2, lines 14-18); stored under
 * {@code COMPARISON~t~step}. The ledger carries the two parties' messages because home controllers only dial out.
 *
 * @param window   the window
 * @param step     1 to 4: 1 and 3 from the initiator r2, 2 and 4 from the responder r1
 * @param homeId   the home that posted it
 * @param message  the message, canonical Base64
 * @param postedAt the transaction timestamp (ISO-8601, UTC)
 * @param txId     the transaction id
 */
public record ComparisonMessage(long window, int step, String homeId, String message, String postedAt,
                                String txId) {
    public ComparisonMessage {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(message, "message");
        if (step < 1 || step > 4) {
            throw new IllegalArgumentException("comparison step must be 1 to 4, got " + step);
        }
    }
}
