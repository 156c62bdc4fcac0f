package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.EcoinJson;
import io.neighbourgrid.protocol.ecoin.EnergyRequest;
import io.neighbourgrid.protocol.ecoin.Offer;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import io.neighbourgrid.protocol.ecoin.WithdrawalBatch;
import java.time.Instant;
import java.util.List;

/** The e-coin contract's read-only transactions: everything on it is readable by every channel member. */
final class EcoinQueries {
    String getConfig(TxContext ctx) {
        return CanonicalJson.toJson(EcoinLedger.config(ctx));
    }

    /** A closed period, or the open one. */
    String getPeriod(TxContext ctx, String period) {
        PeriodRecord current = EcoinLedger.currentPeriod(ctx);
        String key = Deposits.periodOf(period);
        if (key.equals(EcoinLedger.period(current.period()))) {
            return CanonicalJson.toJson(current);
        }
        PeriodRecord closed = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.PERIOD, key), PeriodRecord.class);
        if (closed == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("no billing period " + period);
        }
        return CanonicalJson.toJson(closed);
    }

    /** Open offers (unexpired at the query's timestamp), open requests and unfinished pairings. */
    String listOpen(TxContext ctx) {
        Instant now = ctx.txTimestamp();
        List<Offer> offers = EcoinLedger.indexed(ctx, EcoinLedger.OPEN_OFFER).stream()
                .map(id -> StateIo.read(ctx, ctx.compositeKey(EcoinLedger.OFFER, id), Offer.class))
                .filter(o -> now.isBefore(Instant.parse(o.expiresAt()))).toList();
        List<EnergyRequest> requests = EcoinLedger.indexed(ctx, EcoinLedger.OPEN_REQUEST).stream()
                .map(id -> StateIo.read(ctx, ctx.compositeKey(EcoinLedger.REQUEST, id), EnergyRequest.class)).toList();
        List<Pairing> pairings = EcoinLedger.indexed(ctx, EcoinLedger.OPEN_PAIRING).stream()
                .map(id -> EcoinLedger.pairing(ctx, id)).toList();
        return CanonicalJson.toJson(new OpenMarket(offers, requests, pairings));
    }

    String getPairing(TxContext ctx, String requestId) {
        return CanonicalJson.toJson(EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId")));
    }

    String getBatch(TxContext ctx, String batchId) {
        String id = EcoinJson.id(batchId, "batchId");
        WithdrawalBatch b = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.BATCH, id), WithdrawalBatch.class);
        if (b == null) {
            throw ErrorCode.UNKNOWN_BATCH.exception("no withdrawal batch " + id);
        }
        return CanonicalJson.toJson(b);
    }

    String listAccounts(TxContext ctx, String period) {
        return CanonicalJson.toJson(StateIo.readAll(ctx, Account.class, EcoinLedger.ACCOUNT,
                Deposits.periodOf(period)));
    }

    String listBills(TxContext ctx, String period) {
        return CanonicalJson.toJson(StateIo.readAll(ctx, Bill.class, EcoinLedger.BILL, Deposits.periodOf(period)));
    }

    String listPairings(TxContext ctx, String period) {
        return CanonicalJson.toJson(EcoinLedger.indexed(ctx, EcoinLedger.CLOSED_PAIRING, Deposits.periodOf(period))
                .stream().map(id -> EcoinLedger.pairing(ctx, id)).toList());
    }
}
