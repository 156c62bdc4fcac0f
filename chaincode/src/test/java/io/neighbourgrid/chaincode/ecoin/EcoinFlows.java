package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsa;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.CoinCheckArgs;
import io.neighbourgrid.protocol.ecoin.EcoinMessages;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.FreshCoinArgs;
import io.neighbourgrid.protocol.ecoin.Pairing;
import java.security.KeyPair;
import java.util.Base64;

/** Procedure 6 step by step on an {@link EcoinHarness}, for one pairing. */
final class EcoinFlows {
    final EcoinHarness h;
    final Creator offerer;
    final Creator requester;
    final EcoinHarness.PostedOffer offer;
    final String request;
    final byte[] receipt = new byte[32];
    KeyPair ephemeral;
    byte[] freshPayload;
    BlindRsa.Blinding freshBlinding;

    /** A pairing of an offer by {@code offerer} with a request by {@code requester} (operator or shared). */
    EcoinFlows(EcoinHarness h, Creator offerer, Creator requester) {
        this.h = h;
        this.offerer = offerer;
        this.requester = requester;
        this.offer = h.postOffer(offerer);
        this.request = h.requestAndPair(requester, offer);
        h.random.nextBytes(receipt);
    }

    String payJson(Coin coin) {
        return CanonicalJson.toJson(h.payment(coin, receipt));
    }

    void pay(Coin coin) {
        h.submit(requester, EcoinTransaction.PAY, request, payJson(coin));
    }

    /** The check argument a payee would send for {@code coin}, claiming with {@code claimKey}. */
    String checkJson(Coin coin, KeyPair claimKey) {
        String ek = ephemeralKey();
        return CanonicalJson.toJson(new CoinCheckArgs(coin, ek,
                EcoinHarness.sign(claimKey, EcoinMessages.claim(request, coin.hash(), ek))));
    }

    String ephemeralKey() {
        if (offerer.equals(h.operator)) {
            return "";
        }
        if (ephemeral == null) {
            ephemeral = EcoinHarness.ecKey();
        }
        return EcoinHarness.b64(ephemeral.getPublic().getEncoded());
    }

    void check(Coin coin) {
        h.submit(offerer, EcoinTransaction.CHECK_COIN, request, checkJson(coin, offer.claim()));
    }

    String freshJson(KeyPair signer) {
        freshPayload = new byte[Coin.PAYLOAD_BYTES];
        h.random.nextBytes(freshPayload);
        freshBlinding = BlindRsa.blind(EcoinHarness.KEY.publicKey(), freshPayload, h.random);
        String blinded = EcoinHarness.b64(freshBlinding.blindedMessage());
        return CanonicalJson.toJson(new FreshCoinArgs(blinded,
                EcoinHarness.sign(signer, EcoinMessages.fresh(request, blinded))));
    }

    void requestFresh() {
        h.submit(offerer, EcoinTransaction.REQUEST_FRESH_COIN, request, freshJson(ephemeral));
    }

    /** The substation signs the fresh coin; returns the unblinded coin. */
    Coin issueFresh() {
        h.submit(h.operator, EcoinTransaction.ISSUE_FRESH_COIN, request,
                EcoinHarness.b64(EcoinHarness.KEY.blindSign(freshBlinding.blindedMessage())));
        Pairing p = h.evaluate(Pairing.class, EcoinTransaction.GET_PAIRING, request);
        return Coin.of(freshPayload, BlindRsa.finalizeSignature(EcoinHarness.KEY.publicKey(), freshPayload,
                Base64.getDecoder().decode(p.freshBlindSignature()), freshBlinding));
    }

    void close() {
        h.submit(offerer, EcoinTransaction.CLOSE_PAIRING, request, EcoinHarness.b64(receipt));
    }

    /** The whole procedure with {@code coin}; returns the payee's fresh coin ({@code null} for a grid payee). */
    Coin complete(Coin coin) {
        pay(coin);
        check(coin);
        Coin fresh = null;
        if (!offerer.equals(h.operator)) {
            requestFresh();
            fresh = issueFresh();
        }
        close();
        return fresh;
    }
}
