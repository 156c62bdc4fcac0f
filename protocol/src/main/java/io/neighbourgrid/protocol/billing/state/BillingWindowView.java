package io.neighbourgrid.protocol.billing.state;

import java.util.List;

/**
 * Every billing record of one window, as {@code getBillingWindow} returns it: the settlement records and meter
 * reports of all homes (sorted by home id) and the market-balance check, if posted.
 *
 * @param window  the window
 * @param records the homes' settlement records
 * @param reports the meter reports
 * @param balance the market-balance check, or {@code null}
 */
public record BillingWindowView(long window, List<SettlementRecord> records, List<MeterReport> reports,
                                MarketBalance balance) {
    public BillingWindowView {
        records = List.copyOf(records);
        reports = List.copyOf(reports);
    }
}
