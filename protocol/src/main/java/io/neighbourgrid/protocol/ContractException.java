package io.neighbourgrid.protocol;

import java.util.Objects;

/**
 * A transaction the contract rejects, with the {@link ErrorCode} that says why. Its message starts with the code
 * ({@code "WRONG_PHASE: ..."}): Fabric hands a client only the message of a rejected proposal, so the code leads
 * it, and every ledger client parses it back into the enum. The Fabric adapter turns this exception into the shim's
 * own at the contract's boundary; the embedded ledger passes it through unchanged.
 */
public final class ContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * A rejection.
     *
     * @param code    why
     * @param message what is wrong, naming the offending argument or state; never a private value
     * @param cause   the underlying failure, or {@code null}
     */
    public ContractException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "code").name() + ": " + Objects.requireNonNull(message, "message"), cause);
        this.code = code;
    }

    /** Why the transaction was rejected. */
    public ErrorCode code() {
        return code;
    }
}
