package io.neighbourgrid.crypto.comparison;

/**
 * The four messages of one comparison, in the order they are sent. Odd steps come from the initiator, even steps
 * from the responder; the step number is the second byte of every message.
 */
public enum ComparisonStep {
    /** Initiator to responder: the initiator's public key and Enc(x_i) for every bit of x. */
    ENCRYPTED_BITS(1),
    /** Responder to initiator: l + 1 blinded, re-randomised, permuted ciphertexts. */
    BLINDED_DIFFERENCES(2),
    /** The initiator's output share. */
    INITIATOR_SHARE(3),
    /** The responder's output share. */
    RESPONDER_SHARE(4);

    private final int number;

    ComparisonStep(int number) {
        this.number = number;
    }

    /** The step number carried in the message, 1 to 4. */
    public int number() {
        return number;
    }

    /** The step with this number, or null if there is none. */
    static ComparisonStep ofNumber(int number) {
        for (ComparisonStep s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }
}
