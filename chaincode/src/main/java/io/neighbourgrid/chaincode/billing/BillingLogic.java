package io.neighbourgrid.chaincode.billing;

import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.contract.TxContext;
import java.util.Collection;

/**
 * The billing transactions of the market contract: settlement records, meter reports, market-balance checks, bills
 * and disputes (see {@code docs/billing.md}). A plain class over {@link TxContext}, dispatched by
 * {@code MarketTransactions} next to the market logic, so the Fabric peer and the embedded ledger run the same code.
 *
 * <p>Parties: the billing party is the one operator identity that registered the billing key; homes are the
 * community identities bound by {@code registerHome}; meter reports may be relayed by anyone, their signature
 * authenticates them; disputes are resolved by an operator identity other than the billing party.
 *
 * <p>What chaincode checks and what it leaves to verifiers: every ciphertext is validated against the key it must
 * be under and indexed against copies, every meter signature and every decryption proof is verified, a window's
 * market balance is computed here from the stored ciphertexts, and a bill's window categories are computed here.
 * A bill's aggregate is not recomputed when it is posted (that costs as much as the billing party's own work, on
 * every endorser): each home recomputes its own, and chaincode recomputes it when the home disputes the bill, and
 * decides the dispute's verdict by that.
 *
 * <p>This class is the entry point {@code MarketTransactions} dispatches to; each step of settlement and billing
 * is one class of this package, in the order of {@code docs/billing.md}: {@link BillingKeys} (the billing key),
 * {@link Meters} (meter keys), {@link SettlementRecords} (a home's record of a settled window), {@link MeterReports}
 * (a meter's signed report), {@link MarketBalances} (the market-balance check of a cleared window), {@link Bills}
 * (a home's bill and the period view it is computed from), {@link PartnerBills} (a home's partner lines of a window
 * and of a bill), {@link Disputes} (opening and resolving disputes) and
 * {@link BillingQueries} (the queries). The checks they share (callers, configuration, windows and the reporting
 * period, lookups) are in {@link BillingChecks}, the ciphertext and proof checks in {@link BillingCrypto}, the
 * argument syntax in {@link BillingArgs}.
 *
 * <p>Determinism as in the market logic: the transaction timestamp is the only clock, collections are sorted, and
 * every record is canonical JSON.
 */
public final class BillingLogic {
    /** Longest reporting period: 31 days. */
    public static final long MAX_REPORTING_SECONDS = BillingKeys.MAX_REPORTING_SECONDS;

    private final BillingKeys keys;
    private final Meters meters;
    private final SettlementRecords settlementRecords;
    private final PartnerBills partnerBills;
    private final Disputes disputes;

    /**
     * Billing for a channel with the given organisations.
     *
     * @param operatorMspId   the operator organisation (billing party and dispute resolvers)
     * @param communityMspIds the organisations of the homes
     */
    public BillingLogic(String operatorMspId, Collection<String> communityMspIds) {
        BillingChecks checks = new BillingChecks(operatorMspId, communityMspIds);
        this.keys = new BillingKeys(checks);
        this.meters = new Meters(checks);
        this.settlementRecords = new SettlementRecords(checks);
        this.partnerBills = new PartnerBills(checks);
        this.disputes = new Disputes(checks);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Registration (BillingKeys, Meters)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Registers the billing party's Paillier key, once per market: the calling operator identity becomes the
     * billing party. The key-correctness proof is bound to {@code (channel, 0, "billing-key", "billing-party")};
     * the key must have at least {@value BillLayout#MIN_KEY_BITS} bits so a packed bill is provable.
     *
     * @param ctx               the transaction, signed by an identity of the operator organisation
     * @param paillierKeyB64    the billing key, Base64
     * @param keyProofB64       its key-correctness proof, Base64
     * @param configJson        {@code {"reportingSeconds": n, "minimumPeriodWindows": m}}: how long after a
     *                          window's settlement its records and meter reports are accepted, 1 s to 31 days;
     *                          and the minimum billing period, 2 to 4,096 windows, 1,440 (a day of one-minute
     *                          windows) if absent
     * @return the billing configuration written
     */
    public String registerBillingKey(TxContext ctx, String paillierKeyB64, String keyProofB64, String configJson) {
        return keys.registerBillingKey(ctx, paillierKeyB64, keyProofB64, configJson);
    }

    /**
     * Registers the calling home's smart-meter key (EC P-256), bound to the home. A home may register a new key
     * when its meter is replaced; reports are verified against the key registered when they are submitted, and
     * every earlier key stays in the key's history. A key registered for one home can never serve another.
     *
     * @param ctx the transaction, signed by the home's identity
     * @param pem the meter's public key, PEM or Base64 of its SubjectPublicKeyInfo
     * @return the meter registration written
     */
    public String registerMeter(TxContext ctx, String pem) {
        return meters.registerMeter(ctx, pem);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Per-window records (SettlementRecords, MeterReports)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Records the calling home's settlement of a settled window: its committed market volume {@code e_t} (only if
     * it traded in the window's market) and its grid exchange relative to that commitment, {@code g+} and
     * {@code g-}, under the billing key, and its own copy under its own key. Once per home and window, within the
     * window's reporting period, and not for a window already billed to the home. Homes that did not trade post
     * too, without {@code committed}, so every home has a record of every window.
     *
     * @param ctx    the transaction, signed by the home's identity
     * @param window the window index
     * @param json   {@code {"committed"?, "gridExport", "gridImport", "own"}}, Base64 ciphertexts
     * @return the record written
     */
    public String recordSettlement(TxContext ctx, String window, String json) {
        return settlementRecords.recordSettlement(ctx, window, json);
    }

    /**
     * Records a smart meter's signed report of a settled window for a home: the metered grid import and export,
     * each under the billing key. Anyone may relay it; chaincode verifies the signature with the home's registered
     * meter key over {@code (channel, home, t, import, export)}, so a report cannot be forged, altered, or replayed
     * for another home or window. Once per home and window, within the reporting period, not after the window was
     * billed.
     *
     * @param ctx    the transaction (any identity of the channel)
     * @param homeId the metered home
     * @param window the window index
     * @param json   {@code {"import", "export", "signature"}}, Base64
     * @return the report written
     */
    public String submitMeterReport(TxContext ctx, String homeId, String window, String json) {
        return MeterReports.submitMeterReport(ctx, homeId, window, json);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks and bills by the billing party (MarketBalances, Bills)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Posts the market-balance check of a cleared window (billing party, after the reporting period): chaincode
     * multiplies the committed volumes of the window's market members into
     * {@code Enc(sum_sellers e + 2^64 sum_buyers (-e))}, verifies the billing party's proof that the posted
     * plaintext is its decryption, and compares the two sums with the public outcome: the short side must total
     * {@code E_short} exactly and the long side {@code E_short} minus less than one unit per long-side member.
     * The sums are aggregates of a coalition, no home's value.
     *
     * @param ctx    the transaction, signed by the billing identity
     * @param window the window index
     * @param json   {@code {"plaintext", "proof"}}
     * @return the check written
     */
    public String postMarketBalance(TxContext ctx, String window, String json) {
        return MarketBalances.postMarketBalance(ctx, window, json);
    }

    /**
     * Posts a home's bill for a period (billing party): the packed aggregate of the home's records
     * ({@link BillAggregator}), its plaintext and the proof of correct decryption, bound to
     * {@code (channel, from, "bill/" + to, "billing-party")}. Every opened window of the period must be settled and
     * past its reporting period; the period must consist of whole blocks of the minimum billing period, aligned at
     * window 0, contain at least that many opened windows and start after the home's last bill
     * ({@code BILLING_PERIOD_NOT_ALIGNED}, {@code BILLING_PERIOD_TOO_SHORT}, {@code WINDOW_ALREADY_BILLED}).
     * Chaincode verifies the proof,
     * decodes the lines, classifies the windows from the records present and moves the home's billing checkpoint
     * to {@code to}, after which no record or report of those windows is accepted.
     *
     * @param ctx    the transaction, signed by the billing identity
     * @param homeId the billed home
     * @param period {@code from-to}, inclusive
     * @param json   {@code {"aggregate", "plaintext", "proof"}}
     * @return the bill written
     */
    public String postBill(TxContext ctx, String homeId, String period, String json) {
        return Bills.postBill(ctx, homeId, period, json);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Partner lines (PartnerBills)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Records the calling home's partner lines of settled window {@code t}, packed and encrypted under the billing
     * key ({@code PartnerBillLayout}): the home must have been a party of a partner agreement in force at the
     * window's settlement ({@code AGREEMENT_NOT_IN_FORCE}); once per window ({@code DUPLICATE_SUBMISSION}); as a
     * settlement record, within the reporting period and before the window is billed to the home, the ciphertext
     * valid under the billing key and never used before.
     *
     * @param ctx    the transaction, signed by the home's identity
     * @param window the window index
     * @param json   {@code {"lines": Enc_B(pack(lines)) Base64}}
     * @return the record written
     */
    public String recordPartnerLines(TxContext ctx, String window, String json) {
        return partnerBills.recordPartnerLines(ctx, window, json);
    }

    /**
     * Posts the partner lines of a home's bill, for exactly the period of a market bill already posted
     * ({@code UNKNOWN_BILL}), once ({@code DUPLICATE_SUBMISSION}). Chaincode multiplies the home's partner-lines
     * records of the period, verifies the proof that {@code plaintext} is the product's decryption under
     * {@code (channel, from, "partner-bill/" + to, "billing-party")} ({@code INVALID_PROOF}), decodes the lines and
     * lists the windows with a partner statement of the home's agreements but no lines of the home.
     *
     * @param ctx    the transaction, signed by the billing identity
     * @param homeId the billed home
     * @param period {@code from-to}, inclusive
     * @param json   {@code {"plaintext", "proof"}}
     * @return the partner bill written
     */
    public String postPartnerBill(TxContext ctx, String homeId, String period, String json) {
        return PartnerBills.postPartnerBill(ctx, homeId, period, json);
    }

    /**
     * A home's partner-lines records over a period, by window: what the partner lines of its bill are the product
     * of.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @param period {@code from-to}, inclusive
     * @return a JSON array of records
     */
    public String getPartnerLines(TxContext ctx, String homeId, String period) {
        return PartnerBills.getPartnerLines(ctx, homeId, period);
    }

    /**
     * The partner lines of a home's bill ({@code UNKNOWN_BILL} when none are posted for the period).
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @param period {@code from-to}, inclusive
     * @return the partner bill
     */
    public String getPartnerBill(TxContext ctx, String homeId, String period) {
        return PartnerBills.getPartnerBill(ctx, homeId, period);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Disputes (Disputes)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Opens a dispute by the calling home: about a settled window ({@code WINDOW}, target {@code t}) or one of its
     * own bills ({@code BILL}, target {@code from-to}). The dispute's id is this transaction's id.
     *
     * @param ctx    the transaction, signed by the home's identity
     * @param kind   {@code WINDOW} or {@code BILL}
     * @param target the window index or the bill's period
     * @param reason why, 1 to 500 characters
     * @return the dispute written
     */
    public String openDispute(TxContext ctx, String kind, String target, String reason) {
        return disputes.openDispute(ctx, kind, target, reason);
    }

    /**
     * Resolves a dispute (an operator identity other than the billing party: the billing party does not judge its
     * own bills). The evidence hash is the SHA-256 of the audit report the verdict rests on. For a bill dispute
     * chaincode recomputes the bill from the home's records, re-verifies its proof and decoding, and accepts only the
     * verdict that agrees: {@code UPHELD} exactly when the bill does not match the ledger.
     *
     * @param ctx          the transaction, signed by an operator identity
     * @param id           the dispute id
     * @param verdict      {@code UPHELD} or {@code REJECTED}
     * @param evidenceHash 64 lower-case hex digits
     * @return the dispute written
     */
    public String resolveDispute(TxContext ctx, String id, String verdict, String evidenceHash) {
        return disputes.resolveDispute(ctx, id, verdict, evidenceHash);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Queries (BillingQueries)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * The billing configuration.
     *
     * @param ctx the transaction
     * @return the billing party's key and terms
     */
    public String getBilling(TxContext ctx) {
        return BillingQueries.getBilling(ctx);
    }

    /**
     * A home's meter key.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return its meter registration
     */
    public String getMeter(TxContext ctx, String homeId) {
        return BillingQueries.getMeter(ctx, homeId);
    }

    /**
     * Every home's settlement record and meter report of a window, with its market-balance check.
     *
     * @param ctx    the transaction
     * @param window the window index
     * @return the window's billing view
     */
    public String getBillingWindow(TxContext ctx, String window) {
        return BillingQueries.getBillingWindow(ctx, window);
    }

    /**
     * A home's terms, records and meter reports over a period: what anyone needs to recompute its bill. Windows of
     * the range that were never opened are left out; every opened one must be settled.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @param period {@code from-to}
     * @return the period view
     */
    public String getBillingRecords(TxContext ctx, String homeId, String period) {
        return BillingQueries.getBillingRecords(ctx, homeId, period);
    }

    /**
     * A home's bill.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @param period the bill's period {@code from-to}
     * @return the bill
     */
    public String getBill(TxContext ctx, String homeId, String period) {
        return BillingQueries.getBill(ctx, homeId, period);
    }

    /**
     * A home's bills, oldest period first.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return a JSON array of bills
     */
    public String listBills(TxContext ctx, String homeId) {
        return BillingQueries.listBills(ctx, homeId);
    }

    /**
     * A dispute.
     *
     * @param ctx the transaction
     * @param id  the dispute id
     * @return the dispute
     */
    public String getDispute(TxContext ctx, String id) {
        return BillingQueries.getDispute(ctx, id);
    }

    /**
     * Every dispute, sorted by id.
     *
     * @param ctx the transaction
     * @return a JSON array of disputes
     */
    public String listDisputes(TxContext ctx) {
        return BillingQueries.listDisputes(ctx);
    }
}
