package io.neighbourgrid.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsa;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.CoinCheckArgs;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.OfferArgs;
import io.neighbourgrid.protocol.ecoin.Pairing;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * An offer's one-time secrets (Procedure 4(a)-(b)) and the offerer's side of Procedure 6(d): opening the payment,
 * checking the coin locally, and presenting it to the ledger with a claim signed by the offer's claim key.
 *
 * @param offerId the random serial number {@code i}
 * @param payment the one-time HPKE key pair the coin is sealed to
 * @param claim   the one-time ECDSA key pair that proves ownership of the offer
 */
public record OfferKeys(String offerId, AsymmetricCipherKeyPair payment, KeyPair claim) {
    /** A fresh offer. */
    public static OfferKeys fresh(SecureRandom random) {
        return new OfferKeys(Ids.random(random), OneTimeKeys.paymentKeyPair(), OneTimeKeys.signingKeyPair(random));
    }

    /** The offer message's fields. */
    public OfferArgs args() {
        return new OfferArgs(offerId, OneTimeKeys.paymentKey(payment), OneTimeKeys.publicKey(claim));
    }

    /**
     * Opens a pairing's payment and checks what it carries before anything is presented to the ledger.
     *
     * @param pairing the paid pairing of this offer
     * @param key     the substation's key
     * @return the coin and receipt
     * @throws IllegalStateException if the ciphertext does not open, the coin's signature or hash or the receipt's
     *                               hash is wrong (the payee then refuses the energy and the substation cancels)
     */
    public OneTimeKeys.PaymentPlaintext open(Pairing pairing, BlindRsaPublicKey key) {
        OneTimeKeys.PaymentPlaintext p;
        try {
            p = OneTimeKeys.open(payment, pairing.requestId(), pairing.payment());
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("the payment of " + pairing.requestId() + " does not open", e);
        }
        Coin coin = p.coin();
        if (!BlindRsa.verify(key, coin.payloadBytes(), Base64.getDecoder().decode(coin.signature()))
                || !coin.hash().equals(pairing.payment().coinHash())
                || !Coin.hashOf(Base64.getDecoder().decode(p.receipt())).equals(pairing.payment().receiptHash())) {
            throw new IllegalStateException("the payment of " + pairing.requestId() + " carries a bad coin or receipt");
        }
        return p;
    }

    /** Presents the coin to the ledger (it is recorded as spent), with the payee's ephemeral key or "" for the grid. */
    public void check(EcoinClient client, Pairing pairing, Coin coin, String ephemeralKey) throws LedgerException {
        String claimSignature = OneTimeKeys.claim(claim, pairing.requestId(), coin.hash(), ephemeralKey);
        client.submit(EcoinTransaction.CHECK_COIN, pairing.requestId(),
                new CoinCheckArgs(coin, ephemeralKey, claimSignature));
    }

    @Override
    public String toString() {
        return "OfferKeys[" + offerId + "]";
    }
}
