package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requireBefore;
import static io.neighbourgrid.chaincode.market.Guards.requirePhase;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;
import static io.neighbourgrid.chaincode.market.Registration.parsedKey;

import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.comparison.ComparisonOutcome;
import io.neighbourgrid.crypto.comparison.ComparisonStep;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.ComparisonMessage;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.TotalsDecryption;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;

/**
 * PEM Protocol 2 lines 14-18 (Section IV-D): {@code H_r1} and {@code H_r2} run the secure comparison of their masked
 * sums {@code R_b} and {@code R_s}, here as four messages through the ledger that chaincode checks and combines into
 * "supply below demand"; and the decryptions behind Protocol 3 lines 5-7 (Section IV-E): each selected home posts
 * the decryption of its additive share of the packed totals with a proof that chaincode verifies. Whichever of the
 * three (comparison step 4, the two decryptions) comes last hands the window to {@link Pricing}.
 */
public final class Evaluation {
    /** Largest comparison message accepted, in bytes (a 64-bit comparison under a 2048-bit key is about 34 KB). */
    public static final int MAX_COMPARISON_MESSAGE_BYTES = 1 << 20;

    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Evaluation(Guards guards) {
        this.guards = guards;
    }

    /**
     * Posts one message of window {@code t}'s secure comparison (PEM Protocol 2, lines 14-18): step 1 by the
     * initiator r2 (its input is {@code R_s}), step 2 by the responder r1 (its input is {@code R_b}), step 3 by r2
     * (its output share), step 4 by r1 (its output share). Steps are strictly in order, each once, before the
     * comparison deadline; chaincode checks each message's envelope (version, step, session context). After step 4
     * chaincode combines the two shares into {@code supplyBelowDemand}, checking that both were made over the
     * recorded messages 1 and 2, and decides the window if both decryptions of the totals are already posted.
     *
     * @param ctx     the transaction, signed by the selected home of the step
     * @param window  the window index
     * @param step    1 to 4
     * @param message the message, Base64
     * @return the comparison message written
     */
    public String postComparisonMessage(TxContext ctx, String window, String step, String message) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        int number = Syntax.parseStep(step);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        PostedStep posted = applyComparisonStep(ctx, home, w, t, number, message);
        WindowRecord next = Pricing.decideIfReady(ctx, posted.window());
        write(ctx, StateKeys.window(t), next);
        MarketEvent.COMPARISON_MESSAGE_POSTED.emit(ctx, new EventPayload(t, next.phase(), home.homeId(), number));
        return CanonicalJson.toJson(posted.message());
    }

    /**
     * A selected home's turn in window {@code t}'s evaluation in one transaction: its decryption of its totals share
     * (exactly as {@link #postDecryption}), unless {@code decryptionJson} is empty, then comparison message
     * {@code step} (exactly as {@link #postComparisonMessage}). r2 posts its decryption with step 1 and r1 with
     * step 2, so the evaluation takes four ordered transactions instead of six. Either part failing rejects the
     * whole transaction; whichever transaction completes step 4 and both decryptions decides the outcome.
     *
     * @param ctx            the transaction, signed by the selected home of the step
     * @param window         the window index
     * @param step           1 to 4
     * @param message        the comparison message, Base64
     * @param decryptionJson a {@link DecryptionArgs} as for {@link #postDecryption}, or empty
     * @return the window record written
     */
    public String postEvaluationStep(TxContext ctx, String window, String step, String message,
                                     String decryptionJson) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        int number = Syntax.parseStep(step);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        WindowRecord next = decryptionJson.isEmpty() ? w : applyDecryption(ctx, home, w, t, decryptionJson);
        next = Pricing.decideIfReady(ctx, applyComparisonStep(ctx, home, next, t, number, message).window());
        write(ctx, StateKeys.window(t), next);
        MarketEvent.COMPARISON_MESSAGE_POSTED.emit(ctx, new EventPayload(t, next.phase(), home.homeId(), number));
        return CanonicalJson.toJson(next);
    }

    /**
     * Posts a selected home's decryption of its share of window {@code t}'s packed totals: r1 decrypts
     * {@code T_r1} ({@code totalsForResponder}), r2 decrypts {@code T_r2} ({@code totalsForInitiator}), each once,
     * with a proof of correct decryption bound to {@code (channel, t, "totals", prover)} that chaincode verifies
     * against the recorded aggregate. Each plaintext alone is masked; their sum is the packed
     * {@code (E_s, sum k, sum d, E_b)}. The decryptions need not wait for the comparison: whichever of the three
     * (two decryptions, comparison step 4) comes last decides the outcome.
     *
     * @param ctx    the transaction, signed by r1 or r2
     * @param window the window index
     * @param json   a {@link DecryptionArgs}: {@code {"plaintext": "<signed decimal>", "proof": "<base64>"}}
     * @return the window record written
     */
    public String postDecryption(TxContext ctx, String window, String json) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        WindowRecord next = Pricing.decideIfReady(ctx, applyDecryption(ctx, home, w, t, json));
        write(ctx, StateKeys.window(t), next);
        MarketEvent.DECRYPTION_POSTED.emit(ctx, new EventPayload(t, next.phase(), home.homeId(), null));
        return CanonicalJson.toJson(next);
    }

    /** A comparison message written to its own key, and the window record with the step counted (not written). */
    private record PostedStep(ComparisonMessage message, WindowRecord window) {
    }

    /**
     * Checks comparison message {@code number} of the caller against window record {@code w} (in evaluation), writes
     * it, and returns the record with the step counted; after step 4, with the comparison's result.
     */
    private static PostedStep applyComparisonStep(TxContext ctx, HomeRecord home, WindowRecord w, long t, int number,
                                                  String message) {
        SelectedHomes s = w.coalitions().selection();
        String expected = number % 2 == 1 ? s.initiator() : s.responder();
        if (!home.homeId().equals(expected)) {
            throw ErrorCode.NOT_SELECTED.exception("comparison step " + number + " of window " + t + " is posted by "
                    + (number % 2 == 1 ? "the initiator r2 " : "the responder r1 ") + expected + ", not by "
                    + home.homeId());
        }
        if (number <= w.comparisonSteps()) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("comparison step " + number + " of window " + t
                    + " was already posted");
        }
        if (number != w.comparisonSteps() + 1) {
            throw ErrorCode.OUT_OF_ORDER.exception("comparison step " + number + " of window " + t
                    + " cannot be posted before step " + (w.comparisonSteps() + 1));
        }
        requireBefore(ctx, w.aggregation().comparisonDeadline(), "the comparison of window " + t);
        byte[] bytes = comparisonBytes(message, number);
        byte[] session = ProofContexts.comparisonSession(ctx.channelId(), t);
        try {
            ComparisonOutcome.checkEnvelope(bytes, comparisonStep(number), session);
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("comparison step " + number + " of window " + t
                    + " rejected: " + e.getMessage(), e);
        }
        ComparisonMessage posted = new ComparisonMessage(t, number, home.homeId(), Bytes.toBase64(bytes),
                timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.comparison(t, number), posted);
        WindowRecord next;
        if (number < 4) {
            next = w.withComparison(number, null);
        } else {
            byte[] m1 = storedComparisonMessage(ctx, t, 1);
            byte[] m2 = storedComparisonMessage(ctx, t, 2);
            byte[] m3 = storedComparisonMessage(ctx, t, 3);
            boolean supplyBelowDemand;
            try {
                // x = R_s (initiator), y = R_b (responder): "x < y" is R_s < R_b, i.e. E_s < E_b (PEM Protocol 2
                // line 15: the common mask sum cancels in the comparison).
                supplyBelowDemand = ComparisonOutcome.combine(m3, bytes, session, m1, m2);
            } catch (CryptoException | IllegalArgumentException e) {
                throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("the comparison shares of window " + t
                        + " do not combine: " + e.getMessage(), e);
            }
            next = w.withComparison(4, supplyBelowDemand);
        }
        return new PostedStep(posted, next);
    }

    /**
     * Checks the caller's decryption of its totals share against window record {@code w} (in evaluation) and
     * returns the record with it (not written).
     */
    private static WindowRecord applyDecryption(TxContext ctx, HomeRecord home, WindowRecord w, long t,
                                                String json) {
        SelectedHomes s = w.coalitions().selection();
        String homeId = home.homeId();
        boolean responder = homeId.equals(s.responder());
        if (!responder && !homeId.equals(s.initiator())) {
            throw ErrorCode.NOT_SELECTED.exception("the totals of window " + t + " are decrypted by r1 "
                    + s.responder() + " and r2 " + s.initiator() + ", not by " + homeId);
        }
        String share = responder ? "T_r1" : "T_r2";
        if (w.decryptions() != null && w.decryptions().postedBy(homeId)) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the decryption of " + share + " of window " + t
                    + " was already posted");
        }
        requireBefore(ctx, w.aggregation().decryptionDeadline(), "the decryptions of window " + t);
        DecryptionArgs args = DecryptionArgs.parse(json, share);
        if (args.proof().length() > DecryptionArgs.MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_PROOF.exception("the proof of " + share + " is longer than "
                    + DecryptionArgs.MAX_PROOF_CHARS + " characters");
        }
        PaillierPublicKey key = parsedKey(home.paillierKey());
        Aggregates a = w.aggregation().aggregates();
        Ciphertext aggregate = key.ciphertextFromBase64(responder ? a.totalsForResponder() : a.totalsForInitiator());
        DecryptionProof proof;
        try {
            proof = DecryptionProof.fromBase64(key, args.proof());
            proof.verify(aggregate, args.plaintext(), ProofContexts.totals(ctx.channelId(), t, homeId));
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_PROOF.exception("the decryption of " + share + " of window " + t + " by "
                    + homeId + " does not verify: " + e.getMessage(), e);
        }
        TotalsDecryption posted = new TotalsDecryption(homeId, args.plaintext().toString(), proof.toBase64(),
                timestamp(ctx), ctx.txId());
        return responder ? w.withResponderDecryption(posted) : w.withInitiatorDecryption(posted);
    }

    private static byte[] comparisonBytes(String message, int step) {
        if (message == null || message.isEmpty()) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("comparison step " + step + " is empty");
        }
        if (message.length() > (MAX_COMPARISON_MESSAGE_BYTES / 3 + 1) * 4) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception("comparison step " + step + " is longer than "
                    + MAX_COMPARISON_MESSAGE_BYTES + " bytes");
        }
        try {
            return Bytes.fromBase64(message, "comparison step " + step);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_COMPARISON_MESSAGE.exception(e.getMessage(), e);
        }
    }

    private static byte[] storedComparisonMessage(TxContext ctx, long t, int step) {
        ComparisonMessage m = read(ctx, StateKeys.comparison(t, step), ComparisonMessage.class);
        if (m == null) {
            throw new IllegalStateException("comparison step " + step + " of window " + t + " is counted but missing");
        }
        return Bytes.fromBase64(m.message(), "stored comparison step " + step);
    }

    private static ComparisonStep comparisonStep(int number) {
        for (ComparisonStep s : ComparisonStep.values()) {
            if (s.number() == number) {
                return s;
            }
        }
        throw new IllegalStateException("no comparison step " + number);
    }
}
