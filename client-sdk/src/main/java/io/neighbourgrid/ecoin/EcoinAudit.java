package io.neighbourgrid.ecoin;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.Party;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The auditor's re-check of a closed e-coin billing period from the ledger alone: every bill recomputed from its
 * account ({@code (withdrawn - deposited) x coin value}), every account billed, the period's grid exchange recounted
 * from its closed pairings, and the sum of the bills against it ({@code sum = imports - exports + coins still held}).
 */
public final class EcoinAudit {
    private EcoinAudit() {
    }

    /**
     * The audit's verdict.
     *
     * @param period     the period as recorded
     * @param bills      its bills
     * @param findings   every disagreement found; empty when the period passes
     * @param heldCoins  coins withdrawn but neither spent at the grid nor deposited (meters still hold them)
     */
    public record Report(PeriodRecord period, List<Bill> bills, List<String> findings, long heldCoins) {
        /** Whether every check passed. */
        public boolean passed() {
            return findings.isEmpty();
        }
    }

    /** Audits closed period {@code period}. */
    public static Report audit(EcoinClient ledger, long period) throws LedgerException {
        String p = Long.toString(period);
        EcoinConfig config = ledger.config();
        PeriodRecord record = ledger.evaluate(PeriodRecord.class, EcoinTransaction.GET_PERIOD, p);
        List<Bill> bills = List.of(ledger.evaluate(Bill[].class, EcoinTransaction.LIST_BILLS, p));
        List<Account> accounts = List.of(ledger.evaluate(Account[].class, EcoinTransaction.LIST_ACCOUNTS, p));
        List<Pairing> pairings = List.of(ledger.evaluate(Pairing[].class, EcoinTransaction.LIST_PAIRINGS, p));
        List<String> findings = new ArrayList<>();
        if (record.closedAt() == null) {
            findings.add("period " + p + " is not closed");
        }
        Map<String, Bill> byMeter = new TreeMap<>();
        bills.forEach(b -> byMeter.put(b.meterId(), b));
        long billed = 0;
        for (Account a : accounts) {
            if (a.accountId().equals(Account.GRID)) {
                continue;
            }
            Bill expected = Bill.of(a, config.settings().coinValueMicros());
            Bill actual = byMeter.remove(a.accountId());
            if (!expected.equals(actual)) {
                findings.add("bill of " + a.accountId() + " is " + actual + ", its account gives " + expected);
            }
            billed += expected.netCoins();
        }
        byMeter.keySet().forEach(m -> findings.add("bill of " + m + " has no account"));
        long imports = pairings.stream().filter(x -> x.offerSource() == Party.GRID).count();
        long exports = pairings.stream().filter(x -> x.requestSource() == Party.GRID).count();
        long local = pairings.size() - imports - exports;
        if (imports != record.gridImports() || exports != record.gridExports() || local != record.meterPairings()) {
            findings.add("the period records " + record.gridImports() + " imports, " + record.gridExports()
                    + " exports, " + record.meterPairings() + " local pairings; its closed pairings give " + imports
                    + ", " + exports + ", " + local);
        }
        if (billed != record.billedCoins()) {
            findings.add("the bills sum to " + billed + " coins, the period records " + record.billedCoins());
        }
        long held = billed - (imports - exports);
        if (held != record.outstandingCoins()) {
            findings.add("coins held: " + held + " by the bills and pairings, " + record.outstandingCoins()
                    + " recorded");
        }
        if (held < 0) {
            findings.add("the bills pay out " + -held + " coins more than the grid exchange covers");
        }
        return new Report(record, bills, List.copyOf(findings), held);
    }
}
