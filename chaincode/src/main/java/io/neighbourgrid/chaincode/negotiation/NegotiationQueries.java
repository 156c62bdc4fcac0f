package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;
import java.util.Map;
import java.util.TreeMap;

/** The negotiation contract's queries. */
final class NegotiationQueries {
    /** {@code getNegotiation()}: the configuration and the registered traders by id. */
    String negotiation(TxContext ctx) {
        NegotiationConfig c = NegotiationState.config(ctx);
        Map<String, Object> out = new TreeMap<>();
        out.put("config", c);
        Map<String, TraderRegistration> traders = new TreeMap<>();
        for (TraderRegistration r : StateIo.readAll(ctx, TraderRegistration.class, NegotiationState.TRADER)) {
            traders.put(r.traderId(), r);
        }
        out.put("traders", traders);
        return CanonicalJson.toJson(out);
    }

    /** {@code getPairIteration(producerId, consumerId, k)}. */
    String pairIteration(TxContext ctx, String producer, String consumer, String iteration) {
        long k = NegotiationState.iteration(iteration);
        PairIteration p = StateIo.read(ctx, NegotiationState.pairKey(ctx, producer, consumer, k), PairIteration.class);
        if (p == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("pair " + producer + "/" + consumer + " has no iteration " + k);
        }
        return CanonicalJson.toJson(p);
    }

    /** {@code getLinePrices(k)}. */
    String linePrices(TxContext ctx, String iteration) {
        long k = NegotiationState.iteration(iteration);
        byte[] r = ctx.getState(NegotiationState.linesKey(ctx, k));
        if (r == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("no line prices for iteration " + k);
        }
        return new String(r, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code getTrades()}. */
    String trades(TxContext ctx) {
        byte[] r = ctx.getState(NegotiationState.tradesKey(ctx));
        if (r == null) {
            throw ErrorCode.INCOMPLETE_NEGOTIATION.exception("no trades recorded yet");
        }
        return new String(r, java.nio.charset.StandardCharsets.UTF_8);
    }
}
