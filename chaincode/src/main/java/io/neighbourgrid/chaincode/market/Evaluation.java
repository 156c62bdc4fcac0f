package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requireBefore;
import static io.neighbourgrid.chaincode.market.Guards.requirePhase;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;
import static io.neighbourgrid.chaincode.market.Registration.homeKey;
import static io.neighbourgrid.chaincode.market.Registration.registeredParameters;

import io.neighbourgrid.market.MarketOutcome;
import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.OutcomeProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MaskTransferRecord;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.OutcomeProofRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.List;

/**
 * The market evaluation: what replaces PEM Protocol 2 lines 14-18 (the comparison of {@code R_s} and {@code R_b}) and
 * Protocol 3 lines 5-9 (the pricing by the selected buyer) so that the channel learns only the market type, the
 * price and the fill ratio (PEM Theorem 1) and every step is pinned on the home that posts it:
 * <ol>
 *   <li>{@link #postMaskTransfer}: r2 decrypts the masks' aggregate {@code T_r2 = Enc_r2(-sum M)}, re-encrypts the
 *       plaintext under r1's key and proves both hold the same integer; chaincode multiplies {@code T_r1} by it,
 *       which leaves {@code Enc_r1(sum pack)}, the packed totals that only r1 can open.</li>
 *   <li>{@link #postOutcome}: r1 opens the packed totals privately (PEM's selected buyer learns the pricing sums,
 *       Lemma 3), and posts the market type, the price and the fill ratio with proofs that they follow from the
 *       hidden totals: the split of the packed totals into four in-range slot totals, and one non-negativity proof
 *       per inequality that defines the outcome (PEM Section III-D for the type, Eq. 13 with the erratum and Eq. 14
 *       for the price, the fill ratio of {@code MarketMath}). Chaincode forms each inequality's combination of the
 *       slot ciphertexts itself, with public coefficients, and records the outcome only if every proof verifies.</li>
 * </ol>
 * The comparison of PEM is not needed: the verified inequality {@code E_s < E_b} (or its negation) decides the market
 * type, and no home's share of a comparison can be forged to blame its partner.
 */
public final class Evaluation {
    /** Longest accepted mask transfer proof or outcome bundle, in Base64 characters. */
    public static final int MAX_PROOF_CHARS = 1 << 20;

    private final Guards guards;

    /**
     * @param guards the channel's organisations and the shared checks
     */
    public Evaluation(Guards guards) {
        this.guards = guards;
    }

    /**
     * r2's mask transfer of window {@code t}: the plaintext of {@code T_r2} re-encrypted under r1's key, with its
     * {@code MaskTransferProof} bound to {@code (channel, t, "mask-transfer", r2)}. Once per evaluation, before the
     * transfer deadline.
     *
     * @param ctx         the transaction, signed by r2
     * @param window      the window index
     * @param reencrypted {@code Enc_r1(-sum M)}, Base64
     * @param proof       the proof, Base64
     * @return the mask transfer written
     */
    public String postMaskTransfer(TxContext ctx, String window, String reencrypted, String proof) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        SelectedHomes s = w.coalitions().selection();
        requireSelected(home, s.initiator(), "the mask transfer of window " + t + " is posted by r2 ");
        if (w.packedTotals() != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the mask transfer of window " + t + " was already posted");
        }
        Aggregation a = w.aggregation();
        requireBefore(ctx, a.transferDeadline(), "the mask transfer of window " + t);
        PaillierPublicKey responderKey = homeKey(ctx, s.responder());
        PaillierPublicKey initiatorKey = homeKey(ctx, s.initiator());
        Ciphertext x;
        try {
            x = responderKey.ciphertextFromBase64(reencrypted);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception("the re-encrypted masks of window " + t + " are not a "
                    + "ciphertext under the key of r1 " + s.responder() + ": " + e.getMessage(), e);
        }
        requireLength(proof, "the mask transfer proof of window " + t);
        Ciphertext masks = initiatorKey.ciphertextFromBase64(a.aggregates().totalsForInitiator());
        try {
            MarketProofs.verifyTransfer(initiatorKey, masks, responderKey, x, proof, registeredParameters(ctx),
                    ProofContexts.maskTransfer(ctx.channelId(), t, home.homeId()));
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_PROOF.exception("the mask transfer of window " + t + " by r2 " + home.homeId()
                    + " does not verify: " + e.getMessage(), e);
        }
        Ciphertext packed = responderKey.sum(List.of(
                responderKey.ciphertextFromBase64(a.aggregates().totalsForResponder()), x));
        MaskTransferRecord record = new MaskTransferRecord(t, home.homeId(), x.toBase64(), proof, packed.toBase64(),
                timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.maskTransfer(t), record);
        WindowRecord next = w.withPackedTotals(packed.toBase64());
        write(ctx, StateKeys.window(t), next);
        MarketEvent.MASK_TRANSFER_POSTED.emit(ctx, new EventPayload(t, next.phase(), home.homeId(), null));
        return CanonicalJson.toJson(record);
    }

    /**
     * r1's proven outcome of window {@code t}: the {@code OutcomeProof} bundle bound to
     * {@code (channel, t, "outcome", r1)}, after the mask transfer and before the outcome deadline. Chaincode verifies
     * every proof against the packed totals and the window's public ranges and records the outcome it proves.
     *
     * @param ctx    the transaction, signed by r1
     * @param window the window index
     * @param bundle the bundle, Base64
     * @return the window record written
     */
    public String postOutcome(TxContext ctx, String window, String bundle) {
        HomeRecord home = guards.callerHome(ctx);
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        requirePhase(w, WindowPhase.EVALUATION);
        SelectedHomes s = w.coalitions().selection();
        requireSelected(home, s.responder(), "the outcome of window " + t + " is posted by r1 ");
        if (w.packedTotals() == null) {
            throw ErrorCode.OUT_OF_ORDER.exception("the outcome of window " + t + " needs r2's mask transfer first");
        }
        Aggregation a = w.aggregation();
        requireBefore(ctx, a.outcomeDeadline(), "the outcome of window " + t);
        requireLength(bundle, "the outcome proof of window " + t);
        PaillierPublicKey responderKey = homeKey(ctx, s.responder());
        RingPedersenParameters params = registeredParameters(ctx);
        MarketOutcome proven;
        try {
            proven = MarketProofs.verifyOutcome(responderKey, responderKey.ciphertextFromBase64(w.packedTotals()),
                    bundle, w.config(), a.sellers().size(), a.buyers().size(), params,
                    ProofContexts.outcome(ctx.channelId(), t, home.homeId()));
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_PROOF.exception("the outcome of window " + t + " by r1 " + home.homeId()
                    + " does not verify: " + e.getMessage(), e);
        }
        write(ctx, StateKeys.outcomeProof(t), new OutcomeProofRecord(t, home.homeId(), bundle, timestamp(ctx),
                ctx.txId()));
        WindowRecord next = w.withOutcome(Outcome.cleared(Clearing.of(proven.type()), proven.price(),
                proven.fillRatio(), timestamp(ctx), ctx.txId()));
        write(ctx, StateKeys.window(t), next);
        MarketEvent.OUTCOME_POSTED.emit(ctx, new EventPayload(t, next.phase(), home.homeId(), null));
        return CanonicalJson.toJson(next);
    }

    private static void requireSelected(HomeRecord caller, String expected, String what) {
        if (!caller.homeId().equals(expected)) {
            throw ErrorCode.NOT_SELECTED.exception(what + expected + ", not by " + caller.homeId());
        }
    }

    private static void requireLength(String base64, String what) {
        if (base64 == null || base64.isEmpty()) {
            throw ErrorCode.INVALID_PROOF.exception(what + " is empty");
        }
        if (base64.length() > MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_PROOF.exception(what + " is longer than " + MAX_PROOF_CHARS + " characters");
        }
    }
}
