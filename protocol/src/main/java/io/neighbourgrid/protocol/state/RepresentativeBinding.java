package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The reverse index from an identity to the representative it acts as; stored under
 * {@code REPIDENTITY~mspId~certificateHash}. An identity is a home ({@link IdentityBinding}) or a representative,
 * never both.
 *
 * @param mspId            the identity's MSP id
 * @param certificateHash  lower-case hex SHA-256 of its certificate
 * @param representativeId the representative it is bound to
 */
public record RepresentativeBinding(String mspId, String certificateHash, String representativeId) {
    public RepresentativeBinding {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
        Objects.requireNonNull(representativeId, "representativeId");
    }
}
