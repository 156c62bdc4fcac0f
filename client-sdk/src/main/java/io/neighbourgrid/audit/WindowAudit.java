package io.neighbourgrid.audit;

import io.neighbourgrid.market.MarketOutcome;
import io.neighbourgrid.agent.ContributionChecks;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.WindowAggregation;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.MaskTransferRecord;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.OutcomeProofRecord;
import io.neighbourgrid.protocol.state.RoleDeclaration;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit of one window's market protocol, step by step: who declared and contributed (Protocol 1 lines 3-4), the
 * selected homes' registered keys, every aggregated contribution's range proof (checked in one batch; a failing one
 * is named), the aggregates recomputed from the stored contributions (Protocol 2 lines 2-13, with
 * {@link WindowAggregation}, as the chaincode computes them), r2's mask transfer and r1's outcome proofs verified
 * again (the market type, the price of Eq. 13 and 14 and the fill ratio follow from the hidden totals), and the
 * settlement against the outcome (Protocol 4). The auditor learns what the channel learns: no total is opened.
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
        if (record.aggregation() != null && record.aggregation().aggregates() != null && view.initiator() != null) {
            out.add(contributions(t, view));
        }
        if (view.maskTransfer() != null) {
            out.add(maskTransfer(t, view));
        }
        if (view.outcomeProof() != null) {
            out.add(outcome(t, view));
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

    private Finding contributions(long t, WindowView view) throws LedgerException {
        String check = "window " + t + ": contribution proofs";
        Aggregation a = view.window().aggregation();
        int members = a.sellers().size() + a.buyers().size();
        try {
            Optional<String> bad = ContributionChecks.firstInvalid(view, parameters(), market.channel(),
                    new SecureRandom());
            String excluded = a.excludedMembers().isEmpty() ? "" : "; excluded by upheld claims: "
                    + a.excludedMembers();
            if (bad.isPresent() && claimedAfterClearing(view, bad.get())) {
                return Finding.pass(check, "the contribution proof of " + bad.get() + " fails; an upheld claim sent "
                        + "the cleared window to the grid" + excluded);
            }
            return bad.isEmpty() ? Finding.pass(check, "the " + members + " aggregated contributions prove their "
                    + "values in range" + excluded)
                    : Finding.fail(check, "the contribution proof of " + bad.get() + " fails and no upheld claim "
                    + "excluded it" + excluded);
        } catch (CryptoException | IllegalArgumentException e) {
            return Finding.fail(check, e.getMessage());
        }
    }

    private Finding maskTransfer(long t, WindowView view) throws LedgerException {
        MaskTransferRecord m = view.maskTransfer();
        String check = "window " + t + ": mask transfer";
        if (view.window().packedTotals() == null) {
            return Finding.note(check, "r2 " + m.homeId() + " transferred the masks in transaction " + m.txId()
                    + " before an upheld claim re-aggregated the window without " + view.window().aggregation()
                    .excludedMembers() + "; no transfer of the new aggregates followed");
        }
        try {
            PaillierPublicKey r1 = PaillierPublicKey.fromBase64(view.responderKey());
            PaillierPublicKey r2 = PaillierPublicKey.fromBase64(view.initiatorKey());
            Aggregates a = view.window().aggregation().aggregates();
            Ciphertext x = r1.ciphertextFromBase64(m.reencrypted());
            MarketProofs.verifyTransfer(r2, r2.ciphertextFromBase64(a.totalsForInitiator()), r1, x, m.proof(),
                    parameters(), ProofContexts.maskTransfer(market.channel(), t, m.homeId()));
            Ciphertext packed = r1.sum(List.of(r1.ciphertextFromBase64(a.totalsForResponder()), x));
            if (!packed.toBase64().equals(m.packedTotals())
                    || !m.packedTotals().equals(view.window().packedTotals())) {
                return Finding.fail(check, "the recorded packed totals are not T_r1 times the re-encrypted masks");
            }
            return Finding.pass(check, "proven by r2 " + m.homeId() + " in transaction " + m.txId());
        } catch (CryptoException | IllegalArgumentException e) {
            return Finding.fail(check, "the proof by " + m.homeId() + " does not verify: " + e.getMessage());
        }
    }

    private Finding outcome(long t, WindowView view) throws LedgerException {
        OutcomeProofRecord p = view.outcomeProof();
        Outcome o = view.window().outcome();
        String check = "window " + t + ": proven outcome";
        Aggregation a = view.window().aggregation();
        try {
            PaillierPublicKey r1 = PaillierPublicKey.fromBase64(view.responderKey());
            MarketOutcome proven = MarketProofs.verifyOutcome(r1, r1.ciphertextFromBase64(
                    view.window().packedTotals()), p.proof(), view.window().config(), a.sellers().size(),
                    a.buyers().size(), parameters(), ProofContexts.outcome(market.channel(), t, p.homeId()));
            if (o != null && o.clearing() == Clearing.GRID_ONLY && o.reason() == GridOnlyReason.INVALID_CONTRIBUTION) {
                return Finding.pass(check, proven.type() + " market, price " + proven.price() + ", proven by r1 "
                        + p.homeId() + ", then superseded: an upheld claim against " + o.silentHomes()
                        + " sent the window to the grid");
            }
            boolean same = o != null && o.price() != null && Clearing.of(proven.type()) == o.clearing()
                    && proven.price() == o.price() && proven.fillRatio() == o.fillRatio();
            return same ? Finding.pass(check, proven.type() + " market, price " + proven.price() + ", fill ratio "
                    + proven.fillRatio() + ", proven by r1 " + p.homeId() + " from the hidden totals")
                    : Finding.fail(check, "the proofs show " + proven.type() + ", " + proven.price() + ", "
                    + proven.fillRatio() + " but the window records " + o);
        } catch (CryptoException | IllegalArgumentException e) {
            return Finding.fail(check, "the proofs by " + p.homeId() + " do not verify: " + e.getMessage());
        }
    }

    /** Whether an upheld claim against {@code homeId} sent the window to the grid after it had cleared. */
    private static boolean claimedAfterClearing(WindowView view, String homeId) {
        Outcome o = view.window().outcome();
        return view.outcomeProof() != null && o != null && o.clearing() == Clearing.GRID_ONLY
                && o.reason() == GridOnlyReason.INVALID_CONTRIBUTION && o.silentHomes().contains(homeId);
    }

    private RingPedersenParameters parameters() throws LedgerException {
        return market.proofParametersParsed().orElseThrow(() -> new IllegalStateException(
                "the proof parameters are not registered"));
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
