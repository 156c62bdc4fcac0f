package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.ProofContext;
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

class DecryptionProofsTest {

    private static final PaillierKeyPair KEYS = CryptoFixtures.keyPair(512, 0);
    private static final PaillierPublicKey PK = KEYS.publicKey();
    private static final PaillierPrivateKey SK = KEYS.privateKey();
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "distribution", "home-003");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(8);

    private static List<DecryptionClaim> validClaims(int count) {
        List<Ciphertext> cs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cs.add(PK.encrypt(BigInteger.valueOf((i - count / 2) * 1_000_000_007L), RANDOM));
        }
        return DecryptionProofs.decryptAndProveAll(SK, cs, CONTEXT, RANDOM);
    }

    private static List<DecryptionClaim> replace(List<DecryptionClaim> claims, int index, DecryptionClaim bad) {
        List<DecryptionClaim> copy = new ArrayList<>(claims);
        copy.set(index, bad);
        return copy;
    }

    private static int failingIndex(List<DecryptionClaim> claims) {
        return assertThrows(InvalidDecryptionClaimException.class,
                () -> DecryptionProofs.verifyBatch(claims, CONTEXT)).claimIndex();
    }

    @Nested
    class ValidBatches {

        @Test
        void aBatchOfValidClaimsVerifies() {
            DecryptionProofs.verifyBatch(validClaims(25), CONTEXT);
        }

        @Test
        void batchesOfOneAndNoneVerify() {
            DecryptionProofs.verifyBatch(validClaims(1), CONTEXT);
            DecryptionProofs.verifyBatch(List.of(), CONTEXT);
        }

        @Test
        void proveAllProducesOneVerifyingProofPerCiphertext() {
            List<Ciphertext> cs = List.of(PK.encrypt(BigInteger.ONE, RANDOM), PK.encrypt(BigInteger.TEN.negate(), RANDOM));
            List<BigInteger> ms = List.of(BigInteger.ONE, BigInteger.TEN.negate());
            List<DecryptionProof> proofs = DecryptionProofs.proveAll(SK, cs, ms, CONTEXT, RANDOM);
            assertEquals(2, proofs.size());
            for (int i = 0; i < 2; i++) {
                proofs.get(i).verify(cs.get(i), ms.get(i), CONTEXT);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> DecryptionProofs.proveAll(SK, cs, List.of(BigInteger.ONE), CONTEXT, RANDOM));
        }

        @Test
        void theCoefficientsAreDeterministic128BitValuesAboveTwoToThe128() {
            List<DecryptionClaim> claims = validClaims(5);
            BigInteger[] residues = claims.stream().map(c -> PK.toPlaintext(c.plaintext())).toArray(BigInteger[]::new);
            BigInteger[] first = DecryptionProofs.coefficients(PK, claims, residues, CONTEXT);
            assertArrayEquals(first, DecryptionProofs.coefficients(PK, claims, residues, CONTEXT));
            for (BigInteger rho : first) {
                assertEquals(129, rho.bitLength());
            }
            BigInteger[] otherContext = DecryptionProofs.coefficients(PK, claims, residues,
                    new ProofContext("ng-channel", 13, "distribution", "home-003"));
            assertTrue(!first[0].equals(otherContext[0]));
        }
    }

    @Nested
    class FailingBatches {
        private final List<DecryptionClaim> claims = validClaims(12);

        @Test
        void aWrongPlaintextIsReportedAtItsIndex() {
            for (int index : new int[] {0, 5, 11}) {
                DecryptionClaim good = claims.get(index);
                DecryptionClaim bad = new DecryptionClaim(good.ciphertext(), good.plaintext().add(BigInteger.ONE), good.proof());
                assertEquals(index, failingIndex(replace(claims, index, bad)));
            }
        }

        @Test
        void swappedProofsAreReportedAtTheFirstIndex() {
            List<DecryptionClaim> swapped = new ArrayList<>(claims);
            DecryptionClaim a = claims.get(3);
            DecryptionClaim b = claims.get(8);
            swapped.set(3, new DecryptionClaim(a.ciphertext(), a.plaintext(), b.proof()));
            swapped.set(8, new DecryptionClaim(b.ciphertext(), b.plaintext(), a.proof()));
            assertEquals(3, failingIndex(swapped));
        }

        @Test
        void aProofMadeForAnotherContextIsReported() {
            DecryptionClaim good = claims.get(7);
            DecryptionProof elsewhere = DecryptionProof.prove(SK, good.ciphertext(), good.plaintext(),
                    new ProofContext("ng-channel", 11, "distribution", "home-003"), RANDOM);
            assertEquals(7, failingIndex(replace(claims, 7, new DecryptionClaim(good.ciphertext(), good.plaintext(), elsewhere))));
        }

        @Test
        void aClaimBeyondTheProvableBoundIsReportedWithoutRunningTheBatch() {
            DecryptionClaim good = claims.get(2);
            BigInteger huge = DecryptionProof.maxProvableMagnitude(PK).add(BigInteger.ONE);
            InvalidDecryptionClaimException e = assertThrows(InvalidDecryptionClaimException.class,
                    () -> DecryptionProofs.verifyBatch(replace(claims, 2, new DecryptionClaim(good.ciphertext(), huge, good.proof())), CONTEXT));
            assertEquals(2, e.claimIndex());
            assertTrue(e.getMessage().contains("provable bound"), e.getMessage());
        }

        @Test
        void theBatchAgreesWithSingleVerificationOnRandomCorruptions() {
            Random random = new Random(12);
            for (int trial = 0; trial < 8; trial++) {
                List<DecryptionClaim> mixed = new ArrayList<>(claims);
                int firstBad = -1;
                for (int i = 0; i < mixed.size(); i++) {
                    if (random.nextInt(5) == 0) {
                        DecryptionClaim good = mixed.get(i);
                        mixed.set(i, new DecryptionClaim(good.ciphertext(), good.plaintext().negate().subtract(BigInteger.ONE), good.proof()));
                        firstBad = firstBad < 0 ? i : firstBad;
                    }
                }
                if (firstBad < 0) {
                    DecryptionProofs.verifyBatch(mixed, CONTEXT);
                } else {
                    assertEquals(firstBad, failingIndex(mixed));
                }
            }
        }

        @Test
        void aProofWithANonUnitIsReportedAtItsIndex() {
            DecryptionClaim good = claims.get(9);
            DecryptionProof nonUnit = DecryptionProof.fromBytes(PK, new Bytes.Writer().u8(1)
                    .fixed(SK.secretPrimeQ(), PK.ciphertextBytes()).fixed(BigInteger.TWO, PK.modulusBytes()).toByteArray());
            InvalidDecryptionClaimException e = assertThrows(InvalidDecryptionClaimException.class,
                    () -> DecryptionProofs.verifyBatch(replace(claims, 9, new DecryptionClaim(good.ciphertext(), good.plaintext(), nonUnit)), CONTEXT));
            assertEquals(9, e.claimIndex());
            assertTrue(e.getMessage().contains("gcd(a, N)"), e.getMessage());
        }

        @Test
        void claimsUnderDifferentKeysAreRefused() {
            PaillierKeyPair other = CryptoFixtures.keyPair(512, 1);
            Ciphertext c = other.publicKey().encrypt(BigInteger.ONE, RANDOM);
            DecryptionClaim foreign = new DecryptionClaim(c, BigInteger.ONE,
                    DecryptionProof.prove(other.privateKey(), c, BigInteger.ONE, CONTEXT, RANDOM));
            assertThrows(IllegalArgumentException.class,
                    () -> DecryptionProofs.verifyBatch(replace(claims, 4, foreign), CONTEXT));
        }

        @Test
        void aProofMadeUnderAnotherKeyForThisCiphertextIsReported() {
            PaillierKeyPair other = CryptoFixtures.keyPair(512, 1);
            Ciphertext theirs = other.publicKey().encrypt(BigInteger.ONE, RANDOM);
            DecryptionProof foreignProof = DecryptionProof.prove(other.privateKey(), theirs, BigInteger.ONE, CONTEXT, RANDOM);
            DecryptionClaim good = claims.get(6);
            assertEquals(6, failingIndex(replace(claims, 6, new DecryptionClaim(good.ciphertext(), good.plaintext(), foreignProof))));
        }
    }

    @Nested
    class SmallOrderElements {

        /**
         * A proof whose commitment is -s^N instead of s^N, on a true claim: z^N = -a * u^e. The single check
         * rejects it; the batch, which squares both sides to remove 2-torsion, accepts it, because the claim it
         * certifies is true. This is the documented limit of batch verification (docs/crypto.md).
         */
        @Test
        void aProofOffByMinusOneOnATrueClaimFailsAloneButPassesTheSquaredBatch() {
            BigInteger n = PK.modulus();
            BigInteger n2 = PK.modulusSquared();
            BigInteger m = BigInteger.valueOf(777);
            Ciphertext c = PK.encrypt(m, RANDOM);
            BigInteger s = BigInteger.valueOf(123_456_789);
            BigInteger a = n2.subtract(s.modPow(n, n2));
            BigInteger e = DecryptionProof.challenge(PK, c, m, a, CONTEXT);
            BigInteger r = SK.nthRootModN(DecryptionProof.statementElement(PK, c, m));
            BigInteger z = s.multiply(r.modPow(e, n)).mod(n);
            DecryptionProof offByMinusOne = DecryptionProof.fromBytes(PK, new Bytes.Writer().u8(1)
                    .fixed(a, PK.ciphertextBytes()).fixed(z, PK.modulusBytes()).toByteArray());
            assertThrows(InvalidProofException.class, () -> offByMinusOne.verify(c, m, CONTEXT));
            List<DecryptionClaim> batch = new ArrayList<>(validClaims(3));
            batch.add(new DecryptionClaim(c, m, offByMinusOne));
            DecryptionProofs.verifyBatch(batch, CONTEXT);
        }

        @Test
        void aFalseClaimCannotHideBehindMinusOne() {
            BigInteger n = PK.modulus();
            BigInteger n2 = PK.modulusSquared();
            BigInteger m = BigInteger.valueOf(777);
            Ciphertext c = PK.encrypt(m, RANDOM);
            BigInteger claimed = m.add(BigInteger.ONE);
            BigInteger s = BigInteger.valueOf(987_654_321);
            BigInteger a = n2.subtract(s.modPow(n, n2));
            BigInteger e = DecryptionProof.challenge(PK, c, claimed, a, CONTEXT);
            BigInteger r = SK.nthRootModN(DecryptionProof.statementElement(PK, c, m));
            BigInteger z = s.multiply(r.modPow(e, n)).mod(n);
            DecryptionProof proof = DecryptionProof.fromBytes(PK, new Bytes.Writer().u8(1)
                    .fixed(a, PK.ciphertextBytes()).fixed(z, PK.modulusBytes()).toByteArray());
            List<DecryptionClaim> batch = new ArrayList<>(validClaims(3));
            batch.add(new DecryptionClaim(c, claimed, proof));
            assertEquals(3, failingIndex(batch));
        }
    }
}
