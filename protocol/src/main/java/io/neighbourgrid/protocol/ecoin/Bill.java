package io.neighbourgrid.protocol.ecoin;

/**
 * A meter's bill for a billing period (Section 5.4.4): {@code (withdrawn - deposited) x coin value}, charged when
 * positive and paid when negative.
 *
 * @param meterId      the meter
 * @param period       the billing period
 * @param withdrawn    coins withdrawn in the period
 * @param deposited    coins deposited in the period
 * @param netCoins     {@code withdrawn - deposited}
 * @param amountMicros {@code netCoins x coinValueMicros}: positive is charged, negative is paid
 */
public record Bill(String meterId, long period, long withdrawn, long deposited, long netCoins, long amountMicros) {
    /** The bill of an account at a coin value. */
    public static Bill of(Account account, long coinValueMicros) {
        long net = Math.subtractExact(account.withdrawn(), account.deposited());
        return new Bill(account.accountId(), account.period(), account.withdrawn(), account.deposited(), net,
                Math.multiplyExact(net, coinValueMicros));
    }
}
