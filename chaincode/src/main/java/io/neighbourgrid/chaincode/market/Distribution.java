package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.market.Guards.requireWindow;
import static io.neighbourgrid.chaincode.market.Guards.timestamp;

import io.neighbourgrid.chaincode.MarketEvent;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Coalitions;
import io.neighbourgrid.protocol.state.EventPayload;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM Protocol 1 line 10 and Protocol 4 (Section IV-F, Private Distribution): once a window has its outcome, the
 * settlement records who trades in the market and who with the grid, at which price and fill ratio, and the grid's
 * prices. The market is one pool: instead of Protocol 4's private demand ratios and pairwise {@code e_ij}, each
 * member computes its market volume and money from the public price and fill ratio and its own net energy (the
 * counterpart of Protocol 4 lines 10-12 and 16), off the ledger.
 */
public final class Distribution {
    /**
     * The distribution step (it needs no organisation checks: anyone may settle a decided window).
     */
    public Distribution() {
    }

    /**
     * Writes the settlement of window {@code t}, once, after the window was cleared or went grid only.
     *
     * @param ctx    the transaction (anyone)
     * @param window the window index
     * @return the settlement written
     */
    public String settleWindow(TxContext ctx, String window) {
        long t = Syntax.parseWindow(window);
        WindowRecord w = requireWindow(ctx, t);
        if (w.phase() == WindowPhase.SETTLED) {
            throw ErrorCode.ALREADY_SETTLED.exception("window " + t + " is already settled");
        }
        if (w.phase() != WindowPhase.CLEARED && w.phase() != WindowPhase.GRID_ONLY) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " is in phase " + w.phase()
                    + "; it can be settled once CLEARED or GRID_ONLY");
        }
        Coalitions c = w.coalitions();
        Outcome o = w.outcome();
        boolean market = w.phase() == WindowPhase.CLEARED;
        List<String> sellers = market ? w.aggregation().sellers() : List.of();
        List<String> buyers = market ? w.aggregation().buyers() : List.of();
        Settlement settlement = new Settlement(t, o.clearing(), o.price(), o.fillRatio(),
                sellers, buyers, minus(c.sellers(), sellers), minus(c.buyers(), buyers), c.offMarket(),
                w.config().retailPrice(), w.config().feedInPrice(), timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.settlement(t), settlement);
        WindowRecord next = w.settled();
        write(ctx, StateKeys.window(t), next);
        MarketEvent.WINDOW_SETTLED.emit(ctx, new EventPayload(t, next.phase(), null, null));
        return CanonicalJson.toJson(settlement);
    }

    private static List<String> minus(List<String> all, List<String> removed) {
        List<String> out = new ArrayList<>(all);
        out.removeAll(removed);
        return out;
    }
}
