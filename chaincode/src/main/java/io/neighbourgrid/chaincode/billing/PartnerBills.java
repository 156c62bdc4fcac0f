package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.billingKey;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBill;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBilling;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBillingParty;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireHome;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireRecordable;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.ciphertext;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.indexCiphertexts;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.proofText;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.verifyProof;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.chaincode.partners.PartnerRecords;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.PartnerBillLayout;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerLinesRecord;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Settlement;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Partner lines on the bill ({@code docs/partners.md}, section 4, "Bills gain partner lines"; seed 003, step 5
 * "settlements and billing"): a home that was a party of an agreement in force at a window's settlement records
 * that window's partner lines, packed and encrypted under the billing key ({@code recordPartnerLines},
 * {@link PartnerBillLayout}); once the home's market bill of a period is posted, the billing party posts the
 * period's partner lines beside it ({@code postPartnerBill}): chaincode multiplies the home's records of the period
 * itself, verifies the proof that the posted plaintext is the product's decryption and decodes the lines. The
 * records follow the settlement records' rules: the window settled, its reporting period open, not yet billed to
 * the home, each ciphertext valid under the billing key and never used before.
 */
final class PartnerBills {
    static final String LINES = "lines";
    private static final String PLAINTEXT = "plaintext";
    private static final String PROOF = "proof";

    private final BillingChecks checks;

    PartnerBills(BillingChecks checks) {
        this.checks = checks;
    }

    /** See {@link BillingLogic#recordPartnerLines}. */
    String recordPartnerLines(TxContext ctx, String window, String json) {
        HomeRecord home = checks.callerHome(ctx);
        String homeId = home.homeId();
        long t = BillingArgs.window(window);
        BillingConfig billing = requireBilling(ctx);
        Settlement settlement = requireRecordable(ctx, billing, homeId, t, "the partner lines");
        Instant settledAt = Instant.parse(settlement.settledAt());
        if (PartnerRecords.agreementsOf(ctx, homeId).stream().noneMatch(a -> a.appliesAt(settledAt))) {
            throw ErrorCode.AGREEMENT_NOT_IN_FORCE.exception("home " + homeId + " was a party of no partner "
                    + "agreement in force when window " + t + " was settled at " + settledAt);
        }
        String key = StateKeys.partnerLines(t, homeId);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + homeId + " already recorded its partner lines "
                    + "of window " + t);
        }
        String what = "partner lines";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(LINES), Set.of());
        Ciphertext lines = ciphertext(billingKey(billing), BillingArgs.string(o, LINES, what), LINES,
                "the billing key");
        Map<String, Ciphertext> parsed = new LinkedHashMap<>();
        parsed.put("partner " + LINES, lines);
        indexCiphertexts(ctx, t, homeId, parsed);
        PartnerLinesRecord record = new PartnerLinesRecord(t, homeId, lines.toBase64(), timestamp(ctx), ctx.txId());
        write(ctx, key, record);
        BillingEvent.PARTNER_LINES_RECORDED.emit(ctx, new BillingEventPayload(t, homeId, null, null));
        return CanonicalJson.toJson(record);
    }

    /** See {@link BillingLogic#postPartnerBill}. */
    static String postPartnerBill(TxContext ctx, String homeId, String period, String json) {
        BillingConfig billing = requireBillingParty(ctx);
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        requireHome(ctx, id);
        // The market bill fixes the period: whole blocks of the minimum billing period, reporting over, records
        // closed to new submissions (the billing checkpoint).
        requireBill(ctx, id, range, period);
        String billKey = StateKeys.partnerBill(id, range[0]);
        if (ctx.getState(billKey) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the partner lines of home " + id + " for " + period
                    + " are posted already");
        }
        String what = "partner bill";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(PLAINTEXT, PROOF), Set.of());
        BigInteger plaintext = BillingArgs.decimal(BillingArgs.string(o, PLAINTEXT, what), "the plaintext");
        String proofText = proofText(BillingArgs.string(o, PROOF, what));
        PaillierPublicKey key = billingKey(billing);
        List<PartnerLinesRecord> records = records(ctx, id, range[0], range[1]);
        List<Ciphertext> ciphertexts = new ArrayList<>();
        for (PartnerLinesRecord r : records) {
            ciphertexts.add(key.ciphertextAlreadyValidated(Base64.getDecoder().decode(r.lines())));
        }
        Ciphertext aggregate = key.sum(ciphertexts);
        verifyProof(key, proofText, aggregate, plaintext, BillingContexts.partnerBill(ctx.channelId(), range[0],
                range[1]), "the partner lines of home " + id + " for " + period);
        PartnerBill bill = new PartnerBill(id, range[0], range[1], PartnerBillLayout.decode(plaintext),
                records.size(), missing(ctx, id, range[0], range[1], records), aggregate.toBase64(),
                plaintext.toString(), proofText, timestamp(ctx), ctx.txId());
        write(ctx, billKey, bill);
        BillingEvent.PARTNER_BILL_POSTED.emit(ctx, new BillingEventPayload(null, id, period, null));
        return CanonicalJson.toJson(bill);
    }

    /** See {@link BillingLogic#getPartnerLines}. */
    static String getPartnerLines(TxContext ctx, String homeId, String period) {
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        requireHome(ctx, id);
        return CanonicalJson.toJson(records(ctx, id, range[0], range[1]));
    }

    /** See {@link BillingLogic#getPartnerBill}. */
    static String getPartnerBill(TxContext ctx, String homeId, String period) {
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        PartnerBill bill = read(ctx, StateKeys.partnerBill(id, range[0]), PartnerBill.class);
        if (bill == null || bill.to() != range[1]) {
            throw ErrorCode.UNKNOWN_BILL.exception("home " + id + " has no partner lines posted for " + period);
        }
        return CanonicalJson.toJson(bill);
    }

    /** The home's partner-lines records of {@code [from, to]}, by window. */
    private static List<PartnerLinesRecord> records(TxContext ctx, String homeId, long from, long to) {
        List<PartnerLinesRecord> out = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            PartnerLinesRecord r = read(ctx, StateKeys.partnerLines(t, homeId), PartnerLinesRecord.class);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The windows of {@code [from, to]} with a statement of one of the home's agreements on the ledger but no
     * partner lines of the home.
     */
    private static List<Long> missing(TxContext ctx, String homeId, long from, long to,
                                      List<PartnerLinesRecord> records) {
        List<Agreement> agreements = PartnerRecords.agreementsOf(ctx, homeId);
        Set<Long> recorded = new HashSet<>();
        records.forEach(r -> recorded.add(r.window()));
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= to && !agreements.isEmpty(); t++) {
            long w = t;
            if (!recorded.contains(w) && agreements.stream().anyMatch(a -> PartnerRecords.statementRecorded(ctx,
                    a.id(), w))) {
                out.add(w);
            }
        }
        return out;
    }
}
