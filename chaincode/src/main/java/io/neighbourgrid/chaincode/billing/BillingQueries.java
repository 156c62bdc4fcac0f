package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.readAll;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBill;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBilling;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireDispute;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireMeter;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireOpened;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.contract.TxContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The billing queries, evaluated by anyone of the channel ({@code docs/billing.md}, section 3, "Queries"):
 * {@code getBilling}, {@code getMeter}, {@code getBillingWindow}, {@code getBillingRecords}, {@code getBill},
 * {@code listBills}, {@code getDispute}, {@code listDisputes}. They write nothing.
 */
final class BillingQueries {
    private BillingQueries() {
    }

    /** See {@link BillingLogic#getBilling}. */
    static String getBilling(TxContext ctx) {
        return CanonicalJson.toJson(requireBilling(ctx));
    }

    /** See {@link BillingLogic#getMeter}. */
    static String getMeter(TxContext ctx, String homeId) {
        return CanonicalJson.toJson(requireMeter(ctx, BillingArgs.homeId(homeId)));
    }

    /** See {@link BillingLogic#getBillingWindow}. */
    static String getBillingWindow(TxContext ctx, String window) {
        long t = BillingArgs.window(window);
        requireOpened(ctx, t);
        String attr = Long.toString(t);
        return CanonicalJson.toJson(new BillingWindowView(t,
                readAll(ctx, SettlementRecord.class, StateKeys.SETTLEMENT_RECORD, attr),
                readAll(ctx, MeterReport.class, StateKeys.METER_REPORT, attr),
                read(ctx, StateKeys.marketBalance(t), MarketBalance.class)));
    }

    /** See {@link BillingLogic#getBillingRecords}. */
    static String getBillingRecords(TxContext ctx, String homeId, String period) {
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        return CanonicalJson.toJson(Bills.periodView(ctx, requireBilling(ctx), id, range[0], range[1], false));
    }

    /** See {@link BillingLogic#getBill}. */
    static String getBill(TxContext ctx, String homeId, String period) {
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        return CanonicalJson.toJson(requireBill(ctx, id, range, period));
    }

    /** See {@link BillingLogic#listBills}. */
    static String listBills(TxContext ctx, String homeId) {
        String id = BillingArgs.homeId(homeId);
        List<Bill> bills = new ArrayList<>(readAll(ctx, Bill.class, StateKeys.BILL, id));
        bills.sort(Comparator.comparingLong(Bill::from));
        return CanonicalJson.toJson(bills);
    }

    /** See {@link BillingLogic#getDispute}. */
    static String getDispute(TxContext ctx, String id) {
        return CanonicalJson.toJson(requireDispute(ctx, id));
    }

    /** See {@link BillingLogic#listDisputes}. */
    static String listDisputes(TxContext ctx) {
        return CanonicalJson.toJson(readAll(ctx, Dispute.class, StateKeys.DISPUTE));
    }
}
