package io.neighbourgrid.audit;

import java.util.Objects;

/**
 * One line of an audit: what was checked, whether it held, and the evidence.
 *
 * @param check  what was checked, e.g. {@code "bill h1 1-96: proof"}
 * @param status the outcome
 * @param detail the evidence: values, transaction ids, or why it failed
 */
public record Finding(String check, Status status, String detail) {
    /** The outcome of one check. */
    public enum Status {
        /** The check held. */
        PASS,
        /** The check failed: the ledger contradicts itself or a proof. */
        FAIL,
        /** Information (who submitted what), or a condition that is not a failure (a missing meter report). */
        NOTE
    }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** A passed check. */
    public static Finding pass(String check, String detail) {
        return new Finding(check, Status.PASS, detail);
    }

    /** A failed check. */
    public static Finding fail(String check, String detail) {
        return new Finding(check, Status.FAIL, detail);
    }

    /** A note. */
    public static Finding note(String check, String detail) {
        return new Finding(check, Status.NOTE, detail);
    }

    /** Whether this line failed. */
    public boolean failed() {
        return status == Status.FAIL;
    }
}
