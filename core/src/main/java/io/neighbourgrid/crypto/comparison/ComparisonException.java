package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.CryptoException;
import java.util.Objects;

/**
 * Raised when a comparison message, a comparison key or a comparison ciphertext must be rejected. The
 * {@link #reason()} classifies the defect (so that chaincode can map it to an error code) and the message names
 * it; neither ever contains a private input, a share or key material.
 */
public final class ComparisonException extends CryptoException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the rejected input. */
    public enum Reason {
        /** Truncated, trailing bytes, a length field out of bounds, a non-canonical field. */
        MALFORMED,
        /** The encoding version byte is not one this implementation reads. */
        UNSUPPORTED_VERSION,
        /** The message belongs to another step of the protocol. */
        WRONG_STEP,
        /** The message carries another session context than the one the receiver runs. */
        CONTEXT_MISMATCH,
        /** The bit length, ciphertext count or ciphertext width differs from what the session expects. */
        PARAMETER_MISMATCH,
        /** The public key encoding does not describe a usable comparison key. */
        INVALID_PUBLIC_KEY,
        /** The private key encoding does not describe a consistent comparison key pair. */
        INVALID_PRIVATE_KEY,
        /** The public key in the message is not the key the receiver expects for its peer. */
        KEY_MISMATCH,
        /** A ciphertext is zero or not below the modulus. */
        CIPHERTEXT_OUT_OF_RANGE,
        /** A ciphertext shares a factor with the modulus. */
        CIPHERTEXT_NOT_UNIT,
        /** A ciphertext is a unit but not an element of the key's ciphertext group (checked with the private key). */
        CIPHERTEXT_NOT_IN_GROUP,
        /** The message answers, or the share belongs to, another transcript than the receiver's. */
        TRANSCRIPT_MISMATCH,
        /** A share byte is neither 0 nor 1. */
        INVALID_SHARE,
        /** The peer's message is well formed but impossible for an honest peer (more than one zero). */
        PROTOCOL_VIOLATION
    }

    private final Reason reason;

    ComparisonException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The class of defect, stable across releases. */
    public Reason reason() {
        return reason;
    }
}
