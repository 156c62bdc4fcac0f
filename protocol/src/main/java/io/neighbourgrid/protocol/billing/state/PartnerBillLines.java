package io.neighbourgrid.protocol.billing.state;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The partner lines of a home's bill for a period, decoded from the proven plaintext
 * ({@link io.neighbourgrid.protocol.billing.PartnerBillLayout}); decimal strings, since sums over a period need not
 * fit a {@code long}.
 *
 * @param energyOut         energy given or sold to partners, energy units
 * @param energyIn          energy received from partners, energy units
 * @param gridExportAvoided grid export that went to partners instead, energy units
 * @param gridImportAvoided grid import that came from partners instead, energy units
 * @param moneyIn           money partners paid the home, money units
 * @param moneyOut          money the home paid partners, money units
 * @param overflow          what the plaintext holds above the six slots: zero for honest records
 */
public record PartnerBillLines(String energyOut, String energyIn, String gridExportAvoided,
                               String gridImportAvoided, String moneyIn, String moneyOut, String overflow) {
    public PartnerBillLines {
        Objects.requireNonNull(energyOut, "energyOut");
        Objects.requireNonNull(energyIn, "energyIn");
        Objects.requireNonNull(gridExportAvoided, "gridExportAvoided");
        Objects.requireNonNull(gridImportAvoided, "gridImportAvoided");
        Objects.requireNonNull(moneyIn, "moneyIn");
        Objects.requireNonNull(moneyOut, "moneyOut");
        Objects.requireNonNull(overflow, "overflow");
    }

    /**
     * What partners paid the home less what it paid them, over the period.
     *
     * @return money units, positive when the home was paid
     */
    public BigInteger net() {
        return new BigInteger(moneyIn).subtract(new BigInteger(moneyOut));
    }
}
