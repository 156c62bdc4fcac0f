package io.neighbourgrid.audit;

import com.google.gson.JsonElement;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.BalanceStatus;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit of billing after PEM Protocol 4 ({@code docs/billing.md}): the billing key's proof, each home's
 * settlement records and signed meter reports with their histories, a window's market-balance check, and every bill
 * recomputed and re-verified ({@link BillVerifier}), with the disputes about it.
 */
final class BillingAudit {
    private final MarketClient market;
    private final BillingClient billing;
    private final RegistrationAudit registrations;

    BillingAudit(MarketClient market, BillingClient billing, RegistrationAudit registrations) {
        this.market = market;
        this.billing = billing;
        this.registrations = registrations;
    }

    /** The billing records of window {@code t}: every record and report, and the market balance. */
    List<Finding> ofWindow(long t, WindowView view, BillingConfig config) throws LedgerException {
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

    /**
     * A home's billing over windows {@code from} to {@code to}: the billing key, its records and reports, every bill
     * that overlaps the period and the home's disputes.
     */
    List<Finding> ofHome(String homeId, long from, long to, BillingConfig config) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        out.add(billingKeyProof(config));
        PaillierPublicKey key = PaillierPublicKey.fromBase64(config.billingKey());
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
                    + b.postedAt() + " by the billing party " + config.mspId() + "/" + config.certificateHash()));
            List<BillingWindow> windows = b.from() == from && b.to() == to ? records.windows()
                    : billing.records(homeId, b.from(), b.to()).windows();
            out.addAll(BillVerifier.verify(b, windows, key, market.channel()));
            Optional<PartnerBill> partner = billing.partnerBill(homeId, b.from(), b.to());
            if (partner.isPresent()) {
                out.addAll(BillVerifier.verifyPartnerBill(partner.get(), billing.partnerLines(homeId, b.from(),
                        b.to()), key, market.channel()));
            }
            out.add(registrations.lastWrite("bill " + homeId + " " + b.period() + ": history", "BILL/" + homeId + "/"
                    + b.from(), b.txId()));
        }
        for (Dispute d : billing.disputes()) {
            if (d.homeId().equals(homeId)) {
                out.add(Finding.note("dispute " + d.id(), d.kind() + " " + d.target() + " opened " + d.openedAt()
                        + (d.open() ? ", open" : ", resolved " + d.resolution().verdict() + " in transaction "
                        + d.resolution().txId())));
            }
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
        BigInteger difference = new BigInteger(balance.plaintext());
        if (!difference.toString().equals(balance.difference())) {
            return Finding.fail(check, "the recorded difference is not the proven plaintext");
        }
        if (balance.status() == BalanceStatus.BALANCED) {
            MarketType type = settlement.clearing().marketType().orElse(null);
            long residual = type == null ? -1 : (type == MarketType.GENERAL ? difference : difference.negate())
                    .longValue();
            if (balance.residual() == null || balance.residual() != residual || balance.residualMoney() == null
                    || balance.residualMoney() != MarketMath.money(residual, settlement.feedInPrice())) {
                return Finding.fail(check, "the recorded residual " + balance.residual() + " and its money "
                        + balance.residualMoney() + " are not the proven difference (" + residual
                        + ") at the feed-in price");
            }
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
                out.add(registrations.lastWrite(name + ": record history", "BREC/" + w.window() + "/" + homeId,
                        w.record().txId()));
            }
            if (w.report() != null) {
                out.add(reportFinding(name, w.report(), key));
                out.add(registrations.lastWrite(name + ": meter report history", "MREPORT/" + w.window() + "/"
                        + homeId, w.report().txId()));
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
                    + registrations.identity(r.homeId()));
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
        for (JsonElement e : registrations.history("METER/" + homeId)) {
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
}
