package io.neighbourgrid.testing;

import io.neighbourgrid.protocol.contract.Creator;
import java.nio.charset.StandardCharsets;

/** Submitting identities for contract tests that run without certificates (the contract binds MSP id and hash). */
public final class TestIdentities {
    private TestIdentities() {
    }

    /**
     * A distinct identity of an organisation.
     *
     * @param mspId the organisation
     * @param name  which member
     * @return a creator whose certificate bytes name the member, so two names are two identities
     */
    public static Creator creator(String mspId, String name) {
        return new Creator(mspId, ("test certificate of " + name + " in " + mspId).getBytes(StandardCharsets.UTF_8));
    }
}
