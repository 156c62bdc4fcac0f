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
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowBooks;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.DeviationRule;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.BalanceStatus;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.partners.PartnerBilling;
import io.neighbourgrid.sim.partners.PartnerDay;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
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
 *
 * <p>The day is billed as one period, so the billing key is registered with the day's length as the minimum
 * billing period (1,440 windows for a day of one-minute windows, the default).
 *
 * <p>Every window must balance ({@link #conservation}): the homes' settlements balance to the unit
 * ({@link WindowBooks#check}), each home's record agrees with its settlement and its meter, the posted market
 * balance has the sellers' and buyers' committed totals of the homes' records and the residual of the homes'
 * settlements with its money; and the day's bills add up to the residuals the balance checks booked. A window that
 * does not balance is an {@link IllegalStateException} naming the window and the difference.
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
     * @param residualExported energy units of rounding residual the market account exported for the sellers
     *                         (general markets)
     * @param residualImported energy units of rounding residual the market account imported for the buyers
     *                         (extreme markets)
     * @param residualMoney    the residuals' money at the feed-in price, from the market account's side: received
     *                         for the exported residual less paid for the imported one, money units
     * @param marketAccount    the market account's net over the day (the margin on the residuals and the homes'
     *                         rounding), money units
     * @param partners         the partner lines on the bills, when the homes made partner agreements, else null
     * @param stageMs          milliseconds per stage
     */
    public record Summary(int homes, int windows, int records, int reports, int deviatingWindows, int balanced,
                          int unbalanced, int bills, int billsVerified, BigInteger totalBalance,
                          long residualExported, long residualImported, long residualMoney, long marketAccount,
                          PartnerBilling.Result partners, Map<String, Double> stageMs) {
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
        return run(community, day, null, windows, billingKeys, options);
    }

    /**
     * As {@link #run(Community, CommunityDay, int, PaillierKeyPair, Options)} for a day the homes bid by
     * {@code bids} (seed 003, SNIPPET, steps 1 and 5): each home's commitment follows from its bid, its meter from
     * its realised values (with the simulated deviations on top), and the record splits the difference by the
     * deviation rule.
     *
     * @param bids what the homes bid, or null for their realised values
     */
    public static Summary run(Community community, CommunityDay day, Bidding bids, int windows,
                              PaillierKeyPair billingKeys, Options options)
            throws LedgerException, InterruptedException {
        return run(community, day, bids, windows, billingKeys, options, null);
    }

    /**
     * As {@link #run(Community, CommunityDay, Bidding, int, PaillierKeyPair, Options)} for a day with partner
     * agreements ({@code docs/partners.md}): the parties also record their partner lines of every window, and the
     * billing party posts them beside each party's bill.
     *
     * @param partners the day's agreements, or null for none
     */
    public static Summary run(Community community, CommunityDay day, Bidding bids, int windows,
                              PaillierKeyPair billingKeys, Options options, PartnerDay partners)
            throws LedgerException, InterruptedException {
        Objects.requireNonNull(community, "community");
        Bidding plan = bids != null ? bids : Bidding.realised(day, community.operator().client().market());
        if (windows < BillingConfig.MIN_PERIOD_WINDOWS || windows > BillLayout.MAX_PERIOD_WINDOWS) {
            throw new IllegalArgumentException("a day is billed as one bill of " + BillingConfig.MIN_PERIOD_WINDOWS
                    + " to " + BillLayout.MAX_PERIOD_WINDOWS + " windows, not " + windows);
        }
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
            party.register(reportingSeconds, windows);
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
            Map<Long, WindowBooks> books = new TreeMap<>();
            Map<Long, Map<String, Long>> meteredNets = new TreeMap<>();
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
                books.put(t, WindowBooks.check(settledOutcome(view, plan, i, homes.keySet()),
                        view.window().config().parameters()));
                for (Map.Entry<String, HomeBilling> e : homes.entrySet()) {
                    String homeId = e.getKey();
                    long planned = plan.bid(homeId, i).netEnergy();
                    long sn = day.home(homeId).input(i).netEnergy();
                    long metered = sn;
                    if (deviations.nextDouble() < options.deviationRate()) {
                        deviating++;
                        long shift = Math.max(100_000L, Math.abs(Math.round(sn * (deviations.nextDouble() - 0.5))));
                        metered = sn + (deviations.nextBoolean() ? shift : -shift);
                    }
                    WindowTerms terms = WindowTerms.of(settlement, homeId);
                    OwnRecord record = DeviationRule.split(HomeBilling.committedVolume(settlement, homeId, planned),
                            metered);
                    kept.computeIfAbsent(homeId, k -> new TreeMap<>()).put(t, record);
                    meteredNets.computeIfAbsent(t, k -> new TreeMap<>()).put(homeId, metered);
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
            PartnerBilling partnerBilling = partners == null ? null : new PartnerBilling(partners, windows);
            if (partnerBilling != null) {
                for (var job : partnerBilling.recordings(community, channel, billingKey, random)) {
                    jobs.add(pool.submit(job));
                }
            }
            await(jobs);
            stages.put("records and meter reports", ms(start));

            community.clock().skip(reportingSeconds + 1);
            start = System.nanoTime();
            int balanced = 0;
            Map<Long, MarketBalance> balances = new TreeMap<>();
            for (long t : cleared) {
                MarketBalance b = party.postMarketBalance(t);
                balances.put(t, b);
                if (b.status() == BalanceStatus.BALANCED) {
                    balanced++;
                }
            }
            for (long t = 0; t < windows; t++) {
                List<String> problems = conservation(market.window(t).orElseThrow().settlement(), books.get(t),
                        kept, meteredNets.get(t), balances.get(t));
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("window " + t + " does not balance: "
                            + String.join("; ", problems));
                }
            }
            stages.put("market balance", ms(start));

            start = System.nanoTime();
            List<Bill> bills = party.postBills(new ArrayList<>(homes.keySet()), 0, windows - 1L, pool);
            PartnerBilling.Result partnerBills = null;
            if (partnerBilling != null) {
                partnerBills = partnerBilling.post(party);
            }
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
            List<String> problems = billsAgainstResiduals(bills, books.values());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the bills of windows 0-" + (windows - 1L) + " do not balance: "
                        + String.join("; ", problems));
            }
            long exported = 0;
            long imported = 0;
            long residualMoney = 0;
            long marketAccount = 0;
            for (WindowBooks b : books.values()) {
                if (b.residualFlow() == WindowBooks.ResidualFlow.EXPORT) {
                    exported = Math.addExact(exported, b.residual());
                } else if (b.residualFlow() == WindowBooks.ResidualFlow.IMPORT) {
                    imported = Math.addExact(imported, b.residual());
                }
                residualMoney = Math.addExact(residualMoney, b.residualMoneyToMarketAccount());
                marketAccount = Math.addExact(marketAccount, b.marketAccount());
            }
            return new Summary(homes.size(), windows, homes.size() * windows, homes.size() * windows, deviating,
                    balanced, cleared.size() - balanced, bills.size(), verified, total, exported, imported,
                    residualMoney, marketAccount, partnerBills, stages);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The window's outcome as the homes settle it themselves (the agents' rule, the same the records follow): a
     * member of the settlement's market lists trades {@code MarketMath.marketVolume} of its net energy at the
     * price and the rest with the grid, every other home trades its net energy with the grid.
     */
    static WindowOutcome settledOutcome(WindowView view, Bidding bids, int slot, Iterable<String> homeIds) {
        long t = view.window().window();
        Settlement settlement = view.settlement();
        MarketParameters params = view.window().config().parameters();
        boolean market = settlement.clearing() != Clearing.GRID_ONLY;
        MarketType type = settlement.clearing().marketType().orElse(null);
        List<HomeSettlement> homes = new ArrayList<>();
        long longSide = 0;
        for (String homeId : homeIds) {
            long sn = bids.bid(homeId, slot).netEnergy();
            Role role = WindowTerms.of(settlement, homeId).role();
            if (!market || role == Role.OFF) {
                homes.add(HomeSettlement.gridOnly(homeId, sn, params));
                continue;
            }
            long volume = MarketMath.marketVolume(type, role,
                    Math.min(Math.absExact(sn), view.window().config().maxEnergyPerWindow()), settlement.fillRatio());
            if (role == type.longSide()) {
                longSide = Math.addExact(longSide, volume);
            }
            homes.add(HomeSettlement.inMarket(homeId, sn, volume, settlement.price(), params));
        }
        homes.sort(Comparator.comparing(HomeSettlement::homeId));
        if (!market) {
            int sellers = (int) homes.stream().filter(h -> h.role() == Role.SELLER).count();
            int buyers = (int) homes.stream().filter(h -> h.role() == Role.BUYER).count();
            return new WindowOutcome(t, Clearing.GRID_ONLY, OptionalLong.empty(), sellers, buyers, 0, 0, 0, 0, 0, 0,
                    homes);
        }
        List<HomeInput> inputs = new ArrayList<>();
        for (String homeId : homeIds) {
            inputs.add(bids.bid(homeId, slot));
        }
        ContributedTotals totals = ContributedTotals.of(view.window(), inputs);
        long shortTotal = type == MarketType.GENERAL ? totals.supply() : totals.demand();
        return new WindowOutcome(t, settlement.clearing(), OptionalLong.of(settlement.price()),
                settlement.sellers().size(), settlement.buyers().size(), totals.supply(), totals.demand(),
                totals.preference(), totals.pricingTerm(), settlement.fillRatio(), shortTotal - longSide, homes);
    }

    /**
     * What does not balance in one window between the homes' settlements (their books), their records, their
     * meters and the posted market balance; empty when it balances.
     *
     * @param settlement the window's settlement record
     * @param books      the books of the homes' own settlements
     * @param kept       every home's records, as it kept them
     * @param metered    every home's metered net export of the window
     * @param balance    the window's posted market balance, or {@code null} when it has none (grid only)
     * @return the problems, each naming the difference
     */
    static List<String> conservation(Settlement settlement, WindowBooks books, Map<String, Map<Long, OwnRecord>> kept,
                                     Map<String, Long> metered, MarketBalance balance) {
        long t = settlement.window();
        List<String> out = new ArrayList<>();
        long sold = 0;
        long bought = 0;
        for (Map.Entry<String, Long> e : metered.entrySet()) {
            String homeId = e.getKey();
            OwnRecord r = kept.get(homeId).get(t);
            if (r.meteredNet() != e.getValue()) {
                out.add("home " + homeId + " records e + g+ - g- = " + r.meteredNet() + " against a metered net of "
                        + e.getValue() + ", off by " + (r.meteredNet() - e.getValue()));
            }
            if (settlement.sellers().contains(homeId)) {
                sold = Math.addExact(sold, r.committed());
            } else if (settlement.buyers().contains(homeId)) {
                bought = Math.subtractExact(bought, r.committed());
            } else if (r.committed() != 0) {
                out.add("home " + homeId + " commits " + r.committed() + " units outside the market");
            }
        }
        if (sold != books.soldEnergy() || bought != books.boughtEnergy()) {
            out.add("the records commit " + sold + " sold and " + bought + " bought, the homes' settlements "
                    + books.soldEnergy() + " and " + books.boughtEnergy() + " (off by " + (sold - books.soldEnergy())
                    + " and " + (bought - books.boughtEnergy()) + ")");
        }
        if (balance != null) {
            if (balance.status() != BalanceStatus.BALANCED) {
                out.add("the market balance is " + balance.status() + ": " + balance.detail());
            } else {
                long posted = Long.parseLong(balance.difference());
                if (posted != sold - bought) {
                    out.add("the market balance has " + posted + " sold less bought against the records' " + sold
                            + " and " + bought + " (off by " + (posted - (sold - bought)) + ")");
                }
                if (balance.residual() != books.residual() || balance.residualMoney() != books.residualMoney()) {
                    out.add("the market balance books a residual of " + balance.residual() + " units for "
                            + balance.residualMoney() + " money units, the homes' settlements " + books.residual()
                            + " for " + books.residualMoney() + " (off by " + (balance.residual() - books.residual())
                            + " units and " + (balance.residualMoney() - books.residualMoney()) + " money units)");
                }
            }
        } else if (settlement.clearing() != Clearing.GRID_ONLY) {
            out.add("the cleared window has no market balance");
        }
        return out;
    }

    /**
     * What does not balance between a period's bills and the windows' books: over all homes, market energy sold
     * less bought must be the residuals exported less those imported, and the sold amount less the bought amount
     * the same residuals at each window's market price (amount units, nothing rounded).
     */
    static List<String> billsAgainstResiduals(List<Bill> bills, Iterable<WindowBooks> books) {
        BigInteger energy = BigInteger.ZERO;
        BigInteger amount = BigInteger.ZERO;
        for (Bill b : bills) {
            energy = energy.add(new BigInteger(b.lines().soldEnergy())).subtract(new BigInteger(b.lines()
                    .boughtEnergy()));
            amount = amount.add(new BigInteger(b.lines().soldAmount())).subtract(new BigInteger(b.lines()
                    .boughtAmount()));
        }
        BigInteger residualEnergy = BigInteger.ZERO;
        BigInteger residualAmount = BigInteger.ZERO;
        for (WindowBooks w : books) {
            int sign = switch (w.residualFlow()) {
                case EXPORT -> 1;
                case IMPORT -> -1;
                case NONE -> 0;
            };
            BigInteger r = BigInteger.valueOf((long) sign * w.residual());
            residualEnergy = residualEnergy.add(r);
            residualAmount = residualAmount.add(r.multiply(BigInteger.valueOf(w.price())));
        }
        List<String> out = new ArrayList<>();
        if (!energy.equals(residualEnergy)) {
            out.add("market energy sold less bought on the bills is " + energy + " units, the residuals "
                    + residualEnergy + " (off by " + energy.subtract(residualEnergy) + ")");
        }
        if (!amount.equals(residualAmount)) {
            out.add("market amount sold less bought on the bills is " + amount + ", the residuals at the market "
                    + "price " + residualAmount + " (off by " + amount.subtract(residualAmount) + " amount units)");
        }
        return out;
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
