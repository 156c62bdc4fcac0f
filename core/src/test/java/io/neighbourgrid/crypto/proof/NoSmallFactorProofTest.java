package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoSmallFactorProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 0, "registration", "home-007");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(29);
    /** The BitForge moduli by size, [small prime, large prime], made once. */
    private static final java.util.Map<Integer, List<BigInteger[]>> WEAK_MODULI =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static RingPedersenParameters params2048() {
        return RingPedersenFixtures.generated(2048).parameters();
    }

    @Nested
    class HonestKeys {

        @ParameterizedTest
        @ValueSource(ints = {256, 512, 768, 1024, 2048})
        void aGeneratedKeyProvesAndVerifiesAfterAnEncodingRoundTrip(int bits) {
            PaillierKeyPair pair = CryptoFixtures.keyPair(bits, 0);
            NoSmallFactorProof proof = NoSmallFactorProof.prove(pair.privateKey(), params2048(), CONTEXT, RANDOM);
            proof.verify(pair.publicKey(), params2048(), CONTEXT);
            byte[] bytes = proof.toBytes();
            assertEquals(NoSmallFactorProof.encodedLength(pair.publicKey().modulusBytes(), 256), bytes.length);
            NoSmallFactorProof parsed = NoSmallFactorProof.fromBase64(proof.toBase64());
            assertEquals(proof, parsed);
            assertArrayEquals(bytes, parsed.toBytes());
            parsed.verify(pair.publicKey(), params2048(), CONTEXT);
        }

        @Test
        void smallParametersWorkToo() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(512, 1);
            RingPedersenParameters params = RingPedersenFixtures.generated(1024).parameters();
            NoSmallFactorProof.prove(pair.privateKey(), params, CONTEXT, RANDOM).verify(pair.publicKey(), params,
                    CONTEXT);
        }

        @Test
        void theLayoutAndSizesAreTheDocumentedOnes() {
            assertEquals(3346, NoSmallFactorProof.encodedLength(256, 256));
            assertEquals(2962, NoSmallFactorProof.encodedLength(128, 256));
            assertEquals(2866, NoSmallFactorProof.encodedLength(96, 256));
            PaillierKeyPair pair = CryptoFixtures.keyPair(2048, 0);
            byte[] bytes = NoSmallFactorProof.prove(pair.privateKey(), params2048(), CONTEXT, RANDOM).toBytes();
            assertArrayEquals(new byte[] {1, 0, 0, 1, 0, 0, 0, 1, 0}, Arrays.copyOf(bytes, 9));
            assertArrayEquals(params2048().fingerprintBytes(), Arrays.copyOfRange(bytes, 9, 41));
        }

        /** What the proof shows, for the key sizes in use: every prime factor is at least 2^(bits/2 - 258). */
        @Test
        void theProvenBoundIsDocumented() {
            assertEquals(767, NoSmallFactorProof.provenFactorBound(CryptoFixtures.keyPair(2048, 0).publicKey()
                    .modulus()).bitLength());
            assertEquals(255, NoSmallFactorProof.provenFactorBound(CryptoFixtures.keyPair(1024, 0).publicKey()
                    .modulus()).bitLength());
            assertEquals(127, NoSmallFactorProof.provenFactorBound(CryptoFixtures.keyPair(768, 0).publicKey()
                    .modulus()).bitLength());
        }

        @Test
        void proveAndVerifyTimesAt2048Bits() {
            PaillierKeyPair pair = CryptoFixtures.keyPair(2048, 0);
            RingPedersenParameters params = params2048();
            int runs = 7;
            double[] prove = new double[runs];
            double[] verify = new double[runs];
            for (int i = 0; i < runs + 2; i++) {
                long start = System.nanoTime();
                NoSmallFactorProof proof = NoSmallFactorProof.prove(pair.privateKey(), params, CONTEXT, RANDOM);
                long mid = System.nanoTime();
                proof.verify(pair.publicKey(), params, CONTEXT);
                long end = System.nanoTime();
                if (i >= 2) {
                    prove[i - 2] = (mid - start) / 1e6;
                    verify[i - 2] = (end - mid) / 1e6;
                }
            }
            Arrays.sort(prove);
            Arrays.sort(verify);
            System.out.printf("no-small-factor proof, 2048-bit key and parameters: prove %.1f ms, verify %.1f ms"
                    + " (median of %d), %d bytes%n", prove[runs / 2], verify[runs / 2], runs,
                    NoSmallFactorProof.encodedLength(256, 256));
        }
    }

    @Nested
    class KnownAnswers {

        @Test
        void aProofFromSeededRandomnessHasFixedBytes() throws NoSuchAlgorithmException {
            PaillierPrivateKey key = CryptoFixtures.katKey();
            RingPedersenParameters params = RingPedersenFixtures.kat().parameters();
            byte[] bytes = NoSmallFactorProof.prove(key, params, CONTEXT, CryptoFixtures.seeded(4343)).toBytes();
            assertEquals(NoSmallFactorProof.encodedLength(32, 64), bytes.length);
            assertEquals(946, bytes.length);
            assertEquals("03627bf560f0b0157e047fe70e58a955b087835ea624063026a6a62ab148d807", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            NoSmallFactorProof.fromBytes(bytes).verify(key.publicKey(), params, CONTEXT);
        }

        @Test
        void theChallengeIsPinnedToTheTranscriptEncoding() {
            RingPedersenParameters params = RingPedersenFixtures.kat().parameters();
            BigInteger n0 = CryptoFixtures.katKey().publicKey().modulus();
            BigInteger e = NoSmallFactorProof.challenge(n0, params, BigInteger.TWO, BigInteger.valueOf(3),
                    BigInteger.valueOf(5), BigInteger.valueOf(7), BigInteger.valueOf(11), BigInteger.valueOf(-13),
                    CONTEXT);
            assertEquals(new BigInteger("-340132506626782181377580921524163027345"), e);
            assertTrue(e.bitLength() <= NoSmallFactorProof.CHALLENGE_BITS);
        }
    }

    @Nested
    class Binding {
        private final PaillierKeyPair pair = CryptoFixtures.keyPair(512, 0);
        private final RingPedersenParameters params = RingPedersenFixtures.kat().parameters();
        private final NoSmallFactorProof proof = NoSmallFactorProof.prove(pair.privateKey(), params, CONTEXT, RANDOM);

        @Test
        void everyFieldOfTheContextIsBound() {
            for (ProofContext other : List.of(
                    new ProofContext("ng-channel2", 0, "registration", "home-007"),
                    new ProofContext("ng-channel", 1, "registration", "home-007"),
                    new ProofContext("ng-channel", 0, "registration2", "home-007"),
                    new ProofContext("ng-channel", 0, "registration", "home-008"))) {
                assertThrows(InvalidProofException.class, () -> proof.verify(pair.publicKey(), params, other),
                        other.toString());
            }
        }

        @Test
        void aProofForOneKeyDoesNotVerifyForAnotherOfTheSameSize() {
            assertThrows(InvalidProofException.class,
                    () -> proof.verify(CryptoFixtures.keyPair(512, 1).publicKey(), params, CONTEXT));
            InvalidProofException e = assertThrows(InvalidProofException.class,
                    () -> proof.verify(CryptoFixtures.keyPair(1024, 0).publicKey(), params, CONTEXT));
            assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        }

        @Test
        void aProofAgainstOtherParametersIsRejectedByItsFingerprint() {
            RingPedersenParameters other = RingPedersenFixtures.generated(512).parameters();
            InvalidProofException e = assertThrows(InvalidProofException.class,
                    () -> proof.verify(pair.publicKey(), other, CONTEXT));
            assertTrue(e.getMessage().contains(params.fingerprint()), e.getMessage());
        }

        /** Relabelled with the other set's fingerprint, the proof still fails: the transcript holds the set. */
        @Test
        void aProofRelabelledForOtherParametersFailsItsEquations() {
            RingPedersenParameters other = RingPedersenFixtures.generated(512).parameters();
            byte[] bytes = proof.toBytes();
            System.arraycopy(other.fingerprintBytes(), 0, bytes, 9, 32);
            assertThrows(InvalidProofException.class,
                    () -> NoSmallFactorProof.fromBytes(bytes).verify(pair.publicKey(), other, CONTEXT));
        }
    }

    @Nested
    class Tampering {
        private final PaillierKeyPair pair = CryptoFixtures.keyPair(256, 0);
        private final RingPedersenParameters params = RingPedersenFixtures.kat().parameters();
        private final NoSmallFactorProof proof = NoSmallFactorProof.prove(pair.privateKey(), params, CONTEXT, RANDOM);

        @Test
        void everyByteOfASerialisedProofIsProtected() {
            byte[] bytes = proof.toBytes();
            NoSmallFactorProof.fromBytes(bytes).verify(pair.publicKey(), params, CONTEXT);
            for (int pos = 0; pos < bytes.length; pos++) {
                for (int bit : new int[] {pos % 8, 7 - pos % 8}) {
                    byte[] mutated = bytes.clone();
                    mutated[pos] ^= (byte) (1 << bit);
                    int at = pos;
                    assertThrows(CryptoException.class,
                            () -> NoSmallFactorProof.fromBytes(mutated).verify(pair.publicKey(), params, CONTEXT),
                            "byte " + at + " bit " + bit);
                }
            }
        }

        @Test
        void everyFieldIsProtected() {
            String[] names = {"P", "Q", "A", "B", "T", "sigma", "z1", "z2", "w1", "w2", "v"};
            List<UnaryOperator<BigInteger>> changes = List.of(x -> x.add(BigInteger.ONE),
                    x -> x.subtract(BigInteger.ONE), BigInteger::negate, x -> BigInteger.ZERO, x -> x.shiftLeft(1),
                    x -> x.add(params.modulus()));
            BigInteger[] fields = proof.fields();
            for (int f = 0; f < fields.length; f++) {
                for (UnaryOperator<BigInteger> change : changes) {
                    BigInteger[] mutated = fields.clone();
                    mutated[f] = change.apply(fields[f]);
                    if (mutated[f].equals(fields[f])) {
                        continue;
                    }
                    NoSmallFactorProof bad = proof.withFields(mutated);
                    assertThrows(CryptoException.class, () -> bad.verify(pair.publicKey(), params, CONTEXT),
                            names[f]);
                }
            }
        }

        @Test
        void malformedEncodingsAreRejectedBeforeVerification() {
            byte[] bytes = proof.toBytes();
            byte[] version = bytes.clone();
            version[0] = 2;
            byte[] modulusLength = bytes.clone();
            modulusLength[4] = 31;
            byte[] parameterLength = bytes.clone();
            parameterLength[8] = 63;
            int sigmaAt = 41 + 5 * 64;
            byte[] sign = bytes.clone();
            sign[sigmaAt] = 2;
            List<byte[]> bad = new ArrayList<>(List.of(version, modulusLength, parameterLength, sign,
                    Arrays.copyOf(bytes, bytes.length - 1), Arrays.copyOf(bytes, bytes.length + 1), new byte[0]));
            // A negative zero: z1 replaced by sign 1 and magnitude 0.
            int z1At = sigmaAt + 1 + NoSmallFactorProof.sigmaWidth(32, 64);
            byte[] negativeZero = bytes.clone();
            negativeZero[z1At] = 1;
            Arrays.fill(negativeZero, z1At + 1, z1At + 1 + NoSmallFactorProof.zWidth(32), (byte) 0);
            bad.add(negativeZero);
            for (byte[] b : bad) {
                assertThrows(MalformedEncodingException.class, () -> NoSmallFactorProof.fromBytes(b));
            }
            assertThrows(MalformedEncodingException.class, () -> NoSmallFactorProof.fromBase64("@@"));
        }
    }

    /**
     * The BitForge moduli (CVE-2023-33241) that pass the modulus checks and the key-correctness proof: N0 = p q with
     * p of 10 (p = 1019), 20 and 120 bits. The honest prover's algorithm leaves z2 far out of range; cheating provers
     * that keep z1 and z2 in range fail an equation; only a prover that knows the trapdoor of the parameters
     * succeeds (the reason the operator must not hand it out).
     */
    @Nested
    class BitForgeModuli {
        private final SecureRandom random = CryptoFixtures.seeded(1019);
        private final RingPedersenKeys keys = RingPedersenFixtures.generated(2048);
        private final RingPedersenParameters params = keys.parameters();

        private List<BigInteger[]> weakModuli(int bits) {
            return WEAK_MODULI.computeIfAbsent(bits, b -> {
                Random r = new Random(b);
                return List.of(RingPedersenFixtures.weakModulus(BigInteger.valueOf(1019), b, r),
                        RingPedersenFixtures.weakModulus(BigInteger.probablePrime(20, r), b, r),
                        RingPedersenFixtures.weakModulus(BigInteger.probablePrime(120, r), b, r));
            });
        }

        private static void assertRejectedBy(String check, NoSmallFactorProof proof, BigInteger n0,
                                             RingPedersenParameters params) {
            InvalidProofException e = assertThrows(InvalidProofException.class,
                    () -> proof.verify(PaillierPublicKey.of(n0), params, CONTEXT));
            assertTrue(e.getMessage().contains(check), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(ints = {1024, 2048})
        void theHonestAlgorithmLeavesTheLargeFactorsResponseOutOfRange(int bits) {
            for (BigInteger[] pq : weakModuli(bits)) {
                BigInteger n0 = pq[0].multiply(pq[1]);
                assertEquals(bits, n0.bitLength());
                for (int i = 0; i < 10; i++) {
                    NoSmallFactorProof proof = NoSmallFactorProof.attempt(n0, pq[0], pq[1], params, CONTEXT, random);
                    assertRejectedBy("z2 is out of range", proof, n0, params);
                    // Nor can it be sent: z2 does not even fit the encoding's width.
                    assertThrows(ValueOutOfRangeException.class, proof::toBytes);
                    NoSmallFactorProof swapped = NoSmallFactorProof.attempt(n0, pq[1], pq[0], params, CONTEXT,
                            random);
                    assertRejectedBy("z1 is out of range", swapped, n0, params);
                }
            }
        }

        /** Balanced stand-ins p', q' near sqrt(N0) keep z1, z2 in range; then N0 != p' q' breaks the third check. */
        @Test
        void aCheatWithBalancedFakeFactorsFailsTheProductCheck() {
            for (BigInteger[] pq : weakModuli(2048)) {
                BigInteger n0 = pq[0].multiply(pq[1]);
                BigInteger root = n0.sqrt();
                // p' q' as close to N0 as integers near the square root get, and the small factor scaled up.
                BigInteger scale = root.divide(pq[0]);
                List<BigInteger[]> fakes = List.of(new BigInteger[] {root, root.add(BigInteger.ONE)},
                        new BigInteger[] {pq[0].multiply(scale), pq[1].divide(scale)});
                for (BigInteger[] fake : fakes) {
                    NoSmallFactorProof proof = NoSmallFactorProof.attempt(n0, fake[0], fake[1], params, CONTEXT,
                            random);
                    NoSmallFactorProof.fromBytes(proof.toBytes());
                    assertRejectedBy("Q^z1 t^v != T R^e", proof, n0, params);
                }
            }
        }

        /** The honest algorithm's proof with z2 forced into range (reduced, or redrawn) fails the second check. */
        @Test
        void aCheatThatForcesZ2IntoRangeFailsItsCommitmentCheck() {
            for (BigInteger[] pq : weakModuli(2048)) {
                BigInteger n0 = pq[0].multiply(pq[1]);
                BigInteger bound = NoSmallFactorProof.responseBound(n0);
                NoSmallFactorProof honest = NoSmallFactorProof.attempt(n0, pq[0], pq[1], params, CONTEXT, random);
                for (BigInteger z2 : List.of(honest.fields()[7].mod(bound), NoSmallFactorProof.uniformSigned(bound,
                        new SecureRandom()))) {
                    BigInteger[] f = honest.fields();
                    f[7] = z2;
                    NoSmallFactorProof forced = NoSmallFactorProof.fromBytes(honest.withFields(f).toBytes());
                    assertRejectedBy("s^z2 t^w2 != B Q^e", forced, n0, params);
                }
            }
        }

        /**
         * With lambda = log_t s the third check can be met for fake factors: v' = v + e lambda (N0 - p' q') absorbs
         * s^{e (N0 - p' q')}. So the soundness rests on no home knowing the operator's trapdoor.
         */
        @Test
        void aProverThatKnowsTheTrapdoorCanForge() {
            BigInteger[] pq = weakModuli(2048).get(0);
            BigInteger n0 = pq[0].multiply(pq[1]);
            BigInteger root = n0.sqrt();
            NoSmallFactorProof cheat = NoSmallFactorProof.attempt(n0, root, root, params, CONTEXT, random);
            BigInteger[] f = cheat.fields();
            BigInteger e = NoSmallFactorProof.challenge(n0, params, f[0], f[1], f[2], f[3], f[4], f[5], CONTEXT);
            f[10] = f[10].add(e.multiply(keys.secretLambda()).multiply(n0.subtract(root.multiply(root))));
            NoSmallFactorProof forged = NoSmallFactorProof.fromBytes(cheat.withFields(f).toBytes());
            forged.verify(PaillierPublicKey.of(n0), params, CONTEXT);
            assertTrue(pq[0].compareTo(NoSmallFactorProof.provenFactorBound(n0)) < 0,
                    "the forged proof claims a bound the modulus does not meet");
        }

        @Test
        void theSameModuliPassWithoutTheProofAsTheyDidBefore() {
            for (BigInteger[] pq : weakModuli(1024)) {
                PaillierPublicKey.of(pq[0].multiply(pq[1]));
                assertTrue(pq[0].compareTo(NoSmallFactorProof.provenFactorBound(pq[0].multiply(pq[1]))) < 0);
            }
        }

        @Test
        void encodingTheCheatByHandGivesTheSameBytes() {
            BigInteger[] pq = weakModuli(1024).get(1);
            BigInteger n0 = pq[0].multiply(pq[1]);
            NoSmallFactorProof cheat = NoSmallFactorProof.attempt(n0, n0.sqrt(), n0.sqrt(), params, CONTEXT, random);
            BigInteger[] f = cheat.fields();
            int lHat = params.modulusBytes();
            Bytes.Writer out = new Bytes.Writer().u8(1).u32(128).u32(lHat).raw(params.fingerprintBytes());
            for (int i = 0; i < 5; i++) {
                out.fixed(f[i], lHat);
            }
            out.signed(f[5], 16 + 128 + lHat).signed(f[6], 32 + 64).signed(f[7], 32 + 64).signed(f[8], 49 + lHat)
                    .signed(f[9], 49 + lHat).signed(f[10], 49 + 128 + lHat);
            assertArrayEquals(cheat.toBytes(), out.toByteArray());
        }
    }
}
