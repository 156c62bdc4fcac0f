package io.neighbourgrid.protocol.partners;

import java.util.Objects;

/**
 * The energy one agreement moved in one window, and its money ({@code docs/partners.md}, section 4). Known to its
 * two parties only: it is not written to the ledger.
 *
 * @param agreementId      the agreement
 * @param window           the window
 * @param seller           the seller
 * @param partner          the partner
 * @param kind             sale or donation
 * @param price            the agreement's price per kWh, price units
 * @param gridEnergy       energy the seller would have exported to the grid and the partner imported from it, given
 *                         to the partner instead, energy units
 * @param marketEnergy     energy of the seller's market sale bought by the partner in the market, now at the
 *                         agreement's price, energy units
 * @param gridMoney        what the partner pays the seller for {@code gridEnergy}: {@code money(gridEnergy, price)},
 *                         money units
 * @param marketAdjustment what the partner pays the seller on top of the market price for {@code marketEnergy}:
 *                         {@code money(marketEnergy, price) - money(marketEnergy, p)}, money units, negative when the
 *                         seller refunds the partner (a donation refunds the market price)
 */
public record PartnerTransfer(String agreementId, long window, String seller, String partner, AgreementKind kind,
                              long price, long gridEnergy, long marketEnergy, long gridMoney, long marketAdjustment) {
    public PartnerTransfer {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(kind, "kind");
        if (gridEnergy < 0 || marketEnergy < 0 || gridMoney < 0) {
            throw new IllegalArgumentException("agreement " + agreementId + " moved negative energy or money in window "
                    + window);
        }
    }

    /**
     * Energy moved to the partner, energy units.
     *
     * @return grid and market energy together
     */
    public long energy() {
        return Math.addExact(gridEnergy, marketEnergy);
    }

    /**
     * Money the partner pays the seller for this window's transfer, money units; what one pays the other receives.
     *
     * @return grid money plus market adjustment (negative: the seller pays the partner)
     */
    public long money() {
        return Math.addExact(gridMoney, marketAdjustment);
    }
}
