package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The two aggregates of a window's contributions, canonical Base64 ciphertexts (PEM Protocol 2 lines 2-13 and
 * Protocol 3 lines 2-7, multiplied by chaincode instead of passed from home to home).
 *
 * @param totalsForResponder {@code T_r1 = prod(pack_i + M_i)} under r1's key
 * @param totalsForInitiator {@code T_r2 = prod(-M_i)} under r2's key
 */
public record Aggregates(String totalsForResponder, String totalsForInitiator) {
    public Aggregates {
        Objects.requireNonNull(totalsForResponder, "totalsForResponder");
        Objects.requireNonNull(totalsForInitiator, "totalsForInitiator");
    }
}
