package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * Where a ciphertext was first used; stored under {@code CIPHERTEXT~sha256} (hex SHA-256 of the ciphertext's
 * bytes). A ciphertext copied from another home's or another window's contribution is rejected with a point read
 * of this index, without a range query that would serialise all contributions of a window.
 *
 * @param window the window of the contribution
 * @param homeId the home that contributed it
 * @param field  the contribution field it was submitted as
 */
public record CiphertextUse(long window, String homeId, String field) {
    public CiphertextUse {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(field, "field");
    }
}
