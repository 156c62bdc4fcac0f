package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.math.FixedBaseTable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import io.neighbourgrid.crypto.math.BarrettReducer;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DgkCryptosystemTest {
    private static final SecureRandom RANDOM = TestKeys.RANDOM;

    private static ComparisonKeyPair keys() {
        return TestKeys.small();
    }

    private static ComparisonException rejects(Reason reason, Runnable action) {
        ComparisonException e = assertThrows(ComparisonException.class, action::run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    /** Rewrites one field of a public key encoding: offset and replacement bytes. */
    private static byte[] patched(byte[] encoding, int offset, byte[] replacement) {
        byte[] copy = encoding.clone();
        System.arraycopy(replacement, 0, copy, offset, replacement.length);
        return copy;
    }

    @Nested
    class Parameters {
        @Test
        void defaultsAreA2048BitModulusWithT160AndTheSmallestPrimeAbove386() {
            assertEquals(2048, DgkParameters.DEFAULT.modulusBits());
            assertEquals(160, DgkParameters.DEFAULT.randomnessBits());
            assertEquals(389, DgkParameters.DEFAULT.plaintextPrime());
            assertEquals(128, DgkParameters.DEFAULT.maxComparisonBits());
        }

        @Test
        void plaintextPrimeGrowsWithTheComparisonLength() {
            assertEquals(197, DgkParameters.forComparisons(1024, 64).plaintextPrime());
            assertEquals(64, DgkParameters.forComparisons(1024, 64).maxComparisonBits());
            assertEquals(7, DgkParameters.forComparisons(1024, 1).plaintextPrime());
        }

        @Test
        void outOfRangeSizesAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new DgkParameters(256, 160, 389));
            assertThrows(IllegalArgumentException.class, () -> new DgkParameters(2048, 32, 389));
            assertThrows(IllegalArgumentException.class, () -> new DgkParameters(2048, 160, 388));
            assertThrows(IllegalArgumentException.class, () -> new DgkParameters(2048, 160, 65_537));
            assertThrows(IllegalArgumentException.class, () -> new DgkParameters(512, 200, 389));
            assertThrows(IllegalArgumentException.class, () -> DgkParameters.forComparisons(2048, 129));
        }
    }

    @Nested
    class KeyGeneration {
        @Test
        void theModulusHasExactlyTheRequestedSize() {
            DgkPublicKey pub = keys().publicKey();
            assertEquals(512, pub.modulusBits());
            assertEquals(64, pub.ciphertextBytes());
            assertEquals(389, pub.plaintextModulus());
            assertEquals(160, pub.randomnessBits());
        }

        @Test
        void aKeyPairSurvivesItsSecretEncoding() {
            ComparisonKeyPair restored = ComparisonKeyPair.fromSecretBytes(keys().toSecretBytes());
            assertEquals(keys().publicKey(), restored.publicKey());
            DgkCiphertext c = keys().publicKey().encrypt(42, RANDOM);
            assertEquals(42, restored.privateKey().decrypt(c));
        }

        @Test
        void aSecretEncodingWithAnotherKeysPrimesIsRejected() {
            byte[] mine = keys().toSecretBytes();
            byte[] theirs = TestKeys.other().toSecretBytes();
            // Layout: u8 version | u32 length | public key | four length-prefixed primes.
            int primesOffset = 5 + keys().publicKey().toBytes().length;
            byte[] mixed = Arrays.copyOf(mine, theirs.length);
            System.arraycopy(theirs, primesOffset, mixed, primesOffset, theirs.length - primesOffset);
            rejects(Reason.INVALID_PRIVATE_KEY, () -> DgkPrivateKey.fromSecretBytes(mixed));
        }

        @Test
        void toStringShowsNoKeyMaterial() {
            String text = keys().toString() + keys().privateKey() + keys().publicKey();
            assertFalse(text.contains(keys().publicKey().modulus().toString()));
            assertFalse(text.contains(keys().publicKey().modulus().toString(16)));
            assertTrue(text.contains(keys().publicKey().fingerprint()));
        }
    }

    @Nested
    class Encryption {
        @Test
        void decryptionInvertsPublicEncryptionForEveryPlaintextClass() {
            DgkPublicKey pub = keys().publicKey();
            for (int m : new int[] {0, 1, 2, 3, 200, 387, 388}) {
                assertEquals(m, keys().privateKey().decrypt(pub.encrypt(m, RANDOM)));
            }
            assertEquals(388, keys().privateKey().decrypt(pub.encrypt(-1, RANDOM)));
        }

        @Test
        void theOwnersCrtEncryptionDecryptsLikeThePublicOne() {
            for (int m = 0; m < 5; m++) {
                DgkCiphertext c = keys().privateKey().encrypt(m, RANDOM);
                assertEquals(m, keys().privateKey().decrypt(c));
                assertEquals(keys().publicKey(), c.key());
            }
        }

        @Test
        void theZeroTestSeparatesZeroFromEveryOtherPlaintext() {
            DgkPublicKey pub = keys().publicKey();
            assertTrue(keys().privateKey().isZero(pub.encrypt(0, RANDOM)));
            assertTrue(keys().privateKey().isZero(pub.encrypt(389, RANDOM)));
            for (int m = 1; m < 10; m++) {
                assertFalse(keys().privateKey().isZero(pub.encrypt(m, RANDOM)));
            }
        }

        @Test
        void encryptionIsRandomised() {
            DgkPublicKey pub = keys().publicKey();
            assertNotEquals(pub.encrypt(7, RANDOM), pub.encrypt(7, RANDOM));
            assertNotEquals(keys().privateKey().encrypt(7, RANDOM), keys().privateKey().encrypt(7, RANDOM));
        }

        @Test
        void operationsAreHomomorphicModuloU() {
            DgkPublicKey pub = keys().publicKey();
            DgkPrivateKey priv = keys().privateKey();
            DgkCiphertext a = pub.encrypt(300, RANDOM);
            DgkCiphertext b = pub.encrypt(100, RANDOM);
            assertEquals(11, priv.decrypt(pub.add(a, b)));
            assertEquals(305, priv.decrypt(pub.addPlaintext(a, 5)));
            assertEquals((300 * 7) % 389, priv.decrypt(pub.multiplyPlaintext(a, 7)));
            DgkCiphertext fresh = pub.rerandomize(a, RANDOM);
            assertNotEquals(a, fresh);
            assertEquals(300, priv.decrypt(fresh));
        }

        @Test
        void aCiphertextOfAnotherKeyIsRefused() {
            DgkCiphertext foreign = TestKeys.other().publicKey().encrypt(1, RANDOM);
            assertThrows(IllegalArgumentException.class, () -> keys().privateKey().isZero(foreign));
            assertThrows(IllegalArgumentException.class,
                    () -> keys().publicKey().add(foreign, keys().publicKey().encrypt(1, RANDOM)));
        }

        @Test
        void aUnitOutsideTheCiphertextGroupFailsTheZeroTest() {
            DgkPublicKey pub = keys().publicKey();
            // 2 is a unit below n but (with overwhelming probability) not in the subgroup generated by g and h.
            DgkCiphertext stray = pub.ciphertext(BigInteger.TWO);
            rejects(Reason.CIPHERTEXT_NOT_IN_GROUP, () -> keys().privateKey().isZero(stray));
            rejects(Reason.CIPHERTEXT_NOT_IN_GROUP, () -> keys().privateKey().decrypt(stray));
        }
    }

    @Nested
    class CiphertextValidation {
        @Test
        void zeroAndValuesFromTheModulusUpAreOutOfRange() {
            DgkPublicKey pub = keys().publicKey();
            BigInteger n = pub.modulus();
            rejects(Reason.CIPHERTEXT_OUT_OF_RANGE, () -> pub.ciphertext(BigInteger.ZERO));
            rejects(Reason.CIPHERTEXT_OUT_OF_RANGE, () -> pub.ciphertext(n));
            rejects(Reason.CIPHERTEXT_OUT_OF_RANGE, () -> pub.ciphertext(n.add(BigInteger.ONE)));
            rejects(Reason.CIPHERTEXT_OUT_OF_RANGE, () -> pub.ciphertext(BigInteger.ONE.negate()));
        }

        @Test
        void aMultipleOfAPrimeFactorIsNotAUnit() {
            BigInteger p = secretP();
            rejects(Reason.CIPHERTEXT_NOT_UNIT, () -> keys().publicKey().ciphertext(p));
            BigInteger[] batch = {BigInteger.TWO, p.multiply(BigInteger.TWO), BigInteger.TEN};
            ComparisonException e = rejects(Reason.CIPHERTEXT_NOT_UNIT,
                    () -> keys().publicKey().ciphertexts(batch, "ciphertext"));
            assertTrue(e.getMessage().contains("ciphertext 1"), e.getMessage());
        }

        @Test
        void anEncodingOfTheWrongWidthIsMalformed() {
            DgkCiphertext c = keys().publicKey().encrypt(3, RANDOM);
            byte[] bytes = c.toBytes();
            assertEquals(64, bytes.length);
            assertEquals(c, keys().publicKey().decodeCiphertext(bytes));
            rejects(Reason.MALFORMED, () -> keys().publicKey().decodeCiphertext(Arrays.copyOf(bytes, 63)));
            rejects(Reason.MALFORMED, () -> keys().publicKey().decodeCiphertext(Arrays.copyOf(bytes, 65)));
        }

        private BigInteger secretP() {
            Bytes.Reader in = new Bytes.Reader(keys().toSecretBytes(), "test");
            in.u8();
            in.raw(in.u32());
            return in.fixed(in.u16());
        }
    }

    @Nested
    class PublicKeyEncoding {
        private byte[] encoding() {
            return keys().publicKey().toBytes();
        }

        @Test
        void parsingTheEncodingGivesTheSameKeyAndIsCached() {
            DgkPublicKey parsed = DgkPublicKey.fromBytes(encoding());
            assertEquals(keys().publicKey(), parsed);
            assertSame(parsed, DgkPublicKey.fromBytes(encoding()));
            assertArrayEquals(encoding(), parsed.toBytes());
            assertEquals(1 + 2 + 3 * 64 + 4 + 2, encoding().length);
        }

        @Test
        void anUnknownVersionIsRejected() {
            rejects(Reason.UNSUPPORTED_VERSION, () -> DgkPublicKey.fromBytes(patched(encoding(), 0, new byte[] {2})));
        }

        @Test
        void truncationAndTrailingBytesAreMalformed() {
            rejects(Reason.MALFORMED, () -> DgkPublicKey.fromBytes(Arrays.copyOf(encoding(), encoding().length - 1)));
            rejects(Reason.MALFORMED, () -> DgkPublicKey.fromBytes(Arrays.copyOf(encoding(), encoding().length + 1)));
            rejects(Reason.MALFORMED, () -> DgkPublicKey.fromBytes(new byte[0]));
        }

        @Test
        void aModulusWidthOutsideTheAcceptedSizesIsRejected() {
            rejects(Reason.INVALID_PUBLIC_KEY, () -> DgkPublicKey.fromBytes(patched(encoding(), 1, new byte[] {0, 32})));
            rejects(Reason.INVALID_PUBLIC_KEY, () -> DgkPublicKey.fromBytes(patched(encoding(), 1, new byte[] {5, 1})));
        }

        @Test
        void aModulusWithALeadingZeroByteIsNotMinimal() {
            rejects(Reason.MALFORMED, () -> DgkPublicKey.fromBytes(patched(encoding(), 3, new byte[] {0})));
        }

        @Test
        void anEvenModulusIsRejected() {
            byte[] e = encoding();
            e[2 + 64] &= (byte) 0xFE;
            rejects(Reason.INVALID_PUBLIC_KEY, () -> DgkPublicKey.fromBytes(e));
        }

        @Test
        void aModulusWithASmallFactorIsRejected() {
            BigInteger n = keys().publicKey().modulus();
            // The largest odd multiple of 3 below n keeps the width and the parity.
            BigInteger bad = n.subtract(n.mod(BigInteger.valueOf(6))).subtract(BigInteger.valueOf(3));
            byte[] e = patched(encoding(), 3, Bytes.fixedWidth(bad, 64));
            ComparisonException ex = rejects(Reason.INVALID_PUBLIC_KEY, () -> DgkPublicKey.fromBytes(e));
            assertTrue(ex.getMessage().contains("below 1000"), ex.getMessage());
        }

        @Test
        void aGeneratorThatIsNotAUnitOrEqualsTheRandomiserIsRejected() {
            int gOffset = 3 + 64;
            int hOffset = 3 + 128;
            rejects(Reason.INVALID_PUBLIC_KEY,
                    () -> DgkPublicKey.fromBytes(patched(encoding(), gOffset, Bytes.fixedWidth(BigInteger.ONE, 64))));
            rejects(Reason.INVALID_PUBLIC_KEY, () -> DgkPublicKey.fromBytes(
                    patched(encoding(), gOffset, Arrays.copyOfRange(encoding(), hOffset, hOffset + 64))));
            rejects(Reason.INVALID_PUBLIC_KEY, () -> DgkPublicKey.fromBytes(
                    patched(encoding(), hOffset, Bytes.fixedWidth(keys().publicKey().modulus(), 64))));
        }

        @Test
        void aCompositeOrTooLargePlaintextModulusIsRejected() {
            int uOffset = 3 + 192;
            rejects(Reason.INVALID_PUBLIC_KEY,
                    () -> DgkPublicKey.fromBytes(patched(encoding(), uOffset, new byte[] {0, 0, 1, (byte) 0x84})));
            rejects(Reason.INVALID_PUBLIC_KEY,
                    () -> DgkPublicKey.fromBytes(patched(encoding(), uOffset, new byte[] {0, 1, 0, 1})));
        }

        @Test
        void aRandomnessSizeThatDoesNotFitTheModulusIsRejected() {
            int tOffset = 3 + 192 + 4;
            rejects(Reason.INVALID_PUBLIC_KEY,
                    () -> DgkPublicKey.fromBytes(patched(encoding(), tOffset, new byte[] {0, (byte) 200})));
            rejects(Reason.INVALID_PUBLIC_KEY,
                    () -> DgkPublicKey.fromBytes(patched(encoding(), tOffset, new byte[] {0, 10})));
        }
    }

    @Nested
    class Arithmetic {
        @Test
        void fixedBaseExponentiationAgreesWithModPow() {
            BigInteger n = keys().publicKey().modulus();
            BigInteger base = keys().publicKey().randomiser();
            for (int window : new int[] {1, 3, 6, 8}) {
                FixedBaseTable table = new FixedBaseTable(base, new BarrettReducer(n), 400, window);
                for (int i = 0; i < 20; i++) {
                    BigInteger e = new BigInteger(1 + RANDOM.nextInt(400), RANDOM);
                    assertEquals(base.modPow(e, n), table.pow(e), "window " + window);
                }
                assertEquals(BigInteger.ONE, table.pow(BigInteger.ZERO));
                BigInteger allOnes = BigInteger.ONE.shiftLeft(400).subtract(BigInteger.ONE);
                assertEquals(base.modPow(allOnes, n), table.pow(allOnes));
                BigInteger tooLong = BigInteger.ONE.shiftLeft(400);
                assertEquals(base.modPow(tooLong, n), table.pow(tooLong));
            }
        }
    }
}
