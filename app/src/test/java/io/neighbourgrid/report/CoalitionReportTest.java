package io.neighbourgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.sim.coalitions.CoalitionFormation;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalitionReportTest {
    /** Window 0 general, window 1 extreme, of the same four homes (two sellers, two buyers). */
    private static List<HomeInput> window(int t) {
        return t == 0 ? ReportFixtures.general() : ReportFixtures.extreme();
    }

    private static RunReport run(int blockWindows) {
        RunReport.Builder b = RunReport.builder(ReportFixtures.PARAMS);
        b.addWindow(ReportFixtures.MARKET.clear(0, window(0)), WindowMetrics.none());
        b.addWindow(ReportFixtures.MARKET.clear(1, window(1)), WindowMetrics.none());
        return b.coalitions(CoalitionFormation.run(ReportFixtures.MARKET, CoalitionReportTest::window, 0, 2,
                blockWindows)).build();
    }

    @Test
    void fourHomesThatNeedEachOtherFormTheSingleCommunityInEveryBlock() {
        CoalitionReport c = run(1).coalitions().orElseThrow();
        assertEquals(2, c.blocks().size());
        for (CoalitionReport.Block b : c.blocks()) {
            assertEquals(List.of(4), b.sizes());
            assertTrue(b.stable());
            assertEquals(b.grandWelfare(), b.welfare());
            assertEquals(1, b.merges());
        }
        assertEquals(c.grandWelfare(), c.welfare());
        assertTrue(c.homesBelowStandAlone().isEmpty());
        assertEquals(0, c.homesBetterThanGrand() + c.homesWorseThanGrand());
    }

    @Test
    void theJsonCarriesCountsSizesWelfareStabilityAndMarkets() {
        JsonObject j = JsonParser.parseString(JsonReportWriter.toJson(run(2))).getAsJsonObject()
                .getAsJsonObject("coalitions");
        assertEquals("merge-split", j.get("rule").getAsString());
        assertEquals(2, j.get("blockWindows").getAsInt());
        JsonObject community = j.getAsJsonObject("community");
        assertEquals(1, community.get("blocks").getAsInt());
        assertEquals(1, community.get("stableBlocks").getAsInt());
        BigDecimal welfare = community.get("welfareCents").getAsBigDecimal();
        assertEquals(0, welfare.compareTo(community.get("singleCommunityWelfareCents").getAsBigDecimal()));
        assertTrue(welfare.signum() > 0);
        JsonObject block = j.getAsJsonArray("blocks").get(0).getAsJsonObject();
        assertEquals(1, block.get("coalitionCount").getAsInt());
        assertEquals(4, block.getAsJsonArray("sizes").get(0).getAsInt());
        assertEquals(2, block.getAsJsonArray("markets").size());
        JsonObject first = block.getAsJsonArray("markets").get(0).getAsJsonObject();
        assertEquals("GENERAL", first.get("clearing").getAsString());
        assertEquals(0, new BigDecimal("100").compareTo(first.get("priceCentsPerKWh").getAsBigDecimal()));
        assertEquals(4, j.getAsJsonArray("homes").size());
    }

    @Test
    void thePageHasACoalitionsSection() {
        String html = HtmlReportWriter.render(run(1));
        assertTrue(html.contains("<h2 id=\"coalitions\">Coalitions</h2>"));
        assertTrue(html.contains("{a, b, c, d}"));
    }
}
