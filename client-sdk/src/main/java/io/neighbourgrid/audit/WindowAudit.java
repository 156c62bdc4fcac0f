package io.neighbourgrid.audit;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.comparison.ComparisonOutcome;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.WindowAggregation;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.ComparisonMessage;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.TotalsDecryption;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The audit of one window's market protocol, step by step: who declared and contributed (Protocol 1 lines 3-4), the
 * selected homes' registered keys, the aggregates recomputed from the stored contributions (Protocol 2 lines 2-13,
 * with {@link WindowAggregation}, as the chaincode computes them), the proven decryptions of the totals and their
 * unpacking (Protocol 3), the comparison's two shares combined (Protocol 2 lines 14-18), the price and fill ratio
 * recomputed (Eq. 13 and 14), and the settlement against the outcome (Protocol 4).
 */
final class WindowAudit {
    private final MarketClient market;
    private final RegistrationAudit registrations;

    WindowAudit(MarketClient market, RegistrationAudit registrations) {
        this.market = market;
        this.registrations = registrations;
    }

    /**
     * Audits window {@code t}'s market protocol from its view.
     *
     * @param t    the window
     * @param view the window as {@code getWindow} returns it
     * @return the findings, in the order of the protocol
     */
    List<Finding> audit(long t, WindowView view) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        WindowRecord record = view.window();
        out.add(Finding.note(w + ": opened", "transaction " + record.openedTxId() + " at " + record.openedAt()
                + "; phase " + record.phase()));
        for (RoleDeclaration d : view.declarations()) {
            out.add(Finding.note(w + ": declaration " + d.homeId(), d.role() + " in transaction " + d.txId() + " at "
                    + d.declaredAt() + " by " + registrations.identity(d.homeId())));
        }
        for (Contribution c : view.contributions()) {
            out.add(Finding.note(w + ": contribution " + c.homeId(), c.role() + " in transaction " + c.txId() + " at "
                    + c.submittedAt() + " by " + registrations.identity(c.homeId())));
        }
        if (view.initiator() != null) {
            out.add(registrations.keyProof(view.initiator()));
            out.add(registrations.keyProof(view.responder()));
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
            out.add(outcome(t, record.outcome(), record));
        }
        if (view.settlement() != null) {
            out.add(settlement(t, view));
        }
        out.add(registrations.lastWrite(w + ": settlement history", "SETTLEMENT/" + t,
                view.settlement() == null ? null : view.settlement().txId()));
        return out;
    }

    private List<Finding> aggregates(long t, WindowView view) {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        PaillierPublicKey r1 = PaillierPublicKey.fromBase64(view.responderKey());
        PaillierPublicKey r2 = PaillierPublicKey.fromBase64(view.initiatorKey());
        Aggregation aggregation = view.window().aggregation();
        int members = aggregation.sellers().size() + aggregation.buyers().size();
        for (WindowAggregation.Share share : WindowAggregation.Share.values()) {
            String name = share.symbol() + " (" + share.field() + ")";
            try {
                Ciphertext product = WindowAggregation.aggregate(share, share.underResponderKey() ? r1 : r2,
                        aggregation.sellers(), aggregation.buyers(), view.contributions(),
                        PaillierPublicKey::ciphertextFromBase64);
                boolean same = product.toBase64().equals(share.of(aggregation.aggregates()));
                out.add(same ? Finding.pass(w + ": aggregate " + name, "the product of " + members
                        + " contributions") : Finding.fail(w + ": aggregate " + name, "differs from the product "
                        + "of the " + members + " stored contributions"));
            } catch (CryptoException | IllegalStateException e) {
                out.add(Finding.fail(w + ": aggregate " + name, e.getMessage()));
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

    private static Finding outcome(long t, Outcome o, WindowRecord record) {
        String check = "window " + t + ": price and fill ratio";
        MarketType type = o.clearing().marketType().orElseThrow();
        long price = MarketMath.clearingPrice(type, o.preferenceSum(), o.pricingTermSum(),
                record.config().parameters());
        long rho = MarketMath.fillRatio(type, o.supply(), o.demand());
        boolean same = price == o.price() && rho == o.fillRatio();
        return same ? Finding.pass(check, type + " market, price " + price + ", fill ratio " + rho
                + " recomputed from the totals (Eq. 13 and 14)")
                : Finding.fail(check, "recorded price " + o.price() + " and fill ratio " + o.fillRatio()
                + ", recomputed " + price + " and " + rho);
    }

    private static Finding settlement(long t, WindowView view) {
        Settlement s = view.settlement();
        Outcome o = view.window().outcome();
        String check = "window " + t + ": settlement";
        boolean same = s.clearing() == o.clearing() && Objects.equals(s.price(), o.price())
                && Objects.equals(s.fillRatio(), o.fillRatio());
        return same ? Finding.pass(check, "transaction " + s.txId() + " at " + s.settledAt() + " records the outcome")
                : Finding.fail(check, "the settlement (" + s.clearing() + ", " + s.price() + ") differs from the "
                + "outcome (" + o.clearing() + ", " + o.price() + ")");
    }
}
