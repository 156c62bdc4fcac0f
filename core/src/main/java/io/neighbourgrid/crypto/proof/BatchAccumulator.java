package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The combined equations of a batch of proofs: one {@link ProductEquations} per ring-Pedersen parameter set and
 * one per Paillier key (in the market, one set and the two keys of the window's selected homes), each equation
 * with its own random coefficient.
 */
final class BatchAccumulator {
    private final SecureRandom random;
    private final String what;
    private final Map<RingPedersenParameters, ProductEquations> ringPedersen = new LinkedHashMap<>();
    private final Map<BigInteger, ProductEquations> paillier = new LinkedHashMap<>();

    BatchAccumulator(SecureRandom random, String what) {
        this.random = random;
        this.what = what;
    }

    RingPedersenTables tables(RingPedersenParameters params) {
        return RingPedersenTables.of(params);
    }

    ProductEquations ringPedersen(RingPedersenParameters params) {
        return ringPedersen.computeIfAbsent(params, p -> ProductEquations.ringPedersen(tables(p), random, what));
    }

    ProductEquations paillier(PaillierPublicKey key) {
        return paillier.computeIfAbsent(key.modulus(), n -> ProductEquations.paillier(key, random, what));
    }

    /** Whether every combined equation holds. */
    boolean holds() {
        for (ProductEquations eq : ringPedersen.values()) {
            if (!eq.holds()) {
                return false;
            }
        }
        for (ProductEquations eq : paillier.values()) {
            if (!eq.holds()) {
                return false;
            }
        }
        return true;
    }
}
