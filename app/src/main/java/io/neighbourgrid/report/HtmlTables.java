package io.neighbourgrid.report;

import com.google.gson.JsonElement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.WindowOutcome;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The tables of the HTML report: the summary, the configuration, every home and every window. Energy is shown with
 * three decimals in kWh, money and prices with two in cents; all text is escaped.
 */
final class HtmlTables {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private HtmlTables() {
    }

    /**
     * Writes the summary table.
     *
     * @param h the page
     * @param s the run's summary
     */
    static void summary(StringBuilder h, RunSummary s) {
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        row(h, "Buyer cost reduction vs grid only", pct(s.buyerCostReductionPct()));
        row(h, "Seller revenue gain vs feed-in", pct(s.sellerRevenueGainPct()));
        row(h, "Grid exchange reduction", pct(s.gridExchangeReductionPct()));
        row(h, "Energy traded in the market", Numbers.kwhText(s.marketEnergy()) + " kWh");
        row(h, "Bought from / sold to the grid", Numbers.kwhText(s.gridImport()) + " / "
                + Numbers.kwhText(s.gridExport()) + " kWh");
        row(h, "Buyers' cost / grid-only cost", Numbers.moneyText(s.totals().buyerCost()) + " / "
                + Numbers.moneyText(s.totals().buyerGridOnlyCost()) + " cents");
        row(h, "Sellers' revenue / feed-in revenue", Numbers.moneyText(s.totals().sellerRevenue()) + " / "
                + Numbers.moneyText(s.totals().sellerGridOnlyRevenue()) + " cents");
        row(h, "Median / p95 window latency", ms(s.medianWindowLatencyMs()) + " / " + ms(s.p95WindowLatencyMs()));
        row(h, "Bytes per home per window", opt(s.bytesPerHomePerWindow(), 0, ""));
        row(h, "Precomputation", Numbers.fixed(s.precomputationMs(), 1) + " ms");
        row(h, "Largest price deviation from the reference", opt(s.referenceMaxDeviationCents(), 2, " cents/kWh"));
        h.append("<tr><th>Windows differing from the reference</th><td class=\"")
                .append(s.referenceMismatches() == 0 ? "ok" : "bad").append("\">").append(s.referenceMismatches())
                .append("</td></tr>\n");
        h.append("<tr><th>Individually rational (no home worse off than grid only)</th><td class=\"")
                .append(s.individuallyRational() ? "ok\">yes" : "bad\">no").append("</td></tr>\n");
        h.append("</table>\n");
    }

    /**
     * Writes the configuration: the market parameters, then every configuration entry of the run.
     *
     * @param h      the page
     * @param report the report
     */
    static void configuration(StringBuilder h, RunReport report) {
        h.append("<h2>Configuration</h2>\n<table class=\"configuration\">\n");
        MarketParameters p = report.parameters();
        row(h, "market.retailPrice", Numbers.cents(p.retailPrice()).toPlainString() + " cents/kWh");
        row(h, "market.feedInPrice", Numbers.cents(p.feedInPrice()).toPlainString() + " cents/kWh");
        row(h, "market.priceRange", "[" + Numbers.cents(p.lowPrice()).toPlainString() + ", "
                + Numbers.cents(p.highPrice()).toPlainString() + "] cents/kWh");
        row(h, "market.windowSeconds", Long.toString(p.windowSeconds()));
        row(h, "market.minimumCoalitionSize", Integer.toString(p.minimumCoalitionSize()));
        for (Map.Entry<String, Object> e : report.configuration().entrySet()) {
            JsonElement v = JsonReportWriter.value(e.getValue());
            boolean text = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
            row(h, e.getKey(), text ? v.getAsString() : v.toString());
        }
        h.append("</table>\n");
    }

    /**
     * Writes one row per home, in natural order of the ids.
     *
     * @param h      the page
     * @param report the report
     */
    static void homes(StringBuilder h, RunReport report) {
        h.append("<h2>Homes</h2>\n<div class=\"scroll\"><table class=\"homes\">\n<tr><th class=\"id\">home</th>")
                .append("<th class=\"num\">seller</th><th class=\"num\">buyer</th><th class=\"num\">off</th>")
                .append("<th class=\"num\">market kWh</th><th class=\"num\">grid kWh</th>")
                .append("<th class=\"num\">balance (cents)</th><th class=\"num\">grid only (cents)</th>")
                .append("<th class=\"num\">savings (cents)</th><th class=\"num\">savings %</th></tr>\n");
        List<HomeSummary> homes = new ArrayList<>(report.homes());
        homes.sort((a, b) -> HomeIds.compare(a.homeId(), b.homeId()));
        for (HomeSummary m : homes) {
            h.append("<tr><td class=\"id\">").append(Html.escape(m.homeId())).append("</td>");
            num(h, Integer.toString(m.windowsAsSeller()));
            num(h, Integer.toString(m.windowsAsBuyer()));
            num(h, Integer.toString(m.windowsOff()));
            num(h, Numbers.kwhText(m.marketEnergy()));
            num(h, Numbers.kwhText(m.gridEnergy()));
            num(h, Numbers.moneyText(m.balance()));
            num(h, Numbers.moneyText(m.gridOnlyBalance()));
            num(h, Numbers.moneyText(m.savings()));
            num(h, opt(m.savingsPct(), 2, ""));
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    /**
     * Writes one row per window, folded away under a summary line.
     *
     * @param h      the page
     * @param report the report
     */
    static void windows(StringBuilder h, RunReport report) {
        boolean seconds = report.inputs().map(d -> d.windowSeconds() % 60 != 0).orElse(false);
        h.append("<h2>Windows</h2>\n<details><summary>").append(report.windows().size())
                .append(" windows</summary>\n<div class=\"scroll\"><table class=\"windows\">\n<tr>")
                .append("<th class=\"num\">window</th><th>start</th><th>market</th>")
                .append("<th class=\"num\">price</th><th class=\"num\">reference</th><th class=\"num\">sellers</th>")
                .append("<th class=\"num\">buyers</th><th class=\"num\">market kWh</th>")
                .append("<th class=\"num\">import kWh</th><th class=\"num\">export kWh</th>")
                .append("<th class=\"num\">latency ms</th><th class=\"num\">bytes</th>")
                .append("<th class=\"num\">transactions</th>")
                .append("<th>matches reference</th></tr>\n");
        for (WindowReport w : report.windows()) {
            WindowOutcome o = w.outcome();
            h.append("<tr>");
            num(h, Long.toString(w.index()));
            h.append("<td class=\"id\">").append(report.windowStart(w)
                    .map(t -> (seconds ? SECONDS : RunReport.HH_MM).format(t)).orElse("-")).append("</td>");
            h.append("<td class=\"id\">").append(w.clearing().name()).append("</td>");
            num(h, priceText(w.price()));
            num(h, priceText(w.referencePrice()));
            num(h, Integer.toString(o.sellers()));
            num(h, Integer.toString(o.buyers()));
            num(h, Numbers.kwhText(o.marketEnergy()));
            num(h, Numbers.kwhText(o.gridImport()));
            num(h, Numbers.kwhText(o.gridExport()));
            num(h, Numbers.fixed(w.metrics().onlineLatencyMs(), 1));
            num(h, Long.toString(w.metrics().bytesSubmitted()));
            num(h, Long.toString(w.metrics().transactions()));
            h.append("<td>").append(w.reference().isEmpty() ? "-" : w.matchesReference() ? "yes" : "NO")
                    .append("</td></tr>\n");
        }
        h.append("</table></div>\n</details>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    /**
     * Writes a right-aligned number cell.
     *
     * @param h     the page
     * @param value the number as text, escaped here
     */
    static void num(StringBuilder h, String value) {
        h.append("<td class=\"num\">").append(Html.escape(value)).append("</td>");
    }

    private static String priceText(OptionalLong price) {
        return price.isPresent() ? Numbers.priceText(price.getAsLong()) : "-";
    }

    private static String pct(OptionalDouble v) {
        return opt(v, 2, " %");
    }

    private static String ms(OptionalDouble v) {
        return opt(v, 1, " ms");
    }

    private static String opt(OptionalDouble v, int scale, String unit) {
        return v.isPresent() ? Numbers.fixed(v.getAsDouble(), scale) + unit : "n/a";
    }
}
