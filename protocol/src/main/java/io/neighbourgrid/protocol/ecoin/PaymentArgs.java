package io.neighbourgrid.protocol.ecoin;

/**
 * The payment message {@code Payment_{i,j} = {"Payment", i, j, Enc_Pub_i(Coin, Receipt), H(Receipt)}} (Procedure
 * 6(c)), with the hash of the coin it carries so that the payee's check can be bound to this payment.
 *
 * @param ciphertext    Base64 HPKE ciphertext of the coin and the receipt, sealed to the offer's payment key
 * @param encapsulation Base64 HPKE encapsulated key
 * @param receiptHash   hex SHA-256 of the receipt
 * @param coinHash      hex SHA-256 of the coin's payload
 */
public record PaymentArgs(String ciphertext, String encapsulation, String receiptHash, String coinHash) {
    /** The longest ciphertext accepted, in bytes. */
    public static final int MAX_CIPHERTEXT_BYTES = 4096;

    /** Parses and checks the argument. */
    public static PaymentArgs parse(String json) {
        PaymentArgs a = EcoinJson.parse(json, "payment", PaymentArgs.class);
        EcoinJson.base64(a.ciphertext, "payment.ciphertext", MAX_CIPHERTEXT_BYTES);
        EcoinJson.base64(a.encapsulation, "payment.encapsulation", OfferArgs.PAYMENT_KEY_BYTES);
        EcoinJson.sha256Hex(a.receiptHash, "payment.receiptHash");
        EcoinJson.sha256Hex(a.coinHash, "payment.coinHash");
        return a;
    }
}
