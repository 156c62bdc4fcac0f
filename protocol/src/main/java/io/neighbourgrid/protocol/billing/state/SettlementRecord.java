package io.neighbourgrid.protocol.billing.state;

import io.neighbourgrid.market.Role;
import java.util.Objects;

/**
 * A home's settlement record of one window; stored once under {@code BREC~t~homeId}. Every value is encrypted: the
 * committed market volume {@code e_t} (positive sold, negative bought) only when the home traded in the window's
 * market, and the grid exchange relative to that commitment as two non-negative values, export {@code g+} and
 * import {@code g-}, with {@code e_t + g+ - g- =} the metered net export of the window; all three under the billing
 * key. {@code own} is the home's copy of {@code (e_t, g+, g-)} under its own key
 * ({@link io.neighbourgrid.protocol.billing.OwnRecord}), so it can read its records back from the ledger.
 *
 * @param window      the window
 * @param homeId      the home
 * @param role        {@code SELLER} or {@code BUYER} when the home traded in the window's market, else {@code OFF}
 * @param committed   {@code Enc_B(e_t)}, Base64; absent when {@code role} is {@code OFF}
 * @param gridExport  {@code Enc_B(g+)}, Base64
 * @param gridImport  {@code Enc_B(g-)}, Base64
 * @param own         {@code Enc_H(pack(e_t, g+, g-))}, Base64
 * @param submittedAt the transaction timestamp
 * @param txId        the transaction id
 */
public record SettlementRecord(long window, String homeId, Role role, String committed, String gridExport,
                               String gridImport, String own, String submittedAt, String txId) {
    public SettlementRecord {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(gridExport, "gridExport");
        Objects.requireNonNull(gridImport, "gridImport");
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(txId, "txId");
        if ((role == Role.OFF) != (committed == null)) {
            throw new IllegalArgumentException("a settlement record carries a committed volume exactly when the home "
                    + "traded in the market (role " + role + ")");
        }
    }
}
