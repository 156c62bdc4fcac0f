package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * How a dispute was resolved.
 *
 * @param verdict      upheld or rejected
 * @param evidenceHash lower-case hex SHA-256 of the audit report the verdict rests on
 * @param ledgerCheck  for a bill dispute, what chaincode found when it recomputed the bill from the records;
 *                     absent for a window dispute
 * @param resolvedBy   the resolving identity (operator organisation, not the billing identity)
 * @param resolvedAt   the transaction timestamp
 * @param txId         the transaction id
 */
public record DisputeResolution(Verdict verdict, String evidenceHash, String ledgerCheck, Submitter resolvedBy,
                                String resolvedAt, String txId) {
    public DisputeResolution {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidenceHash, "evidenceHash");
        Objects.requireNonNull(resolvedBy, "resolvedBy");
        Objects.requireNonNull(txId, "txId");
    }
}
