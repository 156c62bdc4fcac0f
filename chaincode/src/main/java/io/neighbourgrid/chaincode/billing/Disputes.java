package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.billingKey;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBill;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBilling;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireDispute;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireOpened;
import static io.neighbourgrid.chaincode.billing.BillingChecks.submitter;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.DisputeKind;
import io.neighbourgrid.protocol.billing.state.DisputeResolution;
import io.neighbourgrid.protocol.billing.state.Submitter;
import io.neighbourgrid.protocol.billing.state.Verdict;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import java.math.BigInteger;
import java.util.List;

/**
 * Step 7 of billing, disputes: {@code openDispute} by a home and {@code resolveDispute} by an operator identity other
 * than the billing one ({@code docs/billing.md}, section 8, "Verification, audits and disputes", its paragraph
 * "Disputes"). A bill dispute's verdict must agree with chaincode's own recomputation of the bill.
 */
final class Disputes {
    private final BillingChecks checks;

    Disputes(BillingChecks checks) {
        this.checks = checks;
    }

    /** See {@link BillingLogic#openDispute}. */
    String openDispute(TxContext ctx, String kind, String target, String reason) {
        HomeRecord home = checks.callerHome(ctx);
        DisputeKind k = parseKind(kind);
        String why = BillingArgs.reason(reason);
        String normalised;
        if (k == DisputeKind.WINDOW) {
            long t = BillingArgs.window(target);
            requireOpened(ctx, t);
            normalised = Long.toString(t);
        } else {
            long[] range = BillingArgs.period(target);
            normalised = requireBill(ctx, home.homeId(), range, target).period();
        }
        Dispute dispute = new Dispute(ctx.txId(), k, normalised, home.homeId(), why, timestamp(ctx), null);
        write(ctx, StateKeys.dispute(dispute.id()), dispute);
        BillingEvent.DISPUTE_OPENED.emit(ctx, new BillingEventPayload(null, home.homeId(), null, dispute.id()));
        return CanonicalJson.toJson(dispute);
    }

    /** See {@link BillingLogic#resolveDispute}. */
    String resolveDispute(TxContext ctx, String id, String verdict, String evidenceHash) {
        checks.requireOperator(ctx, "resolve disputes");
        BillingConfig billing = requireBilling(ctx);
        Submitter me = submitter(ctx);
        if (billing.isBillingParty(me)) {
            throw ErrorCode.BILLING_PARTY_CANNOT_RESOLVE.exception("the billing identity may not resolve disputes "
                    + "about its own bills and checks; another operator identity resolves them");
        }
        Verdict v = parseVerdict(verdict);
        String evidence = BillingArgs.evidenceHash(evidenceHash);
        Dispute dispute = requireDispute(ctx, id);
        if (!dispute.open()) {
            throw ErrorCode.DISPUTE_ALREADY_RESOLVED.exception("dispute " + id + " was resolved "
                    + dispute.resolution().verdict() + " in transaction " + dispute.resolution().txId());
        }
        String ledgerCheck = null;
        if (dispute.kind() == DisputeKind.BILL) {
            long[] range = BillingArgs.period(dispute.target());
            Bill bill = read(ctx, StateKeys.bill(dispute.homeId(), range[0]), Bill.class);
            if (bill == null) {
                throw new IllegalStateException("dispute " + id + " is about a bill that does not exist");
            }
            String problem = billProblem(ctx, billing, bill);
            boolean wrong = problem != null;
            ledgerCheck = wrong ? problem : "the bill matches the home's records: aggregate recomputed over "
                    + bill.windows().windows() + " windows, proof and lines verified";
            if (wrong != (v == Verdict.UPHELD)) {
                throw ErrorCode.VERDICT_CONTRADICTS_LEDGER.exception("verdict " + v + " on the bill of home "
                        + dispute.homeId() + " for " + bill.period() + " contradicts the ledger: " + ledgerCheck);
            }
        }
        Dispute resolved = dispute.resolved(new DisputeResolution(v, evidence, ledgerCheck, me, timestamp(ctx),
                ctx.txId()));
        write(ctx, StateKeys.dispute(id), resolved);
        BillingEvent.DISPUTE_RESOLVED.emit(ctx, new BillingEventPayload(null, dispute.homeId(), null, id));
        return CanonicalJson.toJson(resolved);
    }

    /** What is wrong with a stored bill against the ledger's records, or {@code null} when nothing is. */
    private static String billProblem(TxContext ctx, BillingConfig billing, Bill bill) {
        PaillierPublicKey key = billingKey(billing);
        List<BillingWindow> windows = Bills.periodView(ctx, billing, bill.homeId(), bill.from(), bill.to(), false)
                .windows();
        BillAggregator.Result recomputed;
        try {
            recomputed = BillAggregator.compute(key, windows);
        } catch (CryptoException | IllegalArgumentException e) {
            return "the home's records cannot be aggregated: " + e.getMessage();
        }
        if (!recomputed.aggregate().toBase64().equals(bill.aggregate())) {
            return "the bill's aggregate differs from the one recomputed from the home's records";
        }
        if (!recomputed.windows().equals(bill.windows())) {
            return "the bill's window categories differ from the records present";
        }
        BigInteger plaintext = new BigInteger(bill.plaintext());
        try {
            DecryptionProof.fromBase64(key, bill.proof()).verify(recomputed.aggregate(), plaintext,
                    BillingContexts.bill(ctx.channelId(), bill.from(), bill.to()));
        } catch (CryptoException e) {
            return "the bill's decryption proof does not verify: " + e.getMessage();
        }
        BillLines lines = BillLayout.decode(plaintext);
        if (!lines.equals(bill.lines())) {
            return "the bill's lines are not the decoding of its plaintext";
        }
        return null;
    }

    private static DisputeKind parseKind(String kind) {
        for (DisputeKind k : DisputeKind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("dispute kind must be WINDOW or BILL");
    }

    private static Verdict parseVerdict(String verdict) {
        for (Verdict v : Verdict.values()) {
            if (v.name().equals(verdict)) {
                return v;
            }
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("verdict must be UPHELD or REJECTED");
    }
}
