package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.readAll;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.billingKey;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireBillingParty;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireReportingOver;
import static io.neighbourgrid.chaincode.billing.BillingChecks.requireSettled;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.proofText;
import static io.neighbourgrid.chaincode.billing.BillingCrypto.verifyProof;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.state.BalanceStatus;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.Settlement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 5 of billing, the market-balance check of a cleared window by the billing party: {@code postMarketBalance}
 * ({@code docs/billing.md}, section 7, "The market-balance check"). Chaincode computes the aggregate of the market
 * members' committed volumes itself, verifies the posted decryption and decides the verdict.
 */
final class MarketBalances {
    private static final String PLAINTEXT = "plaintext";
    private static final String PROOF = "proof";

    private MarketBalances() {
    }

    /** See {@link BillingLogic#postMarketBalance}. */
    static String postMarketBalance(TxContext ctx, String window, String json) {
        BillingConfig billing = requireBillingParty(ctx);
        long t = BillingArgs.window(window);
        Settlement settlement = requireSettled(ctx, t);
        if (settlement.clearing() == Clearing.GRID_ONLY) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " was settled grid only: it has no market volume "
                    + "to balance");
        }
        requireReportingOver(ctx, billing, settlement, t);
        if (ctx.getState(StateKeys.marketBalance(t)) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("the market balance of window " + t + " is already "
                    + "posted");
        }
        String what = "market balance";
        Map<String, Object> o = BillingArgs.object(json, what, Set.of(PLAINTEXT, PROOF), Set.of());
        BigInteger plaintext = BillingArgs.decimal(BillingArgs.string(o, PLAINTEXT, what), "the plaintext");
        String proofText = proofText(BillingArgs.string(o, PROOF, what));
        PaillierPublicKey key = billingKey(billing);
        Map<String, SettlementRecord> records = new TreeMap<>();
        for (SettlementRecord r : readAll(ctx, SettlementRecord.class, StateKeys.SETTLEMENT_RECORD,
                Long.toString(t))) {
            records.put(r.homeId(), r);
        }
        List<String> missing = new ArrayList<>();
        List<String> sellers = committedOf(settlement.sellers(), records, missing);
        List<String> buyers = committedOf(settlement.buyers(), records, missing);
        Collections.sort(missing);
        Ciphertext aggregate = BillAggregator.marketBalance(key, sellers, buyers);
        verifyProof(key, proofText, aggregate, plaintext, BillingContexts.marketBalance(ctx.channelId(), t),
                "the market balance of window " + t);
        MarketType type = settlement.clearing().marketType().orElseThrow();
        boolean general = type == MarketType.GENERAL;
        // General: the sellers (short) commit E_s, the buyers E_s - residual; extreme: the buyers (short) commit E_b,
        // the sellers E_b - residual. Either way the difference is the residual, signed by the market type.
        BigInteger gap = general ? plaintext : plaintext.negate();
        int longMembers = general ? settlement.buyers().size() : settlement.sellers().size();
        String shortName = general ? "sellers" : "buyers";
        String longName = general ? "buyers" : "sellers";
        BalanceStatus status;
        String detail;
        Long residual = null;
        Long residualMoney = null;
        if (!missing.isEmpty()) {
            status = BalanceStatus.INCOMPLETE;
            detail = missing.size() + " market members posted no record " + missing;
        } else if (gap.signum() >= 0 && gap.compareTo(BigInteger.valueOf(longMembers)) <= 0) {
            status = BalanceStatus.BALANCED;
            residual = gap.longValueExact();
            residualMoney = MarketMath.money(residual, settlement.feedInPrice());
            detail = "the " + shortName + " commit " + gap + " units more than the " + longName + ", a rounding "
                    + "residual of at most " + longMembers + ", " + (general ? "exported to" : "imported from")
                    + " the grid at the feed-in price for " + residualMoney + " money units";
        } else {
            status = BalanceStatus.IMBALANCED;
            detail = "the " + shortName + " commit " + gap + " units more than the " + longName + " (allowed: 0 to "
                    + longMembers + ")";
        }
        MarketBalance balance = new MarketBalance(t, status, detail, plaintext.toString(), residual, residualMoney,
                missing, aggregate.toBase64(), plaintext.toString(), proofText, timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.marketBalance(t), balance);
        BillingEvent.MARKET_BALANCE_POSTED.emit(ctx, new BillingEventPayload(t, null, null, null));
        return CanonicalJson.toJson(balance);
    }

    /** The committed volumes of {@code members}, in order; members without one are added to {@code missing}. */
    private static List<String> committedOf(List<String> members, Map<String, SettlementRecord> records,
                                            List<String> missing) {
        List<String> out = new ArrayList<>();
        for (String member : members) {
            SettlementRecord r = records.get(member);
            if (r == null || r.committed() == null) {
                missing.add(member);
            } else {
                out.add(r.committed());
            }
        }
        return out;
    }
}
