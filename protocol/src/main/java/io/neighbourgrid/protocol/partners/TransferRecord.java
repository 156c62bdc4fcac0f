package io.neighbourgrid.protocol.partners;

import java.util.Objects;

/**
 * The ledger's record of one window's partner transfer, under {@code PARTNERTRANSFER~agreementId~t}
 * ({@code docs/partners.md}, section 4): the commitment to the two parties' statement ({@link PartnerStatement}),
 * recorded by one party and confirmed by the other with the same commitment. It holds no amount.
 *
 * @param agreementId the agreement
 * @param window      the window
 * @param commitment  SHA-256 of the statement, 64 hex digits
 * @param recordedBy  the party that recorded it first
 * @param recordedAt  that transaction's timestamp
 * @param confirmedBy the other party, once it confirmed; absent until then
 * @param confirmedAt that transaction's timestamp; absent until then
 */
public record TransferRecord(String agreementId, long window, String commitment, String recordedBy,
                             String recordedAt, String confirmedBy, String confirmedAt) {
    public TransferRecord {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(recordedBy, "recordedBy");
        if ((confirmedBy == null) != (confirmedAt == null)) {
            throw new IllegalArgumentException("a confirmation names its party and its time");
        }
    }

    /** Whether both parties recorded the same commitment. */
    public boolean confirmed() {
        return confirmedBy != null;
    }
}
