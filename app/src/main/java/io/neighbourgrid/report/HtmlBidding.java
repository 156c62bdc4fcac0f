package io.neighbourgrid.report;

import java.util.ArrayList;
import java.util.List;

/** The report page's section on bids from forecasts and strategic bidding ({@link BiddingReport}). */
final class HtmlBidding {
    private HtmlBidding() {
    }

    static void write(StringBuilder h, RunReport report) {
        if (report.bidding().isEmpty()) {
            return;
        }
        BiddingReport b = report.bidding().get();
        h.append("<h2 id=\"bids\">Bids</h2>\n<p>Bids: <b>").append(Html.escape(b.bids())).append("</b>");
        if (b.strategic() != null) {
            h.append("; strategic homes: <b>").append(Html.escape(b.strategic())).append("</b>");
        }
        h.append(". Every amount is the home's bill over the run by the billing rule: committed market volume at the "
                + "window's price, every deviation from the metered energy with the grid (docs/billing.md, "
                + "section 4; docs/strategies.md).</p>\n<ul>\n");
        for (String line : b.summaryLines()) {
            h.append("<li>").append(Html.escape(line)).append("</li>\n");
        }
        h.append("</ul>\n<div class=\"scroll\"><table class=\"homes\">\n<tr><th class=\"id\">home</th>")
                .append("<th>strategic</th><th class=\"num\">forecast MAE kWh</th><th class=\"num\">bill (cents)</th>")
                .append("<th class=\"num\">realised bids (cents)</th><th class=\"num\">forecast cost (cents)</th>")
                .append("<th class=\"num\">all truthful (cents)</th><th class=\"num\">strategy gain (cents)</th>")
                .append("<th class=\"num\">grid only (cents)</th><th>individually rational</th></tr>\n");
        List<BiddingReport.HomeBids> homes = new ArrayList<>(b.homes());
        homes.sort((x, y) -> HomeIds.compare(x.homeId(), y.homeId()));
        for (BiddingReport.HomeBids m : homes) {
            h.append("<tr><td class=\"id\">").append(Html.escape(m.homeId())).append("</td><td>")
                    .append(m.strategic() ? "yes" : "no").append("</td>");
            HtmlTables.num(h, Numbers.fixed(m.meanAbsError() / io.neighbourgrid.market.Scales.ENERGY, 4));
            HtmlTables.num(h, Numbers.moneyText(m.money()));
            HtmlTables.num(h, Numbers.moneyText(m.realisedBidMoney()));
            HtmlTables.num(h, Numbers.moneyText(m.forecastCost()));
            HtmlTables.num(h, Numbers.moneyText(m.truthfulMoney()));
            HtmlTables.num(h, Numbers.moneyText(m.strategyGain()));
            HtmlTables.num(h, Numbers.moneyText(m.gridOnlyMoney()));
            h.append("<td>").append(m.individuallyRational() ? "yes" : "NO").append("</td></tr>\n");
        }
        h.append("</table></div>\n");
    }
}
