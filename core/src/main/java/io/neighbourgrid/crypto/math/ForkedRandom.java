package io.neighbourgrid.crypto.math;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.EntropySourceProvider;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;

/**
 * Independent sources of randomness for work done in parallel: each child is an SP 800-90A Hash_DRBG (SHA-512)
 * instantiated from 256 bits of entropy and a 128-bit nonce drawn from the parent, in order. The children are as
 * unpredictable as the parent, and a proof made from them depends only on the parent's stream, not on which
 * thread ran first (so a seeded parent still gives known answers).
 */
public final class ForkedRandom {
    private static final int ENTROPY_BYTES = 32;
    private static final int NONCE_BYTES = 16;

    private ForkedRandom() {
    }

    /**
     * {@code count} children of {@code parent}, drawn from it now.
     *
     * @param parent the source to fork
     * @param count  how many children
     * @return the children, each for one thread at a time
     */
    public static SecureRandom[] fork(SecureRandom parent, int count) {
        Objects.requireNonNull(parent, "parent");
        SecureRandom[] children = new SecureRandom[count];
        for (int i = 0; i < count; i++) {
            byte[] entropy = new byte[ENTROPY_BYTES];
            byte[] nonce = new byte[NONCE_BYTES];
            parent.nextBytes(entropy);
            parent.nextBytes(nonce);
            children[i] = new SP800SecureRandomBuilder(new Fixed(entropy))
                    .buildHash(new SHA512Digest(), nonce, false);
        }
        return children;
    }

    /** The one seed a child is instantiated from; a reseed request is refused rather than repeated. */
    private static final class Fixed implements EntropySourceProvider {
        private final byte[] entropy;

        Fixed(byte[] entropy) {
            this.entropy = entropy;
        }

        @Override
        public EntropySource get(int bitsRequired) {
            return new EntropySource() {
                private boolean used;

                @Override
                public boolean isPredictionResistant() {
                    return false;
                }

                @Override
                public synchronized byte[] getEntropy() {
                    if (used) {
                        throw new IllegalStateException("a forked random source cannot be reseeded");
                    }
                    used = true;
                    return entropy.clone();
                }

                @Override
                public int entropySize() {
                    return bitsRequired;
                }
            };
        }
    }
}
