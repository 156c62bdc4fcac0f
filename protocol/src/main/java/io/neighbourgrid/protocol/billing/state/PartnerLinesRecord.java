package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * A home's partner lines of one settled window, packed and encrypted under the billing key
 * ({@link io.neighbourgrid.protocol.billing.PartnerBillLayout}); stored once under {@code PLINES~t~homeId} by a home
 * that was a party of an agreement in force at the window's settlement. A home records a window in which nothing
 * moved too (all zeros), so the ledger does not show whether energy moved.
 *
 * @param window     the window
 * @param homeId     the home
 * @param lines      {@code Enc_B(pack(lines))}, Base64
 * @param recordedAt the transaction timestamp
 * @param txId       the transaction id
 */
public record PartnerLinesRecord(long window, String homeId, String lines, String recordedAt, String txId) {
    public PartnerLinesRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(txId, "txId");
    }
}
