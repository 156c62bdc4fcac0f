package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.PairPhase;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;
import java.util.Collection;
import java.util.List;

/**
 * The negotiation contract's state keys and the checks every step shares: the configuration, the calling trader, a
 * pair's record, ciphertexts under a producer's key. Every key is a composite key of an object type of its own
 * ({@code NEG_...}), so the negotiation never touches the market's records, and every key but the configuration's
 * carries the round, so the negotiations of successive rounds never meet.
 */
final class NegotiationState {
    static final String CONFIG = "NEG_CONFIG";
    static final String TRADER = "NEG_TRADER";
    static final String IDENTITY = "NEG_IDENTITY";
    static final String PAIR = "NEG_PAIR";
    static final String LINES = "NEG_LINES";
    static final String TRADES = "NEG_TRADES";

    private final String operatorMspId;
    private final List<String> communityMspIds;

    NegotiationState(String operatorMspId, Collection<String> communityMspIds) {
        this.operatorMspId = operatorMspId;
        this.communityMspIds = List.copyOf(communityMspIds);
    }

    String operatorMspId() {
        return operatorMspId;
    }

    List<String> communityMspIds() {
        return communityMspIds;
    }

    static String configKey(TxContext ctx) {
        return ctx.compositeKey(CONFIG);
    }

    /** The current round (0 before any configuration). */
    static String round(TxContext ctx) {
        NegotiationConfig c = StateIo.read(ctx, configKey(ctx), NegotiationConfig.class);
        return Long.toString(c == null ? 0 : c.round());
    }

    static String traderKey(TxContext ctx, String traderId) {
        return ctx.compositeKey(TRADER, round(ctx), traderId);
    }

    static String identityKey(TxContext ctx, Creator creator) {
        return ctx.compositeKey(IDENTITY, round(ctx), creator.mspId(), creator.certificateHash());
    }

    static String pairKey(TxContext ctx, String producer, String consumer, long k) {
        return ctx.compositeKey(PAIR, round(ctx), producer, consumer, Long.toString(k));
    }

    static String linesKey(TxContext ctx, long k) {
        return ctx.compositeKey(LINES, round(ctx), Long.toString(k));
    }

    static String tradesKey(TxContext ctx) {
        return ctx.compositeKey(TRADES, round(ctx));
    }

    /** The configuration, or {@code NEGOTIATION_NOT_CONFIGURED}. */
    static NegotiationConfig config(TxContext ctx) {
        NegotiationConfig c = StateIo.read(ctx, configKey(ctx), NegotiationConfig.class);
        if (c == null) {
            throw ErrorCode.NEGOTIATION_NOT_CONFIGURED.exception("the negotiation has not been configured");
        }
        return c;
    }

    /** Rejects a caller outside the operator organisation. */
    void requireOperator(TxContext ctx, String action) {
        String msp = ctx.creator().mspId();
        if (!operatorMspId.equals(msp)) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("only the operator organisation " + operatorMspId + " may "
                    + action + ", not " + msp);
        }
    }

    /** Rejects a caller outside the community organisations. */
    void requireCommunity(TxContext ctx) {
        String msp = ctx.creator().mspId();
        if (!communityMspIds.contains(msp)) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + msp + " has no traders; community "
                    + "organisations are " + communityMspIds);
        }
    }

    /** The trader bound to the calling identity. */
    TraderRegistration caller(TxContext ctx) {
        requireCommunity(ctx);
        String traderId = StateIo.read(ctx, identityKey(ctx, ctx.creator()), String.class);
        if (traderId == null) {
            throw ErrorCode.NOT_REGISTERED.exception("the calling identity is not bound to a trader");
        }
        return registered(ctx, traderId);
    }

    /** A registered trader. */
    static TraderRegistration registered(TxContext ctx, String traderId) {
        Syntax.parseHomeId(traderId);
        TraderRegistration r = StateIo.read(ctx, traderKey(ctx, traderId), TraderRegistration.class);
        if (r == null) {
            if (config(ctx).trader(traderId).isEmpty()) {
                throw ErrorCode.UNKNOWN_TRADER.exception("no trader " + traderId + " in the negotiation");
            }
            throw ErrorCode.NOT_REGISTERED.exception("trader " + traderId + " has not registered");
        }
        return r;
    }

    /** The calling trader, which must be a producer. */
    TraderRegistration callingProducer(TxContext ctx, String step) {
        TraderRegistration r = caller(ctx);
        if (!r.producer()) {
            throw ErrorCode.NOT_A_PARTY.exception(step + " is the producer's step; " + r.traderId()
                    + " is a consumer");
        }
        return r;
    }

    /**
     * The parties of a producer's step: the calling producer, its registered partner and the iteration.
     *
     * @param ctx        the transaction
     * @param consumerId the partner
     * @param iteration  the iteration argument
     * @param step       the step's name, for messages
     * @return the two registrations and the iteration
     */
    ProducerStep producerStep(TxContext ctx, String consumerId, String iteration, String step) {
        TraderRegistration producer = callingProducer(ctx, step);
        TraderRegistration consumer = consumer(ctx, consumerId);
        return new ProducerStep(producer, consumer, iteration(iteration));
    }

    /**
     * Who takes a producer's step.
     *
     * @param producer  the calling producer
     * @param consumer  its partner
     * @param iteration the iteration
     */
    record ProducerStep(TraderRegistration producer, TraderRegistration consumer, long iteration) {
    }

    /** A registered consumer, the partner of a producer's step. */
    static TraderRegistration consumer(TxContext ctx, String consumerId) {
        TraderRegistration r = registered(ctx, consumerId);
        if (r.producer()) {
            throw ErrorCode.NOT_A_PARTY.exception(consumerId + " is a producer; pairs join a producer and a consumer");
        }
        return r;
    }

    /** The iteration argument. */
    static long iteration(String k) {
        try {
            return Syntax.parseWindow(k);
        } catch (RuntimeException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the iteration must be a non-negative decimal integer without "
                    + "leading zeros, got '" + k + "'");
        }
    }

    /** A pair's record of an iteration, which must be in {@code phase}. */
    static PairIteration pair(TxContext ctx, String producer, String consumer, long k, PairPhase phase) {
        PairIteration p = StateIo.read(ctx, pairKey(ctx, producer, consumer, k), PairIteration.class);
        if (p == null) {
            throw ErrorCode.WRONG_PHASE.exception("pair " + producer + "/" + consumer + " has not started iteration "
                    + k);
        }
        if (p.phase() != phase) {
            throw ErrorCode.WRONG_PHASE.exception("pair " + producer + "/" + consumer + " is in phase " + p.phase()
                    + " of iteration " + k + ", not " + phase);
        }
        return p;
    }

    /** A producer's registered key. */
    static PaillierPublicKey key(TraderRegistration producer) {
        return PaillierPublicKey.fromBase64(producer.paillierKey());
    }

    /** A ciphertext under a producer's key. */
    static Ciphertext ciphertext(PaillierPublicKey key, String base64, String field, String owner) {
        if (base64 == null || base64.length() > 4 * key.ciphertextBytes()) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is missing or longer than a ciphertext under the "
                    + "key of " + owner);
        }
        try {
            return key.ciphertextFromBase64(base64);
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_CIPHERTEXT.exception(field + " is not a ciphertext under the key of " + owner
                    + ": " + e.getMessage(), e);
        }
    }
}
