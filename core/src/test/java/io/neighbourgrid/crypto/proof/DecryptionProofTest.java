package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidCiphertextException;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DecryptionProofTest {

    private static final PaillierKeyPair KEYS = CryptoFixtures.keyPair(512, 0);
    private static final PaillierPublicKey PK = KEYS.publicKey();
    private static final PaillierPrivateKey SK = KEYS.privateKey();
    private static final ProofContext CONTEXT = CryptoFixtures.context();
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(3);

    private static byte[] encode(PaillierPublicKey key, BigInteger a, BigInteger z) {
        return new Bytes.Writer().u8(1).fixed(a, key.ciphertextBytes()).fixed(z, key.modulusBytes()).toByteArray();
    }

    @Nested
    class KnownAnswers {
        private final PaillierPrivateKey key = CryptoFixtures.katKey();
        private final PaillierPublicKey pk = key.publicKey();
        private final BigInteger r = CryptoFixtures.KAT_R;
        private final Ciphertext c = pk.ciphertext(BigInteger.ONE.add(BigInteger.valueOf(42).multiply(pk.modulus()))
                .multiply(r.modPow(pk.modulus(), pk.modulusSquared())).mod(pk.modulusSquared()));
        private final BigInteger a = new BigInteger("18643615391984911324803302694665263670751697788177106321055928933818"
                + "98094118610800921647856850927101538099056738628355316967745924503586340227299624147035");
        private final BigInteger z = new BigInteger(
                "59333596359127630715587990349711021201537048085809212958308167716638396752171");

        @Test
        void theChallengeIsPinnedToTheTranscriptEncoding() {
            assertEquals(new BigInteger("122697322341315416221173042996446047384"),
                    DecryptionProof.challenge(pk, c, BigInteger.valueOf(42), a, CONTEXT));
        }

        @Test
        void theIndependentlyComputedProofVerifiesAndReEncodesToTheSameBytes() {
            byte[] bytes = encode(pk, a, z);
            DecryptionProof proof = DecryptionProof.fromBytes(pk, bytes);
            proof.verify(c, BigInteger.valueOf(42), CONTEXT);
            assertArrayEquals(bytes, proof.toBytes());
            assertEquals(1 + 64 + 32, bytes.length);
        }
    }

    @Nested
    class Completeness {

        @Test
        void proofsOfSignedAndEdgePlaintextsVerify() {
            BigInteger bound = DecryptionProof.maxProvableMagnitude(PK);
            Random random = new Random(4);
            List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
                    bound, bound.negate()));
            for (int i = 0; i < 10; i++) {
                BigInteger v = new BigInteger(1 + random.nextInt(300), random);
                values.add(random.nextBoolean() ? v : v.negate());
            }
            for (BigInteger m : values) {
                Ciphertext c = PK.encrypt(m, RANDOM);
                DecryptionProof proof = DecryptionProof.prove(SK, c, m, CONTEXT, RANDOM);
                proof.verify(c, m, CONTEXT);
                DecryptionProof.fromBase64(PK, proof.toBase64()).verify(c, m, CONTEXT);
            }
        }

        @Test
        void aHomomorphicAggregateCanBeProven() {
            List<Ciphertext> parts = new ArrayList<>();
            long total = 0;
            for (long v = -5; v <= 20; v++) {
                parts.add(PK.encrypt(BigInteger.valueOf(v * 1_000_003), RANDOM));
                total += v * 1_000_003;
            }
            Ciphertext sum = PK.sum(parts);
            DecryptionProof.prove(SK, sum, BigInteger.valueOf(total), CONTEXT, RANDOM)
                    .verify(sum, BigInteger.valueOf(total), CONTEXT);
        }

        @Test
        void a2048BitProofVerifies() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(2048, 0);
            Ciphertext c = pair.publicKey().encrypt(BigInteger.valueOf(-987_654_321L), RANDOM);
            DecryptionProof proof = DecryptionProof.prove(pair.privateKey(), c, BigInteger.valueOf(-987_654_321L),
                    CONTEXT, RANDOM);
            assertEquals(1 + 512 + 256, proof.toBytes().length);
            DecryptionProof.fromBytes(pair.publicKey(), proof.toBytes()).verify(c, BigInteger.valueOf(-987_654_321L), CONTEXT);
        }
    }

    @Nested
    class Prover {
        private final DecryptionProver prover = new DecryptionProver(SK);

        @Test
        void theCommitmentIsAnEncryptionOfZeroAndTheProofVerifies() {
            for (long v : new long[] {0, 1, -1, 987_654_321, -123_456_789_012L}) {
                BigInteger m = BigInteger.valueOf(v);
                Ciphertext c = PK.encrypt(m, RANDOM);
                DecryptionProof proof = prover.prove(c, m, CONTEXT, RANDOM);
                // a = s^N mod N^2 is Enc(0; s): computed modulo p^2 and q^2, it must still be an N-th residue.
                assertEquals(BigInteger.ZERO, SK.decryptResidue(PK.ciphertext(proof.commitment())));
                proof.verify(c, m, CONTEXT);
            }
        }

        @Test
        void decryptAndProveClaimsTheSignedPlaintextOnce() {
            BigInteger m = BigInteger.valueOf(-4_242);
            Ciphertext c = PK.encrypt(m, RANDOM);
            DecryptionClaim claim = prover.decryptAndProve(c, CONTEXT, RANDOM);
            assertEquals(m, claim.plaintext());
            assertEquals(c, claim.ciphertext());
            claim.proof().verify(c, m, CONTEXT);
        }

        @Test
        void freshRandomnessGivesFreshCommitments() {
            Ciphertext c = PK.encrypt(BigInteger.TEN, RANDOM);
            DecryptionProof first = prover.prove(c, BigInteger.TEN, CONTEXT, RANDOM);
            DecryptionProof second = prover.prove(c, BigInteger.TEN, CONTEXT, RANDOM);
            assertNotEquals(first.commitment(), second.commitment());
            first.verify(c, BigInteger.TEN, CONTEXT);
            second.verify(c, BigInteger.TEN, CONTEXT);
        }

        @Test
        void theProverRefusesWrongPlaintextsForeignCiphertextsAndUnprovableValues() {
            Ciphertext c = PK.encrypt(BigInteger.valueOf(5), RANDOM);
            assertThrows(IllegalArgumentException.class, () -> prover.prove(c, BigInteger.valueOf(6), CONTEXT, RANDOM));
            Ciphertext foreign = CryptoFixtures.keyPair(512, 1).publicKey().encrypt(BigInteger.ONE, RANDOM);
            assertThrows(InvalidCiphertextException.class, () -> prover.decryptAndProve(foreign, CONTEXT, RANDOM));
            BigInteger beyond = DecryptionProof.maxProvableMagnitude(PK).add(BigInteger.ONE);
            Ciphertext big = PK.encrypt(beyond, RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> prover.decryptAndProve(big, CONTEXT, RANDOM));
        }

        @Test
        void keysWithEitherPrimeLargerProveCorrectly() {
            PaillierPrivateKey swapped = new PaillierPrivateKey(SK.secretPrimeQ(), SK.secretPrimeP());
            BigInteger m = BigInteger.valueOf(31_337);
            Ciphertext c = PK.encrypt(m, RANDOM);
            new DecryptionProver(swapped).prove(c, m, CONTEXT, RANDOM).verify(c, m, CONTEXT);
        }

        @Test
        void itShowsOnlyTheKeyFingerprint() {
            assertEquals("DecryptionProver[" + PK.fingerprint() + "]", prover.toString());
            assertEquals(PK, prover.publicKey());
        }
    }

    @Nested
    class Soundness {
        private final BigInteger m = BigInteger.valueOf(123_456);
        private final Ciphertext c = PK.encrypt(m, RANDOM);
        private final DecryptionProof proof = DecryptionProof.prove(SK, c, m, CONTEXT, RANDOM);

        @Test
        void theProverRefusesAWrongPlaintext() {
            assertThrows(IllegalArgumentException.class,
                    () -> DecryptionProof.prove(SK, c, m.add(BigInteger.ONE), CONTEXT, RANDOM));
        }

        @Test
        void aProofDoesNotVerifyForAnyOtherPlaintext() {
            for (BigInteger other : List.of(m.add(BigInteger.ONE), m.negate(), BigInteger.ZERO,
                    m.add(PK.modulus()), m.subtract(PK.modulus()))) {
                assertThrows(InvalidProofException.class, () -> proof.verify(c, other, CONTEXT), other.toString());
            }
        }

        @Test
        void aProofDoesNotVerifyForAnotherEncryptionOfTheSamePlaintext() {
            Ciphertext again = PK.encrypt(m, RANDOM);
            assertThrows(InvalidProofException.class, () -> proof.verify(again, m, CONTEXT));
        }

        @Test
        void aCiphertextOfAnotherKeyIsRejected() {
            PaillierPublicKey other = CryptoFixtures.keyPair(512, 1).publicKey();
            InvalidProofException e = assertThrows(InvalidProofException.class,
                    () -> proof.verify(other.encrypt(m, RANDOM), m, CONTEXT));
            assertTrue(e.getMessage().contains("another Paillier key"), e.getMessage());
            assertThrows(InvalidCiphertextException.class,
                    () -> DecryptionProof.prove(SK, other.encrypt(m, RANDOM), m, CONTEXT, RANDOM));
        }

        @Test
        void plaintextsBeyondTheProvableBoundAreRefusedByProverAndVerifier() {
            BigInteger beyond = DecryptionProof.maxProvableMagnitude(PK).add(BigInteger.ONE);
            Ciphertext big = PK.encrypt(beyond, RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> DecryptionProof.prove(SK, big, beyond, CONTEXT, RANDOM));
            InvalidProofException e = assertThrows(InvalidProofException.class, () -> proof.verify(big, beyond, CONTEXT));
            assertTrue(e.getMessage().contains("provable bound"), e.getMessage());
        }

        @Test
        void proofElementsOutOfRangeAreRejectedWhenParsed() {
            BigInteger two = BigInteger.TWO;
            for (BigInteger[] az : List.of(new BigInteger[] {BigInteger.ZERO, two},
                    new BigInteger[] {PK.modulusSquared(), two}, new BigInteger[] {two, BigInteger.ZERO},
                    new BigInteger[] {two, PK.modulus()})) {
                assertThrows(MalformedEncodingException.class, () -> DecryptionProof.fromBytes(PK, encode(PK, az[0], az[1])));
            }
            byte[] good = proof.toBytes();
            byte[] version = good.clone();
            version[0] = 0;
            for (byte[] bad : List.of(version, java.util.Arrays.copyOf(good, good.length - 1),
                    java.util.Arrays.copyOf(good, good.length + 1))) {
                assertThrows(MalformedEncodingException.class, () -> DecryptionProof.fromBytes(PK, bad));
            }
        }

        @Test
        void proofElementsThatAreNotUnitsAreNamedByTheVerifier() {
            BigInteger p = SK.secretPrimeP();
            DecryptionProof badA = DecryptionProof.fromBytes(PK, encode(PK, p.multiply(BigInteger.TEN), BigInteger.TWO));
            DecryptionProof badZ = DecryptionProof.fromBytes(PK, encode(PK, BigInteger.TWO, p));
            InvalidProofException ea = assertThrows(InvalidProofException.class, () -> badA.verify(c, m, CONTEXT));
            assertTrue(ea.getMessage().contains("gcd(a, N)"), ea.getMessage());
            InvalidProofException ez = assertThrows(InvalidProofException.class, () -> badZ.verify(c, m, CONTEXT));
            assertTrue(ez.getMessage().contains("gcd(z, N)"), ez.getMessage());
        }

        /**
         * A modulus pq with a 10-bit prime p passes the modulus checks and the key proof, and for it a wrong
         * plaintext m + q can be "proven" by guessing e mod p (about p hash attempts). The plaintext bound is
         * what rejects the forgery: m + q is far beyond N / 2^130.
         */
        @Test
        void aForgedProofForAKeyWithASmallPrimeFactorIsStoppedByThePlaintextBound() {
            Random random = new Random(1019);
            BigInteger small = BigInteger.valueOf(1019);
            BigInteger large;
            do {
                large = BigInteger.probablePrime(256, random);
            } while (large.mod(BigInteger.valueOf(4)).intValue() != 3);
            BigInteger n = small.multiply(large);
            PaillierPublicKey weak = PaillierPublicKey.of(n);
            KeyCorrectnessProof.fromBytes(ModulusProofForger.forge(n, List.of(small, large), CONTEXT, random))
                    .verify(weak, CONTEXT);

            BigInteger n2 = weak.modulusSquared();
            BigInteger r = BigInteger.valueOf(987_654_321);
            BigInteger m = BigInteger.valueOf(1000);
            Ciphertext c = weak.ciphertext(BigInteger.ONE.add(m.multiply(n)).multiply(r.modPow(n, n2)).mod(n2));
            BigInteger claimed = m.add(large);
            BigInteger u = DecryptionProof.statementElement(weak, c, claimed);
            DecryptionProof forged = null;
            for (int attempt = 0; attempt < 100_000 && forged == null; attempt++) {
                BigInteger s = BigInteger.valueOf(31_337 + attempt);
                if (!s.gcd(n).equals(BigInteger.ONE)) {
                    continue;
                }
                int g = attempt % 1019;
                // a = (1+N)^{g q} s^N, so a * u^e = (1+N)^{(g - e) q} (s r^e)^N: an N-th power iff e = g mod p.
                BigInteger a = BigInteger.ONE.add(BigInteger.valueOf(g).multiply(large).multiply(n))
                        .multiply(s.modPow(n, n2)).mod(n2);
                BigInteger e = DecryptionProof.challenge(weak, c, claimed, a, CONTEXT);
                if (e.mod(small).intValue() == g) {
                    BigInteger z = s.multiply(r.modPow(e, n)).mod(n);
                    assertEquals(z.modPow(n, n2), a.multiply(u.modPow(e, n2)).mod(n2), "z^N = a u^e holds");
                    forged = DecryptionProof.fromBytes(weak, encode(weak, a, z));
                }
            }
            assertTrue(forged != null, "the forgery succeeds against the bare equation");
            DecryptionProof proofOfWrongPlaintext = forged;
            InvalidProofException e = assertThrows(InvalidProofException.class,
                    () -> proofOfWrongPlaintext.verify(c, claimed, CONTEXT));
            assertTrue(e.getMessage().contains("provable bound"), e.getMessage());
        }
    }

    @Nested
    class Tampering {
        private final BigInteger m = BigInteger.valueOf(-4_200_000);
        private final Ciphertext c = PK.encrypt(m, RANDOM);
        private final DecryptionProof proof = DecryptionProof.prove(SK, c, m, CONTEXT, RANDOM);

        @Test
        void everyBitOfTheSerialisedProofIsProtected() {
            byte[] bytes = proof.toBytes();
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] mutated = bytes.clone();
                mutated[bit / 8] ^= (byte) (1 << (bit % 8));
                int at = bit;
                assertThrows(CryptoException.class,
                        () -> DecryptionProof.fromBytes(PK, mutated).verify(c, m, CONTEXT), "bit " + at);
            }
        }

        @Test
        void everyBitOfTheStatementCiphertextIsProtected() {
            byte[] bytes = c.toBytes();
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] mutated = bytes.clone();
                mutated[bit / 8] ^= (byte) (1 << (bit % 8));
                int at = bit;
                assertThrows(CryptoException.class, () -> proof.verify(PK.ciphertext(mutated), m, CONTEXT), "bit " + at);
            }
        }

        @Test
        void everyBitOfTheStatementPlaintextIsProtected() {
            for (int bit = 0; bit < PK.bits() + 8; bit++) {
                BigInteger mutated = m.flipBit(bit);
                assertThrows(InvalidProofException.class, () -> proof.verify(c, mutated, CONTEXT), "bit " + bit);
            }
            assertThrows(InvalidProofException.class, () -> proof.verify(c, m.negate(), CONTEXT));
        }

        @Test
        void everyCharacterAndBitOfTheContextIsProtected() {
            List<ProofContext> variants = new ArrayList<>();
            for (int i = 0; i < CONTEXT.channel().length(); i++) {
                variants.add(new ProofContext(flip(CONTEXT.channel(), i), CONTEXT.window(), CONTEXT.phase(), CONTEXT.prover()));
            }
            for (int i = 0; i < CONTEXT.phase().length(); i++) {
                variants.add(new ProofContext(CONTEXT.channel(), CONTEXT.window(), flip(CONTEXT.phase(), i), CONTEXT.prover()));
            }
            for (int i = 0; i < CONTEXT.prover().length(); i++) {
                variants.add(new ProofContext(CONTEXT.channel(), CONTEXT.window(), CONTEXT.phase(), flip(CONTEXT.prover(), i)));
            }
            for (int bit = 0; bit < 63; bit++) {
                variants.add(new ProofContext(CONTEXT.channel(), CONTEXT.window() ^ (1L << bit), CONTEXT.phase(), CONTEXT.prover()));
            }
            variants.add(new ProofContext(CONTEXT.channel() + "x", CONTEXT.window(), CONTEXT.phase(), CONTEXT.prover()));
            for (ProofContext other : variants) {
                assertThrows(InvalidProofException.class, () -> proof.verify(c, m, other), other.toString());
            }
        }

        private String flip(String s, int i) {
            char[] chars = s.toCharArray();
            chars[i] ^= 1;
            return new String(chars);
        }
    }
}
