package io.neighbourgrid.protocol.state;

import java.util.Objects;

/**
 * A selected home's verified decryption of its totals aggregate: r1 decrypts {@code T_r1}
 * ({@code totalsForResponder}), r2 decrypts {@code T_r2} ({@code totalsForInitiator}). Each plaintext alone is a
 * masked value; their sum is the packed market totals ({@code io.neighbourgrid.market.PackedTotals}).
 *
 * @param homeId    the selected home that posted it
 * @param plaintext the signed plaintext, decimal
 * @param proof     the proof of correct decryption, Base64, bound to {@code (channel, t, "totals", homeId)}
 * @param postedAt  the transaction timestamp (ISO-8601, UTC)
 * @param txId      the transaction id
 */
public record TotalsDecryption(String homeId, String plaintext, String proof, String postedAt, String txId) {
    public TotalsDecryption {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(txId, "txId");
    }
}
