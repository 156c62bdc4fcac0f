package io.neighbourgrid.protocol.billing.state;

/** What a dispute is about. */
public enum DisputeKind {
    /** A window: its outcome, the home's records, its meter report or the market-balance check. */
    WINDOW,
    /** One of the disputing home's bills. */
    BILL
}
