package io.neighbourgrid.audit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.comparison.ComparisonOutcome;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.ComparisonMessage;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.TotalsDecryption;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rebuilds from the ledger what happened in a window or to a home's bills, and checks it: who submitted what and
 * when (transaction ids, the submitters' MSP ids and certificate hashes, each key's committed history), every
 * aggregate recomputed from the stored ciphertexts, every proof re-verified (key-correctness proofs, the selected
 * homes' decryptions of the totals, the comparison outcome, meter signatures, the market-balance check, bills), and
 * the chain evidence. It reads only through the contract's queries, so it audits the embedded ledger and a Fabric
 * network alike; what it can check of the chain itself depends on the {@link ChainEvidence}.
 */
public final class Auditor {
    private final MarketClient market;
    private final BillingClient billing;
    private final ChainEvidence chain;
    private final Map<String, HomeRecord> homes = new HashMap<>();

    /**
     * @param market  a market client (any identity of the channel; only queries are made)
     * @param billing a billing client on the same connection
     * @param chain   the chain evidence available
     */
    public Auditor(MarketClient market, BillingClient billing, ChainEvidence chain) {
        this.market = Objects.requireNonNull(market, "market");
        this.billing = Objects.requireNonNull(billing, "billing");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /**
     * Audits window {@code t}: the market protocol and the window's billing records.
     *
     * @param t the window
     * @return the report
     * @throws LedgerException if the ledger cannot be queried
     */
    public AuditReport auditWindow(long t) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        Optional<WindowView> found = market.window(t);
        if (found.isEmpty()) {
            out.add(Finding.fail(w, "the window was never opened"));
            return new AuditReport(w, out);
        }
        WindowView view = found.get();
        WindowRecord record = view.window();
        out.add(Finding.note(w + ": opened", "transaction " + record.openedTxId() + " at " + record.openedAt()
                + "; phase " + record.phase()));
        for (RoleDeclaration d : view.declarations()) {
            out.add(Finding.note(w + ": declaration " + d.homeId(), d.role() + " in transaction " + d.txId() + " at "
                    + d.declaredAt() + " by " + identity(d.homeId())));
        }
        for (Contribution c : view.contributions()) {
            out.add(Finding.note(w + ": contribution " + c.homeId(), c.role() + " in transaction " + c.txId() + " at "
                    + c.submittedAt() + " by " + identity(c.homeId())));
        }
        if (view.initiator() != null) {
            out.add(keyProof(view.initiator()));
            out.add(keyProof(view.responder()));
        }
        if (record.aggregation() != null && record.aggregation().aggregates() != null && view.initiator() != null) {
            out.addAll(aggregates(t, view));
        }
        if (record.decryptions() != null) {
            out.addAll(decryptions(t, view));
        }
        if (record.comparisonSteps() == 4) {
            out.add(comparison(t, view));
        }
        if (record.outcome() != null && record.outcome().price() != null) {
            out.addAll(outcome(t, record.outcome(), record));
        }
        if (view.settlement() != null) {
            out.add(settlement(t, view));
        }
        out.add(lastWrite(w + ": settlement history", "SETTLEMENT/" + t,
                view.settlement() == null ? null : view.settlement().txId()));
        Optional<BillingConfig> config = billing.billing();
        if (config.isPresent()) {
            out.addAll(billingOfWindow(t, view, config.get()));
        }
        out.addAll(chain.check());
        return new AuditReport(w, out);
    }

    /**
     * Audits a home over a period: its identity and key, its billing records and meter reports with their
     * signatures and histories, and every bill of the home that overlaps the period, recomputed and re-verified.
     *
     * @param homeId the home
     * @param from   the first window
     * @param to     the last window
     * @return the report
     * @throws LedgerException if the ledger cannot be queried
     */
    public AuditReport auditHome(String homeId, long from, long to) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        String subject = "home " + homeId + ", windows " + from + "-" + to;
        Optional<HomeRecord> home = market.home(homeId);
        if (home.isEmpty()) {
            out.add(Finding.fail("home " + homeId, "no such home is registered"));
            return new AuditReport(subject, out);
        }
        homes.put(homeId, home.get());
        out.add(Finding.note("home " + homeId, "registered in transaction " + home.get().txId() + " by "
                + identity(homeId)));
        out.add(keyProof(homeId));
        Optional<BillingConfig> config = billing.billing();
        if (config.isEmpty()) {
            out.add(Finding.fail("billing", "no billing key is registered"));
            return new AuditReport(subject, out);
        }
        out.add(billingKeyProof(config.get()));
        PaillierPublicKey key = PaillierPublicKey.fromBase64(config.get().billingKey());
        BillingPeriodView records = billing.records(homeId, from, to);
        out.addAll(recordsOf(homeId, records));
        List<Bill> bills = new ArrayList<>();
        for (Bill b : billing.bills(homeId)) {
            if (b.to() >= from && b.from() <= to) {
                bills.add(b);
            }
        }
        if (bills.isEmpty()) {
            out.add(Finding.note("bills of " + homeId, "no bill covers windows " + from + "-" + to));
        }
        for (Bill b : bills) {
            out.add(Finding.note("bill " + homeId + " " + b.period(), "posted in transaction " + b.txId() + " at "
                    + b.postedAt() + " by the billing party " + config.get().mspId() + "/"
                    + config.get().certificateHash()));
            List<BillingWindow> windows = b.from() == from && b.to() == to ? records.windows()
                    : billing.records(homeId, b.from(), b.to()).windows();
            out.addAll(BillVerifier.verify(b, windows, key, market.channel()));
            out.add(lastWrite("bill " + homeId + " " + b.period() + ": history", "BILL/" + homeId + "/" + b.from(),
                    b.txId()));
        }
        for (Dispute d : billing.disputes()) {
            if (d.homeId().equals(homeId)) {
                out.add(Finding.note("dispute " + d.id(), d.kind() + " " + d.target() + " opened " + d.openedAt()
                        + (d.open() ? ", open" : ", resolved " + d.resolution().verdict() + " in transaction "
                        + d.resolution().txId())));
            }
        }
        out.addAll(chain.check());
        return new AuditReport(subject, out);
    }

    // ------------------------------------------------------------------------------------------------ market

    private List<Finding> aggregates(long t, WindowView view) {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        PaillierPublicKey r1 = PaillierPublicKey.fromBase64(view.responderKey());
        PaillierPublicKey r2 = PaillierPublicKey.fromBase64(view.initiatorKey());
        Aggregates stored = view.window().aggregation().aggregates();
        List<String> contributors = new ArrayList<>(view.window().aggregation().sellers());
        contributors.addAll(view.window().aggregation().buyers());
        Map<String, Contribution> byHome = new HashMap<>();
        view.contributions().forEach(c -> byHome.put(c.homeId(), c));
        record Field(String name, PaillierPublicKey key, Function<Contribution, String> of, String stored) {
        }
        for (Field f : List.of(new Field("R_b (demandShare)", r1, Contribution::demandShare, stored.demandShare()),
                new Field("R_s (supplyShare)", r2, Contribution::supplyShare, stored.supplyShare()),
                new Field("T_r1 (totalsForResponder)", r1, Contribution::totalsForResponder,
                        stored.totalsForResponder()),
                new Field("T_r2 (totalsForInitiator)", r2, Contribution::totalsForInitiator,
                        stored.totalsForInitiator()))) {
            try {
                List<Ciphertext> cs = new ArrayList<>();
                for (String home : contributors) {
                    Contribution c = byHome.get(home);
                    if (c == null) {
                        throw new IllegalStateException("the contribution of aggregated member " + home
                                + " is missing");
                    }
                    cs.add(f.key().ciphertextFromBase64(f.of().apply(c)));
                }
                boolean same = f.key().sum(cs).toBase64().equals(f.stored());
                out.add(same ? Finding.pass(w + ": aggregate " + f.name(), "the product of " + cs.size()
                        + " contributions") : Finding.fail(w + ": aggregate " + f.name(), "differs from the product "
                        + "of the " + cs.size() + " stored contributions"));
            } catch (CryptoException | IllegalStateException e) {
                out.add(Finding.fail(w + ": aggregate " + f.name(), e.getMessage()));
            }
        }
        return out;
    }

    private List<Finding> decryptions(long t, WindowView view) {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        Aggregates a = view.window().aggregation().aggregates();
        TotalsDecryption responder = view.window().decryptions().responder();
        TotalsDecryption initiator = view.window().decryptions().initiator();
        if (responder != null) {
            out.add(decryption(t, responder, view.responderKey(), a.totalsForResponder(), "T_r1"));
        }
        if (initiator != null) {
            out.add(decryption(t, initiator, view.initiatorKey(), a.totalsForInitiator(), "T_r2"));
        }
        Outcome o = view.window().outcome();
        if (responder != null && initiator != null && o != null && o.supply() != null) {
            BigInteger sum = new BigInteger(responder.plaintext()).add(new BigInteger(initiator.plaintext()));
            int members = view.window().aggregation().sellers().size() + view.window().aggregation().buyers().size();
            try {
                PackedTotals totals = PackedTotals.unpack(sum, members);
                boolean same = totals.supply() == o.supply() && totals.demand() == o.demand()
                        && totals.preference() == o.preferenceSum() && totals.pricingTerm() == o.pricingTermSum();
                out.add(same ? Finding.pass(w + ": totals", "E_s = " + o.supply() + ", E_b = " + o.demand()
                        + ", sum k = " + o.preferenceSum() + ", sum d = " + o.pricingTermSum()
                        + " unpack from the two proven decryptions")
                        : Finding.fail(w + ": totals", "the recorded totals differ from the unpacked sum of the "
                        + "decryptions " + totals));
            } catch (CryptoException e) {
                out.add(Finding.fail(w + ": totals", "the sum of the decryptions does not unpack: " + e.getMessage()));
            }
        }
        return out;
    }

    private Finding decryption(long t, TotalsDecryption d, String keyB64, String aggregateB64, String name) {
        String check = "window " + t + ": decryption of " + name;
        try {
            PaillierPublicKey key = PaillierPublicKey.fromBase64(keyB64);
            DecryptionProof.fromBase64(key, d.proof()).verify(key.ciphertextFromBase64(aggregateB64),
                    new BigInteger(d.plaintext()), ProofContexts.totals(market.channel(), t, d.homeId()));
            return Finding.pass(check, "proven by " + d.homeId() + " in transaction " + d.txId());
        } catch (CryptoException | NumberFormatException e) {
            return Finding.fail(check, "the proof by " + d.homeId() + " does not verify: " + e.getMessage());
        }
    }

    private Finding comparison(long t, WindowView view) {
        String check = "window " + t + ": comparison outcome";
        Map<Integer, byte[]> m = new HashMap<>();
        try {
            for (ComparisonMessage c : view.comparisonMessages()) {
                m.put(c.step(), Bytes.fromBase64(c.message(), "comparison step " + c.step()));
            }
            boolean below = ComparisonOutcome.combine(m.get(3), m.get(4),
                    ProofContexts.comparisonSession(market.channel(), t), m.get(1), m.get(2));
            return below == Boolean.TRUE.equals(view.window().supplyBelowDemand())
                    ? Finding.pass(check, "the two shares combine to E_s < E_b = " + below)
                    : Finding.fail(check, "the shares combine to " + below + " but the window records "
                    + view.window().supplyBelowDemand());
        } catch (CryptoException | IllegalArgumentException | NullPointerException e) {
            return Finding.fail(check, "the comparison messages do not combine: " + e.getMessage());
        }
    }

    private List<Finding> outcome(long t, Outcome o, WindowRecord record) {
        String check = "window " + t + ": price and fill ratio";
        MarketType type = o.clearing().marketType().orElseThrow();
        long price = MarketMath.clearingPrice(type, o.preferenceSum(), o.pricingTermSum(),
                record.config().parameters());
        long rho = MarketMath.fillRatio(type, o.supply(), o.demand());
        boolean same = price == o.price() && rho == o.fillRatio();
        return List.of(same ? Finding.pass(check, type + " market, price " + price + ", fill ratio " + rho
                + " recomputed from the totals (Eq. 13 and 14)")
                : Finding.fail(check, "recorded price " + o.price() + " and fill ratio " + o.fillRatio()
                + ", recomputed " + price + " and " + rho));
    }

    private Finding settlement(long t, WindowView view) {
        Settlement s = view.settlement();
        Outcome o = view.window().outcome();
        String check = "window " + t + ": settlement";
        boolean same = s.clearing() == o.clearing() && Objects.equals(s.price(), o.price())
                && Objects.equals(s.fillRatio(), o.fillRatio());
        return same ? Finding.pass(check, "transaction " + s.txId() + " at " + s.settledAt() + " records the outcome")
                : Finding.fail(check, "the settlement (" + s.clearing() + ", " + s.price() + ") differs from the "
                + "outcome (" + o.clearing() + ", " + o.price() + ")");
    }

    // ------------------------------------------------------------------------------------------------ billing

    private List<Finding> billingOfWindow(long t, WindowView view, BillingConfig config) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        PaillierPublicKey key = PaillierPublicKey.fromBase64(config.billingKey());
        BillingWindowView b = billing.window(t);
        for (SettlementRecord r : b.records()) {
            out.add(recordFinding(w, r, key));
        }
        for (MeterReport r : b.reports()) {
            out.add(reportFinding(w, r, key));
        }
        MarketBalance balance = b.balance();
        Settlement settlement = view.settlement();
        if (balance != null && settlement != null) {
            out.add(balanceFinding(t, balance, b, settlement, key));
        } else if (settlement != null && settlement.price() != null) {
            out.add(Finding.note(w + ": market balance", "not posted"));
        }
        return out;
    }

    private Finding balanceFinding(long t, MarketBalance balance, BillingWindowView b, Settlement settlement,
                                   PaillierPublicKey key) {
        String check = "window " + t + ": market balance";
        Map<String, SettlementRecord> records = new HashMap<>();
        b.records().forEach(r -> records.put(r.homeId(), r));
        List<String> sellers = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        for (String s : settlement.sellers()) {
            if (records.containsKey(s) && records.get(s).committed() != null) {
                sellers.add(records.get(s).committed());
            }
        }
        for (String s : settlement.buyers()) {
            if (records.containsKey(s) && records.get(s).committed() != null) {
                buyers.add(records.get(s).committed());
            }
        }
        Ciphertext aggregate;
        try {
            aggregate = BillAggregator.marketBalance(key, sellers, buyers);
        } catch (CryptoException e) {
            return Finding.fail(check, "the members' committed volumes cannot be aggregated: " + e.getMessage());
        }
        if (!aggregate.toBase64().equals(balance.aggregate())) {
            return Finding.fail(check, "the posted aggregate differs from the product of the members' committed "
                    + "volumes");
        }
        try {
            DecryptionProof.fromBase64(key, balance.proof()).verify(aggregate, new BigInteger(balance.plaintext()),
                    BillingContexts.marketBalance(market.channel(), t));
        } catch (CryptoException | NumberFormatException e) {
            return Finding.fail(check, "the decryption proof does not verify: " + e.getMessage());
        }
        BigInteger[] volumes = BillAggregator.decodeMarketBalance(new BigInteger(balance.plaintext()));
        if (!volumes[0].toString().equals(balance.sellerVolume()) || !volumes[1].toString().equals(
                balance.buyerVolume())) {
            return Finding.fail(check, "the recorded volumes are not the decoding of the proven plaintext");
        }
        String detail = balance.status() + ": " + balance.detail() + " (transaction " + balance.txId() + ")";
        return switch (balance.status()) {
            case BALANCED -> Finding.pass(check, detail);
            case IMBALANCED, INCOMPLETE -> Finding.note(check, detail);
        };
    }

    private List<Finding> recordsOf(String homeId, BillingPeriodView view) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        PaillierPublicKey key = billing.billingKey();
        for (BillingWindow w : view.windows()) {
            String name = "window " + w.window();
            if (w.record() != null) {
                out.add(recordFinding(name, w.record(), key));
                out.add(lastWrite(name + ": record history", "BREC/" + w.window() + "/" + homeId,
                        w.record().txId()));
            }
            if (w.report() != null) {
                out.add(reportFinding(name, w.report(), key));
                out.add(lastWrite(name + ": meter report history", "MREPORT/" + w.window() + "/" + homeId,
                        w.report().txId()));
            }
            if (w.record() == null && w.report() == null) {
                out.add(Finding.note(name + ": " + homeId, "neither a settlement record nor a meter report"));
            }
        }
        return out;
    }

    private Finding recordFinding(String w, SettlementRecord r, PaillierPublicKey key) {
        String check = w + ": record of " + r.homeId();
        try {
            if (r.committed() != null) {
                key.ciphertextFromBase64(r.committed());
            }
            key.ciphertextFromBase64(r.gridExport());
            key.ciphertextFromBase64(r.gridImport());
            return Finding.pass(check, r.role() + ", transaction " + r.txId() + " at " + r.submittedAt() + " by "
                    + identity(r.homeId()));
        } catch (CryptoException | LedgerException e) {
            return Finding.fail(check, "a ciphertext is not valid under the billing key: " + e.getMessage());
        }
    }

    private Finding reportFinding(String w, MeterReport r, PaillierPublicKey key) {
        String check = w + ": meter report of " + r.homeId();
        try {
            Ciphertext i = key.ciphertextFromBase64(r.importEnergy());
            Ciphertext x = key.ciphertextFromBase64(r.exportEnergy());
            byte[] message = MeterSignatures.message(market.channel(), r.homeId(), r.window(), i, x);
            byte[] signature = Bytes.fromBase64(r.signature(), "meter signature");
            for (MeterRegistration m : meterKeys(r.homeId())) {
                if (m.fingerprint().equals(r.meterFingerprint())) {
                    ECPublicKey meterKey = MeterSignatures.parsePublicKey(m.meterKey());
                    if (MeterSignatures.verify(meterKey, message, signature)) {
                        return Finding.pass(check, "signed by meter key " + m.fingerprint().substring(0, 16)
                                + " (version " + m.version() + "), relayed in transaction " + r.txId() + " by "
                                + r.submittedBy().mspId() + "/" + r.submittedBy().certificateHash());
                    }
                    return Finding.fail(check, "the signature does not verify with meter key "
                            + m.fingerprint().substring(0, 16));
                }
            }
            return Finding.fail(check, "meter key " + r.meterFingerprint() + " was never registered for the home");
        } catch (CryptoException | LedgerException | IllegalArgumentException e) {
            return Finding.fail(check, "the report cannot be checked: " + e.getMessage());
        }
    }

    /** Every meter key the home ever registered, from the key's history. */
    private List<MeterRegistration> meterKeys(String homeId) throws LedgerException {
        List<MeterRegistration> out = new ArrayList<>();
        JsonArray history = JsonParser.parseString(market.history("METER/" + homeId)).getAsJsonArray();
        for (JsonElement e : history) {
            JsonElement value = e.getAsJsonObject().get("value");
            if (value != null && !value.isJsonNull()) {
                out.add(CanonicalJson.fromJson(value.toString(), MeterRegistration.class));
            }
        }
        return out;
    }

    private Finding billingKeyProof(BillingConfig config) {
        try {
            KeyCorrectnessProof.fromBase64(config.keyProof()).verify(PaillierPublicKey.fromBase64(
                    config.billingKey()), BillingContexts.billingKey(market.channel()));
            return Finding.pass("billing key", "key-correctness proof verified; registered in transaction "
                    + config.txId() + " by " + config.mspId() + "/" + config.certificateHash());
        } catch (CryptoException e) {
            return Finding.fail("billing key", "the key-correctness proof does not verify: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ shared

    private Finding keyProof(String homeId) throws LedgerException {
        String check = "key of " + homeId;
        HomeRecord h = homeRecord(homeId);
        if (h == null) {
            return Finding.fail(check, "home " + homeId + " is not registered");
        }
        String proofText = market.keyProof(homeId).keyProof();
        String digest = java.util.HexFormat.of().formatHex(sha256(proofText.getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
        if (!digest.equals(h.keyProofSha256())) {
            return Finding.fail(check, "the stored key-correctness proof does not match the digest in the home record");
        }
        try {
            KeyCorrectnessProof.fromBase64(proofText).verify(PaillierPublicKey.fromBase64(h.paillierKey()),
                    ProofContexts.registration(market.channel(), homeId));
            return Finding.pass(check, "key-correctness proof verified (key " + h.keyFingerprint() + ")");
        } catch (CryptoException e) {
            return Finding.fail(check, "the key-correctness proof does not verify: " + e.getMessage());
        }
    }

    /** Checks that a record's transaction id is the last committed write of its key. */
    private Finding lastWrite(String check, String key, String txId) throws LedgerException {
        JsonArray history = JsonParser.parseString(market.history(key)).getAsJsonArray();
        if (txId == null) {
            return history.isEmpty() ? Finding.note(check, "no record")
                    : Finding.fail(check, "the key " + key + " has history but no record is returned");
        }
        if (history.isEmpty()) {
            return Finding.fail(check, "the key " + key + " has no committed history");
        }
        String last = history.get(history.size() - 1).getAsJsonObject().get("txId").getAsString();
        return last.equals(txId) ? Finding.pass(check, history.size() + " committed versions, the last by "
                + "transaction " + txId)
                : Finding.fail(check, "the record claims transaction " + txId + " but the key's last committed "
                + "write is " + last);
    }

    private HomeRecord homeRecord(String homeId) throws LedgerException {
        HomeRecord h = homes.get(homeId);
        if (h == null) {
            h = market.home(homeId).orElse(null);
            if (h != null) {
                homes.put(homeId, h);
            }
        }
        return h;
    }

    private String identity(String homeId) throws LedgerException {
        HomeRecord h = homeRecord(homeId);
        return h == null ? "an unregistered identity" : h.mspId() + "/" + h.certificateHash();
    }

    private static byte[] sha256(byte[] data) {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
