package io.neighbourgrid.protocol;

import io.neighbourgrid.crypto.ProofContext;

/**
 * What every proof of the market is bound to. The contract verifies against these contexts
 * and homes and auditors prove and re-verify against the same ones, so a proof made for one home, window or channel
 * never verifies for another. The billing party's contexts are in
 * {@link io.neighbourgrid.protocol.billing.BillingContexts}.
 */
public final class ProofContexts {
    /** Proof-context phase of a key-correctness proof; its window is {@value #REGISTRATION_WINDOW}. */
    public static final String REGISTRATION_PHASE = "registration";
    /** The window number a key-correctness proof is bound to. */
    public static final long REGISTRATION_WINDOW = 0L;
    /** Proof-context phase of the ring-Pedersen parameters' proof; its window is {@value #REGISTRATION_WINDOW}. */
    public static final String PROOF_PARAMETERS_PHASE = "proof-parameters";
    /** Proof-context prover of the ring-Pedersen parameters' proof: the operator organisation. */
    public static final String OPERATOR_PROVER = "operator";
    /** Proof-context phase of a member's contribution proof. */
    public static final String CONTRIBUTION_PHASE = "contribution";
    /** Proof-context phase of r2's mask transfer. */
    public static final String MASK_TRANSFER_PHASE = "mask-transfer";
    /** Proof-context phase of r1's proven outcome. */
    public static final String OUTCOME_PHASE = "outcome";

    private ProofContexts() {
    }

    /**
     * The proof context a home's key-correctness proof and no-small-factor proof are bound to (registration).
     *
     * @param channel the channel
     * @param homeId  the registering home
     * @return {@code (channel, 0, "registration", homeId)}
     */
    public static ProofContext registration(String channel, String homeId) {
        return new ProofContext(channel, REGISTRATION_WINDOW, REGISTRATION_PHASE, homeId);
    }

    /**
     * The proof context of the operator's proof that its ring-Pedersen parameters are well formed (the parameters
     * every home's no-small-factor proof is made against). The homes' own no-small-factor proofs are bound to
     * {@link #registration}, like their key-correctness proofs.
     *
     * @param channel the channel
     * @return {@code (channel, 0, "proof-parameters", "operator")}
     */
    public static ProofContext proofParameters(String channel) {
        return new ProofContext(channel, REGISTRATION_WINDOW, PROOF_PARAMETERS_PHASE, OPERATOR_PROVER);
    }

    /**
     * The proof context of a member's proof that its contribution to window {@code t} is in the market's ranges and
     * consistent across both selected homes' keys.
     *
     * @param channel the channel
     * @param window  the window
     * @param homeId  the contributing member
     * @return {@code (channel, t, "contribution", homeId)}
     */
    public static ProofContext contribution(String channel, long window, String homeId) {
        return new ProofContext(channel, window, CONTRIBUTION_PHASE, homeId);
    }

    /**
     * The proof context of r2's proof that its re-encryption under r1's key holds the plaintext of the masks'
     * aggregate {@code T_r2}.
     *
     * @param channel the channel
     * @param window  the window
     * @param prover  r2
     * @return {@code (channel, t, "mask-transfer", prover)}
     */
    public static ProofContext maskTransfer(String channel, long window, String prover) {
        return new ProofContext(channel, window, MASK_TRANSFER_PHASE, prover);
    }

    /**
     * The proof context of r1's proofs that the window's outcome follows from its hidden totals.
     *
     * @param channel the channel
     * @param window  the window
     * @param prover  r1
     * @return {@code (channel, t, "outcome", prover)}
     */
    public static ProofContext outcome(String channel, long window, String prover) {
        return new ProofContext(channel, window, OUTCOME_PHASE, prover);
    }
}
