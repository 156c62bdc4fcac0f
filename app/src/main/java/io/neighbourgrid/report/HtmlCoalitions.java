package io.neighbourgrid.report;

import java.util.ArrayList;
import java.util.List;

/** The report page's section on coalition formation ({@link CoalitionReport}). */
final class HtmlCoalitions {
    private HtmlCoalitions() {
    }

    static void write(StringBuilder h, RunReport report) {
        if (report.coalitions().isEmpty()) {
            return;
        }
        CoalitionReport c = report.coalitions().get();
        h.append("<h2 id=\"coalitions\">Coalitions</h2>\n<p>Rule: <b>").append(Html.escape(c.rule()))
                .append("</b>, formed for every block of ").append(c.blockWindows()).append(" windows; stability: ")
                .append(Html.escape(c.stability())).append(". A payoff is what a home's market gained it against "
                        + "the grid alone; a simulator-side analysis on every home's bids (docs/coalitions.md).</p>\n"
                        + "<ul>\n");
        for (String line : c.summaryLines()) {
            h.append("<li>").append(Html.escape(line)).append("</li>\n");
        }
        h.append("</ul>\n<div class=\"scroll\"><table class=\"homes\">\n<tr><th class=\"num\">first window</th>")
                .append("<th class=\"num\">coalitions</th><th>sizes</th><th class=\"num\">welfare (cents)</th>")
                .append("<th class=\"num\">single community (cents)</th><th class=\"num\">merges</th>")
                .append("<th class=\"num\">splits</th><th>stable</th><th>coalitions of two or more</th></tr>\n");
        for (CoalitionReport.Block b : c.blocks()) {
            h.append("<tr>");
            HtmlTables.num(h, Long.toString(b.firstWindow()));
            HtmlTables.num(h, Integer.toString(b.coalitions().size()));
            h.append("<td>").append(Html.escape(b.sizes().toString())).append("</td>");
            HtmlTables.num(h, Numbers.moneyText(b.welfare()));
            HtmlTables.num(h, Numbers.moneyText(b.grandWelfare()));
            HtmlTables.num(h, Integer.toString(b.merges()));
            HtmlTables.num(h, Integer.toString(b.splits()));
            h.append("<td>").append(b.stable() ? "yes" : "NO").append("</td><td>");
            List<String> groups = new ArrayList<>();
            for (CoalitionReport.Coalition k : b.coalitions()) {
                if (k.homes().size() > 1) {
                    groups.add("{" + String.join(", ", k.homes()) + "}");
                }
            }
            h.append(Html.escape(String.join(" ", groups))).append("</td></tr>\n");
        }
        h.append("</table></div>\n<div class=\"scroll\"><table class=\"homes\">\n<tr><th class=\"id\">home</th>")
                .append("<th class=\"num\">in its coalitions (cents)</th>")
                .append("<th class=\"num\">in the single community (cents)</th></tr>\n");
        List<CoalitionReport.HomePayoff> homes = new ArrayList<>(c.homes());
        homes.sort((x, y) -> HomeIds.compare(x.homeId(), y.homeId()));
        for (CoalitionReport.HomePayoff p : homes) {
            h.append("<tr><td class=\"id\">").append(Html.escape(p.homeId())).append("</td>");
            HtmlTables.num(h, Numbers.moneyText(p.partition()));
            HtmlTables.num(h, Numbers.moneyText(p.grand()));
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }
}
