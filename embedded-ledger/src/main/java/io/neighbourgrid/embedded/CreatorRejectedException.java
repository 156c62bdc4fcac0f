package io.neighbourgrid.embedded;

/**
 * The transaction's creator does not belong to a registered organisation, or its certificate does not chain to
 * that organisation's certificate authority or is not valid at the transaction timestamp. The message starts with
 * {@code ACCESS_DENIED}, the code clients see for a proposal a Fabric peer refuses to endorse.
 */
public final class CreatorRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error code this exception's message starts with. */
    public static final String ERROR_CODE = "ACCESS_DENIED";

    /** @param reason why the creator was rejected */
    public CreatorRejectedException(String reason) {
        super(ERROR_CODE + ": " + reason);
    }

    /**
     * @param reason why the creator was rejected
     * @param cause  the certificate failure behind it
     */
    public CreatorRejectedException(String reason, Throwable cause) {
        super(ERROR_CODE + ": " + reason, cause);
    }
}
