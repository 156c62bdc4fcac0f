package io.neighbourgrid.sim.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsaKeyPair;
import io.neighbourgrid.ecoin.EcoinClient;
import io.neighbourgrid.ecoin.MeterAgent;
import io.neighbourgrid.ecoin.SubstationAgent;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.EcoinSettings;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One billing period of the e-coin microgrid on a ledger: the substation configures its key, meters register and
 * load their wallets (identified), trade every slot (unidentified, under the microgrid's shared identity) with the
 * substation pairing and trading with the main grid, and at the end deposit their coins; the substation closes the
 * period and the contract writes the bills.
 */
public final class EcoinDay {
    /** The shared identity's name; on Fabric, the community client identity after the meters'. */
    public static final String SHARED_IDENTITY = "microgrid";
    /** Coins one withdrawal or deposit carries at most. */
    public static final int MAX_BATCH = 100;
    /** Rounds of acting per slot before the slot is given up (a pairing takes at most four). */
    static final int MAX_ROUNDS = 12;

    private EcoinDay() {
    }

    /**
     * Runs the day.
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
        SecureRandom random = seeded(s.seed());
        long started = System.nanoTime();
        EcoinClient operator = new EcoinClient(provider.connectOperator());
        Ledger sharedLedger = provider.connectHome(s.meters(), SHARED_IDENTITY);
        EcoinClient shared = new EcoinClient(sharedLedger);
        BlindRsaKeyPair keys = BlindRsaKeyPair.generate(s.blindKeyBits(), random);
        SubstationAgent substation = new SubstationAgent(operator, keys, random);
        substation.configure(new EcoinSettings(keys.publicKey().encode(), sharedLedger.identity().mspId(),
                certificateHash(sharedLedger), s.pieceWatts(), profiles.slotMinutes(), s.coinValueMicros(),
                profiles.slotMinutes() * 60L, MAX_BATCH));
        List<MeterAgent> meters = new ArrayList<>();
        List<Boolean> typeB = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < s.meters(); i++) {
            boolean b = i >= s.metersA();
            String id = b ? "meter-b" + (i - s.metersA() + 1) : "meter-a" + (i + 1);
            Ledger own = provider.connectHome(i, id);
            identities.add(certificateHash(own));
            MeterAgent m = new MeterAgent(id, new EcoinClient(own), shared, keys.publicKey(), random);
            m.register();
            meters.add(m);
            typeB.add(b);
        }
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
            deposited += m.depositAll(MAX_BATCH);
        }
        PeriodRecord period = substation.closePeriod(0);
        List<Bill> bills = List.of(operator.evaluate(Bill[].class, EcoinTransaction.LIST_BILLS, "0"));
        List<Pairing> pairings = List.of(operator.evaluate(Pairing[].class, EcoinTransaction.LIST_PAIRINGS, "0"));
        return new EcoinDayResult(s, profiles.source(), provider.describe(), period, bills, pairings,
                meters.stream().map(m -> new EcoinDayResult.MeterOutcome(m.meterId(),
                        identities.get(meters.indexOf(m)), m.trail())).toList(),
                withdrawals, deposited, pairingsSeen, certificateHash(sharedLedger),
                (System.nanoTime() - started) / 1e9);
    }

    /** Withdraws {@code n} coins for a meter in batches; returns the number of withdrawals. */
    private static int load(SubstationAgent substation, MeterAgent meter, int n) throws LedgerException {
        int batches = 0;
        for (int left = n; left > 0; left -= MAX_BATCH) {
            String batch = meter.wallet().requestBatch(Math.min(left, MAX_BATCH));
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

    static String certificateHash(Ledger ledger) {
        try {
            return new Creator(ledger.identity().mspId(), ledger.identity().certificate().getEncoded())
                    .certificateHash();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the identity's certificate cannot be encoded", e);
        }
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }
}
