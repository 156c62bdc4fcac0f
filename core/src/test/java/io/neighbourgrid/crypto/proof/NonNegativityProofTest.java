package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NonNegativityProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "pricing", "home-003");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(41);
    private static final int BITS = 64;

    private static PaillierKeyPair pair() {
        return CryptoFixtures.keyPair(1024, 0);
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** c = (1 + N)^x rho^N mod N^2 for a fresh rho; returns {c, rho}. */
    private static Object[] encrypt(PaillierPublicKey key, BigInteger x, SecureRandom random) {
        BigInteger n = key.modulus();
        BigInteger rho;
        do {
            rho = new BigInteger(n.bitLength() - 1, random);
        } while (rho.signum() == 0 || !rho.gcd(n).equals(BigInteger.ONE));
        BigInteger nn = key.modulusSquared();
        BigInteger c = BigInteger.ONE.add(n).modPow(x.mod(n), nn).multiply(rho.modPow(n, nn)).mod(nn);
        return new Object[] {key.ciphertext(c), rho};
    }

    private static NonNegativityProof prove(BigInteger x, Ciphertext c, BigInteger rho) {
        return NonNegativityProof.prove(pair().publicKey(), c, x, rho, BITS, params(), CONTEXT, RANDOM);
    }

    @Test
    void valuesAcrossTheRangeProveAndVerifyAfterAnEncodingRoundTrip() {
        Random values = new Random(5);
        BigInteger[] xs = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(7),
            BigInteger.ONE.shiftLeft(BITS).subtract(BigInteger.ONE), new BigInteger(BITS, values),
            new BigInteger(BITS / 2, values), BigInteger.valueOf(1_000_003)};
        PaillierPublicKey key = pair().publicKey();
        for (BigInteger x : xs) {
            Object[] enc = encrypt(key, x, RANDOM);
            Ciphertext c = (Ciphertext) enc[0];
            NonNegativityProof proof = prove(x, c, (BigInteger) enc[1]);
            proof.verify(key, c, BITS, params(), CONTEXT);
            byte[] bytes = proof.toBytes();
            assertEquals(NonNegativityProof.encodedLength(key.modulusBytes(), params().modulusBytes(), BITS),
                    bytes.length);
            NonNegativityProof parsed = NonNegativityProof.fromBase64(proof.toBase64());
            assertEquals(proof, parsed);
            assertArrayEquals(bytes, parsed.toBytes());
            parsed.verify(key, c, BITS, params(), CONTEXT);
        }
    }

    @Test
    void theKeyHolderProvesAnyCiphertextUnderItsKeyAndAProductOfCiphertexts() {
        PaillierKeyPair pair = pair();
        PaillierPublicKey key = pair.publicKey();
        Ciphertext a = key.encrypt(BigInteger.valueOf(5_000), RANDOM);
        Ciphertext b = key.encrypt(BigInteger.valueOf(-1_200), RANDOM);
        Ciphertext sum = key.add(a, b);
        NonNegativityProof proof = NonNegativityProof.proveAsKeyHolder(pair.privateKey(), sum, BITS, params(),
                CONTEXT, RANDOM);
        proof.verify(key, sum, BITS, params(), CONTEXT);
        assertThrows(ValueOutOfRangeException.class, () -> NonNegativityProof.proveAsKeyHolder(pair.privateKey(), b,
                BITS, params(), CONTEXT, RANDOM));
    }

    @Test
    void anHonestProverRefusesValuesOutsideItsRange() {
        PaillierPublicKey key = pair().publicKey();
        for (BigInteger x : new BigInteger[] {BigInteger.valueOf(-1), BigInteger.ONE.shiftLeft(BITS)}) {
            Object[] enc = encrypt(key, x, RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> prove(x, (Ciphertext) enc[0], (BigInteger) enc[1]));
        }
        Object[] enc = encrypt(key, BigInteger.TEN, RANDOM);
        assertThrows(IllegalArgumentException.class, () -> prove(BigInteger.ONE, (Ciphertext) enc[0],
                (BigInteger) enc[1]));
    }

    @Test
    void aProverThatWritesANegativeValueAsSquaresIsCaught() {
        PaillierPublicKey key = pair().publicKey();
        NonNegativityProof.Layout layout = NonNegativityProof.Layout.of(key.modulusBytes(), params().modulusBytes(),
                BITS);
        for (long v : new long[] {-1, -2, -1_000_000, -(1L << 40)}) {
            BigInteger x = BigInteger.valueOf(v);
            Object[] enc = encrypt(key, x, RANDOM);
            Ciphertext c = (Ciphertext) enc[0];
            NonNegativityProof forged = NonNegativityProof.attempt(key, c, x, (BigInteger) enc[1], layout, params(),
                    CONTEXT, RANDOM);
            assertThrows(InvalidProofException.class, () -> forged.verify(key, c, BITS, params(), CONTEXT), "x = " + v);
        }
    }

    @Test
    void aProofDoesNotCarryOverToAnotherCiphertextContextRangeOrParameterSet() {
        PaillierPublicKey key = pair().publicKey();
        Object[] enc = encrypt(key, BigInteger.valueOf(99), RANDOM);
        Ciphertext c = (Ciphertext) enc[0];
        NonNegativityProof proof = prove(BigInteger.valueOf(99), c, (BigInteger) enc[1]);
        Ciphertext other = (Ciphertext) encrypt(key, BigInteger.valueOf(99), RANDOM)[0];
        assertThrows(InvalidProofException.class, () -> proof.verify(key, other, BITS, params(), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(key, c, BITS, params(),
                new ProofContext("ng-channel", 13, "pricing", "home-003")));
        assertThrows(InvalidProofException.class, () -> proof.verify(key, c, BITS, params(),
                new ProofContext("ng-channel", 12, "pricing", "home-004")));
        assertThrows(InvalidProofException.class, () -> proof.verify(key, c, BITS + 1, params(), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(key, c, BITS,
                RingPedersenFixtures.kat().parameters(), CONTEXT));
        PaillierPublicKey otherKey = CryptoFixtures.keyPair(1024, 1).publicKey();
        assertThrows(InvalidProofException.class, () -> proof.verify(otherKey,
                otherKey.encrypt(BigInteger.valueOf(99), RANDOM), BITS, params(), CONTEXT));
    }

    @Test
    void everyTamperedIntegerIsRejected() {
        PaillierPublicKey key = pair().publicKey();
        Object[] enc = encrypt(key, BigInteger.valueOf(123_456_789), RANDOM);
        Ciphertext c = (Ciphertext) enc[0];
        NonNegativityProof proof = prove(BigInteger.valueOf(123_456_789), c, (BigInteger) enc[1]);
        BigInteger[] fields = proof.fields();
        for (int i = 0; i < fields.length; i++) {
            for (BigInteger delta : new BigInteger[] {BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.TWO}) {
                BigInteger[] altered = fields.clone();
                altered[i] = altered[i].add(delta);
                NonNegativityProof bad = proof.withFields(altered);
                int field = i;
                assertThrows(InvalidProofException.class, () -> bad.verify(key, c, BITS, params(), CONTEXT),
                        "field " + field + " + " + delta);
            }
        }
    }

    @Test
    void everyFlippedByteIsRejectedAsMalformedOrInvalid() {
        PaillierPublicKey key = pair().publicKey();
        Object[] enc = encrypt(key, BigInteger.valueOf(42), RANDOM);
        Ciphertext c = (Ciphertext) enc[0];
        byte[] bytes = prove(BigInteger.valueOf(42), c, (BigInteger) enc[1]).toBytes();
        Random positions = new Random(6);
        for (int k = 0; k < 300; k++) {
            int at = k < 50 ? k : positions.nextInt(bytes.length);
            byte[] altered = bytes.clone();
            altered[at] ^= (byte) (1 << positions.nextInt(8));
            assertThrows(CryptoException.class, () -> NonNegativityProof.fromBytes(altered).verify(key, c, BITS,
                    params(), CONTEXT), "byte " + at);
        }
        assertThrows(MalformedEncodingException.class, () -> NonNegativityProof.fromBytes(
                java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(MalformedEncodingException.class, () -> NonNegativityProof.fromBytes(
                java.util.Arrays.copyOf(bytes, bytes.length + 1)));
    }

    @Test
    void theSizesAreTheDocumentedOnes() {
        assertEquals(5599, NonNegativityProof.encodedLength(256, 256, 64));
        assertTrue(NonNegativityProof.encodedLength(256, 256, 128) < 6000);
        assertEquals(BigInteger.ONE.shiftLeft(64 + 128 + 128 + 2), NonNegativityProof.provenBound(64));
        assertThrows(ValueOutOfRangeException.class, () -> NonNegativityProof.Layout.of(32, 64, 64));
    }

    @Test
    void knownAnswer() throws NoSuchAlgorithmException {
        PaillierKeyPair pair = CryptoFixtures.keyPair(1024, 0);
        RingPedersenParameters kat = RingPedersenFixtures.kat().parameters();
        SecureRandom random = CryptoFixtures.seeded(2024);
        Object[] enc = encrypt(pair.publicKey(), BigInteger.valueOf(31_337), random);
        NonNegativityProof proof = NonNegativityProof.prove(pair.publicKey(), (Ciphertext) enc[0],
                BigInteger.valueOf(31_337), (BigInteger) enc[1], 32, kat, CryptoFixtures.context(), random);
        proof.verify(pair.publicKey(), (Ciphertext) enc[0], 32, kat, CryptoFixtures.context());
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(proof.toBytes()));
        assertEquals("e753733e2c9353b9e75ccfd3f22ea6fdbb7c8119e3f129d1587a1fbb22ed625e", digest);
    }
}
