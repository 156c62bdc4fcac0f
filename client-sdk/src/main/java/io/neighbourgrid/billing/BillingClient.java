package io.neighbourgrid.billing;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.DisputeKind;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed calls of the billing transactions over one {@link Ledger} connection (the formats of
 * {@code docs/billing.md}), so the billing party, homes, the auditor and the CLI never spell a transaction by
 * hand. Works the same on the embedded ledger and on Fabric.
 */
public final class BillingClient {
    private final Ledger ledger;
    private final String channel;

    /**
     * @param ledger  the connection, signing as the caller's identity
     * @param channel the channel name, bound into proof contexts and meter signatures
     */
    public BillingClient(Ledger ledger, String channel) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The underlying connection. */
    public Ledger ledger() {
        return ledger;
    }

    /** The channel name. */
    public String channel() {
        return channel;
    }

    /** The billing configuration, or empty before the billing key is registered. */
    public Optional<BillingConfig> billing() throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getBilling"), BillingConfig.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.BILLING_NOT_CONFIGURED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The billing key.
     *
     * @throws LedgerException with {@code BILLING_NOT_CONFIGURED} before it is registered
     */
    public PaillierPublicKey billingKey() throws LedgerException {
        return PaillierPublicKey.fromBase64(parse(ledger.evaluate("getBilling"), BillingConfig.class).billingKey());
    }

    /** A home's meter registration, or empty. */
    public Optional<MeterRegistration> meter(String homeId) throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getMeter", homeId), MeterRegistration.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.METER_NOT_REGISTERED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every home's billing records of window {@code t} and its balance check. */
    public BillingWindowView window(long t) throws LedgerException {
        return parse(ledger.evaluate("getBillingWindow", Long.toString(t)), BillingWindowView.class);
    }

    /** A home's terms, records and reports over {@code [from, to]}. */
    public BillingPeriodView records(String homeId, long from, long to) throws LedgerException {
        return parse(ledger.evaluate("getBillingRecords", homeId, from + "-" + to), BillingPeriodView.class);
    }

    /** A home's bill for {@code [from, to]}, or empty. */
    public Optional<Bill> bill(String homeId, long from, long to) throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getBill", homeId, from + "-" + to), Bill.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_BILL)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A home's bills, oldest first. */
    public List<Bill> bills(String homeId) throws LedgerException {
        return CanonicalJson.fromJson(text(ledger.evaluate("listBills", homeId)),
                new TypeToken<List<Bill>>() { }.getType());
    }

    /** A dispute, or empty. */
    public Optional<Dispute> dispute(String id) throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getDispute", id), Dispute.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_DISPUTE)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every dispute. */
    public List<Dispute> disputes() throws LedgerException {
        return CanonicalJson.fromJson(text(ledger.evaluate("listDisputes")),
                new TypeToken<List<Dispute>>() { }.getType());
    }

    public SubmitResult registerBillingKey(PaillierPublicKey key, KeyCorrectnessProof proof, long reportingSeconds)
            throws LedgerException {
        return ledger.submit("registerBillingKey", key.toBase64(), proof.toBase64(),
                "{\"reportingSeconds\":" + reportingSeconds + "}");
    }

    public SubmitResult registerMeter(PublicKey meterKey) throws LedgerException {
        return ledger.submit("registerMeter", MeterSignatures.toPem(meterKey));
    }

    public SubmitResult recordSettlement(long t, String recordJson) throws LedgerException {
        return ledger.submit("recordSettlement", Long.toString(t), recordJson);
    }

    public SubmitResult submitMeterReport(String homeId, long t, String reportJson) throws LedgerException {
        return ledger.submit("submitMeterReport", homeId, Long.toString(t), reportJson);
    }

    public SubmitResult postMarketBalance(long t, String decryptionJson) throws LedgerException {
        return ledger.submit("postMarketBalance", Long.toString(t), decryptionJson);
    }

    public SubmitResult postBill(String homeId, long from, long to, String billJson) throws LedgerException {
        return ledger.submit("postBill", homeId, from + "-" + to, billJson);
    }

    /** Opens a dispute as the calling home; returns it with its id. */
    public Dispute openDispute(DisputeKind kind, String target, String reason) throws LedgerException {
        return parse(ledger.submit("openDispute", kind.name(), target, reason).payload(), Dispute.class);
    }

    /** Resolves a dispute as an operator identity; returns it with its resolution. */
    public Dispute resolveDispute(String id, Verdict verdict, String evidenceHash) throws LedgerException {
        return parse(ledger.submit("resolveDispute", id, verdict.name(), evidenceHash).payload(), Dispute.class);
    }

    static <T> T parse(byte[] payload, Class<T> type) {
        return CanonicalJson.fromJson(text(payload), type);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
