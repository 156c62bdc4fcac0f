package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * Everything the ledger holds for one home's bill in one window: the window's terms for the home, its settlement
 * record and its meter report, each absent when it was never posted.
 *
 * @param terms  the public terms
 * @param record the home's settlement record, or {@code null}
 * @param report the meter's report, or {@code null}
 */
public record BillingWindow(WindowTerms terms, SettlementRecord record, MeterReport report) {
    public BillingWindow {
        Objects.requireNonNull(terms, "terms");
    }

    /**
     * The window index.
     *
     * @return {@code terms().window()}
     */
    public long window() {
        return terms.window();
    }
}
