package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * A registered representative: an organisation (an aggregator, a community battery operator) that submits the role
 * declarations and contributions of the homes that delegated to it, one transaction per window for all of them
 * (seed 003, SNIPPET: representatives act for their clients in the market). It is not a home: it has no Paillier key,
 * is never ranked or selected and never trades. Stored under {@code REPRESENTATIVE~representativeId}.
 *
 * @param representativeId the representative's id (the syntax of a home id)
 * @param mspId            the MSP id of the identity bound to it
 * @param certificateHash  lower-case hex SHA-256 of that identity's certificate
 * @param registeredAt     the registration's transaction timestamp (ISO-8601, UTC)
 * @param txId             the registration's transaction id
 */
public record RepresentativeRecord(String representativeId, String mspId, String certificateHash,
                                   String registeredAt, String txId) {
    public RepresentativeRecord {
        Objects.requireNonNull(representativeId, "representativeId");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(txId, "txId");
    }
}
