package io.neighbourgrid.market;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One linear inequality on the four hidden slot sums of a window, {@code c_0 U_0 + c_1 U_1 + c_2 U_2 + c_3 U_3 + c
 * >= 0}, with public integer coefficients. The contract forms the combination on the slot ciphertexts
 * homomorphically and the responder proves it non-negative.
 *
 * @param name         what the inequality says, for error messages (e.g. {@code "E_s < E_b"})
 * @param coefficients {@code c_0..c_3}, one per slot
 * @param constant     {@code c}
 */
public record AffineForm(String name, List<BigInteger> coefficients, BigInteger constant) {
    /** Number of slots, and of coefficients. */
    public static final int SLOTS = 4;

    /**
     * Validates and copies the form.
     *
     * @throws IllegalArgumentException if there are not exactly {@value #SLOTS} coefficients
     */
    public AffineForm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(constant, "constant");
        coefficients = List.copyOf(coefficients);
        if (coefficients.size() != SLOTS) {
            throw new IllegalArgumentException("an affine form has " + SLOTS + " coefficients, got "
                    + coefficients.size());
        }
    }

    /**
     * The coefficient of one slot.
     *
     * @param slot 0..3
     * @return {@code c_slot}
     */
    public BigInteger coefficient(int slot) {
        return coefficients.get(slot);
    }

    /**
     * The form's value at the given slot sums.
     *
     * @param slotSums {@code U_0..U_3}
     * @return {@code sum c_j U_j + c}
     */
    public BigInteger evaluate(BigInteger[] slotSums) {
        if (slotSums.length != SLOTS) {
            throw new IllegalArgumentException("an affine form takes " + SLOTS + " slot sums");
        }
        BigInteger v = constant;
        for (int j = 0; j < SLOTS; j++) {
            v = v.add(coefficients.get(j).multiply(slotSums[j]));
        }
        return v;
    }

    /**
     * Whether the inequality holds at the given slot sums.
     *
     * @param slotSums {@code U_0..U_3}
     * @return {@code evaluate(slotSums) >= 0}
     */
    public boolean holds(BigInteger[] slotSums) {
        return evaluate(slotSums).signum() >= 0;
    }

    /**
     * The bit length of the largest value the form takes when every {@code U_j} lies in {@code [0, caps[j]]}:
     * the range an honest proof of the form needs. At least 1.
     *
     * @param caps the slot caps
     * @return bits
     */
    public int valueBits(BigInteger[] caps) {
        BigInteger max = constant;
        for (int j = 0; j < SLOTS; j++) {
            if (coefficients.get(j).signum() > 0) {
                max = max.add(coefficients.get(j).multiply(caps[j]));
            }
        }
        return Math.max(1, max.bitLength());
    }
}
