package io.neighbourgrid.protocol;

import io.neighbourgrid.crypto.ProofContext;
import java.nio.charset.StandardCharsets;

/**
 * What every proof and comparison message of the market is bound to. The contract verifies against these contexts
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
    /** Proof-context phase of a selected home's proven decryption of its totals aggregate. */
    public static final String TOTALS_PHASE = "totals";

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
     * The proof context of a selected home's proof that its posted plaintext is the decryption of its totals
     * aggregate ({@code T_r1} for r1, {@code T_r2} for r2): PEM Protocol 3.
     *
     * @param channel the channel
     * @param window  the window
     * @param prover  the selected home posting the decryption
     * @return {@code (channel, t, "totals", prover)}
     */
    public static ProofContext totals(String channel, long window, String prover) {
        return new ProofContext(channel, window, TOTALS_PHASE, prover);
    }

    /**
     * The session context of a window's comparison (PEM Protocol 2, lines 14-18): UTF-8 of
     * {@code channel + "/" + t + "/evaluation"}. Both parties and the contract use it, so a message of another
     * window or channel is rejected.
     *
     * @param channel the channel
     * @param window  the window
     * @return the context bytes
     */
    public static byte[] comparisonSession(String channel, long window) {
        return (channel + "/" + window + "/evaluation").getBytes(StandardCharsets.UTF_8);
    }
}
