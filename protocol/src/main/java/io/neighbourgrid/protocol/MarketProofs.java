package io.neighbourgrid.protocol;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.ContributionProof;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.crypto.proof.MaskTransfer;
import io.neighbourgrid.crypto.proof.MaskTransferProof;
import io.neighbourgrid.crypto.proof.OutcomeProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.market.MarketOutcome;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.state.MarketConfig;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The market's proofs as chaincode, agents and auditors make and check them: one place that fixes every statement's
 * public parameters (the ranges of {@link ContributionRanges}, the keys, the bound of the mask transfer, the slot
 * caps and offsets of the outcome) from the window's configuration, so that a prover and a verifier can never
 * disagree about what was proven. The constructions are in {@code io.neighbourgrid.crypto.proof} and
 * {@code docs/crypto.md}.
 */
public final class MarketProofs {
    /** Bits of the bound of the masks' sum that r2 transfers: up to 2^20 members, each mask below the slack 2^641. */
    public static final int MASK_TRANSFER_BOUND_BITS = MaskTransferProof.MASK_TRANSFER_BOUND_BITS;

    private MarketProofs() {
    }

    /**
     * The statement a member's contribution proves.
     *
     * @param config       the window's configuration
     * @param role         the member's role
     * @param responderKey r1's key
     * @param initiatorKey r2's key
     * @param params       the market's proof parameters
     * @param forResponder the member's ciphertext under r1's key
     * @param forInitiator the member's ciphertext under r2's key
     * @return the statement
     */
    public static ContributionStatement contributionStatement(MarketConfig config, Role role,
                                                              PaillierPublicKey responderKey,
                                                              PaillierPublicKey initiatorKey,
                                                              RingPedersenParameters params, Ciphertext forResponder,
                                                              Ciphertext forInitiator) {
        return new ContributionStatement(responderKey, forResponder, initiatorKey, forInitiator, params,
                ContributionRanges.of(config).spansOf(role));
    }

    /**
     * Checks one contribution proof.
     *
     * @throws CryptoException if the proof is malformed or does not verify
     */
    public static void verifyContribution(ContributionStatement statement, String proofBase64, ProofContext ctx) {
        ContributionProof.fromBase64(proofBase64).verify(statement, ctx);
    }

    /**
     * Checks many contribution proofs at once.
     *
     * @param statements the statements
     * @param proofs     the proofs, Base64, in the same order
     * @param contexts   the contexts, in the same order
     * @param random     the source of the batch's random exponents
     * @return -1 if every proof verifies, else the index of one that does not (a malformed one included)
     */
    public static int firstInvalidContribution(List<ContributionStatement> statements, List<String> proofs,
                                               List<ProofContext> contexts, SecureRandom random) {
        List<ContributionProof> parsed = new ArrayList<>(proofs.size());
        for (int i = 0; i < proofs.size(); i++) {
            try {
                parsed.add(ContributionProof.fromBase64(proofs.get(i)));
            } catch (CryptoException | IllegalArgumentException e) {
                return i;
            }
        }
        return ContributionProof.firstInvalid(statements, parsed, contexts, random);
    }

    /**
     * r2's mask transfer: the plaintext of {@code T_r2} re-encrypted under r1's key, with its proof.
     *
     * @param initiator    r2's private key
     * @param aggregate    {@code T_r2}
     * @param responderKey r1's key
     * @param params       the proof parameters
     * @param ctx          {@link ProofContexts#maskTransfer}
     * @param random       randomness
     * @return the re-encryption and the proof
     */
    public static MaskTransfer transferMasks(PaillierPrivateKey initiator, Ciphertext aggregate,
                                             PaillierPublicKey responderKey, RingPedersenParameters params,
                                             ProofContext ctx, SecureRandom random) {
        return MaskTransferProof.create(initiator, aggregate, responderKey, MASK_TRANSFER_BOUND_BITS, params, ctx,
                random);
    }

    /**
     * Checks r2's mask transfer.
     *
     * @throws CryptoException if the proof is malformed or does not verify
     */
    public static void verifyTransfer(PaillierPublicKey initiatorKey, Ciphertext aggregate,
                                      PaillierPublicKey responderKey, Ciphertext reencrypted, String proofBase64,
                                      RingPedersenParameters params, ProofContext ctx) {
        MaskTransferProof.fromBase64(proofBase64).verify(initiatorKey, aggregate, responderKey, reencrypted,
                MASK_TRANSFER_BOUND_BITS, params, ctx);
    }

    /**
     * r1's proven outcome of a window from the packed totals under its key.
     *
     * @param responder r1's private key
     * @param packed    {@code Enc_r1(sum pack)}
     * @param config    the window's configuration
     * @param sellers   contributing sellers
     * @param buyers    contributing buyers
     * @param params    the proof parameters
     * @param ctx       {@link ProofContexts#outcome}
     * @param random    randomness
     * @return the bundle, carrying the claimed outcome
     */
    public static OutcomeProof proveOutcome(PaillierPrivateKey responder, Ciphertext packed, MarketConfig config,
                                            int sellers, int buyers, RingPedersenParameters params, ProofContext ctx,
                                            SecureRandom random) {
        ContributionRanges ranges = ContributionRanges.of(config);
        return OutcomeProof.prove(responder, packed, ranges.caps(sellers, buyers), ranges.lows(),
                roleCounts(sellers, buyers), config.parameters(), params, ctx, random);
    }

    /**
     * Checks r1's outcome bundle and returns the outcome it proves.
     *
     * @throws CryptoException if the bundle is malformed or a proof does not verify
     */
    public static MarketOutcome verifyOutcome(PaillierPublicKey responderKey, Ciphertext packed,
                                              String bundleBase64, MarketConfig config, int sellers, int buyers,
                                              RingPedersenParameters params, ProofContext ctx) {
        ContributionRanges ranges = ContributionRanges.of(config);
        return OutcomeProof.fromBase64(responderKey, bundleBase64).verify(responderKey, packed,
                ranges.caps(sellers, buyers), ranges.lows(), roleCounts(sellers, buyers), config.parameters(), params,
                ctx);
    }

    /** The contributors of each slot: the sellers for slots 0-2, the buyers for slot 3. */
    private static int[] roleCounts(int sellers, int buyers) {
        return new int[] {sellers, sellers, sellers, buyers};
    }

    /** The plaintext of a member's ciphertext under r1's key: its packed slot values plus the mask. */
    public static BigInteger responderPlaintext(long[] slots, BigInteger mask) {
        return ContributionStatement.responderPlaintext(slots, mask);
    }
}
