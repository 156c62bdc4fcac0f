package io.neighbourgrid.protocol.ecoin;

/**
 * The registry entry of a used coin: a coin is accepted once, either spent in a payment or deposited.
 *
 * @param coinHash the SHA-256 (hex) of the coin's payload
 * @param status   {@link Status#SPENT} or {@link Status#DEPOSITED}
 * @param period   the billing period of its use
 * @param at       the using transaction's timestamp
 */
public record CoinRecord(String coinHash, Status status, long period, String at) {
    /** How a coin was used. */
    public enum Status {
        /** Checked by a payee in a pairing. */
        SPENT,
        /** Deposited at the end of a billing period. */
        DEPOSITED
    }
}
