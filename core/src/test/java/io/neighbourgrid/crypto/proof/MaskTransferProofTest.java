package io.neighbourgrid.crypto.proof;

import static io.neighbourgrid.crypto.proof.MaskTransferProof.MASK_TRANSFER_BOUND_BITS;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MaskTransferProofTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "mask-transfer", "home-002");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(43);
    private static final int B = MASK_TRANSFER_BOUND_BITS;

    /** The initiator's key pair (N2). */
    private static PaillierKeyPair initiator() {
        return CryptoFixtures.keyPair(1024, 0);
    }

    /** The responder's public key (N1). */
    private static PaillierPublicKey responder() {
        return CryptoFixtures.keyPair(1024, 1).publicKey();
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    /** T2 = prod Enc_N2(-M_i) for members' masks M_i below 2^384. */
    private static Ciphertext aggregateOfMasks(int members, SecureRandom random) {
        PaillierPublicKey n2 = initiator().publicKey();
        List<Ciphertext> shares = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            shares.add(n2.encrypt(new BigInteger(384, random).negate(), random));
        }
        return n2.sum(shares);
    }

    private static MaskTransfer transfer(Ciphertext t2) {
        return MaskTransferProof.create(initiator().privateKey(), t2, responder(), B, params(), CONTEXT, RANDOM);
    }

    private static void verify(MaskTransfer m, Ciphertext t2) {
        m.proof().verify(initiator().publicKey(), t2, responder(), m.reencrypted(), B, params(), CONTEXT);
    }

    @Nested
    class AnHonestInitiator {
        @Test
        void transfersTheMaskSumOfAWindowAndTheSumOfBothSharesIsThePackedSum() {
            SecureRandom random = CryptoFixtures.seeded(7);
            PaillierPrivateKey n1 = CryptoFixtures.keyPair(1024, 1).privateKey();
            PaillierPublicKey n2 = initiator().publicKey();
            List<Ciphertext> c = new ArrayList<>();
            List<Ciphertext> d = new ArrayList<>();
            BigInteger packed = BigInteger.ZERO;
            for (int i = 0; i < 5; i++) {
                BigInteger pack = BigInteger.valueOf(1_000 + i).shiftLeft(64 * (i % 4));
                BigInteger mask = new BigInteger(384, random);
                c.add(n1.publicKey().encrypt(pack.add(mask), random));
                d.add(n2.encrypt(mask.negate(), random));
                packed = packed.add(pack);
            }
            Ciphertext t2 = n2.sum(d);
            MaskTransfer m = transfer(t2);
            verify(m, t2);
            Ciphertext sum = n1.publicKey().add(n1.publicKey().sum(c), m.reencrypted());
            assertEquals(packed, n1.decrypt(sum));
        }

        @Test
        void provesZeroPositiveAndBoundaryValuesAfterAnEncodingRoundTrip() {
            PaillierPublicKey n2 = initiator().publicKey();
            BigInteger edge = BigInteger.ONE.shiftLeft(B).subtract(BigInteger.ONE);
            for (BigInteger x : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, edge, edge.negate()}) {
                Ciphertext t2 = n2.encrypt(x, RANDOM);
                MaskTransfer m = transfer(t2);
                assertEquals(x, CryptoFixtures.keyPair(1024, 1).privateKey().decrypt(m.reencrypted()));
                byte[] bytes = m.proof().toBytes();
                assertEquals(MaskTransferProof.encodedLength(128, 128, 128, B), bytes.length);
                MaskTransferProof parsed = MaskTransferProof.fromBase64(m.proof().toBase64());
                assertEquals(m.proof(), parsed);
                assertArrayEquals(bytes, parsed.toBytes());
                parsed.verify(n2, t2, responder(), m.reencrypted(), B, params(), CONTEXT);
            }
        }

        @Test
        void refusesAPlaintextAboveTheBoundAndABoundTooLargeForTheKeys() {
            Ciphertext t2 = initiator().publicKey().encrypt(BigInteger.ONE.shiftLeft(B), RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> transfer(t2));
            Ciphertext small = initiator().publicKey().encrypt(BigInteger.TEN, RANDOM);
            assertThrows(ValueOutOfRangeException.class, () -> MaskTransferProof.create(initiator().privateKey(),
                    small, responder(), 1024 - 258 - 16, params(), CONTEXT, RANDOM));
            assertThrows(ValueOutOfRangeException.class, () -> MaskTransferProof.create(initiator().privateKey(),
                    small, responder(), 0, params(), CONTEXT, RANDOM));
        }
    }

    @Nested
    class ALyingInitiatorIsCaught {
        private final Ciphertext t2 = aggregateOfMasks(3, RANDOM);
        private final BigInteger x = initiator().privateKey().decrypt(t2);
        private final BigInteger rho2 = initiator().privateKey().nthRootModN(t2.value().multiply(
                initiator().publicKey().generatorPower(x.negate())).mod(
                initiator().publicKey().modulusSquared()));
        private final MaskTransferProof.Layout layout = MaskTransferProof.Layout.of(128, 128, 128, B);

        private void assertRejected(BigInteger transferred, BigInteger witness) {
            BigInteger rho1 = NoSmallFactorProof.uniformUnit(responder().modulus(), RANDOM);
            Ciphertext x1 = MaskTransferProof.encrypt(responder(), transferred, rho1);
            MaskTransferProof forged = MaskTransferProof.attempt(initiator().publicKey(), t2, witness, rho2,
                    responder(), x1, rho1, layout, params(), CONTEXT, RANDOM);
            assertThrows(InvalidProofException.class, () -> check(forged, x1), "X1 of " + transferred
                    + " with witness " + witness);
        }

        @Test
        void whenItTransfersOneMore() {
            assertRejected(x.add(BigInteger.ONE), x);
            assertRejected(x.add(BigInteger.ONE), x.add(BigInteger.ONE));
            assertRejected(x.subtract(BigInteger.ONE), x);
        }

        @Test
        void whenItTransfersTheSameResidueModuloItsOwnKey() {
            BigInteger wrapped = x.add(initiator().publicKey().modulus());
            assertRejected(wrapped, wrapped);
            assertRejected(wrapped, x);
        }

        @Test
        void whenTheHonestProofIsPresentedForAnotherStatement() {
            MaskTransfer m = transfer(t2);
            PaillierPublicKey n2 = initiator().publicKey();
            Ciphertext fresh = responder().encrypt(x, RANDOM);
            Ciphertext otherT2 = aggregateOfMasks(3, RANDOM);
            PaillierPublicKey otherKey = CryptoFixtures.keyPair(1024, 2).publicKey();
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, t2, responder(), fresh, B,
                    params(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, otherT2, responder(),
                    m.reencrypted(), B, params(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, t2, otherKey,
                    otherKey.encrypt(x, RANDOM), B, params(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(otherKey, otherKey.encrypt(x, RANDOM),
                    responder(), m.reencrypted(), B, params(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, t2, responder(), m.reencrypted(),
                    B, params(), new ProofContext("ng-channel", 13, "mask-transfer", "home-002")));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, t2, responder(), m.reencrypted(),
                    B, params(), new ProofContext("ng-channel", 12, "mask-transfer", "home-003")));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, t2, responder(), m.reencrypted(),
                    B - 1, params(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(n2, t2, responder(), m.reencrypted(),
                    B, RingPedersenFixtures.kat().parameters(), CONTEXT));
            assertThrows(InvalidProofException.class, () -> m.proof().verify(responder(), m.reencrypted(), n2, t2,
                    B, params(), CONTEXT));
        }

        @Test
        void whenAnyIntegerOfTheProofIsAltered() {
            MaskTransfer m = transfer(t2);
            BigInteger[] fields = m.proof().fields();
            for (int i = 0; i < fields.length; i++) {
                for (BigInteger delta : new BigInteger[] {BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.TWO}) {
                    BigInteger[] altered = fields.clone();
                    altered[i] = altered[i].add(delta);
                    MaskTransferProof bad = m.proof().withFields(altered);
                    assertThrows(InvalidProofException.class, () -> check(bad, m.reencrypted()),
                            "field " + i + " + " + delta);
                }
            }
        }

        @Test
        void whenAnyByteIsFlipped() {
            MaskTransfer m = transfer(t2);
            byte[] bytes = m.proof().toBytes();
            Random positions = new Random(8);
            for (int k = 0; k < 300; k++) {
                int at = k < 60 ? k : positions.nextInt(bytes.length);
                byte[] altered = bytes.clone();
                altered[at] ^= (byte) (1 << positions.nextInt(8));
                assertThrows(CryptoException.class, () -> check(MaskTransferProof.fromBytes(altered), m.reencrypted()),
                        "byte " + at);
            }
            assertThrows(MalformedEncodingException.class, () -> MaskTransferProof.fromBytes(
                    Arrays.copyOf(bytes, bytes.length - 1)));
            assertThrows(MalformedEncodingException.class, () -> MaskTransferProof.fromBytes(
                    Arrays.copyOf(bytes, bytes.length + 1)));
            assertThrows(MalformedEncodingException.class, () -> MaskTransferProof.fromBase64("not a proof"));
        }

        /** Verifies a proof of this class's statement with the given re-encryption. */
        private void check(MaskTransferProof proof, Ciphertext x1) {
            proof.verify(initiator().publicKey(), t2, responder(), x1, B, params(), CONTEXT);
        }
    }

    @Test
    void theSizesAreTheDocumentedOnes() {
        assertEquals(2_519, MaskTransferProof.encodedLength(256, 256, 256, B));
        assertEquals(BigInteger.ONE.shiftLeft(B + 258), MaskTransferProof.provenBound(B));
    }

    @Test
    void knownAnswer() throws NoSuchAlgorithmException {
        PaillierKeyPair n2 = CryptoFixtures.keyPair(1024, 0);
        RingPedersenParameters kat = RingPedersenFixtures.kat().parameters();
        SecureRandom random = CryptoFixtures.seeded(2025);
        Ciphertext t2 = n2.publicKey().encrypt(BigInteger.valueOf(-31_337), random);
        MaskTransfer m = MaskTransferProof.create(n2.privateKey(), t2, responder(), 300, kat,
                CryptoFixtures.context(), random);
        m.proof().verify(n2.publicKey(), t2, responder(), m.reencrypted(), 300, kat, CryptoFixtures.context());
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m.proof().toBytes()));
        assertEquals("fe5d50b0159511873e1796cdd898d1d60206f2a7e95f8c0cf617c52ccfe302ab", digest);
    }
}
