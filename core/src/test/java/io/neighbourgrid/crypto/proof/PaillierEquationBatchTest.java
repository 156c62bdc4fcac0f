package io.neighbourgrid.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.CryptoFixtures;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaillierEquationBatchTest {
    private static final ProofContext CONTEXT = new ProofContext("ng-channel", 12, "outcome", "home-001");
    private static final SecureRandom RANDOM = CryptoFixtures.seeded(46);

    private static PaillierKeyPair pair() {
        return CryptoFixtures.keyPair(1024, 1);
    }

    private static RingPedersenParameters params() {
        return RingPedersenFixtures.generated(1024).parameters();
    }

    private static final List<Ciphertext> CIPHERTEXTS = new ArrayList<>();
    private static final List<NonNegativityProof> PROOFS = new ArrayList<>();

    static {
        PaillierPublicKey key = pair().publicKey();
        for (long v : new long[] {0, 1, 99, 1L << 40, 123_456_789}) {
            Ciphertext c = key.encrypt(BigInteger.valueOf(v), RANDOM);
            CIPHERTEXTS.add(c);
            PROOFS.add(NonNegativityProof.proveAsKeyHolder(pair().privateKey(), c, 64, params(), CONTEXT, RANDOM));
        }
    }

    private static PaillierEquationBatch batchOf(List<NonNegativityProof> proofs) {
        PaillierEquationBatch batch = new PaillierEquationBatch(pair().publicKey());
        for (int i = 0; i < proofs.size(); i++) {
            proofs.get(i).verify(pair().publicKey(), CIPHERTEXTS.get(i), 64, params(), CONTEXT, batch);
        }
        return batch;
    }

    @Test
    void holdsForHonestProofsAndWhenEmpty() {
        PaillierEquationBatch batch = batchOf(PROOFS);
        assertEquals(PROOFS.size(), batch.size());
        assertTrue(batch.holds(CONTEXT));
        assertTrue(new PaillierEquationBatch(pair().publicKey()).holds(CONTEXT));
    }

    @Test
    void failsWhenAnyProofsPaillierPartIsAlteredWhichASingleVerificationNames() {
        for (int i = 0; i < PROOFS.size(); i++) {
            // y, the last field, enters the Paillier equation only: the other checks still pass
            for (BigInteger factor : new BigInteger[] {BigInteger.TWO, BigInteger.valueOf(3)}) {
                BigInteger[] fields = PROOFS.get(i).fields();
                int at = fields.length - 1;
                fields[at] = fields[at].multiply(factor).mod(pair().publicKey().modulus());
                List<NonNegativityProof> proofs = new ArrayList<>(PROOFS);
                proofs.set(i, PROOFS.get(i).withFields(fields));
                assertFalse(batchOf(proofs).holds(CONTEXT), "proof " + i + ", y times " + factor);
                int index = i;
                assertThrows(InvalidProofException.class, () -> proofs.get(index).verify(pair().publicKey(),
                        CIPHERTEXTS.get(index), 64, params(), CONTEXT));
            }
        }
    }

    @Test
    void refusesAnEquationUnderAnotherKey() {
        PaillierEquationBatch batch = new PaillierEquationBatch(CryptoFixtures.keyPair(1024, 0).publicKey());
        assertThrows(IllegalArgumentException.class, () -> PROOFS.get(0).verify(pair().publicKey(),
                CIPHERTEXTS.get(0), 64, params(), CONTEXT, batch));
    }
}
