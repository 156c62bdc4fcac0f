package io.neighbourgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    private static final String HTML = HtmlReportWriter.render(ReportFixtures.run());

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Nested
    class Charts {

        @Test
        void everyChartIsAnInlineSvg() {
            // five market charts, and the inputs chart (empty: this report has no inputs attached)
            assertEquals(6, count(HTML, "<svg "));
            for (String id : new String[] {"inputs-community", "price", "coalitions", "energy", "savings",
                "latency"}) {
                assertTrue(HTML.contains("<svg id=\"" + id + "\""), "chart " + id);
            }
        }

        @Test
        void priceChartShowsRetailAndFeedInLines() {
            String price = HTML.substring(HTML.indexOf("<svg id=\"price\""), HTML.indexOf("<svg id=\"coalitions\""));
            assertTrue(price.contains("retail 120"));
            assertTrue(price.contains("feed-in 80"));
            assertEquals(2, count(price, "<circle"), "two windows have a price");
        }

        @Test
        void latencyChartStacksOneBarSegmentPerMeasuredPhase() {
            String latency = HTML.substring(HTML.indexOf("<svg id=\"latency\""));
            latency = latency.substring(0, latency.indexOf("</svg>"));
            // windows 0 and 1 have three non-zero phases, window 2 one
            assertEquals(7, count(latency, "class=\"bar\""));
        }
    }

    @Nested
    class SelfContained {

        @Test
        void thereAreNoNetworkReferencesOrScripts() {
            String lower = HTML.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("http://"));
            assertFalse(lower.contains("https://"));
            assertFalse(lower.contains("<script"));
            assertFalse(lower.contains("@import"));
            assertFalse(lower.contains("url("));
        }

        @Test
        void textIsEscaped() {
            assertTrue(HTML.contains("<td>hand &lt;made&gt; &amp; &quot;tiny&quot;</td>"), "configuration value escaped");
            assertFalse(HTML.contains("<made>"));
        }

        @Test
        void summaryTableIsPresent() {
            assertTrue(HTML.contains("Buyer cost reduction vs grid only"));
            assertTrue(HTML.contains("10.06 %"));
            assertTrue(HTML.contains("class=\"ok\">yes"));
        }
    }

    @Test
    void anEmptyRunStillRenders(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReportWriter.write(RunReport.builder(ReportFixtures.PARAMS).build(), file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg "));
    }
}
