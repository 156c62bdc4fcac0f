package io.neighbourgrid.sim.ecoin;

import io.neighbourgrid.ecoin.MeterTrail;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.Party;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A simulated e-coin day, as read back from the ledger.
 *
 * @param settings       the settings
 * @param dataSource     where consumption came from
 * @param ledger         which ledger
 * @param period         the closed billing period
 * @param bills          the bills the contract wrote
 * @param pairings       the period's closed pairings
 * @param meters         each meter with its identity and its own record of its trade
 * @param withdrawals    identified withdrawals (wallet loading and top-ups)
 * @param deposited      coins deposited at the end
 * @param unfinished     pairings left open at the end of a slot, summed over slots
 * @param sharedIdentity the certificate hash of the microgrid's shared identity
 * @param seconds        wall-clock seconds the day took
 */
public record EcoinDayResult(EcoinDaySettings settings, String dataSource, String ledger, PeriodRecord period,
                             List<Bill> bills, List<Pairing> pairings, List<MeterOutcome> meters, int withdrawals,
                             int deposited, long unfinished, String sharedIdentity, double seconds) {
    /**
     * A meter's identity and trade.
     *
     * @param meterId         the meter
     * @param certificateHash its own identity's certificate hash
     * @param trail           its own record (of every period it took part in)
     * @param netBought       pieces it bought minus pieces it sold in this period
     */
    public record MeterOutcome(String meterId, String certificateHash, MeterTrail trail, long netBought) {
    }

    /** The sum of the meters' net coins. */
    public long billedCoins() {
        return bills.stream().mapToLong(Bill::netCoins).sum();
    }

    /** Whether the bills sum to the grid exchange: {@code sum(withdrawn - deposited) = imports - exports}. */
    public boolean balanced() {
        return billedCoins() == period.gridImports() - period.gridExports();
    }

    /** Whether every meter's bill is what it bought minus what it sold, by its own record. */
    public boolean billsMatchTrade() {
        for (MeterOutcome m : meters) {
            long expected = m.netBought();
            long billed = bills.stream().filter(b -> b.meterId().equals(m.meterId())).mapToLong(Bill::netCoins)
                    .findFirst().orElse(0);
            if (expected != billed) {
                return false;
            }
        }
        return true;
    }

    /** Mean seconds from a meter's request to the receipt, for pairings whose offer came from {@code source}. */
    public OptionalDouble meanPairingSeconds(Party source) {
        return pairings.stream().filter(p -> p.requestSource() == Party.METER && p.offerSource() == source)
                .mapToDouble(EcoinDayResult::pairingSeconds).average();
    }

    /** Seconds from a pairing's request to its receipt, by the ledger's timestamps. */
    public static double pairingSeconds(Pairing p) {
        return Duration.between(Instant.parse(p.requestedAt()), Instant.parse(p.closedAt())).toNanos() / 1e9;
    }
}
