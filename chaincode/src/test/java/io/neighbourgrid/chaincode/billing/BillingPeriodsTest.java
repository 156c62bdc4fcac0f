package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The minimum billing period ({@link Bills#requireWholeBlocks}, {@code postBill}) and the differencing argument of
 * {@code docs/billing.md}, section 9: no sequence of bills the contract accepts gives a billing party a single
 * window's value of a home that billing every block of the minimum period on its own would not give, and on a day
 * where the home's activity does not single a window out, none at all.
 */
class BillingPeriodsTest {

    @Nested
    class TheContract {
        private final BillingHarness m = new BillingHarness();

        private String billJson(String homeId, long from, long to) {
            return BillingHarness.billJson(BillAggregator.compute(m.billingKey(), m.period(homeId, from, to)
                    .windows()).aggregate(), from, to);
        }

        @Test
        void aBillShorterThanTheMinimumPeriodIsRefused() {
            m.setUp("h1");
            TestHome h = m.homes.get("h1");
            m.gridOnlyWindow(0);
            m.gridOnlyWindow(1);
            m.submit(h.creator, "recordSettlement", "0", m.offMarketRecord(h, 0, 700));
            m.submit(h.creator, "recordSettlement", "1", m.offMarketRecord(h, 0, 300));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            // A one-window bill would publish the home's grid import of window 0 as such.
            ContractException e = m.rejects(ErrorCode.BILLING_PERIOD_TOO_SHORT, m.billingParty, "postBill", "h1",
                    "0-0", billJson("h1", 0, 0));
            assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
            m.rejects(ErrorCode.BILLING_PERIOD_TOO_SHORT, m.billingParty, "postBill", "h1", "1-1",
                    billJson("h1", 1, 1));
            Bill bill = CanonicalJson.fromJson(m.postHonestBill("h1", 0, 1), Bill.class);
            assertEquals("1000", bill.lines().importEnergy());
        }

        @Test
        void aPeriodThatIsNotMadeOfWholeBlocksIsRefused() {
            m.setUp("h1");
            for (long t = 0; t <= 3; t++) {
                m.gridOnlyWindow(t);
            }
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            // Windows 1-2 straddle two blocks; 0-2 ends inside one: neither is a union of whole blocks.
            m.rejects(ErrorCode.BILLING_PERIOD_NOT_ALIGNED, m.billingParty, "postBill", "h1", "1-2",
                    billJson("h1", 1, 2));
            m.rejects(ErrorCode.BILLING_PERIOD_NOT_ALIGNED, m.billingParty, "postBill", "h1", "0-2",
                    billJson("h1", 0, 2));
            m.postHonestBill("h1", 0, 3);
        }

        @Test
        void aBlockWithTooFewOpenedWindowsIsBilledOnlyTogetherWithTheNext() {
            m.setUp("h1");
            TestHome h = m.homes.get("h1");
            // Window 1 is never opened: block 0-1 holds a single opened window.
            m.gridOnlyWindow(0);
            m.gridOnlyWindow(2);
            m.gridOnlyWindow(3);
            m.submit(h.creator, "recordSettlement", "0", m.offMarketRecord(h, 0, 700));
            m.clock.advance(BillingHarness.REPORTING_SECONDS);
            ContractException e = m.rejects(ErrorCode.BILLING_PERIOD_TOO_SHORT, m.billingParty, "postBill", "h1",
                    "0-1", billJson("h1", 0, 1));
            assertTrue(e.getMessage().contains("1 opened windows"), e.getMessage());
            Bill bill = CanonicalJson.fromJson(m.postHonestBill("h1", 0, 3), Bill.class);
            assertEquals(3, bill.windows().windows());
        }

        @Test
        void withTheDefaultMinimumABillCoversADayOfOneMinuteWindows() {
            m.setUpMarketOnly("h1");
            m.submit(m.billingParty, "registerBillingKey", m.billingKey().toBase64(), BillingHarness.billingProof(),
                    "{\"reportingSeconds\":60}");
            assertEquals(BillingConfig.DEFAULT_MINIMUM_PERIOD_WINDOWS, CanonicalJson.fromJson(m.query("getBilling"),
                    BillingConfig.class).minimumPeriodWindows());
            m.gridOnlyWindow(0);
            m.gridOnlyWindow(1);
            m.clock.advance(60);
            m.rejects(ErrorCode.BILLING_PERIOD_TOO_SHORT, m.billingParty, "postBill", "h1", "0-1",
                    billJson("h1", 0, 1));
            m.rejects(ErrorCode.BILLING_PERIOD_NOT_ALIGNED, m.billingParty, "postBill", "h1", "1-1440",
                    billJson("h1", 1, 1440));
        }
    }

    /**
     * The published values as linear functions of one home's per-window values, over the rationals. Window
     * {@code t}'s unknowns are {@code e_t} (its market volume, a magnitude), {@code g+_t}, {@code g-_t} and the
     * metered net {@code n_t}; a bill over a period publishes the nine lines of {@code BillLayout}, each a sum over
     * the period with public weights (the window's role, its market price, {@code ps}, {@code pb}). A single
     * window's value is any non-zero linear function of window {@code t}'s unknowns alone; the published values
     * give one away exactly when their span meets the unknowns of window {@code t} in more than zero, which exact
     * ranks decide.
     */
    @Nested
    class Differencing {
        private static final int PER_WINDOW = 4;
        private static final int E = 0;
        private static final int EXPORT = 1;
        private static final int IMPORT = 2;
        private static final int METERED = 3;
        private static final long PS = 120;
        private static final long PB = 80;

        /** The public data of one home's day: its role and the market price of each window. */
        private record Day(Role[] roles, long[] prices) {
            int windows() {
                return roles.length;
            }
        }

        /** The contract's period rule for a minimum period of {@code m}, every window opened. */
        private BiPredicate<Long, Long> contractRule(long m) {
            BillingConfig config = new BillingConfig("key", "fingerprint", 1024, "proof", 60, m, "OperatorMSP",
                    "certificate", "2026-03-02T07:00:00Z", "tx");
            return (from, to) -> {
                try {
                    Bills.requireWholeBlocks(config, new long[] {from, to}, from + "-" + to);
                    return true;
                } catch (ContractException e) {
                    return false;
                }
            };
        }

        /** The rule without alignment: any disjoint periods of at least {@code m} windows. */
        private BiPredicate<Long, Long> unalignedRule(long m) {
            return (from, to) -> to - from + 1 >= m;
        }

        /** The nine lines of a bill of {@code [from, to]}, every window recorded and metered. */
        private List<BigInteger[]> bill(Day day, long from, long to) {
            int n = day.windows() * PER_WINDOW;
            BigInteger[][] lines = new BigInteger[9][n];
            for (BigInteger[] line : lines) {
                Arrays.fill(line, BigInteger.ZERO);
            }
            for (int t = (int) from; t <= to; t++) {
                int base = t * PER_WINDOW;
                long p = day.prices()[t];
                if (day.roles()[t] == Role.SELLER) {
                    lines[0][base + E] = BigInteger.ONE;
                    lines[4][base + E] = BigInteger.valueOf(p);
                    lines[8][base + E] = BigInteger.ONE.negate();
                } else if (day.roles()[t] == Role.BUYER) {
                    lines[1][base + E] = BigInteger.ONE;
                    lines[5][base + E] = BigInteger.valueOf(p);
                    lines[8][base + E] = BigInteger.ONE;
                }
                lines[2][base + IMPORT] = BigInteger.ONE;
                lines[3][base + EXPORT] = BigInteger.ONE;
                lines[6][base + IMPORT] = BigInteger.valueOf(PS);
                lines[7][base + EXPORT] = BigInteger.valueOf(PB);
                // residual: n - e_signed - g+ + g-
                lines[8][base + METERED] = BigInteger.ONE;
                lines[8][base + EXPORT] = BigInteger.ONE.negate();
                lines[8][base + IMPORT] = BigInteger.ONE;
            }
            return List.of(lines);
        }

        /** Every sequence of disjoint, increasing periods the rule accepts, the empty one included. */
        private List<List<long[]>> sequences(int windows, BiPredicate<Long, Long> rule) {
            List<List<long[]>> out = new ArrayList<>();
            extend(windows, rule, 0, new ArrayList<>(), out);
            return out;
        }

        private void extend(int windows, BiPredicate<Long, Long> rule, long start, List<long[]> prefix,
                            List<List<long[]>> out) {
            out.add(List.copyOf(prefix));
            for (long from = start; from < windows; from++) {
                for (long to = from; to < windows; to++) {
                    if (rule.test(from, to)) {
                        prefix.add(new long[] {from, to});
                        extend(windows, rule, to + 1, prefix, out);
                        prefix.remove(prefix.size() - 1);
                    }
                }
            }
        }

        private List<BigInteger[]> published(Day day, List<long[]> periods) {
            List<BigInteger[]> rows = new ArrayList<>();
            for (long[] p : periods) {
                rows.addAll(bill(day, p[0], p[1]));
            }
            return rows;
        }

        /** The windows some non-zero function of whose unknowns alone lies in the span of {@code rows}. */
        private TreeSet<Integer> isolated(List<BigInteger[]> rows, int windows, int perWindow) {
            int n = windows * perWindow;
            int rank = rank(rows, n);
            TreeSet<Integer> out = new TreeSet<>();
            for (int t = 0; t < windows; t++) {
                List<BigInteger[]> with = new ArrayList<>(rows);
                for (int k = 0; k < perWindow; k++) {
                    BigInteger[] unit = new BigInteger[n];
                    Arrays.fill(unit, BigInteger.ZERO);
                    unit[t * perWindow + k] = BigInteger.ONE;
                    with.add(unit);
                }
                // dim(span ∩ window t) = rank + perWindow - rank(span + window t)
                if (rank + perWindow - rank(with, n) > 0) {
                    out.add(t);
                }
            }
            return out;
        }

        /** The blocks of the minimum period, each billed on its own: the fixed schedule. */
        private List<long[]> blocks(int windows, int m) {
            List<long[]> out = new ArrayList<>();
            for (long from = 0; from + m <= windows; from += m) {
                out.add(new long[] {from, from + m - 1});
            }
            return out;
        }

        /**
         * A home that sells in blocks 0 and 2 and buys in blocks 1 and 3, at one price per block: its activity
         * singles no window out of a block.
         */
        private Day evenDay() {
            Role[] roles = {Role.SELLER, Role.SELLER, Role.BUYER, Role.BUYER, Role.SELLER, Role.SELLER, Role.BUYER,
                Role.BUYER};
            long[] prices = {100, 100, 95, 95, 105, 105, 90, 90};
            return new Day(roles, prices);
        }

        @Test
        void noAcceptedSequenceOfBillsGivesAwayASingleWindowOfAnEvenDay() {
            Day day = evenDay();
            List<List<long[]>> sequences = sequences(day.windows(), contractRule(2));
            assertTrue(sequences.size() > 20, "only " + sequences.size() + " sequences");
            for (List<long[]> s : sequences) {
                TreeSet<Integer> leaked = isolated(published(day, s), day.windows(), PER_WINDOW);
                assertTrue(leaked.isEmpty(), "periods " + describe(s) + " give away windows " + leaked);
            }
        }

        @Test
        void withoutAlignmentABillingPartyCouldPickPeriodsThatGiveAWindowAway() {
            // Periods of two windows anywhere: 1-2 holds the last sale of block 0 and the first purchase of block
            // 1, so its sold lines are window 1's sale and its bought lines window 2's purchase.
            Day day = evenDay();
            boolean leaks = false;
            for (List<long[]> s : sequences(day.windows(), unalignedRule(2))) {
                leaks |= !isolated(published(day, s), day.windows(), PER_WINDOW).isEmpty();
            }
            assertTrue(leaks, "no unaligned sequence gives a window away");
            assertEquals(new TreeSet<>(List.of(1, 2)), isolated(bill(day, 1, 2), day.windows(), PER_WINDOW));
        }

        @Test
        void choosingThePeriodsGivesNothingBeyondBillingEveryBlockOnItsOwn() {
            Random random = new Random(7);
            Role[] choices = {Role.SELLER, Role.BUYER, Role.OFF};
            long[] priceChoices = {90, 95, 100, 110};
            int[][] shapes = {{6, 2}, {9, 3}, {8, 4}};
            for (int round = 0; round < 12; round++) {
                int[] shape = shapes[round % shapes.length];
                int windows = shape[0];
                int m = shape[1];
                Role[] roles = new Role[windows];
                long[] prices = new long[windows];
                for (int t = 0; t < windows; t++) {
                    roles[t] = choices[random.nextInt(choices.length)];
                    prices[t] = priceChoices[random.nextInt(priceChoices.length)];
                }
                Day day = new Day(roles, prices);
                List<BigInteger[]> schedule = published(day, blocks(windows, m));
                int scheduleRank = rank(schedule, windows * PER_WINDOW);
                TreeSet<Integer> scheduleLeaks = isolated(schedule, windows, PER_WINDOW);
                for (List<long[]> s : sequences(windows, contractRule(m))) {
                    List<BigInteger[]> rows = published(day, s);
                    List<BigInteger[]> both = new ArrayList<>(schedule);
                    both.addAll(rows);
                    // Every accepted bill is a sum of block bills: its values add nothing to the schedule's.
                    assertEquals(scheduleRank, rank(both, windows * PER_WINDOW), "periods " + describe(s));
                    assertTrue(scheduleLeaks.containsAll(isolated(rows, windows, PER_WINDOW)), "periods "
                            + describe(s));
                }
            }
        }

        @Test
        void aHomeThatSoldInOneWindowOfABlockOnlyIsSingledOutByThatBlocksBillWhateverThePeriods() {
            // The documented limit of bills of exact totals: the home traded in the market in window 0 only, so
            // the sold lines of any bill covering it are window 0's sale.
            Day day = new Day(new Role[] {Role.SELLER, Role.OFF, Role.OFF, Role.OFF},
                    new long[] {100, 100, 100, 100});
            assertEquals(new TreeSet<>(List.of(0)), isolated(bill(day, 0, 1), 4, PER_WINDOW));
            assertEquals(new TreeSet<>(List.of(0)), isolated(bill(day, 0, 3), 4, PER_WINDOW));
        }

        /**
         * Bills together with the public per-window coalition totals ({@code E_s}, and the market-balance check's
         * committed totals, which equal {@code E_short} on the short side): homes k and l sell only in windows 2
         * and 3, where the seller coalitions are {h, k, l} and {k, l}; then
         * {@code e_h2 = E_s(2) - (bill_k + bill_l - E_s(3))}. The per-window totals of a coalition and the
         * per-period totals of its members form a graph whose bridges are given away; the documented limit
         * ({@code docs/billing.md}, section 9), which no period rule closes.
         */
        @Test
        void coalitionTotalsAndBillsTogetherCanSingleOutAHomeWhoseCoSellersTradeNowhereElse() {
            int homes = 4; // h, j, k, l
            int windows = 4;
            boolean[][] sells = {
                {true, true, true, false},   // h
                {true, true, false, false},  // j
                {false, false, true, true},  // k
                {false, false, true, true},  // l
            };
            int n = homes * windows;
            List<BigInteger[]> bills = new ArrayList<>();
            for (int h = 0; h < homes; h++) {
                BigInteger[] row = zeros(n);
                for (int t = 0; t < windows; t++) {
                    if (sells[h][t]) {
                        row[t * homes + h] = BigInteger.ONE;
                    }
                }
                bills.add(row);
            }
            List<BigInteger[]> totals = new ArrayList<>();
            for (int t = 0; t < windows; t++) {
                BigInteger[] row = zeros(n);
                for (int h = 0; h < homes; h++) {
                    if (sells[h][t]) {
                        row[t * homes + h] = BigInteger.ONE;
                    }
                }
                totals.add(row);
            }
            assertTrue(isolatedUnknowns(bills, n).isEmpty(), "bills alone give a value away");
            assertTrue(isolatedUnknowns(totals, n).isEmpty(), "coalition totals alone give a value away");
            List<BigInteger[]> both = new ArrayList<>(bills);
            both.addAll(totals);
            TreeSet<Integer> leaked = isolatedUnknowns(both, n);
            // h's sale in window 2 (and k's and l's in windows 2 and 3 as pairs only: not single unknowns).
            assertEquals(new TreeSet<>(List.of(2 * homes)), leaked);
            assertFalse(leaked.contains(0), "h's sales in windows 0 and 1 stay hidden (j shares them)");
        }

        private TreeSet<Integer> isolatedUnknowns(List<BigInteger[]> rows, int n) {
            int rank = rank(rows, n);
            TreeSet<Integer> out = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                List<BigInteger[]> with = new ArrayList<>(rows);
                BigInteger[] unit = zeros(n);
                unit[i] = BigInteger.ONE;
                with.add(unit);
                int column = i;
                if (rank(with, n) == rank && rows.stream().anyMatch(r -> r[column].signum() != 0)) {
                    out.add(i);
                }
            }
            return out;
        }

        private BigInteger[] zeros(int n) {
            BigInteger[] row = new BigInteger[n];
            Arrays.fill(row, BigInteger.ZERO);
            return row;
        }

        private String describe(List<long[]> periods) {
            List<String> out = new ArrayList<>();
            periods.forEach(p -> out.add(p[0] + "-" + p[1]));
            return out.toString();
        }
    }

    /** Rank over the rationals, by fraction-free elimination on integer rows. */
    static int rank(List<BigInteger[]> rows, int columns) {
        List<BigInteger[]> a = new ArrayList<>();
        rows.forEach(r -> a.add(r.clone()));
        int rank = 0;
        for (int c = 0; c < columns && rank < a.size(); c++) {
            int pivot = -1;
            for (int i = rank; i < a.size(); i++) {
                if (a.get(i)[c].signum() != 0) {
                    pivot = i;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            BigInteger[] p = a.get(pivot);
            a.set(pivot, a.get(rank));
            a.set(rank, p);
            for (int i = rank + 1; i < a.size(); i++) {
                BigInteger[] r = a.get(i);
                if (r[c].signum() == 0) {
                    continue;
                }
                BigInteger f = r[c];
                BigInteger gcd = BigInteger.ZERO;
                for (int k = 0; k < columns; k++) {
                    r[k] = r[k].multiply(p[c]).subtract(p[k].multiply(f));
                    gcd = gcd.gcd(r[k]);
                }
                if (gcd.signum() != 0 && !gcd.equals(BigInteger.ONE)) {
                    for (int k = 0; k < columns; k++) {
                        r[k] = r[k].divide(gcd);
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
