package io.neighbourgrid.protocol.ecoin;

/**
 * The argument of {@code postOffer}: the offer's random serial number and its one-time public keys.
 *
 * @param offerId    the random serial number {@code i}
 * @param paymentKey Base64 of the one-time HPKE (DHKEM P-256, uncompressed point) public key
 * @param claimKey   Base64 X.509 of the one-time ECDSA P-256 public key
 */
public record OfferArgs(String offerId, String paymentKey, String claimKey) {
    /** The encoded length of an uncompressed P-256 point. */
    public static final int PAYMENT_KEY_BYTES = 65;

    /** Parses and checks the argument. */
    public static OfferArgs parse(String json) {
        OfferArgs a = EcoinJson.parse(json, "offer", OfferArgs.class);
        EcoinJson.id(a.offerId, "offer.offerId");
        byte[] pk = EcoinJson.base64(a.paymentKey, "offer.paymentKey", PAYMENT_KEY_BYTES);
        if (pk.length != PAYMENT_KEY_BYTES || pk[0] != 0x04) {
            throw io.neighbourgrid.protocol.ErrorCode.INVALID_ARGUMENT.exception(
                    "offer.paymentKey must be an uncompressed P-256 point (65 bytes)");
        }
        EcoinMessages.publicKey(a.claimKey, "offer.claimKey");
        return a;
    }
}
