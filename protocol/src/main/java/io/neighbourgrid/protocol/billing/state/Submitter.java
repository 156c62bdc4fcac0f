package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * The identity that signed a billing transaction: its MSP id and the SHA-256 of its certificate. Recorded with every
 * billing record so an audit can say who submitted what without the block.
 *
 * @param mspId           the signer's organisation
 * @param certificateHash lower-case hex SHA-256 of the signer's certificate (DER)
 */
public record Submitter(String mspId, String certificateHash) {
    public Submitter {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
    }
}
