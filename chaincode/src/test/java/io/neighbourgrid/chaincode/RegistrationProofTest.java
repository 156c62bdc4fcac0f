package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.CHANNEL;
import static io.neighbourgrid.chaincode.MarketHarness.COMMUNITY_MSP;
import static io.neighbourgrid.chaincode.MarketHarness.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.math.NumberTheory;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenKeys;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.crypto.proof.RingPedersenProof;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.ProofParameters;
import io.neighbourgrid.testing.BitForgeKeys;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ring-Pedersen proof parameters the operator registers once, and the no-small-factor proof every home registers
 * its key with: every rejection and its error code, and the BitForge moduli (a prime factor of 10, 20 or 120 bits)
 * that the key-correctness proof alone accepts.
 */
class RegistrationProofTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Another valid set of parameters of the accepted size: not the registered one. */
    private static RingPedersenKeys otherParameters;

    private final MarketHarness m = new MarketHarness();

    private static synchronized RingPedersenKeys otherParameters() {
        if (otherParameters == null) {
            otherParameters = RingPedersenKeys.generate(KeyPolicy.PROOF_PARAMETERS_MIN_BITS, RANDOM);
        }
        return otherParameters;
    }

    private static String params() {
        return TestKeys.proofParameters().toBase64();
    }

    private static String paramsProof() {
        return TestKeys.proofParametersProof(CHANNEL);
    }

    @Nested
    class RegisterProofParameters {

        @Test
        void theOperatorRegistersThemOnceAndEveryoneCanReadThem() {
            m.configureWithoutProofParameters();
            TxResult r = m.submit(m.operator, "registerProofParameters", params(), paramsProof());
            assertEquals("ProofParametersRegistered", r.event().name());
            assertEquals("{}", new String(r.event().payload(), StandardCharsets.UTF_8));
            ProofParameters record = CanonicalJson.fromJson(m.query("getProofParameters"), ProofParameters.class);
            assertEquals(m.state(StateKeys.proofParameters()), m.query("getProofParameters"));
            assertEquals(params(), record.parameters());
            assertEquals(paramsProof(), record.parametersProof());
            assertEquals(TestKeys.proofParameters().fingerprint(), record.fingerprint());
            assertEquals(KeyPolicy.PROOF_PARAMETERS_MIN_BITS, record.bits());
            assertEquals(m.operator.mspId(), record.mspId());
            assertEquals(m.operator.certificateHash(), record.certificateHash());
            assertEquals(r.txId(), record.txId());
            RingPedersenProof.fromBase64(record.parametersProof()).verify(
                    RingPedersenParameters.fromBase64(record.parameters()), ProofContexts.proofParameters(CHANNEL));
            assertEquals(1, com.google.gson.JsonParser.parseString(m.query("getHistory", "PROOFPARAMS"))
                    .getAsJsonArray().size());
        }

        @Test
        void theyCannotBeReadBeforeTheyAreRegistered() {
            m.configureWithoutProofParameters();
            assertRejected(ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED, () -> m.engine.evaluate(m.operator,
                    "getProofParameters", List.of()));
        }

        @Test
        void onlyTheOperatorRegistersThem() {
            m.configureWithoutProofParameters();
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, MarketHarness.identity(COMMUNITY_MSP, "h1"),
                    "registerProofParameters", params(), paramsProof());
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "registerProofParameters", params(), paramsProof());
        }

        @Test
        void theyAreRegisteredOnceWhateverTheSecondSetIs() {
            m.configure();
            m.rejects(ErrorCode.PROOF_PARAMETERS_ALREADY_REGISTERED, m.operator, "registerProofParameters",
                    params(), paramsProof());
            RingPedersenKeys other = otherParameters();
            m.rejects(ErrorCode.PROOF_PARAMETERS_ALREADY_REGISTERED, m.operator, "registerProofParameters",
                    other.parameters().toBase64(), RingPedersenProof.prove(other,
                            ProofContexts.proofParameters(CHANNEL), RANDOM).toBase64());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "%%", "AAAA", "AQAAAEAA"})
        void malformedParametersAreRejected(String parameters) {
            m.configureWithoutProofParameters();
            m.rejects(ErrorCode.INVALID_PROOF_PARAMETERS, m.operator, "registerProofParameters", parameters,
                    paramsProof());
        }

        @Test
        void parametersBelowThePolicysSizeAreRejectedEvenWithAValidProof() {
            m.configureWithoutProofParameters();
            RingPedersenKeys small = RingPedersenKeys.generate(1024, RANDOM);
            String proof = RingPedersenProof.prove(small, ProofContexts.proofParameters(CHANNEL), RANDOM).toBase64();
            assertTrue(m.rejects(ErrorCode.INVALID_PROOF_PARAMETERS, m.operator, "registerProofParameters",
                    small.parameters().toBase64(), proof).getMessage().contains("at least 2048"));
        }

        @Test
        void aFailingParameterProofIsRejected() {
            m.configureWithoutProofParameters();
            RingPedersenKeys other = otherParameters();
            // A proof of other parameters, of another channel, malformed, and tampered with.
            String ofOther = RingPedersenProof.prove(other, ProofContexts.proofParameters(CHANNEL), RANDOM)
                    .toBase64();
            String otherChannel = TestKeys.proofParametersProof("another-channel");
            byte[] tampered = Base64.getDecoder().decode(paramsProof());
            tampered[tampered.length - 7] ^= 0x20;
            for (String proof : List.of(ofOther, otherChannel, "AAAA", "",
                    Base64.getEncoder().encodeToString(tampered))) {
                m.rejects(ErrorCode.INVALID_PROOF_PARAMETERS, m.operator, "registerProofParameters", params(), proof);
            }
            assertRejected(ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED, () -> m.engine.evaluate(m.operator,
                    "getProofParameters", List.of()));
        }

        /** s replaced by a unit with Jacobi symbol -1: not in the group generated by the square t. */
        @Test
        void parametersWhoseSIsOutsideTheGroupOfTAreRejected() {
            m.configureWithoutProofParameters();
            RingPedersenParameters good = TestKeys.proofParameters();
            BigInteger s = BigInteger.TWO;
            while (NumberTheory.jacobi(s, good.modulus()) != -1) {
                s = s.add(BigInteger.ONE);
            }
            RingPedersenParameters bad = RingPedersenParameters.of(good.modulus(), s, good.t());
            m.rejects(ErrorCode.INVALID_PROOF_PARAMETERS, m.operator, "registerProofParameters", bad.toBase64(),
                    paramsProof());
        }
    }

    @Nested
    class RegisterHome {
        private final PaillierKeyPair keys = MarketHarness.pooledKey(0);
        private final Creator h1 = MarketHarness.identity(COMMUNITY_MSP, "h1");
        private final String keyProof = MarketHarness.keyProof(keys, "h1");

        private void rejectsFactorProof(String factorProof) {
            assertTrue(m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                    keyProof, factorProof).getMessage().contains("no-small-factor proof of home h1"));
            assertRejected(ErrorCode.UNKNOWN_HOME, () -> m.engine.evaluate(m.operator, "getHome", List.of("h1")));
        }

        @Test
        void homesCannotRegisterBeforeTheProofParameters() {
            m.configureWithoutProofParameters();
            m.rejects(ErrorCode.PROOF_PARAMETERS_NOT_REGISTERED, h1, "registerHome", "h1",
                    keys.publicKey().toBase64(), keyProof, MarketHarness.factorProof(keys, "h1"));
        }

        @Test
        void theProofsAreKeptForAuditorsWithTheParametersFingerprint() {
            m.configure();
            TxResult r = m.submit(h1, "registerHome", "h1", keys.publicKey().toBase64(), keyProof,
                    MarketHarness.factorProof(keys, "h1"));
            KeyProofRecord record = CanonicalJson.fromJson(m.query("getKeyProof", "h1"), KeyProofRecord.class);
            assertEquals(keyProof, record.keyProof());
            assertEquals(MarketHarness.factorProof(keys, "h1"), record.factorProof());
            assertEquals(TestKeys.proofParameters().fingerprint(), record.proofParameters());
            assertEquals(r.txId(), record.txId());
            assertEquals(r.txId(), CanonicalJson.fromJson(m.query("getHome", "h1"), HomeRecord.class).txId());
            NoSmallFactorProof.fromBase64(record.factorProof()).verify(keys.publicKey(), TestKeys.proofParameters(),
                    ProofContexts.registration(CHANNEL, "h1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "%%", "AAAA"})
        void aMalformedFactorProofIsRejected(String factorProof) {
            m.configure();
            rejectsFactorProof(factorProof);
        }

        @Test
        void aFactorProofForAnotherHomeChannelOrKeyIsRejected() {
            m.configure();
            rejectsFactorProof(MarketHarness.factorProof(keys, "h2"));
            rejectsFactorProof(TestKeys.factorProof(keys, ProofContexts.registration("another-channel", "h1")));
            rejectsFactorProof(MarketHarness.factorProof(MarketHarness.pooledKey(1), "h1"));
        }

        @Test
        void aFactorProofAgainstUnregisteredParametersIsRejected() {
            m.configure();
            String proof = NoSmallFactorProof.prove(keys.privateKey(), otherParameters().parameters(),
                    ProofContexts.registration(CHANNEL, "h1"), RANDOM).toBase64();
            assertTrue(m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                    keyProof, proof).getMessage().contains(otherParameters().parameters().fingerprint()));
        }

        @Test
        void aTamperedFactorProofIsRejected() {
            m.configure();
            byte[] bytes = Base64.getDecoder().decode(MarketHarness.factorProof(keys, "h1"));
            for (int i : new int[] {0, 20, 41 + 100, bytes.length / 2, bytes.length - 1}) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= 0x04;
                rejectsFactorProof(Base64.getEncoder().encodeToString(tampered));
            }
        }

        @Test
        void theKeyCorrectnessProofIsStillRequired() {
            m.configure();
            m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                    MarketHarness.keyProof(keys, "h2"), MarketHarness.factorProof(keys, "h1"));
        }
    }

    /**
     * N0 = p q with p = 1019, or a 20-bit or a 120-bit Blum prime, of the market's key size: the modulus checks and
     * the key-correctness proof accept it (which is how such a key used to be recorded as valid); the no-small-factor
     * proof is what rejects it, whatever the dishonest home sends.
     */
    @Nested
    class BitForgeModuli {
        private final Creator home = MarketHarness.identity(COMMUNITY_MSP, "weak");

        private List<BitForgeKeys.WeakModulus> weakModuli() {
            SecureRandom random = new SecureRandom();
            return List.of(
                    BitForgeKeys.withSmallFactor(BigInteger.valueOf(1019), MarketHarness.KEY_BITS, random),
                    BitForgeKeys.withSmallFactor(BitForgeKeys.blumPrime(20, random), MarketHarness.KEY_BITS, random),
                    BitForgeKeys.withSmallFactor(BitForgeKeys.blumPrime(120, random), MarketHarness.KEY_BITS,
                            random));
        }

        @ParameterizedTest
        @EnumSource(BitForgeKeys.Cheat.class)
        void aKeyWithASmallFactorIsRejectedAtRegistration(BitForgeKeys.Cheat cheat) {
            m.configure();
            for (BitForgeKeys.WeakModulus weak : weakModuli()) {
                String modulusProof = BitForgeKeys.modulusProof(weak, ProofContexts.registration(CHANNEL, "weak"),
                        RANDOM);
                // What the key-correctness proof alone says: a valid Paillier-Blum modulus.
                KeyCorrectnessProof.fromBase64(modulusProof).verify(weak.publicKey(),
                        ProofContexts.registration(CHANNEL, "weak"));
                String factorProof = BitForgeKeys.factorProof(weak, cheat, TestKeys.proofParameters(),
                        ProofContexts.registration(CHANNEL, "weak"), RANDOM);
                String message = m.rejects(ErrorCode.INVALID_KEY_PROOF, home, "registerHome", "weak",
                        weak.publicKey().toBase64(), modulusProof, factorProof).getMessage();
                assertTrue(message.contains("no-small-factor proof of home weak"), message);
                assertTrue(message.contains(cheat == BitForgeKeys.Cheat.BALANCED_STAND_INS ? "Q^z1 t^v != T R^e"
                        : "s^z2 t^w2 != B Q^e"), message);
                assertRejected(ErrorCode.UNKNOWN_HOME, () -> m.engine.evaluate(m.operator, "getHome",
                        List.of("weak")));
            }
        }

        @Test
        void anHonestKeysProofDoesNotCoverAWeakKey() {
            m.configure();
            BitForgeKeys.WeakModulus weak = weakModuli().get(0);
            m.rejects(ErrorCode.INVALID_KEY_PROOF, home, "registerHome", "weak", weak.publicKey().toBase64(),
                    BitForgeKeys.modulusProof(weak, ProofContexts.registration(CHANNEL, "weak"), RANDOM),
                    MarketHarness.factorProof(MarketHarness.pooledKey(0), "weak"));
        }

        @Test
        void theDishonestProofsAreWellFormedEncodings() {
            BitForgeKeys.WeakModulus weak = weakModuli().get(2);
            for (BitForgeKeys.Cheat cheat : BitForgeKeys.Cheat.values()) {
                byte[] bytes = Bytes.fromBase64(BitForgeKeys.factorProof(weak, cheat, TestKeys.proofParameters(),
                        ProofContexts.registration(CHANNEL, "weak"), RANDOM), "proof");
                assertEquals(NoSmallFactorProof.encodedLength(MarketHarness.KEY_BITS / 8, 256), bytes.length);
                NoSmallFactorProof.fromBytes(bytes);
            }
        }
    }
}
