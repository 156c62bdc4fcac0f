package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.MaskCommitment;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.PairPhase;
import io.neighbourgrid.protocol.negotiation.TradeRecord;
import io.neighbourgrid.protocol.negotiation.TradeRecording;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 002, Section 3.2, last step: at convergence the market operator records every pair's trade on the ledger.
 * The contract ties each recorded price to the pair's proven decryption of the final iteration: the consumer's
 * mask, opened here, must match its commitment, and the price must be the proven masked price less the mask.
 */
final class TradeRecordings {
    private final NegotiationState state;

    TradeRecordings(NegotiationState state) {
        this.state = state;
    }

    /** {@code recordTrades(tradesJson)}: the operator organisation as market operator, once. */
    String record(TxContext ctx, String json) {
        state.requireOperator(ctx, "record the negotiated trades");
        NegotiationConfig c = NegotiationState.config(ctx);
        if (ctx.getState(NegotiationState.tradesKey(ctx)) != null) {
            throw ErrorCode.TRADES_ALREADY_RECORDED.exception("the negotiated trades are recorded already");
        }
        TradeRecording r = TradeRecording.parse(json);
        List<String[]> pairs = c.pairs();
        if (r.trades().size() != pairs.size()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the recording needs one trade for each of the " + pairs.size()
                    + " pairs, got " + r.trades().size());
        }
        Set<String> seen = new HashSet<>();
        for (TradeRecord t : r.trades()) {
            if (!seen.add(t.producer() + "/" + t.consumer())) {
                throw ErrorCode.INVALID_ARGUMENT.exception("pair " + t.producer() + "/" + t.consumer()
                        + " is recorded twice");
            }
            check(ctx, c, t, r.iterations());
        }
        TradeRecording stored = new TradeRecording(r.iterations(), r.trades(), ctx.txTimestamp().toString(),
                ctx.txId());
        StateIo.write(ctx, NegotiationState.tradesKey(ctx), stored);
        return stored.toJson();
    }

    private static void check(TxContext ctx, NegotiationConfig c, TradeRecord t, long iterations) {
        boolean pair = c.trader(t.producer()).map(NegotiationConfig.TraderEntry::producer).orElse(false)
                && c.trader(t.consumer()).map(e -> !e.producer()).orElse(false);
        if (!pair) {
            throw ErrorCode.UNKNOWN_TRADER.exception(t.producer() + "/" + t.consumer()
                    + " is not a producer-consumer pair of the negotiation");
        }
        if (t.iteration() != iterations - 1 || iterations < 1) {
            throw ErrorCode.INVALID_ARGUMENT.exception("pair " + t.producer() + "/" + t.consumer()
                    + " names iteration " + t.iteration() + ", not the final " + (iterations - 1));
        }
        if (!t.proven()) {
            // A plain negotiation's pair prices never touched the ledger; a pair that negotiated privately must
            // have its recorded price tied to its proof.
            if (ctx.getState(NegotiationState.pairKey(ctx, t.producer(), t.consumer(), 0)) != null) {
                throw ErrorCode.INVALID_MASK_OPENING.exception("pair " + t.producer() + "/" + t.consumer()
                        + " negotiated on the ledger; its price needs its mask opening");
            }
            return;
        }
        PairIteration p = StateIo.read(ctx, NegotiationState.pairKey(ctx, t.producer(), t.consumer(),
                t.iteration()), PairIteration.class);
        if (p == null || p.phase() != PairPhase.DECRYPTED) {
            throw ErrorCode.INCOMPLETE_NEGOTIATION.exception("pair " + t.producer() + "/" + t.consumer()
                    + " has no proven price for iteration " + t.iteration());
        }
        BigInteger mask = Syntax.parseDecimal(t.mask(), "the mask of " + t.producer() + "/" + t.consumer());
        String opened;
        try {
            opened = MaskCommitment.of(ctx.channelId(), c.round(), t.producer(), t.consumer(), t.iteration(), mask, t.salt());
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_MASK_OPENING.exception("the mask of " + t.producer() + "/" + t.consumer()
                    + " is malformed: " + e.getMessage());
        }
        if (!opened.equals(p.maskCommitment())) {
            throw ErrorCode.INVALID_MASK_OPENING.exception("the mask of " + t.producer() + "/" + t.consumer()
                    + " does not open the consumer's commitment");
        }
        BigInteger price = new BigInteger(p.maskedPrice()).subtract(mask);
        if (!price.equals(BigInteger.valueOf(t.price()))) {
            throw ErrorCode.INVALID_MASK_OPENING.exception("the price of " + t.producer() + "/" + t.consumer()
                    + " is not the proven masked price less the mask");
        }
    }
}
