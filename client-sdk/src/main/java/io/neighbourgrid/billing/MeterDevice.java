package io.neighbourgrid.billing;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A home's smart meter: an EC P-256 key pair whose private half never leaves the device, and the reports it signs.
 * Each report carries the window's metered grid import {@code I_t} and export {@code X_t} (energy units), each
 * encrypted under the billing key, and the signature over {@code (channel, home, t, import, export)}
 * ({@link MeterSignatures}).
 */
public final class MeterDevice {
    private final String homeId;
    private final KeyPair keys;

    private MeterDevice(String homeId, KeyPair keys) {
        this.homeId = Objects.requireNonNull(homeId, "homeId");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * A meter with a fresh key pair.
     *
     * @param homeId the home it meters
     * @param random the key generator's randomness
     * @return the meter
     */
    public static MeterDevice generate(String homeId, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(MeterSignatures.CURVE), random);
            return new MeterDevice(homeId, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MeterSignatures.CURVE + " keys are required of every Java platform", e);
        }
    }

    /** The home this meter measures. */
    public String homeId() {
        return homeId;
    }

    /** The public key the home registers with {@code registerMeter}. */
    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /**
     * The signed report of one window, as {@code submitMeterReport} takes it.
     *
     * @param channel    the channel
     * @param window     the window
     * @param imported   metered grid import, energy units, non-negative
     * @param exported   metered grid export, energy units, non-negative
     * @param billingKey the billing key
     * @param random     encryption randomness
     * @return {@code {"export", "import", "signature"}}
     */
    public String report(String channel, long window, long imported, long exported, PaillierPublicKey billingKey,
                         SecureRandom random) {
        if (imported < 0 || exported < 0) {
            throw new IllegalArgumentException("metered import and export are non-negative");
        }
        Ciphertext i = billingKey.encrypt(BigInteger.valueOf(imported), random);
        Ciphertext x = billingKey.encrypt(BigInteger.valueOf(exported), random);
        byte[] signature = MeterSignatures.sign(keys.getPrivate(), MeterSignatures.message(channel, homeId, window,
                i, x));
        Map<String, String> m = new TreeMap<>();
        m.put("import", i.toBase64());
        m.put("export", x.toBase64());
        m.put("signature", Bytes.toBase64(signature));
        return CanonicalJson.toJson(m);
    }

    @Override
    public String toString() {
        return "MeterDevice[" + homeId + ", " + MeterSignatures.fingerprint(keys.getPublic()).substring(0, 16) + "]";
    }
}
