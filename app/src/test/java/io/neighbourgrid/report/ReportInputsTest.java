package io.neighbourgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The report of a run with its inputs attached: clock times, data source, inputs and assumptions. */
class ReportInputsTest {

    private static final CommunityDay DAY = ReportFixtures.day();
    private static final RunReport REPORT = ReportFixtures.runOf(DAY, true);
    private static final JsonObject JSON = JsonReportWriter.toTree(REPORT);
    private static final String HTML = HtmlReportWriter.render(REPORT);

    private static void assertDecimal(String expected, JsonElement actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.getAsBigDecimal()),
                "expected " + expected + ", got " + actual);
    }

    private static String section(String html, String from, String to) {
        int start = html.indexOf(from);
        assertTrue(start >= 0, "missing " + from);
        int end = html.indexOf(to, start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Nested
    class Json {

        @Test
        void everyWindowHasItsClockTime() {
            JsonArray windows = JSON.getAsJsonArray("windows");
            assertEquals(3, windows.size());
            List<String> starts = new ArrayList<>();
            for (JsonElement w : windows) {
                starts.add(w.getAsJsonObject().get("windowStart").getAsString());
            }
            assertEquals(List.of("2012-07-01T11:00:00", "2012-07-01T11:01:00", "2012-07-01T11:02:00"), starts);
        }

        @Test
        void theDataSourceNamesFileLayoutAndReplayedDay() {
            JsonObject source = JSON.getAsJsonObject("dataSource");
            assertEquals("file", source.get("kind").getAsString());
            assertEquals("customer7.csv", source.get("file").getAsString());
            assertEquals("Ausgrid solar home data, original wide layout", source.get("layout").getAsString());
            assertTrue(source.get("seed").isJsonNull());
            assertEquals("2012-07-01", source.get("date").getAsString());
            assertEquals("11:00", source.get("startTime").getAsString());
            assertEquals("11:03", source.get("endTime").getAsString());
            assertEquals(60, source.get("windowSeconds").getAsInt());
            assertEquals("customer7.csv, 2012-07-01 11:00\u201311:03", source.get("description").getAsString());
        }

        @Test
        void aGeneratedDayNamesItsSeed() {
            CommunityDay generated = SyntheticCommunity.builder().homes(3).windows(2).seed(7).build().generate();
            RunReport.Builder b = RunReport.builder(ReportFixtures.PARAMS).inputs(generated);
            for (int t = 0; t < 2; t++) {
                b.addWindow(ReportFixtures.MARKET.gridOnly(t, generated.inputs(t)), WindowMetrics.none());
            }
            JsonObject json = JsonReportWriter.toTree(b.build());
            JsonObject source = json.getAsJsonObject("dataSource");
            assertEquals("generated", source.get("kind").getAsString());
            assertEquals(7, source.get("seed").getAsLong());
            assertEquals("generated, seed 7, 2025-01-15 11:00\u201311:02", source.get("description").getAsString());
            List<String> kinds = new ArrayList<>();
            json.getAsJsonArray("assumptions").forEach(a -> kinds.add(a.getAsJsonObject().get("kind").getAsString()));
            assertEquals(List.of(Assumption.GENERATED_DATA, Assumption.SYNTHETIC_PV, Assumption.SYNTHETIC_BATTERIES,
                    Assumption.SYNTHETIC_PREFERENCES), kinds);
        }

        @Test
        void assumptionsAreListedWithTheirHomes() {
            JsonArray assumptions = JSON.getAsJsonArray("assumptions");
            assertEquals(3, assumptions.size());
            JsonObject standIn = assumptions.get(1).getAsJsonObject();
            assertEquals("standInHomes", standIn.get("kind").getAsString());
            assertEquals("home-10 stands in <for> a neighbour & is \"made up\".",
                    standIn.get("description").getAsString());
            assertEquals("[\"home-10\"]", standIn.getAsJsonArray("homes").toString());
            assertEquals("dateOrder", assumptions.get(0).getAsJsonObject().get("kind").getAsString());
            assertEquals(0, assumptions.get(0).getAsJsonObject().getAsJsonArray("homes").size());
        }

        @Test
        void windowsCarryTheCommunitysInputs() {
            JsonObject w0 = JSON.getAsJsonArray("windows").get(0).getAsJsonObject();
            assertDecimal("2.5", w0.get("generationKWh"));
            assertDecimal("2.7", w0.get("loadKWh"));
            assertDecimal("0.2", w0.get("batteryChargeKWh"));
            assertDecimal("0", w0.get("batteryDischargeKWh"));
            JsonObject w2 = JSON.getAsJsonArray("windows").get(2).getAsJsonObject();
            assertDecimal("0.1", w2.get("batteryDischargeKWh"));
        }

        @Test
        void homesCarryTheirInputsOverTheRun() {
            JsonObject home2 = null;
            for (JsonElement h : JSON.getAsJsonArray("homes")) {
                if (h.getAsJsonObject().get("homeId").getAsString().equals("home-2")) {
                    home2 = h.getAsJsonObject();
                }
            }
            assertDecimal("2.7", home2.get("generationKWh"));
            assertDecimal("1.2", home2.get("loadKWh"));
            assertDecimal("1.4", home2.get("netKWh")); // 2.7 - 1.2 - 0.2 + 0.1
            assertTrue(home2.get("hasBattery").getAsBoolean());
            assertDecimal("150", home2.get("preferenceK"));
        }

        @Test
        void theMarketsFiguresAreTheSameWithOrWithoutInputs() {
            JsonObject without = JsonReportWriter.toTree(ReportFixtures.runOf(DAY, false));
            JsonArray a = without.getAsJsonArray("windows");
            JsonArray b = JSON.getAsJsonArray("windows");
            List<String> added = List.of("windowStart", "generationKWh", "loadKWh", "batteryChargeKWh",
                    "batteryDischargeKWh");
            for (int i = 0; i < a.size(); i++) {
                JsonObject withInputs = b.get(i).getAsJsonObject().deepCopy();
                added.forEach(withInputs::remove);
                JsonObject plain = a.get(i).getAsJsonObject().deepCopy();
                plain.remove("windowStart");
                assertEquals(plain, withInputs, "window " + i);
            }
            assertEquals(without.get("summary"), JSON.get("summary"));
        }

        @Test
        void withoutInputsTheFieldsAreThereButEmpty() {
            JsonObject json = JsonReportWriter.toTree(ReportFixtures.run());
            assertTrue(json.get("dataSource").isJsonNull());
            assertEquals(0, json.getAsJsonArray("assumptions").size());
            json.getAsJsonArray("windows").forEach(w -> assertTrue(w.getAsJsonObject().has("windowStart")));
        }
    }

    @Nested
    class Page {

        @Test
        void theTitleNamesTheDataAndTheReplayedDay() {
            String expected = "Neighbourgrid run report: customer7.csv, 2012-07-01 11:00\u201311:03";
            assertTrue(HTML.contains("<title>" + expected + "</title>"), section(HTML, "<title>", "</title>"));
            assertTrue(HTML.contains("<h1>" + expected + "</h1>"));
            assertTrue(HTML.contains("<b>customer7.csv</b> (Ausgrid solar home data, original wide layout); "
                    + "replayed day <b>2012-07-01</b>, 11:00\u201311:03"));
        }

        @Test
        void theAssumptionsSectionListsEachAssumptionEscaped() {
            String list = section(HTML, "<h2 id=\"assumptions\">", "</ul>");
            assertEquals(List.of("dateOrder", "standInHomes", "syntheticBatteries"),
                    all(list, "<li data-kind=\"([^\"]+)\">"));
            assertTrue(list.contains("<span class=\"kind\">Inferred date order:</span> Dates in customer7.csv were "
                    + "read day first (d/mm/yyyy): &#39;13/07/2012&#39; on line 37"), list);
            assertTrue(list.contains("home-10 stands in &lt;for&gt; a neighbour &amp; is &quot;made up&quot;."));
            assertTrue(HTML.indexOf("id=\"assumptions\"") < HTML.indexOf("id=\"inputs\""), "assumptions come first");
        }

        @Test
        void theInputsAreChartedForTheCommunityAndForEachHome() {
            String chart = section(HTML, "<svg id=\"inputs-community\"", "</svg>");
            for (String name : new String[] {"generation", "load", "battery charging", "battery discharging"}) {
                assertTrue(chart.contains(">" + name + "</text>"), "legend entry " + name);
            }
            String table = section(HTML, "<table class=\"home-inputs\">", "</table>");
            assertEquals(4, all(table, "(<svg class=\"spark\")").size(), "one sparkline per home");
            assertTrue(table.contains("<span class=\"tag none\">no generation</span>"), "home-9 has no PV");
            assertTrue(table.contains("battery (synthetic)"));
            assertTrue(table.contains("stand-in"));
            assertEquals(List.of("home-1", "home-2", "home-9", "home-10"), all(table, "<td class=\"id\">([^<]+)</td>"));
        }

        @Test
        void everyTimeAxisShowsClockTimes() {
            for (String id : new String[] {"inputs-community", "price", "coalitions", "energy", "latency"}) {
                String chart = section(HTML, "<svg id=\"" + id + "\"", "</svg>");
                List<String> ticks = all(chart, "text-anchor=\"middle\" class=\"tick\">([^<]+)</text>");
                assertEquals(List.of("11:00", "11:01", "11:02", "11:03"), ticks, id);
                assertTrue(chart.contains(">time of day, 2012-07-01 (each window drawn at its middle)</text>"), id);
                assertFalse(chart.contains(">window</text>"), id);
            }
        }

        @Test
        void legendsSitBelowThePlotAndNeverOnTheTitle() {
            for (String id : new String[] {"inputs-community", "price", "coalitions", "energy", "latency"}) {
                String chart = section(HTML, "<svg id=\"" + id + "\"", "</svg>");
                List<String> ys = all(chart, "y=\"([0-9.]+)\" class=\"legend\"");
                assertFalse(ys.isEmpty(), id);
                for (String y : ys) {
                    // the plot ends at 250, its tick labels and axis label take the next 40 pixels
                    assertTrue(Double.parseDouble(y) > 290, id + " legend at y=" + y);
                }
                List<String> titleY = all(chart, "y=\"([0-9.]+)\" class=\"chart-title\"");
                assertEquals(List.of("18"), titleY);
            }
        }

        @Test
        void homesAreInNaturalOrderWithUnwrappedIds() {
            String table = section(HTML, "<table class=\"homes\">", "</table>");
            assertEquals(List.of("home-1", "home-2", "home-9", "home-10"), all(table, "<td class=\"id\">([^<]+)</td>"));
            assertTrue(HTML.contains("td.id,th.id{white-space:nowrap}"));
        }

        @Test
        void numbersHaveThreeDecimalsForKilowattHoursAndTwoForCents() {
            String table = section(HTML, "<table class=\"homes\">", "</table>");
            String home1 = section(table, "<td class=\"id\">home-1</td>", "</tr>");
            List<String> cells = all(home1, "<td class=\"num\">([^<]*)</td>");
            // seller, buyer, off, market kWh, grid kWh, balance, grid only, savings, savings %
            assertEquals(9, cells.size(), cells.toString());
            for (int i = 3; i < 5; i++) {
                assertTrue(cells.get(i).matches("-?\\d+\\.\\d{3}|&lt;0\\.001"), "kWh " + cells.get(i));
            }
            for (int i = 5; i < 9; i++) {
                assertTrue(cells.get(i).matches("-?\\d+\\.\\d{2}|n/a"), "cents " + cells.get(i));
            }
            String windows = section(HTML, "<table class=\"windows\">", "</table>");
            assertEquals(List.of("11:00", "11:01", "11:02"), all(windows, "<td class=\"id\">(\\d\\d:\\d\\d)</td>"));
        }
    }

    @Test
    void homeIdsSortNumerically() {
        List<String> ids = new ArrayList<>(List.of("home-10", "home-2", "ausgrid-12-20120701", "home-1",
                "ausgrid-9-20120702", "ausgrid-9-20120701", "home-002"));
        ids.sort(HomeIds.NATURAL);
        assertEquals(List.of("ausgrid-9-20120701", "ausgrid-9-20120702", "ausgrid-12-20120701", "home-1",
                "home-002", "home-2", "home-10"), ids);
        assertEquals(0, HomeIds.compare("home-7", "home-7"));
        assertTrue(HomeIds.compare("home-99999999999999999999", "home-100000000000000000000") < 0);
    }

    @Test
    void smallAmountsDoNotReadAsZero() {
        assertEquals("0.700", Numbers.kwhText(699_999L));
        assertEquals("<0.001", Numbers.kwhText(7L));
        assertEquals(">-0.001", Numbers.kwhText(-7L));
        assertEquals("0.000", Numbers.kwhText(0L));
        assertEquals("103.26", Numbers.priceText(103_257_214L));
        assertEquals(List.of("1.000", "0.500"), List.of(1_000_000L, 500_000L).stream().map(Numbers::kwhText)
                .collect(Collectors.toList()));
    }
}
