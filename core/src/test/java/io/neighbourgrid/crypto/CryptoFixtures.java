package io.neighbourgrid.crypto;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/** Shared test material: deterministic randomness, cached key pairs, the known-answer key and a context. */
public final class CryptoFixtures {
    /** Known-answer prime p (128 bits, 3 mod 4, top two bits set). */
    public static final BigInteger KAT_P = new BigInteger("255211775191055972764215683059946833447");
    /** Known-answer prime q (128 bits, 3 mod 4, top two bits set). */
    public static final BigInteger KAT_Q = new BigInteger("297747071056129265041042155152301022559");
    /** Known-answer randomness r. */
    public static final BigInteger KAT_R = new BigInteger("1512366075204170929049582354406559215");

    private static final Map<String, PaillierKeyPair> KEYS = new HashMap<>();

    private CryptoFixtures() {
    }

    /** A SecureRandom whose output is fixed by {@code seed} (SHA1PRNG seeded before first use). */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }

    /** A generated key pair of {@code bits} bits, the same for the same (bits, index) within one test run. */
    public static synchronized PaillierKeyPair keyPair(int bits, int index) {
        return KEYS.computeIfAbsent(bits + "/" + index,
                k -> PaillierKeyPair.generate(bits, seeded(31L * bits + index)));
    }

    /** The 256-bit key built from {@link #KAT_P} and {@link #KAT_Q}. */
    public static PaillierPrivateKey katKey() {
        return new PaillierPrivateKey(KAT_P, KAT_Q);
    }

    /** The context used by the known-answer vectors. */
    public static ProofContext context() {
        return new ProofContext("ng-channel", 7, "distribution", "home-042");
    }
}
