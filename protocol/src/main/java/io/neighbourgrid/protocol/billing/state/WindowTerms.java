package io.neighbourgrid.protocol.billing.state;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.Role;
import java.util.Objects;

/**
 * What the public settlement of one window says about one home's bill: whether the home traded in the market and
 * on which side, and the prices. Derived from the window's {@code Settlement} record, so the billing party, the
 * home, an auditor and chaincode weigh the same ciphertexts with the same prices.
 *
 * @param window       the window
 * @param clearing     how the window was cleared
 * @param role         {@code SELLER} or {@code BUYER} when the home is in the settlement's market lists, else
 *                     {@code OFF} (declared off, silent, dropped, or a grid-only window)
 * @param price        the market price {@code p_t}, price units; absent for a grid-only window
 * @param retailPrice  {@code ps} of the window (grid import), price units
 * @param feedInPrice  {@code pb} of the window (grid export), price units
 * @param settledAt    the settlement's timestamp
 * @param settlementTx the settlement transaction's id
 */
public record WindowTerms(long window, Clearing clearing, Role role, Long price, long retailPrice, long feedInPrice,
                          String settledAt, String settlementTx) {
    public WindowTerms {
        Objects.requireNonNull(clearing, "clearing");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(settledAt, "settledAt");
        Objects.requireNonNull(settlementTx, "settlementTx");
        if (role != Role.OFF && price == null) {
            throw new IllegalArgumentException("window " + window + " has a market member but no price");
        }
    }

    /**
     * Whether the home traded in the window's market.
     *
     * @return {@code true} for a seller or buyer of the market
     */
    public boolean inMarket() {
        return role != Role.OFF;
    }

    /**
     * What a window's settlement says about one home's bill.
     *
     * @param settlement the window's settlement record
     * @param homeId     the home
     * @return the home's terms for the window
     */
    public static WindowTerms of(io.neighbourgrid.protocol.state.Settlement settlement, String homeId) {
        Role role = settlement.sellers().contains(homeId) ? Role.SELLER
                : settlement.buyers().contains(homeId) ? Role.BUYER : Role.OFF;
        return new WindowTerms(settlement.window(), settlement.clearing(), role,
                settlement.clearing() == Clearing.GRID_ONLY ? null : settlement.price(), settlement.retailPrice(),
                settlement.feedInPrice(), settlement.settledAt(), settlement.txId());
    }
}
