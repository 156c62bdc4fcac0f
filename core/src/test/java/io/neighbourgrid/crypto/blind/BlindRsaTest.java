package io.neighbourgrid.crypto.blind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlindRsaTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One RFC 9474 Appendix A vector. */
    record Vector(String name, BlindRsaKeyPair key, byte[] msg, byte[] inputMsg, byte[] salt, BigInteger inv,
                  byte[] blindedMsg, byte[] blindSig, byte[] sig) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() throws IOException {
        try (InputStream in = BlindRsaTest.class.getResourceAsStream("/rfc9474/vectors.json")) {
            JsonArray all = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonArray();
            return all.asList().stream().map(e -> {
                JsonObject v = e.getAsJsonObject();
                BlindRsaKeyPair key = BlindRsaKeyPair.of(big(v, "n"), big(v, "e"), big(v, "d"));
                return new Vector(v.get("name").getAsString(), key, hex(v, "msg"), hex(v, "input_msg"),
                        hex(v, "salt"), big(v, "inv"), hex(v, "blinded_msg"), hex(v, "blind_sig"), hex(v, "sig"));
            }).toList().stream();
        }
    }

    private static BigInteger big(JsonObject v, String name) {
        return new BigInteger(v.get(name).getAsString().substring(2), 16);
    }

    private static byte[] hex(JsonObject v, String name) {
        return HEX.parseHex(v.get(name).getAsString());
    }

    private static Vector first() throws IOException {
        return vectors().findFirst().orElseThrow();
    }

    @Nested
    class KnownAnswers {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.neighbourgrid.crypto.blind.BlindRsaTest#vectors")
        void blindingTheVectorsMessageGivesItsBlindedMessage(Vector v) {
            BlindRsa.Blinding b = BlindRsa.blind(v.key().publicKey(), v.inputMsg(), v.salt(), v.inv());
            assertArrayEquals(v.blindedMsg(), b.blindedMessage());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.neighbourgrid.crypto.blind.BlindRsaTest#vectors")
        void blindSigningGivesTheVectorsBlindSignature(Vector v) {
            assertArrayEquals(v.blindSig(), v.key().blindSign(v.blindedMsg()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.neighbourgrid.crypto.blind.BlindRsaTest#vectors")
        void finalizingGivesTheVectorsSignatureWhichVerifies(Vector v) {
            BlindRsa.Blinding b = new BlindRsa.Blinding(v.blindedMsg(), v.inv());
            assertArrayEquals(v.sig(), BlindRsa.finalizeSignature(v.key().publicKey(), v.inputMsg(), v.blindSig(), b));
            assertTrue(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), v.sig()));
            assertTrue(BlindSignatures.opens(v.key().publicKey(), v.blindedMsg(), v.blindSig()));
        }

        @Test
        void theRandomizedVariantPrefixesThirtyTwoRandomBytes() throws IOException {
            Vector v = first();
            byte[] prepared = BlindRsa.prepare(BlindRsa.Variant.RANDOMIZED, v.msg(), CryptoFixtures.seeded(1));
            assertEquals(v.msg().length + BlindRsa.PREFIX_BYTES, prepared.length);
            assertArrayEquals(v.msg(), Arrays.copyOfRange(prepared, BlindRsa.PREFIX_BYTES, prepared.length));
            assertArrayEquals(v.msg(), BlindRsa.prepare(BlindRsa.Variant.DETERMINISTIC, v.msg(), null));
        }
    }

    @Nested
    class RoundTrips {
        @Test
        void freshBlindingsOfRandomMessagesFinalizeToValidSignatures() throws IOException {
            Vector v = first();
            SecureRandom random = CryptoFixtures.seeded(7);
            for (int i = 0; i < 5; i++) {
                byte[] msg = new byte[1 + random.nextInt(64)];
                random.nextBytes(msg);
                BlindRsa.Blinding b = BlindRsa.blind(v.key().publicKey(), msg, random);
                byte[] sig = BlindRsa.finalizeSignature(v.key().publicKey(), msg,
                        v.key().blindSign(b.blindedMessage()), b);
                assertTrue(BlindRsa.verify(v.key().publicKey(), msg, sig));
            }
        }

        @Test
        void twoBlindingsOfOneMessageLookUnrelatedToTheSigner() throws IOException {
            Vector v = first();
            SecureRandom random = CryptoFixtures.seeded(8);
            BlindRsa.Blinding a = BlindRsa.blind(v.key().publicKey(), v.msg(), random);
            BlindRsa.Blinding b = BlindRsa.blind(v.key().publicKey(), v.msg(), random);
            assertFalse(Arrays.equals(a.blindedMessage(), b.blindedMessage()));
        }

        @Test
        void aGeneratedKeyEncodesAndDecodesToItself() {
            BlindRsaKeyPair pair = BlindRsaKeyPair.generate(2048, CryptoFixtures.seeded(9));
            assertEquals(pair.publicKey(), BlindRsaPublicKey.decode(pair.publicKey().encode()));
        }
    }

    @Nested
    class Tampering {
        @Test
        void everyAlteredByteOfTheSignatureIsRejected() throws IOException {
            Vector v = first();
            for (int i = 0; i < v.sig().length; i++) {
                byte[] bad = v.sig().clone();
                bad[i] ^= 0x01;
                assertFalse(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), bad), "byte " + i);
            }
        }

        @Test
        void everyAlteredByteOfTheMessageIsRejected() throws IOException {
            Vector v = first();
            for (int i = 0; i < v.inputMsg().length; i++) {
                byte[] bad = v.inputMsg().clone();
                bad[i] ^= (byte) 0x80;
                assertFalse(BlindRsa.verify(v.key().publicKey(), bad, v.sig()), "byte " + i);
            }
        }

        @Test
        void aTruncatedOrExtendedSignatureIsRejected() throws IOException {
            Vector v = first();
            assertFalse(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), Arrays.copyOf(v.sig(), v.sig().length - 1)));
            byte[] tail = Arrays.copyOfRange(v.sig(), 1, v.sig().length);
            assertFalse(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), tail));
            assertFalse(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), Arrays.copyOf(v.sig(), v.sig().length + 1)));
            assertFalse(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), new byte[0]));
        }

        @Test
        void aSignatureAtOrAboveTheModulusIsRejected() throws IOException {
            Vector v = first();
            byte[] n = io.neighbourgrid.crypto.Bytes.fixedWidth(v.key().publicKey().n(), v.sig().length);
            assertFalse(BlindRsa.verify(v.key().publicKey(), v.inputMsg(), n));
        }

        @Test
        void aSignatureUnderAnotherKeyIsRejected() throws IOException {
            Vector v = first();
            BlindRsaKeyPair other = BlindRsaKeyPair.generate(4096, CryptoFixtures.seeded(10));
            assertFalse(BlindRsa.verify(other.publicKey(), v.inputMsg(), v.sig()));
        }

        @Test
        void everyAlteredBlindSignatureFailsToFinalize() throws IOException {
            Vector v = first();
            BlindRsa.Blinding b = new BlindRsa.Blinding(v.blindedMsg(), v.inv());
            for (int i = 0; i < v.blindSig().length; i += 37) {
                byte[] bad = v.blindSig().clone();
                bad[i] ^= 0x04;
                assertThrows(InvalidBlindSignatureException.class,
                        () -> BlindRsa.finalizeSignature(v.key().publicKey(), v.inputMsg(), bad, b), "byte " + i);
                assertFalse(BlindSignatures.opens(v.key().publicKey(), v.blindedMsg(), bad), "byte " + i);
            }
            assertThrows(InvalidBlindSignatureException.class, () -> BlindRsa.finalizeSignature(v.key().publicKey(),
                    v.inputMsg(), Arrays.copyOf(v.blindSig(), v.blindSig().length - 1), b));
        }

        @Test
        void theSignerRejectsBlindedMessagesOfTheWrongLengthOrRange() throws IOException {
            Vector v = first();
            assertThrows(InvalidBlindSignatureException.class,
                    () -> v.key().blindSign(Arrays.copyOf(v.blindedMsg(), v.blindedMsg().length - 1)));
            byte[] high = new byte[v.blindedMsg().length];
            Arrays.fill(high, (byte) 0xff);
            assertThrows(InvalidBlindSignatureException.class, () -> v.key().blindSign(high));
        }

        @Test
        void keysOutsideTheBoundsAreRejected() {
            BigInteger small = BlindRsaKeyPair.generate(2048, CryptoFixtures.seeded(11)).publicKey().n().shiftRight(1);
            assertThrows(InvalidPublicKeyException.class, () -> BlindRsaPublicKey.of(small, BigInteger.valueOf(65537)));
            BigInteger even = BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.TWO);
            assertThrows(InvalidPublicKeyException.class, () -> BlindRsaPublicKey.of(even, BigInteger.valueOf(65537)));
            BigInteger n = BlindRsaKeyPair.generate(2048, CryptoFixtures.seeded(12)).publicKey().n();
            assertThrows(InvalidPublicKeyException.class, () -> BlindRsaPublicKey.of(n, BigInteger.valueOf(65536)));
        }
    }
}
