package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.ConsumerShareArgs;
import io.neighbourgrid.protocol.negotiation.MaskCommitment;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.PairPhase;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;

/**
 * Seed 002, Section 4.3, steps 3-4: consumer {@code m} posts its share {@code Enc_n(floor(lambda^k / 2) -
 * alpha_n^k P_mn + r)} under the producer's key, with a commitment to its mask {@code r}; the contract combines the
 * two shares homomorphically, {@code Enc_n(a_n) * Enc_n(a_m) = Enc_n(lambda^k+1 + r)} (Eq. 17 on ciphertexts).
 */
final class ConsumerShares {
    private final NegotiationState state;

    ConsumerShares(NegotiationState state) {
        this.state = state;
    }

    /** {@code postConsumerShare(producerId, k, consumerShareJson)}: the pair's consumer. */
    String post(TxContext ctx, String producerId, String iteration, String json) {
        TraderRegistration consumer = state.caller(ctx);
        if (consumer.producer()) {
            throw ErrorCode.NOT_A_PARTY.exception("postConsumerShare is the consumer's step; " + consumer.traderId()
                    + " is a producer");
        }
        TraderRegistration producer = NegotiationState.registered(ctx, producerId);
        if (!producer.producer()) {
            throw ErrorCode.NOT_A_PARTY.exception(producerId + " is a consumer; pairs join a producer and a consumer");
        }
        long k = NegotiationState.iteration(iteration);
        PairIteration p = NegotiationState.pair(ctx, producerId, consumer.traderId(), k, PairPhase.PRODUCER_POSTED);
        ConsumerShareArgs args = ConsumerShareArgs.parse(json);
        if (!MaskCommitment.wellFormed(args.maskCommitment())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the mask commitment must be 64 lower-case hex characters");
        }
        PaillierPublicKey pk = NegotiationState.key(producer);
        Ciphertext mine = NegotiationState.ciphertext(pk, args.share(), "the consumer share", producerId);
        if (args.share().equals(p.producerShare()) || args.share().equals(p.step())) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception("the consumer share repeats the producer's ciphertext");
        }
        Ciphertext theirs = pk.ciphertextFromBase64(p.producerShare());
        Ciphertext combined = pk.add(theirs, mine);
        PairIteration next = p.combinedWith(args.share(), args.maskCommitment(), combined.toBase64());
        StateIo.write(ctx, NegotiationState.pairKey(ctx, producerId, consumer.traderId(), k), next);
        return CanonicalJson.toJson(next);
    }
}
