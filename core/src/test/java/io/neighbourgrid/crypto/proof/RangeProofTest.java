package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "contribution", "home-003");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(43);
    private static final BigInteger LO = BigInteger.valueOf(-1_000);
    private static final BigInteger HI = BigInteger.valueOf(1L << 40);

    private static PaillierPublicKey key() {
        return CryptoFixtures.keyPair(1024, 0).publicKey();
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** An encryption of x with its randomness. */
    record Encrypted(Ciphertext c, BigInteger rho) {
        static Encrypted of(PaillierPublicKey key, BigInteger x, SecureRandom random) {
            BigInteger n = key.modulus();
            BigInteger rho = NoSmallFactorProof.uniformUnit(n, random);
            BigInteger nn = key.modulusSquared();
            BigInteger c = BigInteger.ONE.add(x.mod(n).multiply(n)).multiply(rho.modPow(n, nn)).mod(nn);
            return new Encrypted(key.ciphertext(c), rho);
        }
    }

    private static RangeProof.Statement statement(Ciphertext c, BigInteger lo, BigInteger hi) {
        return new RangeProof.Statement(key(), c, lo, hi, params());
    }

    private static RangeProof proveValid(BigInteger x, BigInteger lo, BigInteger hi, Encrypted enc) {
        return RangeProof.prove(statement(enc.c(), lo, hi), x, enc.rho(), CONTEXT, RANDOM);
    }

    @Test
    void valuesAcrossTheRangeIncludingBothEndsProveAndVerifyAfterAnEncodingRoundTrip() {
        Random values = new Random(5);
        BigInteger[] xs = {LO, LO.add(BigInteger.ONE), HI, HI.subtract(BigInteger.ONE), BigInteger.ZERO,
            LO.add(new BigInteger(40, values).mod(HI.subtract(LO)))};
        for (BigInteger x : xs) {
            Encrypted enc = Encrypted.of(key(), x, RANDOM);
            RangeProof proof = proveValid(x, LO, HI, enc);
            RangeProof.Statement st = statement(enc.c(), LO, HI);
            proof.verify(st, CONTEXT);
            byte[] bytes = proof.toBytes();
            assertEquals(RangeProof.encodedLength(key().modulusBytes(), params().modulusBytes(),
                    HI.subtract(LO).bitLength()), bytes.length);
            RangeProof parsed = RangeProof.fromBase64(proof.toBase64());
            assertEquals(proof, parsed);
            assertArrayEquals(bytes, parsed.toBytes());
            parsed.verify(st, CONTEXT);
        }
    }

    @Test
    void aSinglePointRangeAndTheKeyHolderProve() {
        PaillierKeyPair pair = CryptoFixtures.keyPair(1024, 0);
        BigInteger seven = BigInteger.valueOf(7);
        Encrypted enc = Encrypted.of(key(), seven, RANDOM);
        proveValid(seven, seven, seven, enc).verify(statement(enc.c(), seven, seven), CONTEXT);
        Ciphertext sum = key().add(key().encrypt(BigInteger.valueOf(500), RANDOM),
                key().encrypt(BigInteger.valueOf(-1_200), RANDOM));
        RangeProof.Statement st = statement(sum, BigInteger.valueOf(-700), BigInteger.valueOf(-700));
        RangeProof.proveAsKeyHolder(pair.privateKey(), st, CONTEXT, RANDOM).verify(st, CONTEXT);
        assertThrows(ValueOutOfRangeException.class, () -> RangeProof.proveAsKeyHolder(pair.privateKey(),
                statement(sum, BigInteger.ZERO, BigInteger.TEN), CONTEXT, RANDOM));
    }

    @Test
    void anHonestProverRefusesValuesOutsideTheRange() {
        for (BigInteger x : new BigInteger[] {LO.subtract(BigInteger.ONE), HI.add(BigInteger.ONE)}) {
            Encrypted enc = Encrypted.of(key(), x, RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> proveValid(x, LO, HI, enc));
        }
        Encrypted enc = Encrypted.of(key(), BigInteger.TEN, RANDOM);
        assertThrows(IllegalArgumentException.class, () -> proveValid(BigInteger.ONE, LO, HI, enc));
    }

    @Test
    void aProverOfAValueJustOutsideEitherEndIsCaught() {
        for (BigInteger x : new BigInteger[] {LO.subtract(BigInteger.ONE), HI.add(BigInteger.ONE),
            LO.subtract(BigInteger.valueOf(1L << 30)), HI.add(HI)}) {
            Encrypted enc = Encrypted.of(key(), x, RANDOM);
            RangeProof.Statement st = statement(enc.c(), LO, HI);
            RangeProof forged = RangeProof.attempt(st, x, enc.rho(), CONTEXT, RANDOM);
            assertThrows(InvalidProofException.class, () -> forged.verify(st, CONTEXT), "x = " + x);
        }
    }

    @Test
    void aProofDoesNotCarryOverToAnotherCiphertextContextRangeKeyOrParameterSet() {
        BigInteger x = BigInteger.valueOf(99);
        Encrypted enc = Encrypted.of(key(), x, RANDOM);
        RangeProof proof = proveValid(x, LO, HI, enc);
        Ciphertext other = Encrypted.of(key(), x, RANDOM).c();
        assertThrows(InvalidProofException.class, () -> proof.verify(statement(other, LO, HI), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(statement(enc.c(), LO, HI),
                new ProofContext("ng-channel", 13, "contribution", "home-003")));
        assertThrows(InvalidProofException.class, () -> proof.verify(statement(enc.c(), LO, HI),
                new ProofContext("ng-channel", 12, "contribution", "home-004")));
        assertThrows(InvalidProofException.class, () -> proof.verify(statement(enc.c(), LO.add(BigInteger.ONE), HI),
                CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(statement(enc.c(), LO,
                HI.subtract(BigInteger.ONE)), CONTEXT));
        assertThrows(InvalidProofException.class, () -> proof.verify(new RangeProof.Statement(key(), enc.c(), LO, HI,
                RingPedersenFixtures.kat().parameters()), CONTEXT));
        PaillierPublicKey otherKey = CryptoFixtures.keyPair(1024, 1).publicKey();
        assertThrows(InvalidProofException.class, () -> proof.verify(new RangeProof.Statement(otherKey,
                otherKey.encrypt(x, RANDOM), LO, HI, params()), CONTEXT));
    }

    @Test
    void everyIntegerAlteredByOneIsRejected() {
        BigInteger x = BigInteger.valueOf(123_456_789);
        Encrypted enc = Encrypted.of(key(), x, RANDOM);
        RangeProof proof = proveValid(x, LO, HI, enc);
        RangeProof.Statement st = statement(enc.c(), LO, HI);
        BigInteger[] fields = proof.fields();
        for (int i = 0; i < fields.length; i++) {
            for (BigInteger delta : new BigInteger[] {BigInteger.ONE, BigInteger.ONE.negate()}) {
                BigInteger[] altered = fields.clone();
                altered[i] = altered[i].add(delta);
                RangeProof bad = proof.withFields(altered);
                assertThrows(InvalidProofException.class, () -> bad.verify(st, CONTEXT), "field " + i + " + " + delta);
            }
        }
    }

    @Test
    void flippedBytesAreRejectedAsMalformedOrInvalid() {
        BigInteger x = BigInteger.valueOf(42);
        Encrypted enc = Encrypted.of(key(), x, RANDOM);
        RangeProof.Statement st = statement(enc.c(), LO, HI);
        byte[] bytes = proveValid(x, LO, HI, enc).toBytes();
        Random positions = new Random(6);
        for (int k = 0; k < 300; k++) {
            int at = k < 50 ? k : positions.nextInt(bytes.length);
            byte[] altered = bytes.clone();
            altered[at] ^= (byte) (1 << positions.nextInt(8));
            assertThrows(CryptoException.class, () -> RangeProof.fromBytes(altered).verify(st, CONTEXT), "byte " + at);
        }
        assertThrows(MalformedEncodingException.class, () -> RangeProof.fromBytes(Arrays.copyOf(bytes,
                bytes.length - 1)));
    }

    @Test
    void batchVerificationAcceptsValidProofsAndNamesTheInvalidOne() {
        int n = 20;
        List<RangeProof.Statement> sts = new ArrayList<>();
        List<RangeProof> proofs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigInteger x = BigInteger.valueOf(1_000L * i);
            Encrypted enc = Encrypted.of(key(), x, RANDOM);
            sts.add(statement(enc.c(), LO, HI));
            proofs.add(proveValid(x, LO, HI, enc));
        }
        List<ProofContext> contexts = Collections.nCopies(n, CONTEXT);
        assertEquals(-1, RangeProof.firstInvalid(sts, proofs, contexts, RANDOM));
        BigInteger outside = HI.add(BigInteger.ONE);
        Encrypted bad = Encrypted.of(key(), outside, RANDOM);
        RangeProof.Statement badSt = statement(bad.c(), LO, HI);
        RangeProof forged = RangeProof.attempt(badSt, outside, bad.rho(), CONTEXT, RANDOM);
        for (int at = 0; at < n; at++) {
            List<RangeProof.Statement> s = new ArrayList<>(sts);
            List<RangeProof> p = new ArrayList<>(proofs);
            s.set(at, badSt);
            p.set(at, forged);
            assertEquals(at, RangeProof.firstInvalid(s, p, contexts, RANDOM));
        }
    }

    @Test
    void knownAnswer() throws NoSuchAlgorithmException {
        PaillierKeyPair pair = CryptoFixtures.keyPair(1024, 0);
        RingPedersenParameters kat = RingPedersenFixtures.kat().parameters();
        SecureRandom random = CryptoFixtures.seeded(2024);
        Encrypted enc = Encrypted.of(pair.publicKey(), BigInteger.valueOf(31_337), random);
        RangeProof.Statement st = new RangeProof.Statement(pair.publicKey(), enc.c(), BigInteger.valueOf(-5),
                BigInteger.valueOf(1L << 44), kat);
        RangeProof proof = RangeProof.prove(st, BigInteger.valueOf(31_337), enc.rho(), CryptoFixtures.context(),
                random);
        proof.verify(st, CryptoFixtures.context());
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(proof.toBytes()));
        assertEquals("7b357ea158dd76faaad93726eb63a807699ba1e0d8b9d2ce2d6cfa32a28bd66b", digest);
    }
}
