package io.neighbourgrid.crypto;

/** Raised for a public key that is malformed or whose proof of well-formedness does not verify. */
public final class InvalidPublicKeyException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public InvalidPublicKeyException(String message) {
        super(message);
    }

    public InvalidPublicKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
