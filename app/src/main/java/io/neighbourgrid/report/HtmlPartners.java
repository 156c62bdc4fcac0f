package io.neighbourgrid.report;

import java.util.ArrayList;
import java.util.List;

/** The report page's section on partner agreements and donations ({@link PartnersReport}). */
final class HtmlPartners {
    private HtmlPartners() {
    }

    static void write(StringBuilder h, RunReport report) {
        if (report.partners().isEmpty()) {
            return;
        }
        PartnersReport p = report.partners().get();
        h.append("<h2 id=\"partners\">Partners and donations</h2>\n<p>");
        if (p.sales() != null) {
            h.append("Partners: <b>").append(Html.escape(p.sales())).append("</b>. ");
        }
        if (p.donations() != null) {
            h.append("Donations: <b>").append(Html.escape(p.donations())).append("</b>. ");
        }
        h.append("After each window's private market, a seller's energy that would go to the grid, and the agreed "
                + "share of its market sale, go to its partner up to the partner's need, at the agreement's price "
                + "(a donation: free). Bills with and without the agreements (docs/partners.md).</p>\n<ul>\n");
        for (String line : p.summaryLines()) {
            h.append("<li>").append(Html.escape(line)).append("</li>\n");
        }
        h.append("</ul>\n<div class=\"scroll\"><table class=\"homes\">\n<tr><th class=\"id\">seller</th>")
                .append("<th class=\"id\">partner</th><th>kind</th><th class=\"num\">price (cents/kWh)</th>")
                .append("<th class=\"num\">market share</th><th class=\"num\">windows</th>")
                .append("<th class=\"num\">instead of grid (kWh)</th><th class=\"num\">of market sale (kWh)</th>")
                .append("<th class=\"num\">to seller (cents)</th></tr>\n");
        for (PartnersReport.AgreementTotals a : p.agreements()) {
            h.append("<tr><td class=\"id\">").append(Html.escape(a.seller())).append("</td><td class=\"id\">")
                    .append(Html.escape(a.partner())).append("</td><td>").append(a.kind().name()).append("</td>");
            HtmlTables.num(h, Numbers.priceText(a.price()));
            HtmlTables.num(h, Numbers.fixed(a.sharePpm() / 1e6, 2));
            HtmlTables.num(h, Integer.toString(a.windows()));
            HtmlTables.num(h, Numbers.kwhText(a.gridEnergy()));
            HtmlTables.num(h, Numbers.kwhText(a.marketEnergy()));
            HtmlTables.num(h, Numbers.moneyText(a.money()));
            h.append("</tr>\n");
        }
        h.append("</table></div>\n<div class=\"scroll\"><table class=\"homes\">\n<tr><th class=\"id\">home</th>")
                .append("<th class=\"num\">given or sold (kWh)</th><th class=\"num\">received (kWh)</th>")
                .append("<th class=\"num\">bill without (cents)</th><th class=\"num\">bill with (cents)</th>")
                .append("<th class=\"num\">gain (cents)</th></tr>\n");
        List<PartnersReport.HomeTotals> homes = new ArrayList<>(p.homes());
        homes.sort((x, y) -> HomeIds.compare(x.homeId(), y.homeId()));
        for (PartnersReport.HomeTotals m : homes) {
            if (m.energyOut() == 0 && m.energyIn() == 0) {
                continue;
            }
            h.append("<tr><td class=\"id\">").append(Html.escape(m.homeId())).append("</td>");
            HtmlTables.num(h, Numbers.kwhText(m.energyOut()));
            HtmlTables.num(h, Numbers.kwhText(m.energyIn()));
            HtmlTables.num(h, Numbers.moneyText(m.billWithout()));
            HtmlTables.num(h, Numbers.moneyText(m.billWith()));
            HtmlTables.num(h, Numbers.moneyText(m.gain()));
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }
}
