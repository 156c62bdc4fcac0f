package io.neighbourgrid.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowBooks;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.billing.DeviationRule;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.BalanceStatus;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillWindows;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.state.Settlement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The conservation checks of {@link DayBilling} on one hand-computed general window (p = 100 cents, residual one
 * unit): the records, the market balance and the bills agree with the homes' settlements, and a difference in any
 * of them is named.
 */
class DayBillingTest {
    private static final MarketParameters PARAMS = MarketParameters.defaults();
    private static final long T = 3;

    private final WindowOutcome outcome = new ReferenceMarket(PARAMS).clear(T, List.of(
            new HomeInput("a", 1_500_000L, 1_000_000L, 0L, 200 * Scales.PREFERENCE, 900_000L),
            new HomeInput("b", 700_000L, 500_000L, 0L, 150 * Scales.PREFERENCE, 900_000L),
            new HomeInput("c", 0L, 600_000L, 0L, 60 * Scales.PREFERENCE, 900_000L),
            new HomeInput("d", 100_000L, 400_000L, 200_000L, 60 * Scales.PREFERENCE, 900_000L)));
    private final WindowBooks books = WindowBooks.check(outcome, PARAMS);
    private final Settlement settlement = new Settlement(T, Clearing.GENERAL, outcome.price().getAsLong(),
            outcome.fillRatio(), List.of("a", "b"), List.of("c", "d"), List.of(),
            List.of(), List.of(), PARAMS.retailPrice(), PARAMS.feedInPrice(), "2026-03-02T07:03:00Z", "tx");

    /** Each home's record of the window as it keeps it, the meter agreeing with its plan. */
    private Map<String, Map<Long, OwnRecord>> kept(String changedHome, long committedChange) {
        Map<String, Map<Long, OwnRecord>> out = new TreeMap<>();
        for (HomeSettlement h : outcome.homes()) {
            long e = h.role() == Role.SELLER ? h.marketEnergy() : -h.marketEnergy();
            if (h.homeId().equals(changedHome)) {
                e += committedChange;
            }
            out.put(h.homeId(), new TreeMap<>(Map.of(T, DeviationRule.split(e, h.netEnergy()))));
        }
        return out;
    }

    private Map<String, Long> metered() {
        Map<String, Long> out = new TreeMap<>();
        outcome.homes().forEach(h -> out.put(h.homeId(), h.netEnergy()));
        return out;
    }

    private MarketBalance balance(long residual, long residualMoney) {
        return new MarketBalance(T, BalanceStatus.BALANCED, "balanced", "1", residual,
                residualMoney, List.of(), "aggregate", "plaintext", "proof", "2026-03-02T08:00:00Z", "tx");
    }

    private List<Bill> bills(long soldChange) {
        List<Bill> out = new ArrayList<>();
        long p = outcome.price().getAsLong();
        for (HomeSettlement h : outcome.homes()) {
            long sold = h.role() == Role.SELLER ? h.marketEnergy() + soldChange : 0;
            long bought = h.role() == Role.BUYER ? h.marketEnergy() : 0;
            BillLines lines = new BillLines(Long.toString(sold), Long.toString(bought), "0", "0",
                    BigInteger.valueOf(sold).multiply(BigInteger.valueOf(p)).toString(),
                    BigInteger.valueOf(bought).multiply(BigInteger.valueOf(p)).toString(), "0", "0", "0");
            out.add(new Bill(h.homeId(), T, T, lines, new BillWindows(1, 1, List.of(), List.of(), List.of()),
                    "aggregate", "plaintext", "proof", "2026-03-02T08:00:00Z", "tx"));
        }
        return out;
    }

    @Test
    void aWindowWhoseRecordsBalanceAndTheBillsCarryTheResidualPasses() {
        assertEquals(1L, books.residual());
        assertEquals(80L, books.residualMoney());
        assertEquals(List.of(), DayBilling.conservation(settlement, books, kept("", 0), metered(), balance(1, 80)));
        assertEquals(List.of(), DayBilling.billsAgainstResiduals(bills(0), List.of(books)));
    }

    @Test
    void aResidualBookedDifferentlyOnTheLedgerIsNamedWithTheDifference() {
        List<String> problems = DayBilling.conservation(settlement, books, kept("", 0), metered(), balance(2, 160));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("off by 1 units and 80 money units"), problems.get(0));
    }

    @Test
    void aRecordThatCommitsMoreThanTheSettlementIsNamedWithTheDifference() {
        List<String> problems = DayBilling.conservation(settlement, books, kept("a", 5), metered(), balance(1, 80));
        assertTrue(problems.stream().anyMatch(p -> p.contains("off by 5 and 0")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("off by -5)")), problems.toString());
    }

    @Test
    void billsThatDoNotAddUpToTheResidualAreNamedWithTheDifference() {
        List<String> problems = DayBilling.billsAgainstResiduals(bills(1), List.of(books));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("off by 2)"), problems.get(0));
        assertTrue(problems.get(1).contains("off by 200000000 amount units"), problems.get(1));
    }
}
