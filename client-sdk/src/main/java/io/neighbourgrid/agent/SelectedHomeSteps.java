package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.comparison.ComparisonInitiator;
import io.neighbourgrid.crypto.comparison.ComparisonResponder;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.ComparisonMessage;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.util.List;

/**
 * What a selected home does in a window's evaluation: PEM Protocol 2 lines 14-18 (the two-party comparison of the
 * masked sums, r2 as initiator with {@code R_s}, r1 as responder with {@code R_b}) and Protocol 3 (each posts the
 * decryption of its totals aggregate with a proof). Every step is kept in the agent's window state before the
 * transaction that depends on it goes out, so a restarted agent sends the same message again, never a new one.
 */
final class SelectedHomeSteps {
    private final HomeAgent agent;

    SelectedHomeSteps(HomeAgent agent) {
        this.agent = agent;
    }


    void run(long t, WindowView view, List<AgentAction> done) throws LedgerException {
        var selection = view.window().coalitions().selection();
        boolean initiator = agent.homeId().equals(selection.initiator());
        boolean responder = agent.homeId().equals(selection.responder());
        if (!initiator && !responder) {
            return;
        }
        Aggregates aggregates = view.window().aggregation().aggregates();
        byte[] session = ProofContexts.comparisonSession(agent.client().channel(), t);
        int steps = view.window().comparisonSteps();
        if (initiator) {
            if (steps == 0) {
                long start = System.nanoTime();
                ComparisonInitiator party = agent.state(t).initiator();
                if (party == null) {
                    BigInteger x = decrypt(aggregates.supplyShare());
                    party = new ComparisonInitiator(agent.comparisonKeys(), x, HomeAgent.COMPARISON_BITS, session, agent.random());
                    party.start();
                    // Kept before message 1 goes out: message 2 will answer exactly this message 1.
                    ComparisonInitiator started = party;
                    agent.update(t, s -> s.withInitiator(started));
                }
                byte[] m1 = party.message1();
                String decryption = decryptionIfDue(t, view, aggregates.totalsForInitiator());
                HomeAgent.submit(() -> agent.client().postEvaluationStep(t, 1, Bytes.toBase64(m1), decryption));
                agent.record(t, AgentAction.COMPARISON_MESSAGE, start, done);
                if (!decryption.isEmpty()) {
                    agent.record(t, AgentAction.POSTED_DECRYPTION, start, done);
                }
            } else {
                postDecryptionIfDue(t, view, aggregates.totalsForInitiator(), done);
            }
            if (steps == 2) {
                ComparisonInitiator party = agent.state(t).initiator();
                if (party == null) {
                    throw new IllegalStateException("comparison of window " + t + " cannot be finished: this agent "
                            + "did not start it and has no saved state of it (restarted mid-window without a store)");
                }
                long start = System.nanoTime();
                if (!party.finished()) {
                    // finish is deterministic: if the save fails, a restarted agent finishes the same way.
                    party.finish(message(view, 2));
                    ComparisonInitiator finished = party;
                    agent.update(t, s -> s.withInitiator(finished));
                }
                byte[] m3 = party.shareMessage();
                HomeAgent.submit(() -> agent.client().postComparisonMessage(t, 3, Bytes.toBase64(m3)));
                agent.record(t, AgentAction.COMPARISON_MESSAGE, start, done);
            }
        } else {
            if (steps == 1) {
                long start = System.nanoTime();
                byte[] m1 = message(view, 1);
                ComparisonResponder party = agent.state(t).responder();
                if (party == null || !party.answers(m1)) {
                    BigInteger y = decrypt(aggregates.demandShare());
                    party = new ComparisonResponder(y, HomeAgent.COMPARISON_BITS, session, agent.random());
                    party.respond(m1);
                    // Kept before message 2 goes out: the share sent with step 4 belongs to exactly this message 2.
                    ComparisonResponder answered = party;
                    agent.update(t, s -> s.withResponder(answered));
                }
                byte[] m2 = party.message2();
                String decryption = decryptionIfDue(t, view, aggregates.totalsForResponder());
                HomeAgent.submit(() -> agent.client().postEvaluationStep(t, 2, Bytes.toBase64(m2), decryption));
                agent.record(t, AgentAction.COMPARISON_MESSAGE, start, done);
                if (!decryption.isEmpty()) {
                    agent.record(t, AgentAction.POSTED_DECRYPTION, start, done);
                }
            } else {
                postDecryptionIfDue(t, view, aggregates.totalsForResponder(), done);
            }
            if (steps == 3) {
                ComparisonResponder party = agent.state(t).responder();
                if (party == null) {
                    throw new IllegalStateException("comparison of window " + t + " cannot be finished: this agent "
                            + "did not answer it and has no saved state of it (restarted mid-window without a store)");
                }
                long start = System.nanoTime();
                byte[] m4 = party.shareMessage();
                HomeAgent.submit(() -> agent.client().postComparisonMessage(t, 4, Bytes.toBase64(m4)));
                agent.record(t, AgentAction.COMPARISON_MESSAGE, start, done);
            }
        }
    }

    /** Posts this home's decryption of its totals share on its own, if it is not on the ledger yet. */
    private void postDecryptionIfDue(long t, WindowView view, String aggregateBase64, List<AgentAction> done)
            throws LedgerException {
        long start = System.nanoTime();
        String decryption = decryptionIfDue(t, view, aggregateBase64);
        if (decryption.isEmpty()) {
            return;
        }
        HomeAgent.submit(() -> agent.client().postDecryption(t, decryption));
        agent.record(t, AgentAction.POSTED_DECRYPTION, start, done);
    }

    /**
     * This home's decryption of its totals share with its proof, as the contract's JSON, or empty when the ledger
     * already has it.
     */
    private String decryptionIfDue(long t, WindowView view, String aggregateBase64) {
        if (view.window().decryptions() != null && view.window().decryptions().postedBy(agent.homeId())) {
            return "";
        }
        Ciphertext aggregate = agent.keys().publicKey().ciphertextFromBase64(aggregateBase64);
        BigInteger plaintext = agent.keys().privateKey().decrypt(aggregate);
        ProofContext context = ProofContexts.totals(agent.client().channel(), t, agent.homeId());
        DecryptionProof proof = DecryptionProof.prove(agent.keys().privateKey(), aggregate, plaintext, context, agent.random());
        return new DecryptionArgs(plaintext, proof.toBase64()).toJson();
    }

    private BigInteger decrypt(String aggregateBase64) {
        return agent.keys().privateKey().decrypt(agent.keys().publicKey().ciphertextFromBase64(aggregateBase64));
    }

    private static byte[] message(WindowView view, int step) {
        for (ComparisonMessage m : view.comparisonMessages()) {
            if (m.step() == step) {
                return Bytes.fromBase64(m.message(), "comparison message " + step);
            }
        }
        throw new IllegalStateException("comparison message " + step + " is not on the ledger");
    }
}
