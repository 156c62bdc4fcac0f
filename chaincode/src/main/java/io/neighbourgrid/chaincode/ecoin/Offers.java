package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinJson;
import io.neighbourgrid.protocol.ecoin.EnergyRequest;
import io.neighbourgrid.protocol.ecoin.Offer;
import io.neighbourgrid.protocol.ecoin.OfferArgs;
import io.neighbourgrid.protocol.ecoin.Party;

/**
 * Procedures 4 and 5 (energy offer, energy request; Sections 5.4.2 and 5.4.3). A meter posts under the shared
 * identity, so neither message names it (Lemmas 2 and 3); the substation posts the grid's own offers and requests
 * under the operator identity. An offer's timestamp is its transaction's, and it can be paired until
 * {@code offerValiditySeconds} later.
 */
final class Offers {
    private final EcoinLedger ledger;

    Offers(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code postOffer(offerJson)}: the shared identity (a meter's piece) or the operator (a grid piece). */
    String postOffer(TxContext ctx, String offerJson) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Party source = source(ctx, config, "an offer");
        OfferArgs args = OfferArgs.parse(offerJson);
        String key = ctx.compositeKey(EcoinLedger.OFFER, args.offerId());
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("offer " + args.offerId() + " exists");
        }
        Offer offer = new Offer(args.offerId(), source, args.paymentKey(), args.claimKey(), EcoinLedger.at(ctx),
                ctx.txTimestamp().plusSeconds(config.settings().offerValiditySeconds()).toString(), false);
        StateIo.write(ctx, key, offer);
        EcoinLedger.index(ctx, EcoinLedger.OPEN_OFFER, offer.offerId());
        return EcoinLedger.result(ctx, "EcoinOffer", offer);
    }

    /** {@code postRequest(requestId)}: the shared identity (a meter's need) or the operator (the grid buys). */
    String postRequest(TxContext ctx, String requestId) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Party source = source(ctx, config, "a request");
        String id = EcoinJson.id(requestId, "requestId");
        String key = ctx.compositeKey(EcoinLedger.REQUEST, id);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("request " + id + " exists");
        }
        EnergyRequest request = new EnergyRequest(id, source, EcoinLedger.at(ctx), false);
        StateIo.write(ctx, key, request);
        EcoinLedger.index(ctx, EcoinLedger.OPEN_REQUEST, id);
        return EcoinLedger.result(ctx, "EcoinRequest", request);
    }

    private Party source(TxContext ctx, EcoinConfig config, String what) {
        if (ledger.isOperator(ctx)) {
            return Party.GRID;
        }
        EcoinLedger.requireShared(ctx, config, what);
        return Party.METER;
    }
}
