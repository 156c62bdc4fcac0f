package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.billingKey;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBilling;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireHome;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireMeter;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireNotBilled;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireReportingOpen;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireSettled;
import static io.neighbourgrid.chaincode.billing.BillingChecks.submitter;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.ciphertext;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.indexCiphertexts;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Settlement;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Step 4 of billing, a meter's signed report of a settled window: {@code submitMeterReport}
 * ({@code docs/billing.md}, section 5, "Records, meter reports and what is missing": the report's JSON, the signed
 * message of {@link MeterSignatures}, and what a forged, replayed or late report is rejected with).
 */
final class MeterReports {
    private static final String IMPORT = "import";
    private static final String EXPORT = "export";
    private static final String SIGNATURE = "signature";
    /** The names the report's ciphertexts are indexed under. */
    private static final String METER_IMPORT = "meterImport";
    private static final String METER_EXPORT = "meterExport";

    private MeterReports() {
    }

    /** See {@link BillingLogic#submitMeterReport}. */
    static String submitMeterReport(TxContext ctx, String homeId, String window, String json) {
        String id = BillingArgs.homeId(homeId);
        long t = BillingArgs.window(window);
        BillingConfig billing = requireBilling(ctx);
        requireHome(ctx, id);
        MeterRegistration meter = requireMeter(ctx, id);
        Settlement settlement = requireSettled(ctx, t);
        requireNotBilled(ctx, id, t);
        requireReportingOpen(ctx, billing, settlement, "the meter report of home " + id);
        String key = StateKeys.meterReport(t, id);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the meter report of home " + id + " for window " + t
                    + " is already recorded");
        }
        String what = "meter report";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(IMPORT, EXPORT, SIGNATURE), Set.of());
        PaillierPublicKey billingKey = billingKey(billing);
        Map<String, Ciphertext> parsed = new LinkedHashMap<>();
        parsed.put(METER_IMPORT, ciphertext(billingKey, BillingArgs.string(o, IMPORT, what), IMPORT,
                "the billing key"));
        parsed.put(METER_EXPORT, ciphertext(billingKey, BillingArgs.string(o, EXPORT, what), EXPORT,
                "the billing key"));
        byte[] signature;
        try {
            signature = Bytes.fromBase64(BillingArgs.string(o, SIGNATURE, what), "meter signature");
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_SIGNATURE.exception("the meter signature is not Base64: " + e.getMessage(), e);
        }
        ECPublicKey meterKey = MeterSignatures.parsePublicKey(meter.meterKey());
        byte[] message = MeterSignatures.message(ctx.channelId(), id, t, parsed.get(METER_IMPORT),
                parsed.get(METER_EXPORT));
        if (!MeterSignatures.verify(meterKey, message, signature)) {
            throw ErrorCode.INVALID_SIGNATURE.exception("the report for home " + id + " and window " + t
                    + " is not signed by the home's registered meter key " + meter.fingerprint().substring(0, 16));
        }
        indexCiphertexts(ctx, t, id, parsed);
        MeterReport report = new MeterReport(t, id, parsed.get(METER_IMPORT).toBase64(),
                parsed.get(METER_EXPORT).toBase64(), Bytes.toBase64(signature), meter.fingerprint(),
                submitter(ctx), timestamp(ctx), ctx.txId());
        write(ctx, key, report);
        BillingEvent.METER_REPORT_SUBMITTED.emit(ctx, new BillingEventPayload(t, id, null, null));
        return CanonicalJson.toJson(report);
    }
}
