package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
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
            // Closing the contributions, four comparison steps and r1's decryption; r2's decryption decides.
            assertEquals(List.of("ROLES", "CONTRIBUTIONS", "EVALUATION", "EVALUATION", "EVALUATION", "EVALUATION",
                    "EVALUATION", "EVALUATION", "CLEARED", "SETTLED"), phases);
        }
    }
}
