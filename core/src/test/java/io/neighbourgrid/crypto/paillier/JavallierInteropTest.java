package io.neighbourgrid.crypto.paillier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.crypto.CryptoFixtures;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with javallier (n1analytics), an independent Paillier implementation with the same generator
 * g = N + 1, used as a test oracle through its raw (unencoded) algebra.
 */
class JavallierInteropTest {

    private static final PaillierKeyPair KEYS = CryptoFixtures.keyPair(1024, 0);
    private static final PaillierPublicKey PK = KEYS.publicKey();
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(11);
    private static final com.n1analytics.paillier.PaillierPublicKey THEIR_PK =
            new com.n1analytics.paillier.PaillierPublicKey(PK.modulus());
    private static final com.n1analytics.paillier.PaillierPrivateKey THEIR_SK =
            new com.n1analytics.paillier.PaillierPrivateKey(THEIR_PK, KEYS.privateKey().secretPhi());
    private static final List<BigInteger> VALUES = List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(-1),
            BigInteger.valueOf(123_456_789L), BigInteger.valueOf(-987_654_321L), BigInteger.ONE.shiftLeft(900),
            PK.maxMagnitude(), PK.maxMagnitude().negate());

    @Nested
    class BothDirections {

        @Test
        void bothLibrariesUseTheSameGenerator() {
            assertEquals(PK.modulus().add(BigInteger.ONE), THEIR_PK.getGenerator());
            assertEquals(PK.modulusSquared(), THEIR_PK.getModulusSquared());
        }

        @Test
        void ourCiphertextsDecryptWithJavallier() {
            for (BigInteger v : VALUES) {
                BigInteger c = PK.encrypt(v, RANDOM).value();
                assertEquals(PK.toPlaintext(v), THEIR_SK.raw_decrypt(c), v.toString());
            }
        }

        @Test
        void javallierCiphertextsDecryptWithOurKey() {
            for (BigInteger v : VALUES) {
                BigInteger c = THEIR_PK.raw_encrypt(PK.toPlaintext(v));
                assertEquals(v, KEYS.privateKey().decrypt(PK.ciphertext(c)), v.toString());
            }
        }

        @Test
        void unobfuscatedJavallierEncryptionIsOurEncryptionWithRandomnessOne() {
            BigInteger m = BigInteger.valueOf(4242);
            BigInteger theirs = THEIR_PK.raw_encrypt_without_obfuscation(m);
            Randomizer one = Randomizer.full(PK, BigInteger.ONE, BigInteger.ONE);
            assertEquals(theirs, PK.encrypt(m, one).value());
        }
    }

    @Nested
    class MixedHomomorphism {

        @Test
        void aSumAcrossLibrariesDecryptsInBoth() {
            BigInteger a = BigInteger.valueOf(-5_000_000_000L);
            BigInteger b = BigInteger.valueOf(7_000_000_123L);
            BigInteger ours = PK.encrypt(a, RANDOM).value();
            BigInteger theirs = THEIR_PK.raw_encrypt(PK.toPlaintext(b));
            BigInteger theirSum = THEIR_PK.raw_add(ours, theirs);
            Ciphertext ourSum = PK.add(PK.ciphertext(ours), PK.ciphertext(theirs));
            assertEquals(theirSum, ourSum.value());
            assertEquals(a.add(b), KEYS.privateKey().decrypt(ourSum));
            assertEquals(PK.toPlaintext(a.add(b)), THEIR_SK.raw_decrypt(theirSum));
        }

        @Test
        void scalarMultiplicationAgrees() {
            BigInteger c = PK.encrypt(BigInteger.valueOf(21), RANDOM).value();
            BigInteger k = BigInteger.valueOf(1_000_003);
            assertEquals(THEIR_PK.raw_multiply(c, k), PK.multiply(PK.ciphertext(c), k).value());
        }
    }
}
