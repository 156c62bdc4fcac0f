package io.neighbourgrid.crypto;

/** Raised for a ciphertext that is not an element of Z*_{N^2} for its key (zero, at least N^2, or sharing a factor with N). */
public final class InvalidCiphertextException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public InvalidCiphertextException(String message) {
        super(message);
    }

    public InvalidCiphertextException(String message, Throwable cause) {
        super(message, cause);
    }
}
