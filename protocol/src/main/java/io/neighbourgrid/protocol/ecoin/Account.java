package io.neighbourgrid.protocol.ecoin;

/**
 * The substation's only identified record of an account in a billing period (Section 5.4.1 step 3 and 5.4.4): how
 * many coins it withdrew and how many it deposited. Never which coins.
 *
 * @param accountId a meter id, or {@value #GRID} for the substation's own coins
 * @param period    the billing period
 * @param withdrawn coins signed for the account in the period
 * @param deposited coins the account deposited in the period
 */
public record Account(String accountId, long period, long withdrawn, long deposited) {
    /** The account of the substation's own coins (paid to meters for energy exported to the grid). */
    public static final String GRID = "grid";

    /** This account with {@code n} more coins withdrawn. */
    public Account withdraw(long n) {
        return new Account(accountId, period, Math.addExact(withdrawn, n), deposited);
    }

    /** This account with {@code n} more coins deposited. */
    public Account deposit(long n) {
        return new Account(accountId, period, withdrawn, Math.addExact(deposited, n));
    }
}
