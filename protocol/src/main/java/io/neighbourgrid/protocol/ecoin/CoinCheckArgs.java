package io.neighbourgrid.protocol.ecoin;

/**
 * The argument of {@code checkCoin} (Procedure 6(d)): the coin received, the payee's one-time ephemeral key that
 * will authorise its fresh coin, and the payee's proof that it owns the offer: a signature under the offer's claim
 * key of {@link EcoinMessages#claim}.
 *
 * @param coin           the coin
 * @param ephemeralKey   Base64 X.509 of a one-time ECDSA P-256 key; empty when the payee is the substation
 * @param claimSignature Base64 DER ECDSA signature under the offer's claim key
 */
public record CoinCheckArgs(Coin coin, String ephemeralKey, String claimSignature) {
    /** Parses and checks the argument's form (the signatures are checked against the ledger's records). */
    public static CoinCheckArgs parse(String json) {
        CoinCheckArgs a = EcoinJson.parse(json, "check", CoinCheckArgs.class);
        if (a.coin == null || a.ephemeralKey == null || a.claimSignature == null) {
            throw io.neighbourgrid.protocol.ErrorCode.MALFORMED_JSON.exception("check needs coin, ephemeralKey and "
                    + "claimSignature");
        }
        return a;
    }
}
