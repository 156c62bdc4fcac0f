package io.neighbourgrid.testing;

import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenKeys;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.crypto.proof.RingPedersenProof;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.ProofContexts;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Paillier key pairs and key-correctness proofs for tests, made once per test JVM: key generation and the 80-round
 * key proof dominate a test's set-up, and a test only needs distinct keys of the right size, not fresh ones. Keys
 * are identified by size and index; index {@code i} of a size is the same key for every caller in the JVM. Likewise
 * one set of ring-Pedersen proof parameters of the market's minimum size, with its proof per channel, and the
 * homes' no-small-factor proofs against it.
 */
public final class TestKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Long, PaillierKeyPair> KEYS = new HashMap<>();
    private static final Map<String, String> PROOFS = new HashMap<>();
    private static final Map<String, String> FACTOR_PROOFS = new HashMap<>();
    private static final Map<String, String> PARAMETER_PROOFS = new HashMap<>();
    private static RingPedersenKeys proofParameterKeys;

    private TestKeys() {
    }

    /**
     * The {@code index}-th test key of this size.
     *
     * @param bits  the modulus length
     * @param index which key (0, 1, ...)
     * @return the key pair, the same object on every call with the same arguments
     */
    public static synchronized PaillierKeyPair paillier(int bits, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative, got " + index);
        }
        return KEYS.computeIfAbsent(((long) bits << 32) | index, k -> PaillierKeyPair.generate(bits, RANDOM));
    }

    /**
     * A key-correctness proof of {@code keys} bound to {@code context}, made once per key and context.
     *
     * @param keys    the key pair
     * @param context what the proof is bound to (e.g. a home's registration)
     * @return the proof, Base64
     */
    public static synchronized String keyProof(PaillierKeyPair keys, ProofContext context) {
        String id = keys.publicKey().toBase64() + "/" + context.channel() + "/" + context.window() + "/"
                + context.phase() + "/" + context.prover();
        return PROOFS.computeIfAbsent(id, k -> KeyCorrectnessProof.prove(keys.privateKey(), context, RANDOM)
                .toBase64());
    }

    /**
     * The tests' ring-Pedersen proof parameters with their trapdoor: one set of
     * {@value KeyPolicy#PROOF_PARAMETERS_MIN_BITS} bits per JVM, the size the contract accepts.
     *
     * @return the parameters and trapdoor, the same object on every call
     */
    public static synchronized RingPedersenKeys proofParameterKeys() {
        if (proofParameterKeys == null) {
            proofParameterKeys = RingPedersenKeys.generate(KeyPolicy.PROOF_PARAMETERS_MIN_BITS, RANDOM);
        }
        return proofParameterKeys;
    }

    /**
     * The tests' ring-Pedersen proof parameters.
     *
     * @return {@code proofParameterKeys().parameters()}
     */
    public static RingPedersenParameters proofParameters() {
        return proofParameterKeys().parameters();
    }

    /**
     * The proof of the tests' proof parameters for {@code channel}, as the operator registers it, made once per
     * channel.
     *
     * @param channel the channel
     * @return the {@link RingPedersenProof}, Base64
     */
    public static synchronized String proofParametersProof(String channel) {
        RingPedersenKeys keys = proofParameterKeys();
        return PARAMETER_PROOFS.computeIfAbsent(channel, c -> RingPedersenProof.prove(keys,
                ProofContexts.proofParameters(c), RANDOM).toBase64());
    }

    /**
     * A no-small-factor proof of {@code keys} against the tests' proof parameters, bound to {@code context}, made
     * once per key and context.
     *
     * @param keys    the key pair
     * @param context what the proof is bound to (a home's registration)
     * @return the proof, Base64
     */
    public static synchronized String factorProof(PaillierKeyPair keys, ProofContext context) {
        RingPedersenParameters params = proofParameters();
        String id = keys.publicKey().toBase64() + "/" + context.channel() + "/" + context.window() + "/"
                + context.phase() + "/" + context.prover();
        return FACTOR_PROOFS.computeIfAbsent(id, k -> NoSmallFactorProof.prove(keys.privateKey(), params, context,
                RANDOM).toBase64());
    }

    /** A shared source of randomness for tests that do not need a seed. */
    public static SecureRandom random() {
        return RANDOM;
    }
}
