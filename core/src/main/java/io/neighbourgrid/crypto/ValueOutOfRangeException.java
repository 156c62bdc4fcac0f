package io.neighbourgrid.crypto;

/** Raised for a plaintext or integer input outside the range it must lie in, for example a decrypted value beyond the overflow guard |x| < N/3. */
public final class ValueOutOfRangeException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public ValueOutOfRangeException(String message) {
        super(message);
    }

    public ValueOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
