package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.CoinCheckArgs;
import io.neighbourgrid.protocol.ecoin.CoinRecord;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinJson;
import io.neighbourgrid.protocol.ecoin.EcoinMessages;
import io.neighbourgrid.protocol.ecoin.FreshCoinArgs;
import io.neighbourgrid.protocol.ecoin.Offer;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PairingPhase;
import io.neighbourgrid.protocol.ecoin.Party;
import io.neighbourgrid.protocol.ecoin.PaymentArgs;
import java.security.interfaces.ECPublicKey;

/**
 * Procedure 6(b)-(e), pairing and payment: the requester pays with a coin sealed to the offer's one-time key (the
 * ledger sees only ciphertext and two hashes); the offerer presents the coin with a signature under the offer's
 * claim key and an ephemeral key, and the contract verifies the coin and records it as spent (the registry accepts
 * a coin once); the offering meter then asks for a fresh coin, authorised under the ephemeral key, and the
 * substation signs it blindly. Coin checks are {@link CoinRegistry}'s.
 */
final class Payments {
    private final EcoinLedger ledger;

    Payments(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code pay(requestId, paymentJson)}: the requester (shared identity, or the operator for a grid request). */
    String pay(TxContext ctx, String requestId, String paymentJson) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Pairing pairing = EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId"));
        ledger.requireSide(ctx, config, pairing.requestSource() == Party.GRID, "a payment");
        requirePhase(pairing, PairingPhase.PAIRED);
        PaymentArgs payment = PaymentArgs.parse(paymentJson);
        Pairing paid = pairing.paid(payment);
        EcoinLedger.writePairing(ctx, paid);
        return EcoinLedger.result(ctx, "EcoinPayment", paid);
    }

    /** {@code checkCoin(requestId, checkJson)}: the offerer; marks the coin spent. */
    String checkCoin(TxContext ctx, String requestId, String checkJson) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Pairing pairing = EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId"));
        ledger.requireSide(ctx, config, !pairing.payeeIsMeter(), "a coin check");
        requirePhase(pairing, PairingPhase.PAID);
        CoinCheckArgs check = CoinCheckArgs.parse(checkJson);
        String coinHash = check.coin().hash();
        if (!coinHash.equals(pairing.payment().coinHash())) {
            throw ErrorCode.COIN_MISMATCH.exception("the coin presented is not the one the payment of " + requestId
                    + " committed to");
        }
        BlindRsaPublicKey pk = config.settings().publicKey();
        CoinRegistry.requireUnused(ctx, pk, check.coin());
        if (pairing.payeeIsMeter()) {
            EcoinMessages.publicKey(check.ephemeralKey(), "check.ephemeralKey");
        } else if (!check.ephemeralKey().isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the substation takes no fresh coin: check.ephemeralKey must "
                    + "be empty for a grid offer");
        }
        Offer offer = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.OFFER, pairing.offerId()), Offer.class);
        ECPublicKey claimKey = EcoinMessages.publicKey(offer.claimKey(), "offer.claimKey");
        EcoinMessages.requireSignature(claimKey, EcoinMessages.claim(requestId, coinHash, check.ephemeralKey()),
                check.claimSignature(), "check.claimSignature (under offer " + offer.offerId() + "'s claim key)");
        CoinRegistry.record(ctx, coinHash, CoinRecord.Status.SPENT, pairing.period());
        Pairing checked = pairing.checked(check.ephemeralKey());
        EcoinLedger.writePairing(ctx, checked);
        return EcoinLedger.result(ctx, "EcoinCoinChecked", checked);
    }

    /** {@code requestFreshCoin(requestId, freshJson)}: the offering meter, once, authorised by its ephemeral key. */
    String requestFreshCoin(TxContext ctx, String requestId, String freshJson) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Pairing pairing = EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId"));
        EcoinLedger.requireShared(ctx, config, "a fresh-coin request");
        if (!pairing.payeeIsMeter()) {
            throw ErrorCode.WRONG_PHASE.exception("pairing " + requestId + " pays the substation: no fresh coin");
        }
        requirePhase(pairing, PairingPhase.CHECKED);
        FreshCoinArgs fresh = FreshCoinArgs.parse(freshJson);
        Withdrawals.requireBlindedMessage(config.settings().publicKey(), fresh.blindedMessage(),
                "freshCoin.blindedMessage");
        EcoinMessages.requireSignature(EcoinMessages.publicKey(pairing.ephemeralKey(), "ephemeral key"),
                EcoinMessages.fresh(requestId, fresh.blindedMessage()), fresh.signature(),
                "freshCoin.signature (under the pairing's ephemeral key)");
        Pairing requested = pairing.freshRequested(fresh.blindedMessage());
        EcoinLedger.writePairing(ctx, requested);
        return EcoinLedger.result(ctx, "EcoinFreshCoinRequested", requested);
    }

    /** {@code issueFreshCoin(requestId, blindSignature)}: the operator. */
    String issueFreshCoin(TxContext ctx, String requestId, String blindSignature) {
        ledger.requireOperator(ctx, "issue a fresh coin");
        EcoinConfig config = EcoinLedger.config(ctx);
        Pairing pairing = EcoinLedger.pairing(ctx, EcoinJson.id(requestId, "requestId"));
        requirePhase(pairing, PairingPhase.FRESH_REQUESTED);
        Withdrawals.requireOpens(config.settings().publicKey(), pairing.freshBlindedMessage(), blindSignature,
                "the fresh coin's blind signature");
        Pairing issued = pairing.freshIssued(blindSignature);
        EcoinLedger.writePairing(ctx, issued);
        return EcoinLedger.result(ctx, "EcoinFreshCoinIssued", issued);
    }

    static void requirePhase(Pairing pairing, PairingPhase expected) {
        if (pairing.phase() != expected) {
            throw ErrorCode.WRONG_PHASE.exception("pairing " + pairing.requestId() + " is " + pairing.phase()
                    + ", this step needs " + expected);
        }
    }
}
