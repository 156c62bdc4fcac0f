package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.paillier.Randomizer;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a member proves a contribution from: its slot values and mask (the witness), the randomizers C and D were
 * encrypted with, and two unused randomizers of the same keys for the proof's Paillier announcements, which a home
 * takes from the pools it precomputes anyway. Secret.
 *
 * @param slotValues u_0..u_3, u_j in [0, span_j]
 * @param mask       M in [0, 2^384) ({@link ContributionStatement#newMask})
 * @param forC       the randomizer of C under the responder's key
 * @param forD       the randomizer of D under the initiator's key
 * @param announceC  an unused randomizer of the responder's key
 * @param announceD  an unused randomizer of the initiator's key
 */
public record ContributionSecrets(long[] slotValues, BigInteger mask, Randomizer forC, Randomizer forD,
                                  Randomizer announceC, Randomizer announceD) {
    /** Checks that nothing is missing; the values themselves are checked by the prover. */
    public ContributionSecrets {
        slotValues = Objects.requireNonNull(slotValues, "slot values").clone();
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(forC, "randomizer of C");
        Objects.requireNonNull(forD, "randomizer of D");
        Objects.requireNonNull(announceC, "announcement randomizer of C");
        Objects.requireNonNull(announceD, "announcement randomizer of D");
        if (forC == announceC || forD == announceD) {
            throw new IllegalArgumentException("an announcement must not reuse the ciphertext's randomizer");
        }
    }

    @Override
    public long[] slotValues() {
        return slotValues.clone();
    }

    @Override
    public String toString() {
        return "ContributionSecrets[hidden]";
    }
}
