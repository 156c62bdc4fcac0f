package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.InvalidPublicKeyException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.math.NumberTheory;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyCorrectnessProofTest {

    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 0, "registration", "home-007");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(21);

    private static BigInteger blumPrime(int bits, Random random, int residueMod4) {
        while (true) {
            BigInteger candidate = BigInteger.probablePrime(bits, random);
            if (candidate.mod(BigInteger.valueOf(4)).intValue() == residueMod4) {
                return candidate;
            }
        }
    }

    private static void assertRejectedBy(String check, byte[] proof, PaillierPublicKey key) {
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> KeyCorrectnessProof.fromBytes(proof).verify(key, CONTEXT));
        assertTrue(e.getMessage().contains(check), e.getMessage());
    }

    @Nested
    class HonestKeys {

        @Test
        void aGeneratedKeyProvesAndVerifies() {
            for (int bits : new int[] {512, 1024}) {
                PaillierKeyPair pair = CryptoFixtures.keyPair(bits, 0);
                KeyCorrectnessProof proof = KeyCorrectnessProof.prove(pair.privateKey(), CONTEXT, RANDOM);
                proof.verify(pair.publicKey(), CONTEXT);
            }
        }

        @Test
        void a2048BitKeyProvesAndVerifiesAfterAnEncodingRoundTrip() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(2048, 0);
            KeyCorrectnessProof proof = KeyCorrectnessProof.prove(pair.privateKey(), CONTEXT, RANDOM);
            KeyCorrectnessProof.fromBase64(proof.toBase64()).verify(pair.publicKey(), CONTEXT);
        }

        @Test
        void theEncodingHasTheDocumentedLayoutAndRoundTrips() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(512, 0);
            KeyCorrectnessProof proof = KeyCorrectnessProof.prove(pair.privateKey(), CONTEXT, RANDOM);
            byte[] bytes = proof.toBytes();
            assertEquals(6 + 64 + 80 * (1 + 2 * 64), bytes.length);
            assertArrayEquals(new byte[] {1, 0, 0, 0, 64, 80}, java.util.Arrays.copyOf(bytes, 6));
            assertEquals(proof, KeyCorrectnessProof.fromBytes(bytes));
            assertArrayEquals(bytes, KeyCorrectnessProof.fromBase64(proof.toBase64()).toBytes());
        }

        @Test
        void keysWhosePrimesAreNotThreeModFourCannotBeProven() {
            Random random = new Random(5);
            PaillierPrivateKey nonBlum = new PaillierPrivateKey(blumPrime(256, random, 1), blumPrime(256, random, 3));
            assertThrows(InvalidPublicKeyException.class, () -> KeyCorrectnessProof.prove(nonBlum, CONTEXT, RANDOM));
        }
    }

    @Nested
    class KnownAnswers {

        @Test
        void theChallengesArePinnedToTheTranscriptEncoding() {
            PaillierPublicKey key = CryptoFixtures.katKey().publicKey();
            BigInteger w = new BigInteger("1111222233334444555566667777", 16);
            BigInteger[] y = KeyCorrectnessProof.challenges(key, w, CryptoFixtures.context());
            assertEquals(80, y.length);
            assertEquals(new BigInteger(
                    "38833707337847487177948023461084714115932125957837020239666821429083231103739"), y[0]);
            assertEquals(new BigInteger(
                    "24197692702647852370933697412416153932813034339683719121291342157760994660537"), y[79]);
        }

        @Test
        void theJacobiSymbolIsTheProductOfTheLegendreSymbols() {
            PaillierPrivateKey key = CryptoFixtures.katKey();
            BigInteger p = key.secretPrimeP();
            BigInteger q = key.secretPrimeQ();
            Random random = new Random(9);
            for (int i = 0; i < 200; i++) {
                BigInteger a = new BigInteger(300, random);
                assertEquals(legendre(a, p) * legendre(a, q), NumberTheory.jacobi(a, p.multiply(q)));
            }
            assertEquals(0, NumberTheory.jacobi(p, p.multiply(q)));
            assertEquals(-1, NumberTheory.jacobi(BigInteger.TWO, BigInteger.valueOf(3)));
            assertEquals(1, NumberTheory.jacobi(BigInteger.TWO, BigInteger.valueOf(7)));
        }

        private int legendre(BigInteger a, BigInteger p) {
            BigInteger s = a.mod(p).modPow(p.subtract(BigInteger.ONE).shiftRight(1), p);
            return s.signum() == 0 ? 0 : s.equals(BigInteger.ONE) ? 1 : -1;
        }
    }

    @Nested
    class Binding {
        private final PaillierKeyPair pair = CryptoFixtures.keyPair(512, 0);
        private final KeyCorrectnessProof proof = KeyCorrectnessProof.prove(pair.privateKey(), CONTEXT, RANDOM);

        @Test
        void everyFieldOfTheContextIsBound() {
            for (ProofContext other : List.of(
                    new ProofContext("ng-channel2", 0, "registration", "home-007"),
                    new ProofContext("ng-channel", 1, "registration", "home-007"),
                    new ProofContext("ng-channel", 0, "registration2", "home-007"),
                    new ProofContext("ng-channel", 0, "registration", "home-008"))) {
                assertThrows(InvalidProofException.class, () -> proof.verify(pair.publicKey(), other), other.toString());
            }
        }

        @Test
        void aProofForOneKeyDoesNotVerifyForAnotherOfTheSameSize() {
            PaillierPublicKey other = CryptoFixtures.keyPair(512, 1).publicKey();
            assertThrows(InvalidProofException.class, () -> proof.verify(other, CONTEXT));
        }

        @Test
        void aProofForOneKeySizeNamesTheLengthMismatch() {
            PaillierPublicKey other = CryptoFixtures.keyPair(1024, 0).publicKey();
            InvalidProofException e = assertThrows(InvalidProofException.class, () -> proof.verify(other, CONTEXT));
            assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        }
    }

    @Nested
    class Tampering {

        @Test
        void everyByteOfASerialisedProofIsProtected() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(256, 0);
            byte[] bytes = KeyCorrectnessProof.prove(pair.privateKey(), CONTEXT, RANDOM).toBytes();
            KeyCorrectnessProof.fromBytes(bytes).verify(pair.publicKey(), CONTEXT);
            for (int pos = 0; pos < bytes.length; pos++) {
                byte[] mutated = bytes.clone();
                mutated[pos] ^= (byte) (1 << (pos % 8));
                int at = pos;
                assertThrows(CryptoException.class,
                        () -> KeyCorrectnessProof.fromBytes(mutated).verify(pair.publicKey(), CONTEXT), "byte " + at);
            }
        }

        @Test
        void malformedEncodingsAreRejectedBeforeVerification() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(256, 0);
            byte[] bytes = KeyCorrectnessProof.prove(pair.privateKey(), CONTEXT, RANDOM).toBytes();
            byte[] version = bytes.clone();
            version[0] = 2;
            byte[] rounds = bytes.clone();
            rounds[5] = 79;
            byte[] flags = bytes.clone();
            flags[6 + 32] |= 4;
            byte[] width = bytes.clone();
            width[4] = 33;
            for (byte[] bad : List.of(version, rounds, flags, width, java.util.Arrays.copyOf(bytes, bytes.length - 1),
                    java.util.Arrays.copyOf(bytes, bytes.length + 1), new byte[0])) {
                assertThrows(MalformedEncodingException.class, () -> KeyCorrectnessProof.fromBytes(bad));
            }
            assertThrows(MalformedEncodingException.class, () -> KeyCorrectnessProof.fromBase64("@@"));
        }
    }

    @Nested
    class MalformedModuli {
        private final Random random = new Random(77);

        @Test
        void aModulusWithThreePrimeFactorsFailsTheFourthRootCheck() {
            List<BigInteger> primes = List.of(blumPrime(96, random, 3), blumPrime(96, random, 3), blumPrime(96, random, 3));
            BigInteger n = primes.get(0).multiply(primes.get(1)).multiply(primes.get(2));
            PaillierPublicKey key = PaillierPublicKey.of(n);
            assertRejectedBy("fourth-root check failed", ModulusProofForger.forge(n, primes, CONTEXT, random), key);
        }

        @Test
        void aModulusWithASquareFactorFailsTheNthRootCheck() {
            BigInteger p = blumPrime(96, random, 3);
            BigInteger q = blumPrime(128, random, 3);
            BigInteger n = p.multiply(p).multiply(q);
            PaillierPublicKey key = PaillierPublicKey.of(n);
            assertRejectedBy("N-th root check failed", ModulusProofForger.forge(n, List.of(p, p, q), CONTEXT, random), key);
        }

        @Test
        void aPrimeModulusIsRejectedEvenThoughItsRootsExist() {
            BigInteger n = blumPrime(288, random, 3);
            PaillierPublicKey key = PaillierPublicKey.of(n);
            assertRejectedBy("modulus is prime", ModulusProofForger.forge(n, List.of(n), CONTEXT, random), key);
        }

        @Test
        void aModulusWithAPrimeOfOneModFourFailsTheFourthRootCheck() {
            BigInteger p = blumPrime(144, random, 1);
            BigInteger q = blumPrime(144, random, 3);
            BigInteger n = p.multiply(q);
            assertRejectedBy("fourth-root check failed", ModulusProofForger.forge(n, List.of(p, q), CONTEXT, random),
                    PaillierPublicKey.of(n));
        }

        @Test
        void theForgerProducesAcceptedProofsForAGenuinePaillierBlumModulus() {
            PaillierPrivateKey key = CryptoFixtures.keyPair(512, 0).privateKey();
            BigInteger n = key.publicKey().modulus();
            KeyCorrectnessProof.fromBytes(ModulusProofForger.forge(n, List.of(key.secretPrimeP(), key.secretPrimeQ()),
                    CONTEXT, random)).verify(key.publicKey(), CONTEXT);
        }

        @Test
        void evenModuliAndEqualPrimesNeverBecomeKeys() {
            BigInteger p = blumPrime(160, random, 3);
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(p.multiply(p)));
            assertThrows(InvalidPublicKeyException.class, () -> PaillierPublicKey.of(p.multiply(p).shiftLeft(1)));
            assertThrows(InvalidPublicKeyException.class, () -> new PaillierPrivateKey(p, p));
        }
    }
}
