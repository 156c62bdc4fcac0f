package io.neighbourgrid.protocol.billing.state;

/** The verdict of a window's market-balance check. */
public enum BalanceStatus {
    /** Every market member posted its record and the committed volumes match the public outcome. */
    BALANCED,
    /** Every member posted, but the committed volumes do not match the outcome: some home claims a wrong volume. */
    IMBALANCED,
    /** Some members never posted their record; the sums cover the others only. */
    INCOMPLETE
}
