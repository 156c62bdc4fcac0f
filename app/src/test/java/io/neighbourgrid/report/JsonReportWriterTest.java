package io.neighbourgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.WindowOutcome;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportWriterTest {

    private static final JsonObject JSON = JsonParser.parseString(JsonReportWriter.toJson(ReportFixtures.run()))
            .getAsJsonObject();

    private static BigDecimal dec(JsonObject o, String field) {
        return o.get(field).getAsBigDecimal();
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }

    @Nested
    class Configuration {

        @Test
        void marketParametersAndGivenEntriesAreWritten() {
            JsonObject config = JSON.getAsJsonObject("configuration");
            JsonObject market = config.getAsJsonObject("market");
            assertDecimal("120", dec(market, "retailPrice"));
            assertDecimal("80", dec(market, "feedInPrice"));
            assertDecimal("90", dec(market, "lowPrice"));
            assertDecimal("110", dec(market, "highPrice"));
            assertEquals(60, market.get("windowSeconds").getAsInt());
            assertEquals(4, config.get("homes").getAsInt());
            assertEquals("hand <made> & \"tiny\"", config.get("source").getAsString());
        }
    }

    @Nested
    class Windows {

        @Test
        void generalWindowCarriesPriceCoalitionsAndEnergy() {
            JsonObject w = JSON.getAsJsonArray("windows").get(0).getAsJsonObject();
            assertEquals(0, w.get("index").getAsInt());
            assertEquals("GENERAL", w.get("marketType").getAsString());
            assertDecimal("100", dec(w, "price"));
            assertEquals(2, w.get("sellers").getAsInt());
            assertEquals(2, w.get("buyers").getAsInt());
            assertDecimal("0.699999", dec(w, "energySoldKWh"));
            assertDecimal("0.400001", dec(w, "gridImportKWh"));
            assertDecimal("0.000001", dec(w, "gridExportKWh"));
            assertDecimal("100", dec(w, "onlineLatencyMs"));
            assertEquals(1000L, w.get("bytesSubmitted").getAsLong());
            assertDecimal("100", dec(w, "referencePrice"));
            assertDecimal("0", dec(w, "referenceDeviation"));
            assertTrue(w.get("referenceMatches").getAsBoolean());
        }

        @Test
        void phasesKeepTheirOrder() {
            JsonObject phases = JSON.getAsJsonArray("windows").get(1).getAsJsonObject()
                    .getAsJsonObject("phaseLatencyMs");
            assertEquals(List.of("roles", "contributions", "comparison"), List.copyOf(phases.keySet()));
            assertDecimal("200", dec(phases, "contributions"));
        }

        @Test
        void extremeWindowIsPricedAtTheLowerBound() {
            JsonObject w = JSON.getAsJsonArray("windows").get(1).getAsJsonObject();
            assertEquals("EXTREME", w.get("marketType").getAsString());
            assertDecimal("90", dec(w, "price"));
        }

        @Test
        void gridOnlyWindowHasNoPrice() {
            JsonObject w = JSON.getAsJsonArray("windows").get(2).getAsJsonObject();
            assertEquals("GRID_ONLY", w.get("marketType").getAsString());
            assertTrue(w.get("price").isJsonNull());
            assertTrue(w.get("referencePrice").isJsonNull());
            assertDecimal("0", dec(w, "energySoldKWh"));
            assertDecimal("1.1", dec(w, "gridImportKWh"));
        }
    }

    @Nested
    class Summary {

        @Test
        void buyerCostReductionIsAgainstBuyingEverythingFromTheGrid() {
            JsonObject s = JSON.getAsJsonObject("summary");
            // window 0: 64363640 + 53636380; window 1: 36000000 + 27000000; window 2: 72000000 + 60000000 units
            assertDecimal("313.00002", dec(s, "buyerCostCents"));
            assertDecimal("348", dec(s, "buyerGridOnlyCostCents"));
            assertEquals(100.0 * 34_999_980 / 348_000_000, s.get("buyerCostReductionPct").getAsDouble(), 1e-4);
        }

        @Test
        void sellerGainAndGridExchangeAreComputed() {
            JsonObject s = JSON.getAsJsonObject("summary");
            // sellers: window 0 earn 50 + 20 (vs 40 + 16), window 1 earn 51.81818 + 43.18181 (vs 48 + 40),
            // window 2 earn 40 + 16 (vs the same)
            assertDecimal("220.99999", dec(s, "sellerRevenueCents"));
            assertDecimal("200", dec(s, "sellerGridOnlyRevenueCents"));
            assertEquals(100.0 * 20.99999 / 200, s.get("sellerRevenueGainPct").getAsDouble(), 1e-4);
            // without the market: |sn| summed = 1.8 + 1.8 + 1.8 kWh; with it: 0.400002 + 0.400002 + 1.8 kWh
            assertEquals(100.0 * (5.4 - 2.600004) / 5.4, s.get("gridExchangeReductionPct").getAsDouble(), 1e-4);
        }

        @Test
        void latencyBytesAndReferenceFiguresAreComputed() {
            JsonObject s = JSON.getAsJsonObject("summary");
            assertDecimal("200", dec(s, "medianWindowLatencyMs"));
            assertDecimal("300", dec(s, "p95WindowLatencyMs"));
            assertDecimal("250", dec(s, "bytesPerHomePerWindow"));
            assertDecimal("0", dec(s, "referenceMaxDeviation"));
            assertTrue(s.get("individuallyRational").getAsBoolean());
            assertDecimal("1234.5", dec(s, "precomputationMs"));
            assertEquals(3, s.get("windows").getAsInt());
            assertEquals(1, s.get("gridOnlyWindows").getAsInt());
        }

        @Test
        void aDeviatingPrivateRunIsReported() {
            WindowOutcome reference = ReportFixtures.MARKET.clear(0, ReportFixtures.general());
            WindowOutcome wrong = new WindowOutcome(0, Clearing.GENERAL, OptionalLong.of(101_500_000L),
                    reference.sellers(), reference.buyers(), reference.supply(), reference.demand(),
                    reference.sumPreference(), reference.sumPricingTerm(), reference.fillRatio(),
                    reference.residual(), reference.homes());
            RunReport report = RunReport.builder(ReportFixtures.PARAMS)
                    .addWindow(wrong, reference, WindowMetrics.none()).build();
            JsonObject json = JsonReportWriter.toTree(report);
            JsonObject w = json.getAsJsonArray("windows").get(0).getAsJsonObject();
            assertDecimal("1.5", dec(w, "referenceDeviation"));
            assertFalse(w.get("referenceMatches").getAsBoolean());
            assertEquals(1, json.getAsJsonObject("summary").get("referenceMismatchedWindows").getAsInt());
            assertDecimal("1.5", dec(json.getAsJsonObject("summary"), "referenceMaxDeviation"));
        }
    }

    @Nested
    class Homes {

        @Test
        void everyHomeHasItsSavings() {
            JsonArray homes = JSON.getAsJsonArray("homes");
            assertEquals(4, homes.size());
            JsonObject c = homes.get(2).getAsJsonObject();
            assertEquals("c", c.get("homeId").getAsString());
            assertEquals(3, c.get("windowsAsBuyer").getAsInt());
            // window 0 saves 7.63636 cents, window 1 saves 12 cents (0.4 kWh at 90 instead of 120)
            assertDecimal("19.63636", dec(c, "savingsCents"));
        }
    }

    @Test
    void writeCreatesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        JsonReportWriter.write(ReportFixtures.run(), file);
        assertTrue(Files.readString(file).contains("\"buyerCostReductionPct\""));
    }

    @Test
    void addingAWindowTwiceIsRejected() {
        RunReport.Builder b = RunReport.builder(ReportFixtures.PARAMS);
        WindowOutcome w = ReportFixtures.MARKET.clear(0, ReportFixtures.general());
        b.addWindow(w, WindowMetrics.none());
        assertThrows(IllegalArgumentException.class, () -> b.addWindow(w, WindowMetrics.none()));
    }
}
