package io.neighbourgrid.crypto.paillier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.math.NumberTheory;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The short-exponent randomizers of Damgard, Jurik, Nielsen (2010, Section 4.2) and the key's randomizer base. */
class FastRandomizerTest {
    private static final PaillierKeyPair KEYS = CryptoFixtures.keyPair(512, 0);
    private static final PaillierPublicKey PK = KEYS.publicKey();
    private static final PaillierPrivateKey SK = KEYS.privateKey();

    private static BigInteger h(PaillierPublicKey key) {
        return key.randomizerBase().h();
    }

    private static BigInteger plaintextFactor(PaillierPublicKey key, BigInteger m) {
        return key.toPlaintext(m).multiply(key.modulus()).add(BigInteger.ONE).mod(key.modulusSquared());
    }

    @Nested
    class KnownAnswers {
        private final PaillierPrivateKey key = CryptoFixtures.katKey();
        private final PaillierPublicKey pk = key.publicKey();

        @Test
        void theFixedPrimesGiveTheFixedRandomizerBase() {
            assertEquals("a78cb8e2b162a8177a92234e083c59b2c166e441bc0e82162b86531ccded1c30",
                    h(pk).toString(16));
            assertEquals(h(pk), h(new PaillierPrivateKey(CryptoFixtures.KAT_P, CryptoFixtures.KAT_Q).publicKey()));
        }

        @Test
        void aFixedSeedGivesTheFixedCiphertext() {
            Ciphertext c = pk.encrypt(BigInteger.valueOf(42), pk.newRandomizer(CryptoFixtures.seeded(11)));
            assertEquals("502113dfaa30074ecac97013040d020bf6ac69418e84ef66452672d63475f43f"
                    + "bb2399ab345e4c2011898329bffbda41130270accc706cea54fd0f46239e6313",
                    HexFormat.of().formatHex(c.toBytes()));
        }

        @Test
        void theFastCiphertextIsTheDefinitionComputedWithPlainExponentiations() {
            SecureRandom seeded = CryptoFixtures.seeded(11);
            BigInteger a = new BigInteger(pk.randomizerExponentBits(), CryptoFixtures.seeded(11));
            BigInteger hs = h(pk).modPow(pk.modulus(), pk.modulusSquared());
            BigInteger expected = plaintextFactor(pk, BigInteger.valueOf(42))
                    .multiply(hs.modPow(a, pk.modulusSquared())).mod(pk.modulusSquared());
            assertEquals(expected, pk.encrypt(BigInteger.valueOf(42), pk.newRandomizer(seeded)).value());
        }

        @Test
        void theKeyEncodingIsVersionTwoThenModulusThenBase() {
            byte[] encoded = pk.toBytes();
            byte[] hBytes = h(pk).toByteArray();
            hBytes = hBytes[0] == 0 ? Arrays.copyOfRange(hBytes, 1, hBytes.length) : hBytes;
            assertEquals(1 + 4 + 32 + 4 + hBytes.length, encoded.length);
            assertEquals(2, encoded[0]);
            assertArrayEquals(new byte[] {0, 0, 0, 32}, Arrays.copyOfRange(encoded, 1, 5));
            assertArrayEquals(hBytes, Arrays.copyOfRange(encoded, 41, encoded.length));
            PaillierPublicKey parsed = PaillierPublicKey.fromBytes(encoded);
            assertTrue(parsed.hasRandomizerBase());
            assertEquals(h(pk), h(parsed));
            assertArrayEquals(encoded, parsed.toBytes());
        }
    }

    @Nested
    class ExponentLength {
        @Test
        void theExponentIsFourTimesTheSecurityLevelOfTheModulus() {
            assertEquals(320, RandomizerBase.exponentBits(1024));
            assertEquals(448, RandomizerBase.exponentBits(2048));
            assertEquals(512, RandomizerBase.exponentBits(3072));
            assertEquals(768, RandomizerBase.exponentBits(4096));
            assertEquals(1024, RandomizerBase.exponentBits(8192));
        }

        @Test
        void aKeyWithoutBaseReportsNoExponent() {
            assertEquals(0, PaillierPublicKey.of(PK.modulus()).randomizerExponentBits());
            assertEquals(RandomizerBase.exponentBits(512), PK.randomizerExponentBits());
        }
    }

    @Nested
    class Properties {
        private final SecureRandom random = CryptoFixtures.seeded(21);
        private final Random values = new Random(5);

        @Test
        void generatedKeysPublishABaseWithJacobiSymbolPlusOne() {
            assertTrue(PK.hasRandomizerBase());
            assertEquals(1, NumberTheory.jacobi(h(PK), PK.modulus()));
            // h = -x^2: -h is a square modulo both primes.
            BigInteger minusH = PK.modulus().subtract(h(PK));
            BigInteger p = SK.secretPrimeP();
            BigInteger q = SK.secretPrimeQ();
            assertEquals(1, NumberTheory.jacobi(minusH, p));
            assertEquals(1, NumberTheory.jacobi(minusH, q));
        }

        @Test
        void fastEncryptionsDecryptToTheirPlaintexts() {
            for (int i = 0; i < 50; i++) {
                BigInteger m = new BigInteger(1 + values.nextInt(300), values);
                m = values.nextBoolean() ? m.negate() : m;
                assertEquals(m, SK.decrypt(PK.encrypt(m, PK.newRandomizer(random))), m.toString());
            }
        }

        @Test
        void fastAndFullLengthCiphertextsAddUp() {
            for (int i = 0; i < 30; i++) {
                BigInteger a = BigInteger.valueOf(values.nextInt() - (long) Integer.MIN_VALUE);
                BigInteger b = BigInteger.valueOf(-values.nextInt(1_000_000));
                Ciphertext fast = PK.encrypt(a, PK.newRandomizer(random));
                Ciphertext full = PK.encrypt(b, PK.newFullLengthRandomizer(random));
                assertEquals(a.add(b), SK.decrypt(PK.add(fast, full)));
                assertEquals(a.subtract(b), SK.decrypt(PK.subtract(fast, full)));
                assertEquals(a, SK.decrypt(PK.rerandomize(fast, PK.newFullLengthRandomizer(random))));
                assertEquals(b, SK.decrypt(PK.rerandomize(full, PK.newRandomizer(random))));
            }
        }

        @Test
        void theRootOfEveryRandomizerIsItsNthRootModuloN() {
            for (Randomizer r : new Randomizer[] {PK.newRandomizer(random), PK.newFullLengthRandomizer(random)}) {
                assertEquals(r.value(), r.root().modPow(PK.modulus(), PK.modulusSquared()));
                assertTrue(r.root().signum() > 0 && r.root().compareTo(PK.modulus()) < 0);
            }
        }

        @Test
        void anEncryptionWithRandomnessReturnsTheWitnessOfItsCiphertext() {
            BigInteger m = BigInteger.valueOf(-123_456);
            EncryptionWithRandomness e = PK.encryptWithRandomness(m, PK.newRandomizer(random));
            BigInteger expected = plaintextFactor(PK, m).multiply(e.root().modPow(PK.modulus(), PK.modulusSquared()))
                    .mod(PK.modulusSquared());
            assertEquals(expected, e.ciphertext().value());
            // The private key recovers the same root from c * (1 + N)^-m.
            BigInteger u = e.ciphertext().value().multiply(plaintextFactor(PK, m).modInverse(PK.modulusSquared()))
                    .mod(PK.modulusSquared());
            assertEquals(e.root(), SK.nthRootModN(u));
            assertFalse(e.toString().contains(e.root().toString(16)));
            assertFalse(e.toString().contains(e.root().toString()));
        }

        @Test
        void randomizersAreDistinctAndNeverOne() {
            Set<BigInteger> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                BigInteger v = PK.newRandomizer(random).value();
                assertNotEquals(BigInteger.ONE, v);
                assertTrue(seen.add(v), "randomizer repeated");
            }
        }

        @Test
        void aPoolOfAKeyWithBaseHandsOutFastRandomizers() {
            try (RandomizerPool pool = new RandomizerPool(PK, 4, random, false)) {
                pool.fill(4);
                Randomizer r = pool.take();
                assertTrue(r.fast());
                assertEquals(r.value(), r.root().modPow(PK.modulus(), PK.modulusSquared()));
                assertFalse(PK.newFullLengthRandomizer(random).fast());
            }
        }
    }

    @Nested
    class OldEncodings {
        @Test
        void aKeyEncodedWithoutBaseIsStillReadAndEncryptsWithFullLengthRandomizers() {
            PaillierPublicKey old = PaillierPublicKey.fromBytes(new Bytes.Writer().u8(1).integer(PK.modulus())
                    .toByteArray());
            assertFalse(old.hasRandomizerBase());
            assertEquals(PK, old);
            assertEquals(PK.hashCode(), old.hashCode());
            assertEquals(PK.fingerprint(), old.fingerprint());
            Randomizer r = old.newRandomizer(CryptoFixtures.seeded(3));
            assertEquals(r.value(), r.root().modPow(PK.modulus(), PK.modulusSquared()));
            // A ciphertext made with the old encoding decrypts under the key that has a base: same modulus.
            assertEquals(BigInteger.valueOf(77), SK.decrypt(PK.ciphertext(old.encrypt(BigInteger.valueOf(77), r)
                    .toBytes())));
        }
    }

    @Nested
    class Tampering {
        private final BigInteger n = PK.modulus();

        private byte[] encode(BigInteger h) {
            return new Bytes.Writer().u8(2).integer(n).integer(h).toByteArray();
        }

        @Test
        void baseValuesThatAreNotUsableUnitsAreRejected() {
            BigInteger p = SK.secretPrimeP();
            BigInteger jacobiMinusOne = BigInteger.TWO;
            while (NumberTheory.jacobi(jacobiMinusOne, n) != -1) {
                jacobiMinusOne = jacobiMinusOne.add(BigInteger.ONE);
            }
            for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE), n,
                    n.add(BigInteger.ONE), n.multiply(n), p, p.multiply(BigInteger.TWO), jacobiMinusOne}) {
                assertThrows(CryptoException.class, () -> PaillierPublicKey.fromBytes(encode(bad)), bad.toString());
                if (bad.signum() > 0) {
                    assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(n, bad));
                }
            }
        }

        @Test
        void truncatedExtendedOrNonCanonicalEncodingsAreRejected() {
            byte[] good = PK.toBytes();
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(
                    Arrays.copyOf(good, good.length - 1)));
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(
                    Arrays.copyOf(good, good.length + 1)));
            byte[] withoutBase = new Bytes.Writer().u8(2).integer(n).toByteArray();
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(withoutBase));
            byte[] hBytes = Transcript.unsigned(h(PK));
            byte[] padded = new byte[hBytes.length + 1];
            System.arraycopy(hBytes, 0, padded, 1, hBytes.length);
            byte[] nonCanonical = new Bytes.Writer().u8(2).integer(n).field(padded).toByteArray();
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(nonCanonical));
        }

        @Test
        void everyMutatedByteIsRejectedOrParsesToExactlyWhatItSays() {
            byte[] good = PK.toBytes();
            for (int i = 0; i < good.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = good.clone();
                    bad[i] ^= (byte) (1 << bit);
                    PaillierPublicKey parsed;
                    try {
                        parsed = PaillierPublicKey.fromBytes(bad);
                    } catch (CryptoException e) {
                        continue;
                    }
                    // Accepted only as a different, well-formed key: never silently normalised to the original.
                    assertArrayEquals(bad, parsed.toBytes(), "byte " + i + " bit " + bit);
                    assertFalse(Arrays.equals(good, parsed.toBytes()));
                    if (parsed.hasRandomizerBase()) {
                        assertEquals(1, NumberTheory.jacobi(h(parsed), parsed.modulus()));
                    }
                }
            }
        }
    }
}
