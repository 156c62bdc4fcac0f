package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * The last window already covered by a bill of a home; stored under {@code BILLED~homeId}. Settlement records and
 * meter reports of a billed window are rejected, and the next bill must start after it, so no window is billed
 * twice and no bill changes after it is posted.
 *
 * @param homeId        the home
 * @param billedThrough the last window of the home's latest bill
 * @param lastBillFrom  the first window of that bill (its key)
 */
public record BillingCheckpoint(String homeId, long billedThrough, long lastBillFrom) {
    public BillingCheckpoint {
        Objects.requireNonNull(homeId, "homeId");
    }
}
