package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The reverse index from an identity to its home; stored under {@code IDENTITY~mspId~certificateHash}. It makes
 * "one identity, one home" a single point read.
 *
 * @param mspId           the identity's MSP id
 * @param certificateHash lower-case hex SHA-256 of its certificate
 * @param homeId          the home it is bound to
 */
public record IdentityBinding(String mspId, String certificateHash, String homeId) {
    public IdentityBinding {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
        Objects.requireNonNull(homeId, "homeId");
    }
}
