package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.market.Guards.timestamp;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM Protocol 1 lines 6-9 and Protocol 3 lines 8-9 (Section IV-E, Private Pricing; Section III for the market):
 * once the comparison's result and both proven decryptions of the totals are on the ledger, chaincode adds the two
 * plaintexts into the packed totals, unpacks {@code E_s}, {@code sum k}, {@code sum (g + 1 + eps b - b)} and
 * {@code E_b}, checks them against the comparison and decides the market: a general market ({@code E_s < E_b})
 * priced by Eq. 13 clamped by Eq. 14, an extreme market at {@code p_l}, with the fill ratio of the long side. Called
 * by {@link Evaluation} from whichever transaction completes the evaluation; writes nothing itself.
 */
final class Pricing {
    private Pricing() {
    }

    /** The window decided, if its comparison and both decryptions are in; else the window unchanged. */
    static WindowRecord decideIfReady(TxContext ctx, WindowRecord w) {
        return w.readyToDecide() ? decide(ctx, w) : w;
    }

    /**
     * Decides a window whose comparison result and both verified decryptions of the totals are present: adds the
     * two plaintexts into the packed totals and unpacks {@code E_s}, {@code sum k}, {@code sum d} and {@code E_b};
     * checks that they are what honest contributions produce and that they agree with the comparison; then
     * computes the market type, the price and the fill ratio (PEM Section III).
     */
    private static WindowRecord decide(TxContext ctx, WindowRecord w) {
        Aggregation a = w.aggregation();
        String now = timestamp(ctx);
        // T_r1 + T_r2 = sum(pack_i + M_i) + sum(-M_i) = sum(pack_i): the masks cancel only in the sum of the two
        // verified plaintexts, which is the first point at which the totals exist in the clear.
        BigInteger packed = new BigInteger(w.decryptions().responder().plaintext())
                .add(new BigInteger(w.decryptions().initiator().plaintext()));
        int contributors = a.sellers().size() + a.buyers().size();
        PackedTotals totals;
        try {
            totals = PackedTotals.unpack(packed, contributors);
        } catch (ValueOutOfRangeException e) {
            return w.withOutcome(Outcome.gridOnly(GridOnlyReason.MALFORMED_TOTALS, "the sum of the decrypted "
                    + "totals is not a packed sum of " + contributors + " contributions: " + e.getMessage(),
                    List.of(), now, ctx.txId()));
        }
        // Every honest seller has sn >= 1 and k >= 1 unit and every honest buyer |sn| >= 1 unit, so a smaller total
        // can only come from a malformed contribution: no market can be computed from it.
        List<String> problems = new ArrayList<>();
        requireAtLeast(totals.supply(), a.sellers().size(), "E_s", problems);
        requireAtLeast(totals.demand(), a.buyers().size(), "E_b", problems);
        requireAtLeast(totals.preference(), a.sellers().size(), "sum k", problems);
        if (!problems.isEmpty()) {
            return w.withOutcome(Outcome.gridOnly(GridOnlyReason.MALFORMED_TOTALS, String.join("; ", problems),
                    totals, now, ctx.txId()));
        }
        long s = totals.supply();
        long b = totals.demand();
        if ((s < b) != w.supplyBelowDemand()) {
            return w.withOutcome(Outcome.gridOnly(GridOnlyReason.COMPARISON_MISMATCH, "the comparison found "
                    + (w.supplyBelowDemand() ? "supply below demand" : "supply at or above demand")
                    + " but the verified totals give E_s = " + s + " and E_b = " + b, totals, now, ctx.txId()));
        }
        MarketType type = MarketMath.marketType(s, b);
        // General market: Eq. 13 with the seeds' erratum, clamped by Eq. 14; extreme market: p_l (Section III-C).
        long price = MarketMath.clearingPrice(type, totals.preference(), totals.pricingTerm(),
                w.config().parameters());
        long rho = MarketMath.fillRatio(type, s, b);
        return w.withOutcome(Outcome.cleared(Clearing.of(type), price, rho, totals, now, ctx.txId()));
    }

    private static void requireAtLeast(long value, int minimum, String name, List<String> problems) {
        if (value < minimum) {
            problems.add(name + " = " + value + " is below " + minimum + " units, one per member");
        }
    }
}
