package io.neighbourgrid.protocol.ecoin;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.protocol.ErrorCode;

/**
 * The e-coin system's set-up (Section 5.2), the argument of {@code configure}: the substation's blind-signature key
 * (certified to every meter by being on the ledger), the microgrid's shared identity, the energy piece one coin buys
 * and the operating limits.
 *
 * @param blindKey             {@link BlindRsaPublicKey#encode()} of the substation's RSABSSA key
 * @param sharedMspId          the organisation of the shared identity
 * @param sharedIdentity       the SHA-256 (hex) of the shared identity's certificate: unidentified steps are signed
 *                             with it
 * @param pieceWatts           the power of one piece of energy
 * @param pieceMinutes         the time of one piece of energy
 * @param coinValueMicros      the price of one piece (one coin), in millionths of the currency unit
 * @param offerValiditySeconds how long an offer may be paired after it is posted
 * @param maxBatch             the most coins one withdrawal or deposit carries
 */
public record EcoinSettings(String blindKey, String sharedMspId, String sharedIdentity, long pieceWatts,
                            long pieceMinutes, long coinValueMicros, long offerValiditySeconds, long maxBatch) {
    /** The argument's name in messages. */
    public static final String WHAT = "ecoin settings";
    /** The largest {@link #maxBatch} accepted. */
    public static final int MAX_BATCH_LIMIT = 1000;

    /** Parses and checks a {@code configure} argument. */
    public static EcoinSettings parse(String json) {
        EcoinSettings s = EcoinJson.parse(json, WHAT, EcoinSettings.class);
        s.publicKey();
        if (s.sharedMspId == null || s.sharedMspId.isBlank()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + ".sharedMspId is empty");
        }
        EcoinJson.sha256Hex(s.sharedIdentity, WHAT + ".sharedIdentity");
        positive(s.pieceWatts, "pieceWatts", 1_000_000);
        positive(s.pieceMinutes, "pieceMinutes", 24 * 60);
        positive(s.coinValueMicros, "coinValueMicros", 1_000_000_000);
        positive(s.offerValiditySeconds, "offerValiditySeconds", 86_400);
        positive(s.maxBatch, "maxBatch", MAX_BATCH_LIMIT);
        return s;
    }

    /**
     * The substation's key.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#INVALID_KEY} when it does not parse or
     *                                                        fails validation
     */
    public BlindRsaPublicKey publicKey() {
        if (blindKey == null) {
            throw ErrorCode.INVALID_KEY.exception(WHAT + ".blindKey is missing");
        }
        try {
            return BlindRsaPublicKey.decode(blindKey);
        } catch (CryptoException e) {
            throw ErrorCode.INVALID_KEY.exception(WHAT + ".blindKey: " + e.getMessage(), e);
        }
    }

    /** The energy of one piece in watt-hours, times 60 (exact): {@code pieceWatts * pieceMinutes}. */
    public long wattMinutesPerCoin() {
        return Math.multiplyExact(pieceWatts, pieceMinutes);
    }

    private static void positive(long value, String name, long max) {
        if (value < 1 || value > max) {
            throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + "." + name + " must be in 1.." + max + ", got " + value);
        }
    }
}
