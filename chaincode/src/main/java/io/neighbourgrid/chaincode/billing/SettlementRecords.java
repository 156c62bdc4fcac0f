package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.billingKey;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBilling;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireRecordable;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.ciphertext;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.indexCiphertexts;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Settlement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Step 3 of billing, a home's settlement record of a settled window: {@code recordSettlement}
 * ({@code docs/billing.md}, section 2 for when it is accepted, section 4 for the committed volume and the grid
 * exchange {@code g+}, {@code g-} it carries, section 5 for its JSON and the home's own copy).
 */
final class SettlementRecords {
    private static final String COMMITTED = "committed";
    private static final String GRID_EXPORT = "gridExport";
    private static final String GRID_IMPORT = "gridImport";
    private static final String OWN = "own";

    private final BillingChecks checks;

    SettlementRecords(BillingChecks checks) {
        this.checks = checks;
    }

    /** See {@link BillingLogic#recordSettlement}. */
    String recordSettlement(TxContext ctx, String window, String json) {
        HomeRecord home = checks.callerHome(ctx);
        String homeId = home.homeId();
        long t = BillingArgs.window(window);
        BillingConfig billing = requireBilling(ctx);
        Settlement settlement = requireRecordable(ctx, billing, homeId, t, "the settlement record");
        String key = StateKeys.settlementRecord(t, homeId);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + homeId + " already recorded its settlement of "
                    + "window " + t);
        }
        Role role = WindowTerms.of(settlement, homeId).role();
        String what = "settlement record";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(GRID_EXPORT, GRID_IMPORT, OWN),
                Set.of(COMMITTED));
        if (o.containsKey(COMMITTED) != (role != Role.OFF)) {
            throw ErrorCode.MALFORMED_JSON.exception(role == Role.OFF
                    ? "home " + homeId + " did not trade in the market of window " + t + ", so its settlement record "
                    + "carries no committed volume"
                    : "home " + homeId + " traded in the market of window " + t + " as a " + role
                    + ", so its settlement record must carry its committed volume");
        }
        PaillierPublicKey billingKey = billingKey(billing);
        PaillierPublicKey homeKey = PaillierPublicKey.fromBase64(home.paillierKey());
        Map<String, Ciphertext> parsed = new LinkedHashMap<>();
        if (role != Role.OFF) {
            parsed.put(COMMITTED, ciphertext(billingKey, BillingArgs.string(o, COMMITTED, what), COMMITTED,
                    "the billing key"));
        }
        parsed.put(GRID_EXPORT, ciphertext(billingKey, BillingArgs.string(o, GRID_EXPORT, what), GRID_EXPORT,
                "the billing key"));
        parsed.put(GRID_IMPORT, ciphertext(billingKey, BillingArgs.string(o, GRID_IMPORT, what), GRID_IMPORT,
                "the billing key"));
        parsed.put(OWN, ciphertext(homeKey, BillingArgs.string(o, OWN, what), OWN, "the key of home " + homeId));
        indexCiphertexts(ctx, t, homeId, parsed);
        SettlementRecord record = new SettlementRecord(t, homeId, role,
                role == Role.OFF ? null : parsed.get(COMMITTED).toBase64(), parsed.get(GRID_EXPORT).toBase64(),
                parsed.get(GRID_IMPORT).toBase64(), parsed.get(OWN).toBase64(), timestamp(ctx), ctx.txId());
        write(ctx, key, record);
        BillingEvent.SETTLEMENT_RECORDED.emit(ctx, new BillingEventPayload(t, homeId, null, null));
        return CanonicalJson.toJson(record);
    }
}
