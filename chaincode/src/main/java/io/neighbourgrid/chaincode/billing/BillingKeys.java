package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireMarketConfigured;
import static io.neighbourgrid.chaincode.billing.BillingChecks.submitter;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.Submitter;
import io.neighbourgrid.protocol.contract.TxContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 1 of billing, the billing key: {@code registerBillingKey} ({@code docs/billing.md}, section 1 "Parties" for
 * the billing party and why the key is registered once, section 2 for the reporting period and the minimum billing
 * period it sets, section 6 for its minimum size, section 9 for why bills have a minimum period).
 */
final class BillingKeys {
    private static final String REPORTING_SECONDS = "reportingSeconds";
    private static final String MINIMUM_PERIOD_WINDOWS = "minimumPeriodWindows";
    /** Longest reporting period: 31 days. */
    static final long MAX_REPORTING_SECONDS = 31L * 24 * 3600;

    private final BillingChecks checks;

    BillingKeys(BillingChecks checks) {
        this.checks = checks;
    }

    /** See {@link BillingLogic#registerBillingKey}. */
    String registerBillingKey(TxContext ctx, String paillierKeyB64, String keyProofB64, String configJson) {
        checks.requireOperator(ctx, "register the billing key");
        requireMarketConfigured(ctx);
        if (ctx.getState(StateKeys.billing()) != null) {
            throw ErrorCode.BILLING_ALREADY_CONFIGURED.exception("the billing key is registered already; it is "
                    + "registered once per market");
        }
        Map<String, Object> o = BillingArgs.object(configJson, "billing configuration", Set.of(REPORTING_SECONDS),
                Set.of(MINIMUM_PERIOD_WINDOWS));
        long reporting = BillingArgs.integer(o, REPORTING_SECONDS, "billing configuration");
        if (reporting < 1 || reporting > MAX_REPORTING_SECONDS) {
            throw ErrorCode.INVALID_ARGUMENT.exception("reportingSeconds must be 1 to " + MAX_REPORTING_SECONDS
                    + ", got " + reporting);
        }
        long minimumPeriod = o.containsKey(MINIMUM_PERIOD_WINDOWS)
                ? BillingArgs.integer(o, MINIMUM_PERIOD_WINDOWS, "billing configuration")
                : BillingConfig.DEFAULT_MINIMUM_PERIOD_WINDOWS;
        if (!BillingConfig.validMinimumPeriod(minimumPeriod)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("minimumPeriodWindows must be "
                    + BillingConfig.MIN_PERIOD_WINDOWS + " to " + BillLayout.MAX_PERIOD_WINDOWS + " (the longest "
                    + "bill), got " + minimumPeriod);
        }
        PaillierPublicKey key;
        try {
            key = PaillierPublicKey.fromBase64(paillierKeyB64);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY.exception("billing key rejected: " + e.getMessage(), e);
        }
        Optional<String> size = KeyPolicy.problem(key.bits(), KeyPolicy.Use.BILLING, "the billing key's length");
        if (size.isPresent()) {
            throw ErrorCode.INVALID_KEY.exception(size.get());
        }
        KeyCorrectnessProof proof;
        try {
            proof = KeyCorrectnessProof.fromBase64(keyProofB64);
            proof.verify(key, BillingContexts.billingKey(ctx.channelId()));
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY_PROOF.exception("key-correctness proof of the billing key rejected: "
                    + e.getMessage(), e);
        }
        Submitter me = submitter(ctx);
        BillingConfig config = new BillingConfig(key.toBase64(), key.fingerprint(), key.bits(), proof.toBase64(),
                reporting, minimumPeriod, me.mspId(), me.certificateHash(), timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.billing(), config);
        BillingEvent.BILLING_KEY_REGISTERED.emit(ctx, new BillingEventPayload(null, null, null, null));
        return CanonicalJson.toJson(config);
    }
}
