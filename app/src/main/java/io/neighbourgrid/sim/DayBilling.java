package io.neighbourgrid.sim;

import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.billing.BillingParty;
import io.neighbourgrid.billing.HomeBilling;
import io.neighbourgrid.billing.MeterDevice;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.billing.DeviationRule;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.BalanceStatus;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.sim.data.CommunityDay;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Bills a simulated day after its windows ran: the billing party registers its key, every home registers a meter,
 * each home records its settlement of every window and its meter reports the metered energy (simulated from the
 * home's inputs, with deviations from the plan in a given share of home-windows), the billing party checks every
 * cleared window's market balance and posts every home's bill for the day, and every home checks its bill against
 * the ledger and its own records.
 *
 * <p>The meter simulation: a home's planned net export is its net energy {@code sn}; in a deviating window the
 * metered net is {@code sn} scaled by a factor drawn uniformly from [0.5, 1.5] (at least 0.1 kWh away from the
 * plan), so sellers deliver short or over and buyers consume more or less than they bought. The meter reports the
 * net as import or export; the home records {@link DeviationRule#split} of its commitment and that net.
 */
public final class DayBilling {
    /** Id of the billing party's key in the key cache. */
    public static final String BILLING_KEY_ID = "billing-party";

    /**
     * How the day is billed.
     *
     * @param deviationRate  share of home-windows whose metered energy deviates from the plan, in [0, 1]
     * @param seed           seed of the deviations
     * @param threads        threads for encryptions, aggregates and proofs
     */
    public record Options(double deviationRate, long seed, int threads) {
        public Options {
            if (deviationRate < 0 || deviationRate > 1) {
                throw new IllegalArgumentException("deviation rate must be in [0, 1], got " + deviationRate);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
        }
    }

    /**
     * What billing the day produced.
     *
     * @param homes            homes billed
     * @param windows          windows of the day
     * @param records          settlement records posted
     * @param reports          meter reports posted
     * @param deviatingWindows home-windows with a deviation
     * @param balanced         cleared windows whose balance check is {@code BALANCED}
     * @param unbalanced       cleared windows whose check is not
     * @param bills            bills posted
     * @param billsVerified    bills whose every check by their home passed
     * @param totalBalance     sum of the homes' bill balances, money units (what the homes received, net)
     * @param stageMs          milliseconds per stage
     */
    public record Summary(int homes, int windows, int records, int reports, int deviatingWindows, int balanced,
                          int unbalanced, int bills, int billsVerified, BigInteger totalBalance,
                          Map<String, Double> stageMs) {
        public Summary {
            stageMs = Map.copyOf(stageMs);
        }
    }

    private DayBilling() {
    }

    /**
     * Bills windows {@code 0 .. windows-1} of a day the community has run.
     *
     * @param community   the community, after its day
     * @param day         the day's inputs
     * @param windows     windows run
     * @param billingKeys the billing party's key pair
     * @param options     how
     * @return the summary
     * @throws LedgerException      if the ledger rejects a billing transaction
     * @throws InterruptedException if interrupted
     */
    public static Summary run(Community community, CommunityDay day, int windows, PaillierKeyPair billingKeys,
                              Options options) throws LedgerException, InterruptedException {
        Objects.requireNonNull(community, "community");
        SecureRandom random = new SecureRandom();
        String channel = community.provider().channel();
        Map<String, Double> stages = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try (Ledger billingLedger = community.provider().connectOperator()) {
            MarketClient market = community.operator().client();
            BillingParty party = new BillingParty(new BillingClient(billingLedger, channel), billingKeys, random);
            long start = System.nanoTime();
            // Records are posted after the whole day here, so the reporting period covers the day.
            long reportingSeconds = Math.max(3600, windows * day.windowSeconds() + 3600);
            party.register(reportingSeconds);
            PaillierPublicKey billingKey = billingKeys.publicKey();
            Map<String, HomeBilling> homes = new LinkedHashMap<>();
            Map<String, MeterDevice> meters = new LinkedHashMap<>();
            for (HomeAgent a : community.agents()) {
                BillingClient client = new BillingClient(a.client().ledger(), channel);
                HomeBilling hb = new HomeBilling(a.homeId(), client, a.publicKey(), null, random);
                MeterDevice meter = MeterDevice.generate(a.homeId(), random);
                hb.registerMeter(meter);
                homes.put(a.homeId(), hb);
                meters.put(a.homeId(), meter);
            }
            stages.put("registration", ms(start));

            start = System.nanoTime();
            SplittableRandom deviations = new SplittableRandom(options.seed());
            Map<String, Map<Long, OwnRecord>> kept = new TreeMap<>();
            List<Future<?>> jobs = new ArrayList<>();
            List<Long> cleared = new ArrayList<>();
            int deviating = 0;
            for (int i = 0; i < windows; i++) {
                long t = i;
                WindowView view = market.window(t).orElseThrow(() -> new IllegalStateException("window " + t
                        + " was not run"));
                Settlement settlement = view.settlement();
                if (settlement == null) {
                    throw new IllegalStateException("window " + t + " is not settled");
                }
                if (settlement.clearing() != Clearing.GRID_ONLY) {
                    cleared.add(t);
                }
                for (Map.Entry<String, HomeBilling> e : homes.entrySet()) {
                    String homeId = e.getKey();
                    long sn = day.home(homeId).input(i).netEnergy();
                    long metered = sn;
                    if (deviations.nextDouble() < options.deviationRate()) {
                        deviating++;
                        long shift = Math.max(100_000L, Math.abs(Math.round(sn * (deviations.nextDouble() - 0.5))));
                        metered = sn + (deviations.nextBoolean() ? shift : -shift);
                    }
                    WindowTerms terms = WindowTerms.of(settlement, homeId);
                    OwnRecord record = DeviationRule.split(HomeBilling.committedVolume(settlement, homeId, sn),
                            metered);
                    kept.computeIfAbsent(homeId, k -> new TreeMap<>()).put(t, record);
                    HomeBilling hb = e.getValue();
                    MeterDevice meter = meters.get(homeId);
                    long importEnergy = Math.max(-metered, 0L);
                    long exportEnergy = Math.max(metered, 0L);
                    jobs.add(pool.submit(() -> {
                        hb.recordSettlement(terms, record, billingKey);
                        new BillingClient(homesLedger(community, homeId), channel).submitMeterReport(homeId, t,
                                meter.report(channel, t, importEnergy, exportEnergy, billingKey, random));
                        return null;
                    }));
                }
            }
            await(jobs);
            stages.put("records and meter reports", ms(start));

            community.clock().skip(reportingSeconds + 1);
            start = System.nanoTime();
            int balanced = 0;
            for (long t : cleared) {
                MarketBalance b = party.postMarketBalance(t);
                if (b.status() == BalanceStatus.BALANCED) {
                    balanced++;
                }
            }
            stages.put("market balance", ms(start));

            start = System.nanoTime();
            List<Bill> bills = party.postBills(new ArrayList<>(homes.keySet()), 0, windows - 1L, pool);
            stages.put("bills", ms(start));

            start = System.nanoTime();
            int verified = 0;
            BigInteger total = BigInteger.ZERO;
            for (Bill bill : bills) {
                List<Finding> findings = homes.get(bill.homeId()).checkBill(0, windows - 1L,
                        kept.get(bill.homeId()));
                if (findings.stream().noneMatch(Finding::failed)) {
                    verified++;
                }
                total = total.add(bill.lines().balance());
            }
            stages.put("verification by the homes", ms(start));
            return new Summary(homes.size(), windows, homes.size() * windows, homes.size() * windows, deviating,
                    balanced, cleared.size() - balanced, bills.size(), verified, total, stages);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The home's own connection: it relays its meter's reports. */
    private static Ledger homesLedger(Community community, String homeId) {
        return community.agent(homeId).client().ledger();
    }

    private static void await(List<Future<?>> jobs) throws InterruptedException, LedgerException {
        for (Future<?> f : jobs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LedgerException le) {
                    throw le;
                }
                throw new IllegalStateException("billing a home failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
