package io.neighbourgrid.chaincode.billing;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.contract.TxContext;

/**
 * The chaincode events of the billing transactions; each submitted billing transaction sets exactly one, with a
 * {@link io.neighbourgrid.protocol.billing.state.BillingEventPayload}.
 */
public enum BillingEvent {
    /** {@code registerBillingKey}. */
    BILLING_KEY_REGISTERED("BillingKeyRegistered"),
    /** {@code registerMeter}. */
    METER_REGISTERED("MeterRegistered"),
    /** {@code recordSettlement}. */
    SETTLEMENT_RECORDED("SettlementRecorded"),
    /** {@code submitMeterReport}. */
    METER_REPORT_SUBMITTED("MeterReportSubmitted"),
    /** {@code postMarketBalance}. */
    MARKET_BALANCE_POSTED("MarketBalancePosted"),
    /** {@code postBill}. */
    BILL_POSTED("BillPosted"),
    /** {@code recordPartnerLines}. */
    PARTNER_LINES_RECORDED("PartnerLinesRecorded"),
    /** {@code postPartnerBill}. */
    PARTNER_BILL_POSTED("PartnerBillPosted"),
    /** {@code openDispute}. */
    DISPUTE_OPENED("DisputeOpened"),
    /** {@code resolveDispute}. */
    DISPUTE_RESOLVED("DisputeResolved");

    private final String eventName;

    BillingEvent(String eventName) {
        this.eventName = eventName;
    }

    /**
     * The event name as set on the transaction.
     *
     * @return e.g. {@code BillPosted}
     */
    public String eventName() {
        return eventName;
    }

    /** Sets this event, with its canonical JSON payload, as the transaction's one event. */
    void emit(TxContext ctx, BillingEventPayload payload) {
        ctx.setEvent(eventName, CanonicalJson.toBytes(payload));
    }
}
