package io.neighbourgrid.protocol.ecoin;

/**
 * The argument of {@code requestFreshCoin} (Procedure 6(e)): the blinded message of the payee's new coin and a
 * signature over {@link EcoinMessages#fresh} under the ephemeral key the payee gave when it checked the coin.
 *
 * @param blindedMessage Base64 RFC 9474 blinded message
 * @param signature      Base64 DER ECDSA signature under the pairing's ephemeral key
 */
public record FreshCoinArgs(String blindedMessage, String signature) {
    /** Parses and checks the argument's form. */
    public static FreshCoinArgs parse(String json) {
        FreshCoinArgs a = EcoinJson.parse(json, "fresh coin", FreshCoinArgs.class);
        EcoinJson.base64(a.blindedMessage, "freshCoin.blindedMessage", Coin.MAX_SIGNATURE_BYTES);
        EcoinJson.base64(a.signature, "freshCoin.signature", 72);
        return a;
    }
}
