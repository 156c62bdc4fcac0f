package io.neighbourgrid.json;

/** Raised when JSON text is malformed or does not match the expected structure; the message says what. */
public final class JsonFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonFormatException(String message) {
        super(message);
    }

    public JsonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
