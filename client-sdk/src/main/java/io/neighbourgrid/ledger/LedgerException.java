package io.neighbourgrid.ledger;

import io.neighbourgrid.protocol.ErrorCode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transaction failed. {@link #errorCode()} says why in a form programs can act on: the contract's own error code
 * (the contract starts every failure message with it, {@code CODE: message}, because a Fabric Gateway hands clients
 * only the message), a commit-time validation code such as {@code MVCC_READ_CONFLICT}, {@code ACCESS_DENIED} for a
 * refused identity, or {@code UNAVAILABLE} when the ledger cannot be reached.
 */
public class LedgerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A key the transaction read changed before it was committed; simulating it again may succeed. */
    public static final String MVCC_READ_CONFLICT = "MVCC_READ_CONFLICT";
    /** A range the transaction queried changed before it was committed; simulating it again may succeed. */
    public static final String PHANTOM_READ_CONFLICT = "PHANTOM_READ_CONFLICT";
    /** The ledger could not be reached or is shut down. */
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** The ledger did not answer in time; the transaction may or may not have been committed. */
    public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** The channel refused the signing identity. */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /** The failure carried no recognisable code. */
    public static final String UNKNOWN = "UNKNOWN";

    private static final Set<String> RETRYABLE = Set.of(MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT, UNAVAILABLE,
            DEADLINE_EXCEEDED);

    /** An error code: upper-case letters, digits and underscores, starting with a letter, then a colon. */
    private static final Pattern CODE = Pattern.compile("([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*):(?:\\s|$)");
    /**
     * Wrappers Fabric puts before a chaincode's message: the peer's "transaction returned with failure: " and the
     * gateway's "chaincode response 500, ".
     */
    private static final Pattern FABRIC_WRAPPER = Pattern.compile(
            "(?:transaction returned with failure: |chaincode response \\d{3}, )");

    private final String errorCode;

    /**
     * A failure whose code is parsed from its message ({@link #UNKNOWN} when it carries none).
     *
     * @param message the failure message, as the contract or the ledger produced it
     */
    public LedgerException(String message) {
        this(message, (Throwable) null);
    }

    /**
     * A failure whose code is parsed from its message ({@link #UNKNOWN} when it carries none).
     *
     * @param message the failure message, as the contract or the ledger produced it
     * @param cause   the underlying failure
     */
    public LedgerException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.errorCode = parseErrorCode(message).orElse(UNKNOWN);
    }

    /**
     * A failure with a known code.
     *
     * @param errorCode the code
     * @param message   the failure message
     * @param cause     the underlying failure, or {@code null}
     */
    public LedgerException(String errorCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The error code: the contract's, a validation code, {@link #UNAVAILABLE}, or {@link #UNKNOWN}. */
    public String errorCode() {
        return errorCode;
    }

    /**
     * The contract's rejection code, whatever the ledger (embedded or Fabric Gateway).
     *
     * @return the code when the contract rejected the transaction; empty for a commit-time validation code, a
     *         transport failure or an unknown failure
     */
    public Optional<ErrorCode> contractError() {
        return ErrorCode.parse(errorCode);
    }

    /**
     * Whether the contract rejected the transaction with this code.
     *
     * @param code the contract's code
     * @return {@code true} if {@link #contractError()} is {@code code}
     */
    public boolean is(ErrorCode code) {
        return code.name().equals(errorCode);
    }

    /**
     * Whether submitting the same transaction again may succeed: MVCC and phantom-read conflicts (the transaction
     * lost a race and will be simulated on newer state) and transport failures. A contract's rejection is not
     * retryable: the same transaction on the same state is rejected again.
     */
    public boolean isRetryable() {
        return RETRYABLE.contains(errorCode);
    }

    /**
     * The error code at the start of a failure message ({@code CODE: message}), also when Fabric wrapped the
     * message in "transaction returned with failure: " or "chaincode response 500, ".
     *
     * @return the code, or empty when the message does not start with one
     */
    public static Optional<String> parseErrorCode(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String m = message.strip();
        Optional<String> atStart = codeAt(m, 0);
        if (atStart.isPresent()) {
            return atStart;
        }
        Matcher wrapper = FABRIC_WRAPPER.matcher(m);
        while (wrapper.find()) {
            Optional<String> code = codeAt(m, wrapper.end());
            if (code.isPresent()) {
                return code;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> codeAt(String message, int from) {
        Matcher matcher = CODE.matcher(message);
        matcher.region(from, message.length());
        return matcher.lookingAt() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
