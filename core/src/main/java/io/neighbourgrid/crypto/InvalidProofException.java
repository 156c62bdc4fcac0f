package io.neighbourgrid.crypto;

/**
 * Raised for a zero-knowledge proof that does not verify for the statement and context it was checked against.
 * Not final: batch verification raises a subtype that also names the index of the failing claim.
 */
public class InvalidProofException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public InvalidProofException(String message) {
        super(message);
    }

    public InvalidProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
