package io.neighbourgrid.protocol.ecoin;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * The byte strings signed under one-time keys in Procedure 6, written once for the payee and the chaincode, and the
 * check of such signatures (ECDSA P-256 with SHA-256, as meter reports).
 */
public final class EcoinMessages {
    /** Domain of a claim: the payee owns the offer it presents a coin for. */
    public static final String CLAIM_DOMAIN = "neighbourgrid/ecoin/claim/v1";
    /** Domain of a fresh-coin authorisation. */
    public static final String FRESH_DOMAIN = "neighbourgrid/ecoin/fresh/v1";
    /** HPKE {@code info} of a payment. */
    public static final String PAYMENT_INFO = "neighbourgrid/ecoin/payment/v1";

    private EcoinMessages() {
    }

    /** What the offer's claim key signs when its owner presents the coin: domain, request, coin and ephemeral key. */
    public static byte[] claim(String requestId, String coinHash, String ephemeralKey) {
        return join(CLAIM_DOMAIN, requestId, coinHash, ephemeralKey);
    }

    /** What the ephemeral key signs to authorise the fresh coin: domain, request and blinded message. */
    public static byte[] fresh(String requestId, String blindedMessage) {
        return join(FRESH_DOMAIN, requestId, blindedMessage);
    }

    /**
     * Parses a one-time ECDSA P-256 public key.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#INVALID_ARGUMENT} naming {@code what}
     */
    public static ECPublicKey publicKey(String base64, String what) {
        try {
            return MeterSignatures.parsePublicKey(base64);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " is not a P-256 public key: " + e.getMessage(), e);
        }
    }

    /**
     * Requires a signature under a one-time key.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#INVALID_AUTHORISATION}
     */
    public static void requireSignature(ECPublicKey key, byte[] message, String signatureBase64, String what) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_AUTHORISATION.exception(what + " is not Base64", e);
        }
        if (!MeterSignatures.verify(key, message, sig)) {
            throw ErrorCode.INVALID_AUTHORISATION.exception(what + " does not verify");
        }
    }

    private static byte[] join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(p.length()).append(':').append(p).append(';');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
