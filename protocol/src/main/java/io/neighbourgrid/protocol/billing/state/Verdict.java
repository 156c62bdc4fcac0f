package io.neighbourgrid.protocol.billing.state;

/** The outcome of a dispute. */
public enum Verdict {
    /** The disputing home is right: the disputed bill or window record is wrong. */
    UPHELD,
    /** The disputed bill or window is correct. */
    REJECTED
}
