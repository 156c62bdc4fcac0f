package io.neighbourgrid.sim.ecoin;

import io.neighbourgrid.ecoin.EcoinClient;
import io.neighbourgrid.ecoin.MeterAgent;
import io.neighbourgrid.ecoin.SubstationAgent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One billing period of the e-coin microgrid on a ledger: the substation configures its key, meters register and
 * load their wallets (identified), trade every slot (unidentified, under the microgrid's shared identity) with the
 * substation pairing and trading with the main grid, and at the end deposit their coins; the substation closes the
 * period and the contract writes the bills.
 */
public final class EcoinDay {
    /** Rounds of acting per slot before the slot is given up (a pairing takes at most four). */
    static final int MAX_ROUNDS = 12;

    private EcoinDay() {
    }

    /**
     * Runs the day on a microgrid configured for it.
     *
     * @param provider the ledger
     * @param clock    the clock of the ledger's transaction timestamps (moved to each slot's start)
     * @param day      the day's first instant
     * @param profiles the power profiles
     * @param s        the settings
     * @return what happened, read back from the ledger
     */
    public static EcoinDayResult run(LedgerProvider provider, SimulationClock clock, LocalDateTime day,
                                     MicrogridProfiles profiles, EcoinDaySettings s) throws LedgerException {
        long started = System.nanoTime();
        EcoinMicrogrid grid = EcoinMicrogrid.configure(provider, s.metersA(), s.metersB(), profiles.slotMinutes(), s);
        return run(grid, clock, day, profiles, s, started);
    }

    /**
     * Runs the day as the open billing period of a configured microgrid, with {@code s.metersA()} type A and
     * {@code s.metersB()} type B of its meters, and closes the period.
     */
    public static EcoinDayResult run(EcoinMicrogrid grid, SimulationClock clock, LocalDateTime day,
                                     MicrogridProfiles profiles, EcoinDaySettings s) throws LedgerException {
        return run(grid, clock, day, profiles, s, System.nanoTime());
    }

    private static EcoinDayResult run(EcoinMicrogrid grid, SimulationClock clock, LocalDateTime day,
                                      MicrogridProfiles profiles, EcoinDaySettings s, long started)
            throws LedgerException {
        grid.requireFits(s, profiles.slotMinutes());
        clock.startWindow(day);
        EcoinClient operator = grid.operator();
        SubstationAgent substation = grid.substation();
        List<EcoinMicrogrid.Member> members = grid.meters(s.metersA(), s.metersB());
        List<MeterAgent> meters = members.stream().map(EcoinMicrogrid.Member::agent).toList();
        List<Boolean> typeB = members.stream().map(EcoinMicrogrid.Member::typeB).toList();
        long[] netBefore = meters.stream().mapToLong(EcoinDay::netBought).toArray();
        int withdrawals = 0;
        for (int i = 0; i < meters.size(); i++) {
            withdrawals += load(substation, meters.get(i), need(profiles, typeB.get(i), s, 0, profiles.slots()));
        }
        long pairingsSeen = 0;
        for (int slot = 0; slot < profiles.slots(); slot += s.slotStride()) {
            clock.startWindow(day.plusMinutes((long) slot * profiles.slotMinutes()));
            for (int i = 0; i < meters.size(); i++) {
                int pieces = profiles.pieces(typeB.get(i), slot, s.pieceWatts());
                MeterAgent m = meters.get(i);
                if (pieces < 0 && m.wallet().size() < -pieces) {
                    withdrawals += load(substation, m, -pieces + need(profiles, typeB.get(i), s, slot,
                            profiles.slots()) / 4);
                }
            }
            for (int i = 0; i < meters.size(); i++) {
                int pieces = profiles.pieces(typeB.get(i), slot, s.pieceWatts());
                if (pieces > 0) {
                    meters.get(i).offer(pieces);
                } else if (pieces < 0) {
                    meters.get(i).request(-pieces);
                }
            }
            substation.pair(operator.open(), s.exportThreshold());
            OpenMarket view = operator.open();
            for (int round = 0; round < MAX_ROUNDS && !view.pairings().isEmpty(); round++) {
                int steps = substation.act(view);
                for (MeterAgent m : meters) {
                    steps += m.act(view);
                }
                view = operator.open();
                if (steps == 0) {
                    break;
                }
            }
            pairingsSeen += view.pairings().size();
            for (MeterAgent m : meters) {
                m.dropUnpaired(view);
            }
        }
        int deposited = 0;
        for (MeterAgent m : meters) {
            deposited += m.depositAll(EcoinMicrogrid.MAX_BATCH);
        }
        String period = Long.toString(grid.period());
        PeriodRecord closed = substation.closePeriod(grid.period());
        grid.periodClosed();
        List<Bill> bills = List.of(operator.evaluate(Bill[].class, EcoinTransaction.LIST_BILLS, period));
        List<Pairing> pairings = List.of(operator.evaluate(Pairing[].class, EcoinTransaction.LIST_PAIRINGS, period));
        return new EcoinDayResult(s, profiles.source(), grid.provider().describe(), closed, bills, pairings,
                members.stream().map(m -> new EcoinDayResult.MeterOutcome(m.agent().meterId(), m.certificateHash(),
                        m.agent().trail(), netBought(m.agent()) - netBefore[members.indexOf(m)])).toList(),
                withdrawals, deposited, pairingsSeen, grid.sharedIdentity(), (System.nanoTime() - started) / 1e9);
    }

    private static long netBought(MeterAgent m) {
        return m.trail().bought() - m.trail().sold();
    }

    /** Withdraws {@code n} coins for a meter in batches; returns the number of withdrawals. */
    private static int load(SubstationAgent substation, MeterAgent meter, int n) throws LedgerException {
        int batches = 0;
        for (int left = n; left > 0; left -= EcoinMicrogrid.MAX_BATCH) {
            String batch = meter.wallet().requestBatch(Math.min(left, EcoinMicrogrid.MAX_BATCH));
            substation.issue(batch);
            meter.wallet().collect(batch);
            batches++;
        }
        return batches;
    }

    /** The pieces a meter will request in slots [from, to), plus a margin: its estimate of the coins it needs. */
    static int need(MicrogridProfiles p, boolean typeB, EcoinDaySettings s, int from, int to) {
        int n = 0;
        for (int slot = from; slot < to; slot += s.slotStride()) {
            n += Math.max(0, -p.pieces(typeB, slot, s.pieceWatts()));
        }
        return n + n / 10 + 2;
    }
}
