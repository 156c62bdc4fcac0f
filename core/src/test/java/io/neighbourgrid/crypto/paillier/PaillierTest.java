package io.neighbourgrid.crypto.paillier;

import static io.neighbourgrid.crypto.CryptoFixtures.KAT_P;
import static io.neighbourgrid.crypto.CryptoFixtures.KAT_Q;
import static io.neighbourgrid.crypto.CryptoFixtures.KAT_R;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidCiphertextException;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PaillierTest {

    private static final PaillierKeyPair KEYS = CryptoFixtures.keyPair(512, 0);
    private static final PaillierPublicKey PK = KEYS.publicKey();
    private static final PaillierPrivateKey SK = KEYS.privateKey();
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(1);

    private static Randomizer katRandomizer(PaillierPublicKey key) {
        return Randomizer.full(key, KAT_R.modPow(key.modulus(), key.modulusSquared()), KAT_R);
    }

    /** Random signed value of up to {@code bits} bits. */
    private static BigInteger randomSigned(Random random, int bits) {
        BigInteger v = new BigInteger(bits, random);
        return random.nextBoolean() ? v.negate() : v;
    }

    @Nested
    class KnownAnswers {
        private final PaillierPrivateKey key = CryptoFixtures.katKey();
        private final PaillierPublicKey pk = key.publicKey();

        @Test
        void theModulusIsTheProductOfTheFixedPrimes() {
            assertEquals(new BigInteger(
                    "75988558562172230658894640842564419844757021198029241018745515115152162730873"), pk.modulus());
            assertEquals(256, pk.bits());
            assertEquals(32, pk.modulusBytes());
            assertEquals(64, pk.ciphertextBytes());
        }

        @Test
        void encryptionWithAFixedRandomizerGivesTheExactCiphertextBytes() {
            // (1 + mN) * r^N mod N^2, computed independently.
            assertEquals("27a8bdb80f6a9dd23ba7102087e6b0bb4c3c1534fb0a10e8a1ea9c9600156de0"
                    + "4d404ee7a5bfede811937c766621155b0b789dc8ce61da3fa4113bbd0444145b",
                    HexFormat.of().formatHex(pk.encrypt(0, katRandomizer(pk)).toBytes()));
            assertEquals("4f8f9f245e878586c829586256bbea46c1ca6d3d2a0c8bfb71f5c2e3d3a94165"
                    + "0b45e8f87b1003cb3f83741b73bfa549eb5432c5ad83367a6f29a2ec0eedd93c",
                    HexFormat.of().formatHex(pk.encrypt(42, katRandomizer(pk)).toBytes()));
            assertEquals("6e01dc4bc2971919b7ecea18e3ddabbd07fdf26bf70697a8e8ec75214b78376c"
                    + "3dcb11c66f1691de6ded1707ea79c12e2e67c89237c0020f32c75884ec9cbeab",
                    HexFormat.of().formatHex(pk.encrypt(-42, katRandomizer(pk)).toBytes()));
        }

        @Test
        void theKnownCiphertextsDecryptToTheirPlaintexts() {
            for (long m : new long[] {0, 42, -42}) {
                Ciphertext c = pk.ciphertext(pk.encrypt(m, katRandomizer(pk)).toBytes());
                assertEquals(BigInteger.valueOf(m), key.decrypt(c));
            }
        }

        @Test
        void aKeyWithoutRandomizerBaseIsEncodedAsVersionThenLengthPrefixedModulus() {
            PaillierPublicKey pk = PaillierPublicKey.of(this.pk.modulus());
            byte[] encoded = pk.toBytes();
            assertEquals(1 + 4 + 32, encoded.length);
            assertEquals(1, encoded[0]);
            assertArrayEquals(new byte[] {0, 0, 0, 32}, java.util.Arrays.copyOfRange(encoded, 1, 5));
            assertEquals(pk, PaillierPublicKey.fromBytes(encoded));
            assertEquals(pk, PaillierPublicKey.fromBase64(pk.toBase64()));
        }
    }

    @Nested
    class Homomorphism {
        private final Random values = new Random(7);

        @Test
        void sumsOfRandomSignedValuesDecryptToTheSum() {
            for (int i = 0; i < 100; i++) {
                BigInteger a = randomSigned(values, 1 + values.nextInt(200));
                BigInteger b = randomSigned(values, 1 + values.nextInt(200));
                Ciphertext ca = PK.encrypt(a, RANDOM);
                Ciphertext cb = PK.encrypt(b, RANDOM);
                assertEquals(a.add(b), SK.decrypt(PK.add(ca, cb)));
                assertEquals(a.subtract(b), SK.decrypt(PK.subtract(ca, cb)));
            }
        }

        @Test
        void scalarMultiplesIncludingNegativeAndZeroScalarsDecryptToTheProduct() {
            for (int i = 0; i < 40; i++) {
                BigInteger a = randomSigned(values, 100);
                BigInteger k = randomSigned(values, 60);
                assertEquals(a.multiply(k), SK.decrypt(PK.multiply(PK.encrypt(a, RANDOM), k)));
            }
            assertEquals(BigInteger.ZERO, SK.decrypt(PK.multiply(PK.encrypt(BigInteger.TEN, RANDOM), BigInteger.ZERO)));
        }

        @Test
        void sumOverAListIsTheSumOfThePlaintextsAndTheEmptySumIsZero() {
            List<Ciphertext> cs = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < 30; i++) {
                BigInteger v = randomSigned(values, 64);
                total = total.add(v);
                cs.add(PK.encrypt(v, RANDOM));
            }
            assertEquals(total, SK.decrypt(PK.sum(cs)));
            assertEquals(BigInteger.ZERO, SK.decrypt(PK.sum(List.of())));
        }

        @Test
        void rerandomisationChangesTheCiphertextButNotThePlaintext() {
            Ciphertext c = PK.encrypt(BigInteger.valueOf(-5), RANDOM);
            Ciphertext fresh = PK.rerandomize(c, PK.newRandomizer(RANDOM));
            assertNotEquals(c, fresh);
            assertEquals(BigInteger.valueOf(-5), SK.decrypt(fresh));
        }

        @Test
        void encryptionIsProbabilistic() {
            assertNotEquals(PK.encrypt(BigInteger.ONE, RANDOM), PK.encrypt(BigInteger.ONE, RANDOM));
        }
    }

    @Nested
    class SignedRangeAndOverflow {
        private final BigInteger max = PK.maxMagnitude();

        @Test
        void theLargestMagnitudeIsFloorOfNOverThree() {
            assertEquals(PK.modulus().divide(BigInteger.valueOf(3)), max);
        }

        @Test
        void zeroAndBothExtremesRoundTrip() {
            for (BigInteger v : List.of(BigInteger.ZERO, max, max.negate(), BigInteger.ONE, BigInteger.ONE.negate())) {
                assertEquals(v, SK.decrypt(PK.encrypt(v, RANDOM)));
            }
        }

        @Test
        void valuesJustBeyondTheGuardAreRejectedBeforeEncryption() {
            assertThrows(ValueOutOfRangeException.class, () -> PK.encrypt(max.add(BigInteger.ONE), RANDOM));
            assertThrows(ValueOutOfRangeException.class, () -> PK.encrypt(max.add(BigInteger.ONE).negate(), RANDOM));
        }

        @Test
        void anOverflowingSumIsDetectedOnDecryptionInsteadOfWrapping() {
            Ciphertext top = PK.encrypt(max, RANDOM);
            Ciphertext bottom = PK.encrypt(max.negate(), RANDOM);
            Ciphertext one = PK.encrypt(BigInteger.ONE, RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> SK.decrypt(PK.add(top, one)));
            assertThrows(ValueOutOfRangeException.class, () -> SK.decrypt(PK.subtract(bottom, one)));
            assertThrows(ValueOutOfRangeException.class, () -> SK.decrypt(PK.add(top, top)));
            assertThrows(ValueOutOfRangeException.class, () -> SK.decrypt(PK.add(bottom, bottom)));
            assertEquals(BigInteger.ZERO, SK.decrypt(PK.add(top, bottom)));
        }

        @Test
        void residuesMapToSignedValuesAndTheGapIsRejected() {
            BigInteger n = PK.modulus();
            assertEquals(max, PK.fromPlaintext(max));
            assertEquals(max.negate(), PK.fromPlaintext(n.subtract(max)));
            assertEquals(BigInteger.ONE.negate(), PK.fromPlaintext(n.subtract(BigInteger.ONE)));
            assertThrows(ValueOutOfRangeException.class, () -> PK.fromPlaintext(max.add(BigInteger.ONE)));
            assertThrows(ValueOutOfRangeException.class,
                    () -> PK.fromPlaintext(n.subtract(max).subtract(BigInteger.ONE)));
            assertThrows(ValueOutOfRangeException.class, () -> PK.fromPlaintext(n));
            assertThrows(ValueOutOfRangeException.class, () -> PK.fromPlaintext(BigInteger.ONE.negate()));
        }
    }

    @Nested
    class Decryption {

        @Test
        void crtDecryptionAgreesWithTheTextbookFormulaOnRandomGroupElements() {
            BigInteger p = SK.secretPrimeP();
            BigInteger q = SK.secretPrimeQ();
            BigInteger n = PK.modulus();
            BigInteger n2 = PK.modulusSquared();
            BigInteger lambda = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE))
                    .divide(p.subtract(BigInteger.ONE).gcd(q.subtract(BigInteger.ONE)));
            BigInteger mu = l(n.add(BigInteger.ONE).modPow(lambda, n2), n).modInverse(n);
            Random random = new Random(3);
            for (int i = 0; i < 50; i++) {
                BigInteger c;
                do {
                    c = new BigInteger(n2.bitLength(), random).mod(n2);
                } while (!c.gcd(n).equals(BigInteger.ONE));
                BigInteger textbook = l(c.modPow(lambda, n2), n).multiply(mu).mod(n);
                assertEquals(textbook, SK.decryptResidue(PK.ciphertext(c)));
            }
        }

        private BigInteger l(BigInteger x, BigInteger n) {
            return x.subtract(BigInteger.ONE).divide(n);
        }

        @Test
        void nthRootRecoversTheEncryptionRandomness() {
            BigInteger n = PK.modulus();
            for (int i = 0; i < 20; i++) {
                BigInteger r = new BigInteger(n.bitLength() - 1, RANDOM);
                BigInteger u = r.modPow(n, PK.modulusSquared());
                assertEquals(r, SK.nthRootModN(u));
                BigInteger textbook = u.mod(n).modPow(n.modInverse(SK.secretPhi()), n);
                assertEquals(textbook, SK.nthRootModN(u));
            }
        }

        @Test
        void aCiphertextOfAnotherKeyIsRefused() {
            PaillierPublicKey other = CryptoFixtures.keyPair(512, 1).publicKey();
            Ciphertext foreign = other.encrypt(BigInteger.ONE, RANDOM);
            assertThrows(InvalidCiphertextException.class, () -> SK.decrypt(foreign));
            assertThrows(InvalidCiphertextException.class, () -> PK.add(foreign, PK.encrypt(BigInteger.ONE, RANDOM)));
            assertThrows(InvalidCiphertextException.class, () -> PK.multiply(foreign, BigInteger.TWO));
            assertThrows(IllegalArgumentException.class,
                    () -> PK.encrypt(BigInteger.ONE, other.newRandomizer(RANDOM)));
        }
    }

    @Nested
    class CiphertextValidation {
        private final BigInteger n = PK.modulus();
        private final BigInteger n2 = PK.modulusSquared();

        @Test
        void zeroNegativeAndValuesFromNSquaredOnAreRejected() {
            for (BigInteger bad : List.of(BigInteger.ZERO, BigInteger.ONE.negate(), n2, n2.add(BigInteger.ONE))) {
                InvalidCiphertextException e = assertThrows(InvalidCiphertextException.class, () -> PK.ciphertext(bad));
                assertTrue(e.getMessage().contains("range"), e.getMessage());
            }
        }

        @Test
        void multiplesOfAPrimeFactorAreRejectedAsNonUnits() {
            BigInteger p = SK.secretPrimeP();
            for (BigInteger bad : List.of(p, p.multiply(BigInteger.valueOf(12345)), n, SK.secretPrimeQ().multiply(p.add(BigInteger.ONE)))) {
                InvalidCiphertextException e = assertThrows(InvalidCiphertextException.class, () -> PK.ciphertext(bad));
                assertTrue(e.getMessage().contains("gcd"), e.getMessage());
            }
        }

        @Test
        void encodingsOfTheWrongLengthAreRejected() {
            byte[] good = PK.encrypt(BigInteger.TEN, RANDOM).toBytes();
            assertEquals(PK.ciphertextBytes(), good.length);
            assertThrows(MalformedEncodingException.class, () -> PK.ciphertext(java.util.Arrays.copyOf(good, good.length - 1)));
            assertThrows(MalformedEncodingException.class, () -> PK.ciphertext(java.util.Arrays.copyOf(good, good.length + 1)));
            assertThrows(MalformedEncodingException.class, () -> PK.ciphertext((byte[]) null));
            assertThrows(MalformedEncodingException.class, () -> PK.ciphertextFromBase64("%%"));
        }

        @Test
        void aValidEncodingRoundTripsThroughBytesAndBase64() {
            Ciphertext c = PK.encrypt(BigInteger.valueOf(-77), RANDOM);
            assertEquals(c, PK.ciphertext(c.toBytes()));
            assertEquals(c, PK.ciphertextFromBase64(c.toBase64()));
        }

        @Test
        void everySingleBitFlipOfACiphertextIsRejectedOrDecryptsToSomethingElse() {
            Ciphertext c = PK.encrypt(BigInteger.valueOf(1234), RANDOM);
            byte[] bytes = c.toBytes();
            for (int i = 0; i < bytes.length * 8; i++) {
                byte[] mutated = bytes.clone();
                mutated[i / 8] ^= (byte) (1 << (i % 8));
                try {
                    Ciphertext m = PK.ciphertext(mutated);
                    assertNotEquals(BigInteger.valueOf(1234), SK.decryptResidue(m), "bit " + i);
                } catch (InvalidCiphertextException | MalformedEncodingException expected) {
                    // rejected outright
                }
            }
        }
    }

    @Nested
    class Keys {

        @Test
        void malformedModuliAreRejected() {
            BigInteger p = SK.secretPrimeP();
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(PK.modulus().shiftLeft(1)));
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(p.multiply(p)));
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(p.multiply(BigInteger.valueOf(997))));
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(BigInteger.valueOf(1_000_003L * 1_000_033L)));
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(BigInteger.ZERO));
        }

        @Test
        void keyEncodingsAreParsedStrictly() {
            byte[] good = PK.toBytes();
            byte[] badVersion = good.clone();
            badVersion[0] = 3;
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(badVersion));
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(java.util.Arrays.copyOf(good, good.length + 1)));
            assertThrows(MalformedEncodingException.class, () -> PaillierPublicKey.fromBytes(java.util.Arrays.copyOf(good, good.length - 1)));
        }

        @Test
        void generatedKeysHaveExactlyTheRequestedLengthAndBlumPrimes() {
            for (int bits : new int[] {256, 512}) {
                PaillierKeyPair pair = CryptoFixtures.keyPair(bits, 0);
                assertEquals(bits, pair.publicKey().bits());
                assertEquals(3, pair.privateKey().secretPrimeP().mod(BigInteger.valueOf(4)).intValue());
                assertEquals(3, pair.privateKey().secretPrimeQ().mod(BigInteger.valueOf(4)).intValue());
            }
            assertThrows(IllegalArgumentException.class, () -> PaillierKeyPair.generate(511, RANDOM));
            assertThrows(IllegalArgumentException.class, () -> PaillierKeyPair.generate(128, RANDOM));
        }

        @Test
        void privateKeysRoundTripThroughTheirSecretEncodingAndNeverPrintTheirPrimes() {
            PaillierPrivateKey copy = PaillierPrivateKey.fromSecretBytes(SK.toSecretBytes());
            assertEquals(PK, copy.publicKey());
            assertFalse(SK.toString().contains(SK.secretPrimeP().toString()));
            assertFalse(SK.toString().contains(SK.secretPrimeP().toString(16)));
        }

        @Test
        void privateKeysRejectEqualOrCompositeOrUnbalancedPrimes() {
            assertThrows(InvalidPublicKeyException.class, () -> new PaillierPrivateKey(KAT_P, KAT_P));
            assertThrows(InvalidPublicKeyException.class, () -> new PaillierPrivateKey(KAT_P, KAT_Q.add(BigInteger.TWO)));
            assertThrows(InvalidPublicKeyException.class,
                    () -> new PaillierPrivateKey(KAT_P, SK.secretPrimeP()));
        }

        @Test
        void aPairMustMatch() {
            assertThrows(IllegalArgumentException.class,
                    () -> new PaillierKeyPair(PK, CryptoFixtures.keyPair(512, 1).privateKey()));
        }
    }

    @Nested
    class LargeKey {

        @Test
        void a2048BitKeyEncryptsAddsAndDecrypts() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(2048, 0);
            PaillierPublicKey pk = pair.publicKey();
            assertEquals(2048, pk.bits());
            assertEquals(512, pk.ciphertextBytes());
            BigInteger a = BigInteger.valueOf(-123_456_789_012L);
            BigInteger b = BigInteger.ONE.shiftLeft(1000);
            Ciphertext sum = pk.add(pk.encrypt(a, RANDOM), pk.ciphertext(pk.encrypt(b, RANDOM).toBytes()));
            assertEquals(a.add(b), pair.privateKey().decrypt(sum));
        }
    }
}
