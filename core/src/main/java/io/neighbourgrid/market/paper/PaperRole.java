package io.neighbourgrid.market.paper;

/** A home's role in one window from the sign of its net energy (PEM Eq. 1 and the text after it). */
public enum PaperRole {

    /** {@code sn > 0}: in the seller coalition. */
    SELLER,

    /** {@code sn < 0}: in the buyer coalition. */
    BUYER,

    /** {@code sn = 0}: off market. */
    OFF;

    /**
     * The role of a net energy.
     *
     * @param netEnergy {@code sn}, any unit
     * @return seller, buyer or off market
     */
    public static PaperRole of(Rational netEnergy) {
        int sign = netEnergy.signum();
        return sign > 0 ? SELLER : sign < 0 ? BUYER : OFF;
    }
}
