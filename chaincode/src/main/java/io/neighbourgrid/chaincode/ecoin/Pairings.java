package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinJson;
import io.neighbourgrid.protocol.ecoin.EnergyRequest;
import io.neighbourgrid.protocol.ecoin.Offer;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PairingPhase;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import java.time.Instant;

/**
 * Procedure 6(a): the substation pairs an open request with an open, unexpired offer (a grid offer when no local
 * one exists); and the substation's way out of a pairing whose payment never comes or carries a used coin.
 */
final class Pairings {
    private final EcoinLedger ledger;

    Pairings(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code pair(requestId, offerId)}: the operator. */
    String pair(TxContext ctx, String requestId, String offerId) {
        ledger.requireOperator(ctx, "pair offers and requests");
        EcoinLedger.config(ctx);
        String rid = EcoinJson.id(requestId, "requestId");
        String oid = EcoinJson.id(offerId, "offerId");
        EnergyRequest request = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.REQUEST, rid), EnergyRequest.class);
        if (request == null) {
            throw ErrorCode.UNKNOWN_REQUEST.exception("no request " + rid);
        }
        Offer offer = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.OFFER, oid), Offer.class);
        if (offer == null) {
            throw ErrorCode.UNKNOWN_OFFER.exception("no offer " + oid);
        }
        if (request.paired()) {
            throw ErrorCode.OFFER_UNAVAILABLE.exception("request " + rid + " is paired already");
        }
        if (offer.paired()) {
            throw ErrorCode.OFFER_UNAVAILABLE.exception("offer " + oid + " is paired already");
        }
        if (!ctx.txTimestamp().isBefore(Instant.parse(offer.expiresAt()))) {
            throw ErrorCode.OFFER_EXPIRED.exception("offer " + oid + " expired at " + offer.expiresAt());
        }
        PeriodRecord period = EcoinLedger.currentPeriod(ctx);
        Pairing pairing = Pairing.of(offer, request, period.period(), EcoinLedger.at(ctx));
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.OFFER, oid), offer.pair());
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.REQUEST, rid), request.pair());
        ctx.deleteState(ctx.compositeKey(EcoinLedger.OPEN_OFFER, oid));
        ctx.deleteState(ctx.compositeKey(EcoinLedger.OPEN_REQUEST, rid));
        EcoinLedger.writePairing(ctx, pairing);
        EcoinLedger.index(ctx, EcoinLedger.OPEN_PAIRING, rid);
        EcoinLedger.writeCurrentPeriod(ctx, period.paired());
        return EcoinLedger.result(ctx, "EcoinPairing", pairing);
    }

    /** {@code cancelPairing(requestId)}: the operator, while the pairing is paired or paid but not checked. */
    String cancelPairing(TxContext ctx, String requestId) {
        ledger.requireOperator(ctx, "cancel a pairing");
        EcoinLedger.config(ctx);
        Pairing pairing = EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId"));
        if (pairing.phase() != PairingPhase.PAIRED && pairing.phase() != PairingPhase.PAID) {
            throw ErrorCode.WRONG_PHASE.exception("pairing " + requestId + " is " + pairing.phase()
                    + "; only a pairing not yet checked can be cancelled");
        }
        Pairing cancelled = pairing.cancelled(EcoinLedger.at(ctx));
        EcoinLedger.writePairing(ctx, cancelled);
        ctx.deleteState(ctx.compositeKey(EcoinLedger.OPEN_PAIRING, requestId));
        PeriodRecord period = EcoinLedger.currentPeriod(ctx);
        EcoinLedger.writeCurrentPeriod(ctx, period.cancelledPairing());
        return EcoinLedger.result(ctx, "EcoinPairingCancelled", cancelled);
    }
}
