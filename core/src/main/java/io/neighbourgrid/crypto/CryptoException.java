package io.neighbourgrid.crypto;

/**
 * Base type of every failure raised by the cryptographic core when it is handed something it must not accept:
 * a malformed encoding, a ciphertext outside the group, a value outside its range, a key or proof that does not
 * verify. The message always names the problem; it never contains secret values.
 */
public abstract class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CryptoException(String message) {
        super(message);
    }

    protected CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
