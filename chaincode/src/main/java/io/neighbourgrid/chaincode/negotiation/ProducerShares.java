package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.PairPhase;
import io.neighbourgrid.protocol.negotiation.ProducerShareArgs;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;

/**
 * Seed 002, Section 4.3, step 2: producer {@code n} posts its share of the pair's next price (Eq. 17) encrypted
 * under its own key, {@code Enc_n(lambda^k - floor(lambda^k / 2) - alpha_n^k P_nm)}, with its secret dual step
 * {@code Enc_n(alpha_n^k)}, which the consumer needs to scale its own trade homomorphically. Iteration {@code k}
 * of a pair starts only when iteration {@code k - 1} has been decrypted.
 */
final class ProducerShares {
    private final NegotiationState state;

    ProducerShares(NegotiationState state) {
        this.state = state;
    }

    /** {@code postProducerShare(consumerId, k, producerShareJson)}: the pair's producer. */
    String post(TxContext ctx, String consumerId, String iteration, String json) {
        NegotiationState.ProducerStep parties = state.producerStep(ctx, consumerId, iteration, "postProducerShare");
        TraderRegistration producer = parties.producer();
        TraderRegistration consumer = parties.consumer();
        long k = parties.iteration();
        ProducerShareArgs args = ProducerShareArgs.parse(json);
        String key = NegotiationState.pairKey(ctx, producer.traderId(), consumer.traderId(), k);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("pair " + producer.traderId() + "/" + consumerId
                    + " has started iteration " + k + " already");
        }
        if (k > 0) {
            PairIteration previous = StateIo.read(ctx, NegotiationState.pairKey(ctx, producer.traderId(),
                    consumer.traderId(), k - 1), PairIteration.class);
            if (previous == null || previous.phase() != PairPhase.DECRYPTED) {
                throw ErrorCode.OUT_OF_ORDER.exception("pair " + producer.traderId() + "/" + consumerId
                        + " has not finished iteration " + (k - 1));
            }
        }
        PaillierPublicKey pk = NegotiationState.key(producer);
        NegotiationState.ciphertext(pk, args.step(), "the step", producer.traderId());
        NegotiationState.ciphertext(pk, args.share(), "the producer share", producer.traderId());
        if (args.step().equals(args.share())) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception("the step and the share repeat one ciphertext");
        }
        PairIteration p = new PairIteration(producer.traderId(), consumer.traderId(), k, PairPhase.PRODUCER_POSTED,
                args.step(), args.share(), null, null, null, null, null);
        StateIo.write(ctx, key, p);
        return CanonicalJson.toJson(p);
    }
}
