package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * A home's dispute; stored under {@code DISPUTE~id}, its id being the opening transaction's id. Written when opened
 * and once more when resolved.
 *
 * @param id         the dispute id (the opening transaction id)
 * @param kind       window or bill
 * @param target     the window index, or the bill's period {@code from-to}
 * @param homeId     the disputing home
 * @param reason     the home's reason, as given
 * @param openedAt   the opening transaction's timestamp
 * @param resolution the resolution; absent while the dispute is open
 */
public record Dispute(String id, DisputeKind kind, String target, String homeId, String reason, String openedAt,
                      DisputeResolution resolution) {
    public Dispute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Whether the dispute awaits a verdict.
     *
     * @return {@code true} while unresolved
     */
    public boolean open() {
        return resolution == null;
    }

    /**
     * This dispute with its resolution.
     *
     * @param r the resolution
     * @return the resolved dispute
     */
    public Dispute resolved(DisputeResolution r) {
        return new Dispute(id, kind, target, homeId, reason, openedAt, Objects.requireNonNull(r, "resolution"));
    }
}
