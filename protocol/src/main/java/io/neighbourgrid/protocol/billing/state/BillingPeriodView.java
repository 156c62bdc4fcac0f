package io.neighbourgrid.protocol.billing.state;

import java.util.List;
import java.util.Objects;

/**
 * The ledger's records of one home over a billing period, as {@code getBillingRecords} returns them: what anyone
 * needs to recompute the home's bill aggregate. Windows of the range that were never opened are left out.
 *
 * @param homeId  the home
 * @param from    the first window of the period
 * @param to      the last window of the period
 * @param windows the opened windows of the range, in order
 */
public record BillingPeriodView(String homeId, long from, long to, List<BillingWindow> windows) {
    public BillingPeriodView {
        Objects.requireNonNull(homeId, "homeId");
        windows = List.copyOf(windows);
    }
}
