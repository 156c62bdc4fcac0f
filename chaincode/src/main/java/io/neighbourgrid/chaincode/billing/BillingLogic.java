package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.readAll;
import static io.neighbourgrid.chaincode.StateIo.sha256;
import static io.neighbourgrid.chaincode.StateIo.write;

import io.neighbourgrid.chaincode.Callers;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.BalanceStatus;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillingCheckpoint;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.DisputeKind;
import io.neighbourgrid.protocol.billing.state.DisputeResolution;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.MeterKeyBinding;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.billing.state.Submitter;
import io.neighbourgrid.protocol.billing.state.Verdict;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.CiphertextUse;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * <p>Determinism as in the market logic: the transaction timestamp is the only clock, collections are sorted, and
 * every record is canonical JSON.
 */
public final class BillingLogic {
    private static final String COMMITTED = "committed";
    private static final String GRID_EXPORT = "gridExport";
    private static final String GRID_IMPORT = "gridImport";
    private static final String OWN = "own";
    private static final String IMPORT = "import";
    private static final String EXPORT = "export";
    private static final String SIGNATURE = "signature";
    private static final String PLAINTEXT = "plaintext";
    private static final String PROOF = "proof";
    private static final String AGGREGATE = "aggregate";
    private static final String REPORTING_SECONDS = "reportingSeconds";
    /** Longest reporting period: 31 days. */
    public static final long MAX_REPORTING_SECONDS = 31L * 24 * 3600;

    private final String operatorMspId;
    private final SortedSet<String> communityMspIds;

    /**
     * Billing for a channel with the given organisations.
     *
     * @param operatorMspId   the operator organisation (billing party and dispute resolvers)
     * @param communityMspIds the organisations of the homes
     */
    public BillingLogic(String operatorMspId, Collection<String> communityMspIds) {
        this.operatorMspId = Objects.requireNonNull(operatorMspId, "operatorMspId");
        this.communityMspIds = Collections.unmodifiableSortedSet(new TreeSet<>(communityMspIds));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Registration
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Registers the billing party's Paillier key, once per market: the calling operator identity becomes the
     * billing party. The key-correctness proof is bound to {@code (channel, 0, "billing-key", "billing-party")};
     * the key must have at least {@value BillLayout#MIN_KEY_BITS} bits so a packed bill is provable.
     *
     * @param ctx               the transaction, signed by an identity of the operator organisation
     * @param paillierKeyB64    the billing key, Base64
     * @param keyProofB64       its key-correctness proof, Base64
     * @param configJson        {@code {"reportingSeconds": n}}: how long after a window's settlement its records and
     *                          meter reports are accepted, 1 s to 31 days
     * @return the billing configuration written
     */
    public String registerBillingKey(TxContext ctx, String paillierKeyB64, String keyProofB64, String configJson) {
        requireOperator(ctx, "register the billing key");
        if (read(ctx, StateKeys.market(), MarketConfig.class) == null) {
            throw ErrorCode.MARKET_NOT_CONFIGURED.exception("the operator has not configured the market");
        }
        if (ctx.getState(StateKeys.billing()) != null) {
            throw ErrorCode.BILLING_ALREADY_CONFIGURED.exception("the billing key is registered already; it is "
                    + "registered once per market");
        }
        Map<String, Object> o = BillingArgs.object(configJson, "billing configuration", Set.of(REPORTING_SECONDS),
                Set.of());
        long reporting = BillingArgs.integer(o, REPORTING_SECONDS, "billing configuration");
        if (reporting < 1 || reporting > MAX_REPORTING_SECONDS) {
            throw ErrorCode.INVALID_ARGUMENT.exception("reportingSeconds must be 1 to " + MAX_REPORTING_SECONDS
                    + ", got " + reporting);
        }
        PaillierPublicKey key;
        try {
            key = PaillierPublicKey.fromBase64(paillierKeyB64);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY.exception("billing key rejected: " + e.getMessage(), e);
        }
        if (key.bits() < BillLayout.MIN_KEY_BITS || key.bits() % 2 != 0) {
            throw ErrorCode.INVALID_KEY.exception("the billing key has " + key.bits() + " bits; it needs an even "
                    + "length of at least " + BillLayout.MIN_KEY_BITS + " so a packed bill stays provable");
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
                reporting, me.mspId(), me.certificateHash(), timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.billing(), config);
        emit(ctx, BillingEvent.BILLING_KEY_REGISTERED, new BillingEventPayload(null, null, null, null));
        return CanonicalJson.toJson(config);
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
        HomeRecord home = callerHome(ctx);
        ECPublicKey key;
        try {
            key = MeterSignatures.parsePublicKey(pem);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_METER_KEY.exception("meter key of home " + home.homeId() + " rejected: "
                    + e.getMessage(), e);
        }
        String fingerprint = MeterSignatures.fingerprint(key);
        MeterKeyBinding binding = read(ctx, StateKeys.meterKey(fingerprint), MeterKeyBinding.class);
        if (binding != null && !binding.homeId().equals(home.homeId())) {
            throw ErrorCode.METER_KEY_IN_USE.exception("meter key " + fingerprint.substring(0, 16)
                    + " is registered for home " + binding.homeId());
        }
        MeterRegistration current = read(ctx, StateKeys.meter(home.homeId()), MeterRegistration.class);
        if (current != null && current.fingerprint().equals(fingerprint)) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("meter key " + fingerprint.substring(0, 16)
                    + " is already the registered key of home " + home.homeId());
        }
        MeterRegistration registration = new MeterRegistration(home.homeId(), MeterSignatures.canonical(key),
                fingerprint, current == null ? 1 : current.version() + 1, timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.meter(home.homeId()), registration);
        if (binding == null) {
            write(ctx, StateKeys.meterKey(fingerprint), new MeterKeyBinding(fingerprint, home.homeId()));
        }
        emit(ctx, BillingEvent.METER_REGISTERED, new BillingEventPayload(null, home.homeId(), null, null));
        return CanonicalJson.toJson(registration);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Per-window records
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
        HomeRecord home = callerHome(ctx);
        String homeId = home.homeId();
        long t = BillingArgs.window(window);
        BillingConfig billing = requireBilling(ctx);
        Settlement settlement = requireSettled(ctx, t);
        requireNotBilled(ctx, homeId, t);
        requireReportingOpen(ctx, billing, settlement, "the settlement record of home " + homeId);
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
        PaillierPublicKey billingKey = PaillierPublicKey.fromBase64(billing.billingKey());
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
        emit(ctx, BillingEvent.SETTLEMENT_RECORDED, new BillingEventPayload(t, homeId, null, null));
        return CanonicalJson.toJson(record);
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
        String id = BillingArgs.homeId(homeId);
        long t = BillingArgs.window(window);
        BillingConfig billing = requireBilling(ctx);
        if (ctx.getState(StateKeys.home(id)) == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("no home " + id + " is registered");
        }
        MeterRegistration meter = read(ctx, StateKeys.meter(id), MeterRegistration.class);
        if (meter == null) {
            throw ErrorCode.METER_NOT_REGISTERED.exception("home " + id + " has no registered meter key");
        }
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
        PaillierPublicKey billingKey = PaillierPublicKey.fromBase64(billing.billingKey());
        Map<String, Ciphertext> parsed = new LinkedHashMap<>();
        parsed.put("meterImport", ciphertext(billingKey, BillingArgs.string(o, IMPORT, what), IMPORT,
                "the billing key"));
        parsed.put("meterExport", ciphertext(billingKey, BillingArgs.string(o, EXPORT, what), EXPORT,
                "the billing key"));
        byte[] signature;
        try {
            signature = Bytes.fromBase64(BillingArgs.string(o, SIGNATURE, what), "meter signature");
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_SIGNATURE.exception("the meter signature is not Base64: " + e.getMessage(), e);
        }
        ECPublicKey meterKey = MeterSignatures.parsePublicKey(meter.meterKey());
        byte[] message = MeterSignatures.message(ctx.channelId(), id, t, parsed.get("meterImport"),
                parsed.get("meterExport"));
        if (!MeterSignatures.verify(meterKey, message, signature)) {
            throw ErrorCode.INVALID_SIGNATURE.exception("the report for home " + id + " and window " + t
                    + " is not signed by the home's registered meter key " + meter.fingerprint().substring(0, 16));
        }
        indexCiphertexts(ctx, t, id, parsed);
        MeterReport report = new MeterReport(t, id, parsed.get("meterImport").toBase64(),
                parsed.get("meterExport").toBase64(), Bytes.toBase64(signature), meter.fingerprint(),
                submitter(ctx), timestamp(ctx), ctx.txId());
        write(ctx, key, report);
        emit(ctx, BillingEvent.METER_REPORT_SUBMITTED, new BillingEventPayload(t, id, null, null));
        return CanonicalJson.toJson(report);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks and bills by the billing party
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
        BillingConfig billing = requireBillingParty(ctx);
        long t = BillingArgs.window(window);
        Settlement settlement = requireSettled(ctx, t);
        if (settlement.clearing() == Clearing.GRID_ONLY) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " was settled grid only: it has no market volume "
                    + "to balance");
        }
        requireReportingOver(ctx, billing, settlement, t);
        if (ctx.getState(StateKeys.marketBalance(t)) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the market balance of window " + t + " is already "
                    + "posted");
        }
        String what = "market balance";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(PLAINTEXT, PROOF), Set.of());
        BigInteger plaintext = BillingArgs.decimal(BillingArgs.string(o, PLAINTEXT, what), "the plaintext");
        String proofText = proofText(BillingArgs.string(o, PROOF, what));
        PaillierPublicKey key = PaillierPublicKey.fromBase64(billing.billingKey());
        Map<String, SettlementRecord> records = new TreeMap<>();
        for (SettlementRecord r : readAll(ctx, SettlementRecord.class, StateKeys.SETTLEMENT_RECORD,
                Long.toString(t))) {
            records.put(r.homeId(), r);
        }
        List<String> missing = new ArrayList<>();
        List<String> sellers = committedOf(settlement.sellers(), records, missing);
        List<String> buyers = committedOf(settlement.buyers(), records, missing);
        Collections.sort(missing);
        Ciphertext aggregate = BillAggregator.marketBalance(key, sellers, buyers);
        verifyProof(key, proofText, aggregate, plaintext, BillingContexts.marketBalance(ctx.channelId(), t),
                "the market balance of window " + t);
        BigInteger[] volumes = BillAggregator.decodeMarketBalance(plaintext);
        MarketType type = settlement.clearing().marketType().orElseThrow();
        long shortTotal = type == MarketType.GENERAL ? settlement.supply() : settlement.demand();
        BigInteger shortSide = type == MarketType.GENERAL ? volumes[0] : volumes[1];
        BigInteger longSide = type == MarketType.GENERAL ? volumes[1] : volumes[0];
        int longMembers = type == MarketType.GENERAL ? settlement.buyers().size() : settlement.sellers().size();
        BigInteger gap = BigInteger.valueOf(shortTotal).subtract(longSide);
        String shortName = type == MarketType.GENERAL ? "sellers" : "buyers";
        String longName = type == MarketType.GENERAL ? "buyers" : "sellers";
        BalanceStatus status;
        String detail;
        if (!missing.isEmpty()) {
            status = BalanceStatus.INCOMPLETE;
            detail = missing.size() + " market members posted no record " + missing + "; the " + shortName
                    + " that did commit " + shortSide + " of " + shortTotal + " units";
        } else if (shortSide.equals(BigInteger.valueOf(shortTotal)) && gap.signum() >= 0
                && gap.compareTo(BigInteger.valueOf(longMembers)) < 0) {
            status = BalanceStatus.BALANCED;
            detail = "the " + shortName + " commit E_short = " + shortTotal + " units and the " + longName + " "
                    + longSide + " units, a rounding residual of " + gap + " below " + longMembers;
        } else {
            status = BalanceStatus.IMBALANCED;
            detail = "the " + shortName + " commit " + shortSide + " units against E_short = " + shortTotal
                    + " and the " + longName + " " + longSide + " units (allowed: E_short minus less than "
                    + longMembers + ")";
        }
        MarketBalance balance = new MarketBalance(t, status, detail, volumes[0].toString(), volumes[1].toString(),
                shortTotal, missing, aggregate.toBase64(), plaintext.toString(), proofText, timestamp(ctx),
                ctx.txId());
        write(ctx, StateKeys.marketBalance(t), balance);
        emit(ctx, BillingEvent.MARKET_BALANCE_POSTED, new BillingEventPayload(t, null, null, null));
        return CanonicalJson.toJson(balance);
    }

    /**
     * Posts a home's bill for a period (billing party): the packed aggregate of the home's records
     * ({@link BillAggregator}), its plaintext and the proof of correct decryption, bound to
     * {@code (channel, from, "bill/" + to, "billing-party")}. Every opened window of the period must be settled and
     * past its reporting period; the period must start after the home's last bill. Chaincode verifies the proof,
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
        BillingConfig billing = requireBillingParty(ctx);
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        if (ctx.getState(StateKeys.home(id)) == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("no home " + id + " is registered");
        }
        BillingCheckpoint checkpoint = read(ctx, StateKeys.billed(id), BillingCheckpoint.class);
        if (checkpoint != null && range[0] <= checkpoint.billedThrough()) {
            throw ErrorCode.WINDOW_ALREADY_BILLED.exception("home " + id + " is billed through window "
                    + checkpoint.billedThrough() + "; a new bill must start after it");
        }
        BillingPeriodView view = periodView(ctx, billing, id, range[0], range[1], true);
        if (view.windows().isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("period " + period + " contains no opened window");
        }
        String what = "bill";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(AGGREGATE, PLAINTEXT, PROOF), Set.of());
        PaillierPublicKey key = PaillierPublicKey.fromBase64(billing.billingKey());
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
        emit(ctx, BillingEvent.BILL_POSTED, new BillingEventPayload(null, id, bill.period(), null));
        return CanonicalJson.toJson(bill);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Disputes
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
        HomeRecord home = callerHome(ctx);
        DisputeKind k = parseKind(kind);
        String why = BillingArgs.reason(reason);
        String normalised;
        if (k == DisputeKind.WINDOW) {
            long t = BillingArgs.window(target);
            if (ctx.getState(StateKeys.window(t)) == null) {
                throw ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " has not been opened");
            }
            normalised = Long.toString(t);
        } else {
            long[] range = BillingArgs.period(target);
            Bill bill = read(ctx, StateKeys.bill(home.homeId(), range[0]), Bill.class);
            if (bill == null || bill.to() != range[1]) {
                throw ErrorCode.UNKNOWN_BILL.exception("home " + home.homeId() + " has no bill for " + target);
            }
            normalised = bill.period();
        }
        Dispute dispute = new Dispute(ctx.txId(), k, normalised, home.homeId(), why, timestamp(ctx), null);
        write(ctx, StateKeys.dispute(dispute.id()), dispute);
        emit(ctx, BillingEvent.DISPUTE_OPENED, new BillingEventPayload(null, home.homeId(), null, dispute.id()));
        return CanonicalJson.toJson(dispute);
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
        requireOperator(ctx, "resolve disputes");
        BillingConfig billing = requireBilling(ctx);
        Submitter me = submitter(ctx);
        if (billing.isBillingParty(me)) {
            throw ErrorCode.BILLING_PARTY_CANNOT_RESOLVE.exception("the billing identity may not resolve disputes "
                    + "about its own bills and checks; another operator identity resolves them");
        }
        Verdict v = parseVerdict(verdict);
        String evidence = BillingArgs.evidenceHash(evidenceHash);
        Dispute dispute = read(ctx, StateKeys.dispute(BillingArgs.disputeId(id)), Dispute.class);
        if (dispute == null) {
            throw ErrorCode.UNKNOWN_DISPUTE.exception("no dispute " + id);
        }
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
        emit(ctx, BillingEvent.DISPUTE_RESOLVED, new BillingEventPayload(null, dispute.homeId(), null, id));
        return CanonicalJson.toJson(resolved);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------------------------

    /**
     * The billing configuration.
     *
     * @param ctx the transaction
     * @return the billing party's key and terms
     */
    public String getBilling(TxContext ctx) {
        return CanonicalJson.toJson(requireBilling(ctx));
    }

    /**
     * A home's meter key.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return its meter registration
     */
    public String getMeter(TxContext ctx, String homeId) {
        String id = BillingArgs.homeId(homeId);
        MeterRegistration meter = read(ctx, StateKeys.meter(id), MeterRegistration.class);
        if (meter == null) {
            throw ErrorCode.METER_NOT_REGISTERED.exception("home " + id + " has no registered meter key");
        }
        return CanonicalJson.toJson(meter);
    }

    /**
     * Every home's settlement record and meter report of a window, with its market-balance check.
     *
     * @param ctx    the transaction
     * @param window the window index
     * @return the window's billing view
     */
    public String getBillingWindow(TxContext ctx, String window) {
        long t = BillingArgs.window(window);
        if (ctx.getState(StateKeys.window(t)) == null) {
            throw ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " has not been opened");
        }
        String attr = Long.toString(t);
        return CanonicalJson.toJson(new BillingWindowView(t,
                readAll(ctx, SettlementRecord.class, StateKeys.SETTLEMENT_RECORD, attr),
                readAll(ctx, MeterReport.class, StateKeys.METER_REPORT, attr),
                read(ctx, StateKeys.marketBalance(t), MarketBalance.class)));
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
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        return CanonicalJson.toJson(periodView(ctx, requireBilling(ctx), id, range[0], range[1], false));
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
        String id = BillingArgs.homeId(homeId);
        long[] range = BillingArgs.period(period);
        Bill bill = read(ctx, StateKeys.bill(id, range[0]), Bill.class);
        if (bill == null || bill.to() != range[1]) {
            throw ErrorCode.UNKNOWN_BILL.exception("home " + id + " has no bill for " + period);
        }
        return CanonicalJson.toJson(bill);
    }

    /**
     * A home's bills, oldest period first.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return a JSON array of bills
     */
    public String listBills(TxContext ctx, String homeId) {
        String id = BillingArgs.homeId(homeId);
        List<Bill> bills = new ArrayList<>(readAll(ctx, Bill.class, StateKeys.BILL, id));
        bills.sort(Comparator.comparingLong(Bill::from));
        return CanonicalJson.toJson(bills);
    }

    /**
     * A dispute.
     *
     * @param ctx the transaction
     * @param id  the dispute id
     * @return the dispute
     */
    public String getDispute(TxContext ctx, String id) {
        Dispute dispute = read(ctx, StateKeys.dispute(BillingArgs.disputeId(id)), Dispute.class);
        if (dispute == null) {
            throw ErrorCode.UNKNOWN_DISPUTE.exception("no dispute " + id);
        }
        return CanonicalJson.toJson(dispute);
    }

    /**
     * Every dispute, sorted by id.
     *
     * @param ctx the transaction
     * @return a JSON array of disputes
     */
    public String listDisputes(TxContext ctx) {
        return CanonicalJson.toJson(readAll(ctx, Dispute.class, StateKeys.DISPUTE));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shared reading of a period
    // ---------------------------------------------------------------------------------------------------------

    private BillingPeriodView periodView(TxContext ctx, BillingConfig billing, String homeId, long from, long to,
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

    /** What is wrong with a stored bill against the ledger's records, or {@code null} when nothing is. */
    private String billProblem(TxContext ctx, BillingConfig billing, Bill bill) {
        PaillierPublicKey key = PaillierPublicKey.fromBase64(billing.billingKey());
        List<BillingWindow> windows = periodView(ctx, billing, bill.homeId(), bill.from(), bill.to(), false)
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

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    private static List<String> committedOf(List<String> members, Map<String, SettlementRecord> records,
                                            List<String> missing) {
        List<String> out = new ArrayList<>();
        for (String member : members) {
            SettlementRecord r = records.get(member);
            if (r == null || r.committed() == null) {
                missing.add(member);
            } else {
                out.add(r.committed());
            }
        }
        return out;
    }

    private static void verifyProof(PaillierPublicKey key, String proofText, Ciphertext aggregate,
                                    BigInteger plaintext, ProofContext context, String what) {
        try {
            DecryptionProof.fromBase64(key, proofText).verify(aggregate, plaintext, context);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_PROOF.exception("the decryption of " + what + " does not verify: "
                    + e.getMessage(), e);
        }
    }

    private static String proofText(String proof) {
        if (proof == null || proof.length() > BillingArgs.MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_PROOF.exception("the proof is missing or longer than "
                    + BillingArgs.MAX_PROOF_CHARS + " characters");
        }
        return proof;
    }

    private void indexCiphertexts(TxContext ctx, long t, String homeId, Map<String, Ciphertext> parsed) {
        // As for contributions: a copied ciphertext would count another home's value as one's own.
        Map<String, String> keys = new TreeMap<>();
        for (Map.Entry<String, Ciphertext> e : parsed.entrySet()) {
            String indexKey = StateKeys.ciphertext(HexFormat.of().formatHex(sha256(e.getValue().toBytes())));
            CiphertextUse earlier = read(ctx, indexKey, CiphertextUse.class);
            if (earlier != null || keys.containsKey(indexKey)) {
                String where = earlier == null ? "another field of this submission"
                        : "the " + earlier.field() + " of home " + earlier.homeId() + " in window " + earlier.window();
                throw ErrorCode.INVALID_CIPHERTEXT.exception(e.getKey() + " repeats a ciphertext already used as "
                        + where);
            }
            keys.put(indexKey, e.getKey());
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            write(ctx, e.getKey(), new CiphertextUse(t, homeId, e.getValue()));
        }
    }

    private void requireOperator(TxContext ctx, String action) {
        String msp = ctx.creator().mspId();
        if (!operatorMspId.equals(msp)) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("only the operator organisation " + operatorMspId + " may "
                    + action + ", not " + msp);
        }
    }

    private BillingConfig requireBillingParty(TxContext ctx) {
        BillingConfig billing = requireBilling(ctx);
        if (!billing.isBillingParty(submitter(ctx))) {
            throw ErrorCode.NOT_BILLING_PARTY.exception("only the billing identity registered in transaction "
                    + billing.txId() + " may post balances and bills");
        }
        return billing;
    }

    private static BillingConfig requireBilling(TxContext ctx) {
        BillingConfig billing = read(ctx, StateKeys.billing(), BillingConfig.class);
        if (billing == null) {
            throw ErrorCode.BILLING_NOT_CONFIGURED.exception("no billing key is registered");
        }
        return billing;
    }

    private HomeRecord callerHome(TxContext ctx) {
        return Callers.home(ctx, communityMspIds);
    }

    private static Settlement requireSettled(TxContext ctx, long t) {
        WindowRecord w = read(ctx, StateKeys.window(t), WindowRecord.class);
        if (w == null) {
            throw ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " has not been opened");
        }
        Settlement settlement = read(ctx, StateKeys.settlement(t), Settlement.class);
        if (w.phase() != WindowPhase.SETTLED || settlement == null) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " is in phase " + w.phase() + "; billing records "
                    + "follow its settlement");
        }
        return settlement;
    }

    /** Records and reports are accepted while the transaction is before settlement + reporting period. */
    private static void requireReportingOpen(TxContext ctx, BillingConfig billing, Settlement settlement,
                                             String what) {
        Instant deadline = Instant.parse(settlement.settledAt()).plusSeconds(billing.reportingSeconds());
        if (!ctx.txTimestamp().isBefore(deadline)) {
            throw ErrorCode.REPORTING_CLOSED.exception(what + " for window " + settlement.window() + " is late: "
                    + "the reporting period ended at " + deadline);
        }
    }

    private static void requireReportingOver(TxContext ctx, BillingConfig billing, Settlement settlement, long t) {
        Instant deadline = Instant.parse(settlement.settledAt()).plusSeconds(billing.reportingSeconds());
        if (ctx.txTimestamp().isBefore(deadline)) {
            throw ErrorCode.REPORTING_OPEN.exception("the reporting period of window " + t + " runs until "
                    + deadline);
        }
    }

    private static void requireNotBilled(TxContext ctx, String homeId, long t) {
        BillingCheckpoint checkpoint = read(ctx, StateKeys.billed(homeId), BillingCheckpoint.class);
        if (checkpoint != null && t <= checkpoint.billedThrough()) {
            throw ErrorCode.WINDOW_ALREADY_BILLED.exception("window " + t + " is already billed to home " + homeId
                    + " (billed through window " + checkpoint.billedThrough() + ")");
        }
    }

    private static Ciphertext ciphertext(PaillierPublicKey key, String base64, String field, String owner) {
        if (base64 == null) {
            throw ErrorCode.MALFORMED_JSON.exception(field + " is missing");
        }
        try {
            return key.ciphertextFromBase64(base64);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under " + owner + ": "
                    + e.getMessage(), e);
        }
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

    private static Submitter submitter(TxContext ctx) {
        Creator c = ctx.creator();
        return new Submitter(c.mspId(), c.certificateHash());
    }

    private static String timestamp(TxContext ctx) {
        return ctx.txTimestamp().toString();
    }

    private static void emit(TxContext ctx, BillingEvent event, BillingEventPayload payload) {
        ctx.setEvent(event.eventName(), CanonicalJson.toBytes(payload));
    }
}
