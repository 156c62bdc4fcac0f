package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinJson;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PairingPhase;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;

/**
 * Procedure 6(f)-(h): the payee publishes the receipt it decrypted with the coin; the contract checks it against
 * the payment's {@code H(Receipt)}, which completes the transaction and removes the offer from the pool.
 */
final class Receipts {
    /** The longest receipt accepted, in bytes. */
    static final int MAX_RECEIPT_BYTES = 64;

    private final EcoinLedger ledger;

    Receipts(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code closePairing(requestId, receiptBase64)}: the payee (shared identity, or the operator for the grid). */
    String closePairing(TxContext ctx, String requestId, String receiptBase64) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Pairing pairing = EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId"));
        ledger.requireSide(ctx, config, !pairing.payeeIsMeter(), "a receipt");
        Payments.requirePhase(pairing, pairing.payeeIsMeter() ? PairingPhase.FRESH_ISSUED : PairingPhase.CHECKED);
        byte[] receipt = EcoinJson.base64(receiptBase64, "receipt", MAX_RECEIPT_BYTES);
        if (!Coin.hashOf(receipt).equals(pairing.payment().receiptHash())) {
            throw ErrorCode.RECEIPT_MISMATCH.exception("the receipt does not hash to the payment's receipt hash");
        }
        Pairing closed = pairing.closed(EcoinLedger.at(ctx));
        EcoinLedger.writePairing(ctx, closed);
        ctx.deleteState(ctx.compositeKey(EcoinLedger.OPEN_PAIRING, requestId));
        EcoinLedger.index(ctx, EcoinLedger.CLOSED_PAIRING, EcoinLedger.period(pairing.period()), requestId);
        PeriodRecord period = EcoinLedger.currentPeriod(ctx);
        EcoinLedger.writeCurrentPeriod(ctx, period.closedPairing(pairing.offerSource(), pairing.requestSource()));
        return EcoinLedger.result(ctx, "EcoinPairingClosed", closed);
    }
}
