package io.neighbourgrid.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsa;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.protocol.ecoin.Coin;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The client's half of Procedure 1 (e-coin withdrawal): a random payload, blinded for the substation
 * ({@link #start}), and the coin once the substation's blind signature comes back ({@link #finish}).
 */
public final class CoinMinting {
    private CoinMinting() {
    }

    /**
     * A coin being withdrawn: its payload and blinding stay with the meter; only the blinded message leaves it.
     *
     * @param payload  the coin's random payload
     * @param blinding the blinding of {@code payload}
     */
    public record Pending(byte[] payload, BlindRsa.Blinding blinding) {
        public Pending {
            payload = payload.clone();
            Objects.requireNonNull(blinding, "blinding");
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The blinded message, Base64, as the ledger carries it. */
        public String blindedMessage() {
            return Base64.getEncoder().encodeToString(blinding.blindedMessage());
        }

        @Override
        public String toString() {
            return "Pending coin";
        }
    }

    /** A fresh random payload, blinded under the substation's key. */
    public static Pending start(BlindRsaPublicKey key, SecureRandom random) {
        byte[] payload = new byte[Coin.PAYLOAD_BYTES];
        random.nextBytes(payload);
        return new Pending(payload, BlindRsa.blind(key, payload, random));
    }

    /**
     * Unblinds the substation's answer into a coin, verifying it.
     *
     * @throws io.neighbourgrid.crypto.blind.InvalidBlindSignatureException if the answer is not a valid signature
     */
    public static Coin finish(BlindRsaPublicKey key, Pending pending, String blindSignatureBase64) {
        byte[] blindSig = Base64.getDecoder().decode(blindSignatureBase64);
        byte[] sig = BlindRsa.finalizeSignature(key, pending.payload(), blindSig, pending.blinding());
        return Coin.of(pending.payload(), sig);
    }
}
