package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.LinePriceRecord;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;

/**
 * Seed 002, Section 3.2, second and third steps: the line manager publishes the line prices of Eq. 18 after each
 * iteration, so every trader charges its trades for the lines they use. One record per iteration, in order.
 */
final class LinePriceUpdates {
    private final NegotiationState state;

    LinePriceUpdates(NegotiationState state) {
        this.state = state;
    }

    /** {@code postLinePrices(k, linePricesJson)}: the operator organisation as line manager. */
    String post(TxContext ctx, String iteration, String json) {
        state.requireOperator(ctx, "post line prices");
        NegotiationConfig c = NegotiationState.config(ctx);
        long k = NegotiationState.iteration(iteration);
        LinePriceRecord r = LinePriceRecord.parse(json, c.lines().size());
        if (r.iteration() != k) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the line prices are for iteration " + r.iteration()
                    + ", the transaction names " + k);
        }
        if (ctx.getState(NegotiationState.linesKey(ctx, k)) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the line prices of iteration " + k + " are posted already");
        }
        if (k > 0 && ctx.getState(NegotiationState.linesKey(ctx, k - 1)) == null) {
            throw ErrorCode.OUT_OF_ORDER.exception("the line prices of iteration " + (k - 1) + " are missing");
        }
        StateIo.write(ctx, NegotiationState.linesKey(ctx, k), r);
        return r.toJson();
    }
}
