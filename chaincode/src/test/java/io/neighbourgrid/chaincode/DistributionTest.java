package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowBooks;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Protocol 4: settling a decided window ({@code market.Distribution}).
 */
class DistributionTest {
    private final MarketHarness m = new MarketHarness();

    @Nested
    class SettleWindow {
        @Test
        void rejectsAWindowNotYetDecided() {
            m.throughContributions(1, MarketHarness.extremeMarket());
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "settleWindow", "1");
        }

        @Test
        void settlesOnce() {
            m.fullWindow(1, MarketHarness.extremeMarket());
            TxResult last = m.committed.get(m.committed.size() - 1);
            assertEquals("WindowSettled", last.event().name());
            assertEquals("{\"phase\":\"SETTLED\",\"window\":1}", MarketHarness.payload(last));
            m.rejects(ErrorCode.ALREADY_SETTLED, m.operator, "settleWindow", "1");
            m.rejects(ErrorCode.ALREADY_SETTLED, m.operator, "expireWindow", "1");
        }

        @Test
        void rejectsAWindowNeverOpened() {
            m.configure();
            m.rejects(ErrorCode.UNKNOWN_WINDOW, m.operator, "settleWindow", "3");
        }

        @Test
        void theWindowsHistoryShowsEveryPhaseInOrder() {
            m.fullWindow(1, MarketHarness.extremeMarket());
            JsonArray history = JsonParser.parseString(m.query("getHistory", "WINDOW/1")).getAsJsonArray();
            List<String> phases = new ArrayList<>();
            history.forEach(e -> phases.add(e.getAsJsonObject().getAsJsonObject("value").get("phase")
                    .getAsString()));
            // Closing the contributions and r2's mask transfer; r1's proven outcome clears the window.
            assertEquals(List.of("ROLES", "CONTRIBUTIONS", "EVALUATION", "EVALUATION", "CLEARED", "SETTLED"),
                    phases);
        }
    }

    /**
     * Every settled window balances: each home settles from the settlement record as the agents do, and the
     * window's books ({@link WindowBooks#check}) balance to the unit, with the rounding residual and its money
     * booked, exactly as the plaintext reference books them.
     */
    @Nested
    class Conservation {
        private WindowBooks settleAndCheck(Map<String, HomeInput> inputs, Clearing expected) {
            m.fullWindow(1, inputs);
            WindowView view = m.view(1);
            Settlement s = view.settlement();
            assertEquals(expected, s.clearing());
            MarketParameters params = view.window().config().parameters();
            MarketType type = s.clearing().marketType().orElseThrow();
            List<HomeSettlement> homes = new ArrayList<>();
            List<HomeInput> used = new ArrayList<>();
            long longSide = 0;
            for (MarketHarness.TestHome h : m.homes.values()) {
                long sn = h.input.netEnergy();
                used.add(h.input);
                Role role = s.sellers().contains(h.id) ? Role.SELLER : s.buyers().contains(h.id) ? Role.BUYER
                        : Role.OFF;
                HomeSettlement mine = role == Role.OFF ? HomeSettlement.gridOnly(h.id, sn, params)
                        : HomeSettlement.inMarket(h.id, sn, MarketMath.marketVolume(type, role, Math.abs(sn),
                        s.fillRatio()), s.price(), params);
                if (role == type.longSide()) {
                    longSide += mine.marketEnergy();
                }
                homes.add(mine);
            }
            homes.sort(Comparator.comparing(HomeSettlement::homeId));
            // The totals are never on the ledger: the test, which holds every input, sums what the members used.
            WindowOutcome ref = new ReferenceMarket(params).clear(1, used);
            long shortTotal = type == MarketType.GENERAL ? ref.supply() : ref.demand();
            WindowOutcome settled = new WindowOutcome(1, s.clearing(), OptionalLong.of(s.price()),
                    s.sellers().size(), s.buyers().size(), ref.supply(), ref.demand(), ref.sumPreference(),
                    ref.sumPricingTerm(), s.fillRatio(), shortTotal - longSide, homes);
            WindowBooks books = WindowBooks.check(settled, params);
            assertEquals(new ReferenceMarket(params).clear(1, used).books(params), books);
            assertTrue(books.residual() >= 0 && books.residual() <= books.longMembers(), books.toString());
            assertEquals(MarketMath.money(books.residual(), params.feedInPrice()), books.residualMoney());
            return books;
        }

        @Test
        void aGeneralMarketBalancesWithTheSellersResidualExported() {
            WindowBooks books = settleAndCheck(MarketHarness.generalMarket(), Clearing.GENERAL);
            assertEquals(WindowBooks.ResidualFlow.EXPORT, books.residualFlow());
            assertEquals(books.soldEnergy(), books.boughtEnergy() + books.residual());
            assertEquals(books.residualMoney(), books.residualMoneyToMarketAccount());
        }

        @Test
        void anExtremeMarketBalancesWithTheBuyersResidualImported() {
            WindowBooks books = settleAndCheck(MarketHarness.extremeMarket(), Clearing.EXTREME);
            assertEquals(WindowBooks.ResidualFlow.IMPORT, books.residualFlow());
            assertEquals(books.boughtEnergy(), books.soldEnergy() + books.residual());
            assertEquals(-books.residualMoney(), books.residualMoneyToMarketAccount());
        }
    }
}
