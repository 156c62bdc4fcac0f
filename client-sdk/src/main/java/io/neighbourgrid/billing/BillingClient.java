package io.neighbourgrid.billing;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.DisputeKind;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerLinesRecord;
import io.neighbourgrid.protocol.billing.state.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed calls of the billing transactions over one {@link Ledger} connection (the formats of
 * {@code docs/billing.md}), so the billing party, homes, the auditor and the CLI never spell a transaction by
 * hand. Works the same on the embedded ledger and on Fabric.
 *
 * <p>Every transaction is named by its {@link ContractTransaction}; window indices and billing periods are written
 * as arguments by {@link #windowArgument} and {@link #periodArgument} only.
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
        return optional(ErrorCode.BILLING_NOT_CONFIGURED, BillingConfig.class, ContractTransaction.GET_BILLING);
    }

    /**
     * The billing key.
     *
     * @throws LedgerException with {@code BILLING_NOT_CONFIGURED} before it is registered
     */
    public PaillierPublicKey billingKey() throws LedgerException {
        return PaillierPublicKey.fromBase64(parse(evaluate(ContractTransaction.GET_BILLING), BillingConfig.class)
                .billingKey());
    }

    /** A home's meter registration, or empty. */
    public Optional<MeterRegistration> meter(String homeId) throws LedgerException {
        return optional(ErrorCode.METER_NOT_REGISTERED, MeterRegistration.class, ContractTransaction.GET_METER,
                homeId);
    }

    /** Every home's billing records of window {@code t} and its balance check. */
    public BillingWindowView window(long t) throws LedgerException {
        return parse(evaluate(ContractTransaction.GET_BILLING_WINDOW, windowArgument(t)), BillingWindowView.class);
    }

    /** A home's terms, records and reports over {@code [from, to]}. */
    public BillingPeriodView records(String homeId, long from, long to) throws LedgerException {
        return parse(evaluate(ContractTransaction.GET_BILLING_RECORDS, homeId, periodArgument(from, to)),
                BillingPeriodView.class);
    }

    /** A home's bill for {@code [from, to]}, or empty. */
    public Optional<Bill> bill(String homeId, long from, long to) throws LedgerException {
        return optional(ErrorCode.UNKNOWN_BILL, Bill.class, ContractTransaction.GET_BILL, homeId,
                periodArgument(from, to));
    }

    /** A home's partner-lines records over {@code [from, to]}, by window. */
    public List<PartnerLinesRecord> partnerLines(String homeId, long from, long to) throws LedgerException {
        return CanonicalJson.fromJson(text(evaluate(ContractTransaction.GET_PARTNER_LINES, homeId,
                periodArgument(from, to))), new TypeToken<List<PartnerLinesRecord>>() { }.getType());
    }

    /** The partner lines of a home's bill for {@code [from, to]}, or empty. */
    public Optional<PartnerBill> partnerBill(String homeId, long from, long to) throws LedgerException {
        return optional(ErrorCode.UNKNOWN_BILL, PartnerBill.class, ContractTransaction.GET_PARTNER_BILL, homeId,
                periodArgument(from, to));
    }

    /** A home's bills, oldest first. */
    public List<Bill> bills(String homeId) throws LedgerException {
        return CanonicalJson.fromJson(text(evaluate(ContractTransaction.LIST_BILLS, homeId)),
                new TypeToken<List<Bill>>() { }.getType());
    }

    /** A dispute, or empty. */
    public Optional<Dispute> dispute(String id) throws LedgerException {
        return optional(ErrorCode.UNKNOWN_DISPUTE, Dispute.class, ContractTransaction.GET_DISPUTE, id);
    }

    /** Every dispute. */
    public List<Dispute> disputes() throws LedgerException {
        return CanonicalJson.fromJson(text(evaluate(ContractTransaction.LIST_DISPUTES)),
                new TypeToken<List<Dispute>>() { }.getType());
    }

    /**
     * Registers the billing key with its terms.
     *
     * @param key                  the billing key
     * @param proof                its key-correctness proof
     * @param reportingSeconds     the reporting period after each window's settlement
     * @param minimumPeriodWindows the minimum billing period, in windows
     * @return the transaction's result
     * @throws LedgerException if the contract rejects it
     */
    public SubmitResult registerBillingKey(PaillierPublicKey key, KeyCorrectnessProof proof, long reportingSeconds,
                                           long minimumPeriodWindows) throws LedgerException {
        return submit(ContractTransaction.REGISTER_BILLING_KEY, key.toBase64(), proof.toBase64(),
                "{\"minimumPeriodWindows\":" + minimumPeriodWindows + ",\"reportingSeconds\":" + reportingSeconds
                        + "}");
    }

    public SubmitResult registerMeter(PublicKey meterKey) throws LedgerException {
        return submit(ContractTransaction.REGISTER_METER, MeterSignatures.toPem(meterKey));
    }

    public SubmitResult recordSettlement(long t, String recordJson) throws LedgerException {
        return submit(ContractTransaction.RECORD_SETTLEMENT, windowArgument(t), recordJson);
    }

    public SubmitResult submitMeterReport(String homeId, long t, String reportJson) throws LedgerException {
        return submit(ContractTransaction.SUBMIT_METER_REPORT, homeId, windowArgument(t), reportJson);
    }

    public SubmitResult postMarketBalance(long t, String decryptionJson) throws LedgerException {
        return submit(ContractTransaction.POST_MARKET_BALANCE, windowArgument(t), decryptionJson);
    }

    public SubmitResult postBill(String homeId, long from, long to, String billJson) throws LedgerException {
        return submit(ContractTransaction.POST_BILL, homeId, periodArgument(from, to), billJson);
    }

    /** The calling home's partner lines of window {@code t}, encrypted under the billing key. */
    public PartnerLinesRecord recordPartnerLines(long t, Ciphertext lines) throws LedgerException {
        return parse(submit(ContractTransaction.RECORD_PARTNER_LINES, windowArgument(t),
                CanonicalJson.toJson(Map.of("lines", lines.toBase64()))).payload(), PartnerLinesRecord.class);
    }

    /** The billing party's partner lines of a home's bill. */
    public PartnerBill postPartnerBill(String homeId, long from, long to, String decryptionJson)
            throws LedgerException {
        return parse(submit(ContractTransaction.POST_PARTNER_BILL, homeId, periodArgument(from, to), decryptionJson)
                .payload(), PartnerBill.class);
    }

    /** Opens a dispute as the calling home; returns it with its id. */
    public Dispute openDispute(DisputeKind kind, String target, String reason) throws LedgerException {
        return parse(submit(ContractTransaction.OPEN_DISPUTE, kind.name(), target, reason).payload(), Dispute.class);
    }

    /** Resolves a dispute as an operator identity; returns it with its resolution. */
    public Dispute resolveDispute(String id, Verdict verdict, String evidenceHash) throws LedgerException {
        return parse(submit(ContractTransaction.RESOLVE_DISPUTE, id, verdict.name(), evidenceHash).payload(),
                Dispute.class);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Argument formats
    // ---------------------------------------------------------------------------------------------------------

    /**
     * A window index as the billing transactions take it.
     *
     * @param t the window index
     * @return its decimal form, e.g. {@code "7"}
     */
    public static String windowArgument(long t) {
        return Long.toString(t);
    }

    /**
     * A billing period as the billing transactions take it (and as {@link Bill#period()} writes it).
     *
     * @param from the first window
     * @param to   the last window, inclusive
     * @return {@code "from-to"}
     */
    public static String periodArgument(long from, long to) {
        return from + "-" + to;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Calls
    // ---------------------------------------------------------------------------------------------------------

    private byte[] evaluate(ContractTransaction transaction, String... args) throws LedgerException {
        return ledger.evaluate(transaction.functionName(), args);
    }

    private SubmitResult submit(ContractTransaction transaction, String... args) throws LedgerException {
        return ledger.submit(transaction.functionName(), args);
    }

    /** A query's record, or empty when the ledger answers {@code absent}. */
    private <T> Optional<T> optional(ErrorCode absent, Class<T> type, ContractTransaction transaction,
                                     String... args) throws LedgerException {
        try {
            return Optional.of(parse(evaluate(transaction, args), type));
        } catch (LedgerException e) {
            if (e.is(absent)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static <T> T parse(byte[] payload, Class<T> type) {
        return CanonicalJson.fromJson(text(payload), type);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
