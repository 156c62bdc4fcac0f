package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * The homomorphic aggregates of a window, each the product of the contributing members' ciphertexts of one field
 * (canonical Base64). Each selected home holds the key of two of them and never sees an individual value: the
 * shares it can decrypt are masked.
 *
 * @param demandShare        {@code R_b} under r1: buyers' {@code |sn| + r} plus sellers' {@code r} (PEM Protocol 2)
 * @param supplyShare        {@code R_s} under r2: sellers' {@code sn + r} plus buyers' {@code r}
 * @param totalsForResponder {@code T_r1} under r1: every member's {@code pack + M}, the masked share of its packed
 *                           totals
 * @param totalsForInitiator {@code T_r2} under r2: every member's {@code -M}; {@code T_r1 + T_r2} is the packed sum
 *                           of {@code (E_s, sum k, sum d, E_b)}
 */
public record Aggregates(String demandShare, String supplyShare, String totalsForResponder,
                         String totalsForInitiator) {
    public Aggregates {
        Objects.requireNonNull(demandShare, "demandShare");
        Objects.requireNonNull(supplyShare, "supplyShare");
        Objects.requireNonNull(totalsForResponder, "totalsForResponder");
        Objects.requireNonNull(totalsForInitiator, "totalsForInitiator");
    }
}
