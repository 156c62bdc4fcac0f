package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.billingKey;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBillingParty;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireHome;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireReportingOver;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireSettled;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.ciphertext;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.proofText;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.verifyProof;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingCheckpoint;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 6 of billing, a home's bill for a period by the billing party: {@code postBill}, and the period view a bill
 * is computed from ({@code docs/billing.md}, section 6, "The bill: one aggregate, one decryption, one proof per home
 * and period", and section 5 for the window categories). The period view is also what {@code getBillingRecords}
 * returns and what a bill dispute recomputes the bill from.
 *
 * <p>The period rule ({@code docs/billing.md}, section 9, "Bills and differencing"): with {@code m} the
 * configuration's minimum billing period, a bill covers whole blocks of {@code m} windows aligned at window 0
 * ({@code FROM} and {@code TO + 1} multiples of {@code m}, else {@code BILLING_PERIOD_NOT_ALIGNED}), at least
 * {@code m} windows of which were opened (else {@code BILLING_PERIOD_TOO_SHORT}), and starts after the home's last
 * bill ({@code WINDOW_ALREADY_BILLED}). A home's bills are therefore sums over disjoint unions of fixed blocks: no
 * combination of them is a shorter stretch than a bill, and choosing the periods gives the billing party nothing
 * that billing every block on its own would not.
 */
final class Bills {
    private static final String PLAINTEXT = "plaintext";
    private static final String PROOF = "proof";
    private static final String AGGREGATE = "aggregate";

    private Bills() {
    }

    /** See {@link BillingLogic#postBill}. */
    static String postBill(TxContext ctx, String homeId, String period, String json) {
        BillingConfig billing = requireBillingParty(ctx);
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        requireWholeBlocks(billing, range, period);
        requireHome(ctx, id);
        BillingCheckpoint checkpoint = read(ctx, StateKeys.billed(id), BillingCheckpoint.class);
        if (checkpoint != null && range[0] <= checkpoint.billedThrough()) {
            throw ErrorCode.WINDOW_ALREADY_BILLED.exception("home " + id + " is billed through window "
                    + checkpoint.billedThrough() + "; a new bill must start after it");
        }
        BillingPeriodView view = periodView(ctx, billing, id, range[0], range[1], true);
        if (view.windows().size() < billing.minimumPeriodWindows()) {
            throw ErrorCode.BILLING_PERIOD_TOO_SHORT.exception("period " + period + " contains "
                    + view.windows().size() + " opened windows; a bill covers at least "
                    + billing.minimumPeriodWindows() + " (the minimum billing period): bill a longer period");
        }
        String what = "bill";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(AGGREGATE, PLAINTEXT, PROOF), Set.of());
        PaillierPublicKey key = billingKey(billing);
        Ciphertext aggregate = ciphertext(key, BillingArgs.string(o, AGGREGATE, what), AGGREGATE,
                "the billing key");
        BigInteger plaintext = BillingArgs.decimal(BillingArgs.string(o, PLAINTEXT, what), "the plaintext");
        String proofText = proofText(BillingArgs.string(o, PROOF, what));
        verifyProof(key, proofText, aggregate, plaintext, BillingContexts.bill(ctx.channelId(), range[0], range[1]),
                "the bill of home " + id + " for " + period);
        Bill bill = new Bill(id, range[0], range[1], BillLayout.decode(plaintext),
                BillAggregator.classify(view.windows()), aggregate.toBase64(), plaintext.toString(), proofText,
                timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.bill(id, range[0]), bill);
        write(ctx, StateKeys.billed(id), new BillingCheckpoint(id, range[1], range[0]));
        BillingEvent.BILL_POSTED.emit(ctx, new BillingEventPayload(null, id, bill.period(), null));
        return CanonicalJson.toJson(bill);
    }

    /**
     * The period must span at least the minimum billing period ({@code BILLING_PERIOD_TOO_SHORT}) and consist of
     * whole blocks of it aligned at window 0 ({@code BILLING_PERIOD_NOT_ALIGNED}).
     */
    static void requireWholeBlocks(BillingConfig billing, long[] range, String period) {
        long m = billing.minimumPeriodWindows();
        long span = range[1] - range[0] + 1;
        if (span < m) {
            throw ErrorCode.BILLING_PERIOD_TOO_SHORT.exception("period " + period + " covers " + span
                    + " windows; a bill covers at least " + m + " (the minimum billing period)");
        }
        if (range[0] % m != 0 || (range[1] + 1) % m != 0) {
            throw ErrorCode.BILLING_PERIOD_NOT_ALIGNED.exception("period " + period + " must consist of whole "
                    + "billing blocks of " + m + " windows: FROM and TO + 1 must be multiples of " + m);
        }
    }

    /**
     * A home's terms, record and meter report of every opened window of {@code [from, to]}; windows never opened
     * are left out, every opened one must be settled ({@code WRONG_PHASE}).
     *
     * @param requireReportingOver whether every window's reporting period must be over ({@code REPORTING_OPEN})
     */
    static BillingPeriodView periodView(TxContext ctx, BillingConfig billing, String homeId, long from, long to,
                                        boolean requireReportingOver) {
        List<BillingWindow> windows = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            WindowRecord w = read(ctx, StateKeys.window(t), WindowRecord.class);
            if (w == null) {
                continue;
            }
            if (w.phase() != WindowPhase.SETTLED) {
                throw ErrorCode.WRONG_PHASE.exception("window " + t + " of the period is in phase " + w.phase()
                        + "; only settled windows are billed");
            }
            Settlement settlement = requireSettled(ctx, t);
            if (requireReportingOver) {
                requireReportingOver(ctx, billing, settlement, t);
            }
            windows.add(new BillingWindow(WindowTerms.of(settlement, homeId),
                    read(ctx, StateKeys.settlementRecord(t, homeId), SettlementRecord.class),
                    read(ctx, StateKeys.meterReport(t, homeId), MeterReport.class)));
        }
        return new BillingPeriodView(homeId, from, to, windows);
    }
}
