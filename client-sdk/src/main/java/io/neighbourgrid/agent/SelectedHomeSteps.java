package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.MaskTransfer;
import io.neighbourgrid.crypto.proof.OutcomeProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a selected home does in a window's evaluation (the steps that replace PEM Protocol 2 lines 14-18 and
 * Protocol 3's pricing): r2 transfers the masks' sum to r1's key with a proof; r1 opens the packed totals privately
 * and posts the outcome with its proofs. Each step is computed again from the ledger and the home's key whenever it is
 * due, so a restarted agent simply does it (again): there is no state to lose.
 *
 * <p>Before acting on the totals, a selected home checks the members' contribution proofs (r1 always, when
 * {@link HomeAgent#verifiesContributions()}; r2 when the masks' sum is out of the bound valid proofs guarantee) and
 * claims against the first that fails: the window is then evaluated again without that member, and the honest
 * selected home is never the one left unable to act.
 */
final class SelectedHomeSteps {
    /** How many windows back r1 remembers which aggregates it checked. */
    private static final long RECENT_WINDOWS = 16;

    private final HomeAgent agent;
    /**
     * Per window, the aggregate {@code T_r1} whose contributions r1 has found valid: r1 checks them as soon as the
     * contributions close, while r2 transfers the masks, and not again when it proves the outcome of the same
     * aggregates.
     */
    private final Map<Long, String> verified = new ConcurrentHashMap<>();

    SelectedHomeSteps(HomeAgent agent) {
        this.agent = agent;
    }

    void run(long t, WindowView view, List<AgentAction> done) throws LedgerException {
        var selection = view.window().coalitions().selection();
        if (agent.homeId().equals(selection.initiator()) && view.window().packedTotals() == null) {
            transferMasks(t, view, done);
        } else if (agent.homeId().equals(selection.responder()) && view.window().outcome() == null) {
            if (view.window().packedTotals() != null) {
                proveOutcome(t, view, done);
            } else if (agent.verifiesContributions()) {
                checkContributions(t, view, done);
            }
        }
    }

    /** r1, while r2's transfer is pending: checks the members' contribution proofs once per aggregation. */
    private void checkContributions(long t, WindowView view, List<AgentAction> done) throws LedgerException {
        String aggregate = view.window().aggregation().aggregates().totalsForResponder();
        if (aggregate.equals(verified.get(t)) || claimFirstInvalid(t, done, null)) {
            return;
        }
        verified.keySet().removeIf(w -> w < t - RECENT_WINDOWS);
        verified.put(t, aggregate);
    }

    /** r2: decrypt {@code T_r2}, re-encrypt its plaintext under r1's key, prove both are the same integer. */
    private void transferMasks(long t, WindowView view, List<AgentAction> done) throws LedgerException {
        long start = System.nanoTime();
        PaillierPublicKey own = agent.keys().publicKey();
        Ciphertext masks = own.ciphertextFromBase64(view.window().aggregation().aggregates().totalsForInitiator());
        BigInteger x = agent.keys().privateKey().decrypt(masks);
        if (x.abs().bitLength() > MarketProofs.MASK_TRANSFER_BOUND_BITS) {
            // Valid contribution proofs bound every mask; a sum beyond the bound names a member whose proof fails.
            claimFirstInvalid(t, done, "the masks' sum of window " + t + " is beyond the bound valid proofs allow");
            return;
        }
        MaskTransfer transfer = MarketProofs.transferMasks(agent.keys().privateKey(), masks,
                PaillierPublicKey.fromBase64(view.responderKey()), agent.proofParameters(),
                ProofContexts.maskTransfer(agent.client().channel(), t, agent.homeId()), agent.random());
        HomeAgent.submit(() -> agent.client().postMaskTransfer(t, transfer.reencrypted().toBase64(),
                transfer.proof().toBase64()));
        agent.record(t, AgentAction.MASK_TRANSFER, start, done);
    }

    /** r1: check the members' proofs, open the packed totals and prove the outcome. */
    private void proveOutcome(long t, WindowView view, List<AgentAction> done) throws LedgerException {
        long start = System.nanoTime();
        Aggregation a = view.window().aggregation();
        boolean checked = a.aggregates().totalsForResponder().equals(verified.get(t));
        if (agent.verifiesContributions() && !checked && claimFirstInvalid(t, done, null)) {
            return;
        }
        PaillierPublicKey own = agent.keys().publicKey();
        RingPedersenParameters params = agent.proofParameters();
        OutcomeProof proof;
        try {
            proof = MarketProofs.proveOutcome(agent.keys().privateKey(),
                    own.ciphertextFromBase64(view.window().packedTotals()), view.window().config(),
                    a.sellers().size(), a.buyers().size(), params,
                    ProofContexts.outcome(agent.client().channel(), t, agent.homeId()), agent.random());
        } catch (CryptoException | IllegalArgumentException e) {
            // The totals do not split into in-range slots: only an invalid contribution can cause that.
            if (!agent.verifiesContributions()) {
                claimFirstInvalid(t, done, "the totals of window " + t + " are out of range: " + e.getMessage());
                return;
            }
            throw new IllegalStateException("the totals of window " + t + " are out of range although every "
                    + "contribution proof verifies: " + e.getMessage(), e);
        }
        HomeAgent.submit(() -> agent.client().postOutcome(t, proof.toBase64()));
        agent.record(t, AgentAction.POSTED_OUTCOME, start, done);
    }

    /**
     * Checks every aggregated contribution of window {@code t} and claims against the first whose proof fails.
     *
     * @param why when not null, the window cannot go on unless a contribution is invalid: finding none is an error
     * @return whether a claim was made
     */
    private boolean claimFirstInvalid(long t, List<AgentAction> done, String why) throws LedgerException {
        long start = System.nanoTime();
        WindowView full = agent.client().window(t).orElseThrow();
        Optional<String> bad = ContributionChecks.firstInvalid(full, agent.proofParameters(),
                agent.client().channel(), agent.random());
        if (bad.isEmpty()) {
            if (why != null) {
                throw new IllegalStateException(why + ", yet every contribution proof verifies");
            }
            return false;
        }
        HomeAgent.submit(() -> agent.client().claimInvalidContribution(t, bad.get()));
        agent.record(t, AgentAction.CLAIMED_INVALID_CONTRIBUTION, start, done);
        return true;
    }
}
