package io.neighbourgrid.crypto;

/** Raised for bytes or text that do not decode to the expected structure (wrong length, bad prefix, trailing data, bad Base64). */
public final class MalformedEncodingException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public MalformedEncodingException(String message) {
        super(message);
    }

    public MalformedEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
