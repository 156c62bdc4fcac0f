package io.neighbourgrid.protocol.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsa;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.protocol.ErrorCode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * A Chaum e-coin {@code C = {Payload, Sign_SubT(H(Payload))}} (Section 5.3, Procedure 1): a random payload and the
 * substation's RSABSSA-SHA384-PSS signature of it (RFC 9474, deterministic preparation: the payload is already
 * random). A coin is named on the ledger by the SHA-256 of its payload, so a second signature of the same payload
 * is the same coin.
 *
 * @param payload   Base64 of the {@value #PAYLOAD_BYTES}-byte payload
 * @param signature Base64 of the signature
 */
public record Coin(String payload, String signature) {
    /** The payload's length in bytes. */
    public static final int PAYLOAD_BYTES = 32;
    /** The longest signature accepted, in bytes (a 4096-bit key). */
    public static final int MAX_SIGNATURE_BYTES = 512;

    public Coin {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
    }

    /** A coin from its bytes. */
    public static Coin of(byte[] payload, byte[] signature) {
        return new Coin(Base64.getEncoder().encodeToString(payload), Base64.getEncoder().encodeToString(signature));
    }

    /** The payload's bytes, or {@link ErrorCode#INVALID_COIN} when it is not {@value #PAYLOAD_BYTES} bytes. */
    public byte[] payloadBytes() {
        byte[] p = decode(payload, "payload", PAYLOAD_BYTES);
        if (p.length != PAYLOAD_BYTES) {
            throw ErrorCode.INVALID_COIN.exception("a coin's payload is " + PAYLOAD_BYTES + " bytes, got " + p.length);
        }
        return p;
    }

    /** The coin's name on the ledger: lower-case hex SHA-256 of its payload. */
    public String hash() {
        return hashOf(payloadBytes());
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String hashOf(byte[] bytes) {
        SHA256Digest d = new SHA256Digest();
        d.update(bytes, 0, bytes.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /**
     * Checks the coin's signature under the substation's key.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#INVALID_COIN} for a malformed payload or
     *                                                        signature, a forged or truncated signature or one under
     *                                                        another key
     */
    public void verify(BlindRsaPublicKey key) {
        byte[] p = payloadBytes();
        byte[] s = decode(signature, "signature", MAX_SIGNATURE_BYTES);
        if (!BlindRsa.verify(key, p, s)) {
            throw ErrorCode.INVALID_COIN.exception("the coin " + hashOf(p).substring(0, 16)
                    + "... does not carry a valid signature of the substation (" + s.length + "-byte signature, "
                    + key.modulusBytes() + " expected)");
        }
    }

    private static byte[] decode(String text, String what, int maxBytes) {
        if (text.isEmpty() || text.length() > 4 * ((maxBytes + 2) / 3)) {
            throw ErrorCode.INVALID_COIN.exception("the coin's " + what + " is empty or too long");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_COIN.exception("the coin's " + what + " is not Base64", e);
        }
    }
}
