package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.NegotiationContexts;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.PairPhase;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;

/**
 * Seed 002, Section 4.3, steps 5-6 and Appendix A: producer {@code n} decrypts the combined ciphertext and proves
 * that the plaintext is its decryption ({@link DecryptionProof}, bound to channel, pair and iteration). The
 * plaintext is the price plus the consumer's mask, so the channel learns nothing of the price; the consumer
 * subtracts its mask, and the producer learns the price when the consumer opens its mask to it.
 */
final class PairPriceDecryption {
    private final NegotiationState state;

    PairPriceDecryption(NegotiationState state) {
        this.state = state;
    }

    /** {@code postPairPrice(consumerId, k, decryptionJson)}: the pair's producer. */
    String post(TxContext ctx, String consumerId, String iteration, String json) {
        NegotiationState.ProducerStep parties = state.producerStep(ctx, consumerId, iteration, "postPairPrice");
        TraderRegistration producer = parties.producer();
        long k = parties.iteration();
        PairIteration p = NegotiationState.pair(ctx, producer.traderId(), consumerId, k, PairPhase.COMBINED);
        DecryptionArgs args = DecryptionArgs.parse(json, "the masked price of " + producer.traderId() + "/"
                + consumerId);
        if (args.proof().length() > DecryptionArgs.MAX_PROOF_CHARS) {
            throw ErrorCode.INVALID_PROOF.exception("the proof is longer than " + DecryptionArgs.MAX_PROOF_CHARS
                    + " characters");
        }
        PaillierPublicKey pk = NegotiationState.key(producer);
        Ciphertext combined = pk.ciphertextFromBase64(p.combined());
        try {
            DecryptionProof proof = DecryptionProof.fromBase64(pk, args.proof());
            proof.verify(combined, args.plaintext(), NegotiationContexts.pairPrice(ctx.channelId(),
                    NegotiationState.config(ctx).round(), producer.traderId(), consumerId, k));
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_PROOF.exception("the decryption of the price of pair " + producer.traderId() + "/"
                    + consumerId + " at iteration " + k + " does not verify: " + e.getMessage(), e);
        }
        PairIteration next = p.decrypted(args.plaintext().toString(), args.proof());
        StateIo.write(ctx, NegotiationState.pairKey(ctx, producer.traderId(), consumerId, k), next);
        return CanonicalJson.toJson(next);
    }
}
