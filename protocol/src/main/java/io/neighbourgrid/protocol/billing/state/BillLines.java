package io.neighbourgrid.protocol.billing.state;

import io.neighbourgrid.market.Scales;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The lines of a bill as decrypted from its packed aggregate ({@link io.neighbourgrid.protocol.billing.BillLayout}),
 * each a decimal string. Energies are energy units (10^-6 kWh); amounts are energy units times price units
 * (10^-12 cent), exact sums over the windows, which {@link #money} rounds down to money units (10^-6 cent) once
 * per line.
 *
 * @param soldEnergy   energy sold in the market, {@code sum e_t} over the windows the home sold in
 * @param boughtEnergy energy bought in the market, {@code sum -e_t} over the windows it bought in
 * @param importEnergy energy imported from the grid beyond the commitments, {@code sum g-}
 * @param exportEnergy energy exported to the grid beyond the commitments, {@code sum g+}
 * @param soldAmount   {@code sum p_t e_t} over the selling windows (received)
 * @param boughtAmount {@code sum p_t (-e_t)} over the buying windows (paid)
 * @param importAmount {@code sum ps_t g-_t} (paid to the grid)
 * @param exportAmount {@code sum pb_t g+_t} (received from the grid)
 * @param residual     {@code sum (X_t - I_t) - (e_t + g+ - g-)} over the windows with both a record and a meter
 *                     report: zero when the home's grid exchange agrees with its meter
 */
public record BillLines(String soldEnergy, String boughtEnergy, String importEnergy, String exportEnergy,
                        String soldAmount, String boughtAmount, String importAmount, String exportAmount,
                        String residual) {
    public BillLines {
        Objects.requireNonNull(soldEnergy, "soldEnergy");
        Objects.requireNonNull(boughtEnergy, "boughtEnergy");
        Objects.requireNonNull(importEnergy, "importEnergy");
        Objects.requireNonNull(exportEnergy, "exportEnergy");
        Objects.requireNonNull(soldAmount, "soldAmount");
        Objects.requireNonNull(boughtAmount, "boughtAmount");
        Objects.requireNonNull(importAmount, "importAmount");
        Objects.requireNonNull(exportAmount, "exportAmount");
        Objects.requireNonNull(residual, "residual");
    }

    /**
     * An amount line in money units.
     *
     * @param amount one of the amount lines (energy units times price units)
     * @return {@code floor(amount / ENERGY)}, money units (10^-6 cent)
     */
    public static BigInteger money(String amount) {
        BigInteger[] qr = new BigInteger(amount).divideAndRemainder(BigInteger.valueOf(Scales.ENERGY));
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /**
     * What the home receives (positive) or pays (negative) over the period, in money units: market sales minus
     * market purchases plus grid export minus grid import, rounded down once on the exact sum.
     *
     * @return the balance in money units
     */
    public BigInteger balance() {
        BigInteger exact = new BigInteger(soldAmount).subtract(new BigInteger(boughtAmount))
                .add(new BigInteger(exportAmount)).subtract(new BigInteger(importAmount));
        return money(exact.toString());
    }

    /**
     * Whether the deviation check holds: the home's committed volumes and grid exchange add up to its metered net.
     *
     * @return {@code true} when the residual is zero
     */
    public boolean consistentWithMeters() {
        return new BigInteger(residual).signum() == 0;
    }
}
