package io.neighbourgrid.market;

/** The role of a home in one trading window, from the sign of its net energy (PEM Eq. 1, Section II-A). */
public enum Role {

    /** Net energy {@code sn > 0}: member of the seller coalition. */
    SELLER,

    /** Net energy {@code sn < 0}: member of the buyer coalition. */
    BUYER,

    /** Net energy {@code sn == 0}: off market in this window. */
    OFF
}
