package io.neighbourgrid.crypto.blind;

import io.neighbourgrid.crypto.CryptoException;

/** A blind signature, a blinded message or a finalised signature that RFC 9474 tells its receiver to reject. */
public final class InvalidBlindSignatureException extends CryptoException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, never a secret value
     */
    public InvalidBlindSignatureException(String message) {
        super(message);
    }
}
