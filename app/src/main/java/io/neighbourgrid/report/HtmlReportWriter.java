package io.neighbourgrid.report;

import com.google.gson.JsonElement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes a {@link RunReport} as {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, no
 * fonts, no external references) with a summary table, five charts (price against the retail and feed-in prices,
 * coalition sizes, energy in the market and with the grid, the distribution of per-home savings, latency per
 * phase), the configuration, every home and every window. All text is escaped.
 */
public final class HtmlReportWriter {

    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:24px;"
                    + "color:#222;max-width:940px}",
            "h1{font-size:1.5em;margin-bottom:0.2em}h2{font-size:1.15em;margin-top:1.6em}",
            "p.sub{color:#555;margin-top:0}",
            "table{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}",
            "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}td.num{text-align:right}",
            "th{background:#f2f2f2}",
            "svg.chart{display:block;margin:12px 0;background:#fff;font-size:11px}",
            ".plot{fill:#fafafa;stroke:#999}.grid{stroke:#e4e4e4}.axis{stroke:#999}",
            ".tick{fill:#444}.axis-label{fill:#222;font-size:12px}.chart-title{font-size:14px;font-weight:600}",
            ".legend{fill:#222}.rule{font-size:10px}.note{fill:#777;font-size:14px}",
            ".ok{color:#2a7d2a;font-weight:600}.bad{color:#b00020;font-weight:600}");

    private HtmlReportWriter() {
    }

    /**
     * Writes the report to a file (UTF-8).
     *
     * @param report the report
     * @param file   the file, replaced if it exists
     * @throws IOException if writing fails
     */
    public static void write(RunReport report, Path file) throws IOException {
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    /**
     * The report as an HTML page.
     *
     * @param report the report
     * @return the page
     */
    public static String render(RunReport report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Neighbourgrid run report</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>Neighbourgrid run report</h1>\n");
        RunSummary s = report.summary();
        h.append("<p class=\"sub\">").append(s.windows()).append(" windows, ").append(report.homes().size())
                .append(" homes; ").append(s.generalWindows()).append(" general, ").append(s.extremeWindows())
                .append(" extreme, ").append(s.gridOnlyWindows()).append(" grid only.</p>\n");
        summaryTable(h, s);
        charts(h, report);
        configurationTable(h, report);
        homesTable(h, report);
        windowsTable(h, report);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void summaryTable(StringBuilder h, RunSummary s) {
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        row(h, "Buyer cost reduction vs grid only", pct(s.buyerCostReductionPct()));
        row(h, "Seller revenue gain vs feed-in", pct(s.sellerRevenueGainPct()));
        row(h, "Grid exchange reduction", pct(s.gridExchangeReductionPct()));
        row(h, "Energy traded in the market", Numbers.kwh(s.marketEnergy()).toPlainString() + " kWh");
        row(h, "Bought from / sold to the grid", Numbers.kwh(s.gridImport()).toPlainString() + " / "
                + Numbers.kwh(s.gridExport()).toPlainString() + " kWh");
        row(h, "Median / p95 window latency", ms(s.medianWindowLatencyMs()) + " / " + ms(s.p95WindowLatencyMs()));
        row(h, "Bytes per home per window", opt(s.bytesPerHomePerWindow(), 1, ""));
        row(h, "Precomputation", Numbers.text(s.precomputationMs(), 1) + " ms");
        row(h, "Largest price deviation from the reference", opt(s.referenceMaxDeviationCents(), 6, " cents/kWh"));
        h.append("<tr><th>Windows differing from the reference</th><td class=\"")
                .append(s.referenceMismatches() == 0 ? "ok" : "bad").append("\">").append(s.referenceMismatches())
                .append("</td></tr>\n");
        h.append("<tr><th>Individually rational (no home worse off than grid only)</th><td class=\"")
                .append(s.individuallyRational() ? "ok\">yes" : "bad\">no").append("</td></tr>\n");
        h.append("</table>\n");
    }

    private static void charts(StringBuilder h, RunReport report) {
        List<WindowReport> windows = report.windows();
        int n = windows.size();
        double[] x = new double[n];
        double[] price = new double[n];
        double[] reference = new double[n];
        double[] sellers = new double[n];
        double[] buyers = new double[n];
        double[] market = new double[n];
        double[] imported = new double[n];
        double[] exported = new double[n];
        boolean anyReference = false;
        for (int i = 0; i < n; i++) {
            WindowReport w = windows.get(i);
            WindowOutcome o = w.outcome();
            x[i] = w.index();
            price[i] = cents(w.price());
            reference[i] = cents(w.referencePrice());
            anyReference |= w.reference().isPresent();
            sellers[i] = o.sellers();
            buyers[i] = o.buyers();
            market[i] = o.marketEnergy() / (double) Scales.ENERGY;
            imported[i] = o.gridImport() / (double) Scales.ENERGY;
            exported[i] = o.gridExport() / (double) Scales.ENERGY;
        }
        h.append("<h2>Charts</h2>\n");
        if (n == 0) {
            h.append(SvgChart.empty("price", "Market price per window", "no windows"));
            return;
        }
        MarketParameters p = report.parameters();
        List<SvgChart.Series> priceSeries = new ArrayList<>();
        priceSeries.add(new SvgChart.Series("market price", PALETTE[0], price, SvgChart.Style.POINTS));
        if (anyReference) {
            priceSeries.add(new SvgChart.Series("reference", PALETTE[1], reference, SvgChart.Style.DASHED));
        }
        h.append(SvgChart.lines("price", "Market price per window (grid-only windows have none)", "window",
                "cents per kWh", x, priceSeries, List.of(
                        new SvgChart.Rule("retail " + Numbers.cents(p.retailPrice()), "#b00020",
                                p.retailPrice() / (double) Scales.PRICE),
                        new SvgChart.Rule("p_h " + Numbers.cents(p.highPrice()), "#888888",
                                p.highPrice() / (double) Scales.PRICE),
                        new SvgChart.Rule("p_l " + Numbers.cents(p.lowPrice()), "#888888",
                                p.lowPrice() / (double) Scales.PRICE),
                        new SvgChart.Rule("feed-in " + Numbers.cents(p.feedInPrice()), "#2a7d2a",
                                p.feedInPrice() / (double) Scales.PRICE))));
        h.append(SvgChart.lines("coalitions", "Coalition sizes per window", "window", "homes", x, List.of(
                new SvgChart.Series("sellers", PALETTE[2], sellers, SvgChart.Style.LINE),
                new SvgChart.Series("buyers", PALETTE[3], buyers, SvgChart.Style.LINE)), List.of()));
        h.append(SvgChart.lines("energy", "Energy per window: traded in the market and with the grid", "window",
                "kWh", x, List.of(
                        new SvgChart.Series("market", PALETTE[0], market, SvgChart.Style.LINE),
                        new SvgChart.Series("bought from grid", PALETTE[3], imported, SvgChart.Style.LINE),
                        new SvgChart.Series("sold to grid", PALETTE[2], exported, SvgChart.Style.LINE)),
                List.of()));
        double[] savings = report.homes().stream().mapToDouble(m -> m.savings() / (double) Scales.MONEY).toArray();
        int bins = Math.max(5, Math.min(20, (int) Math.ceil(Math.sqrt(savings.length))));
        h.append(SvgChart.histogram("savings", "Per-home savings over the run against grid only", "cents",
                "homes", savings, bins, PALETTE[4]));
        Set<String> phases = new LinkedHashSet<>();
        for (WindowReport w : windows) {
            phases.addAll(w.metrics().phaseLatencyMs().keySet());
        }
        if (phases.isEmpty()) {
            h.append(SvgChart.empty("latency", "Latency per phase", "no latency was measured in this run"));
        } else {
            List<SvgChart.Series> stacks = new ArrayList<>();
            int c = 0;
            for (String phase : phases) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    Double v = windows.get(i).metrics().phaseLatencyMs().get(phase);
                    values[i] = v == null ? 0.0 : v;
                }
                stacks.add(new SvgChart.Series(phase, PALETTE[c++ % PALETTE.length], values, SvgChart.Style.LINE));
            }
            h.append(SvgChart.stackedBars("latency", "Latency per phase and window", "window", "ms", x, stacks));
        }
    }

    private static void configurationTable(StringBuilder h, RunReport report) {
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

    private static void homesTable(StringBuilder h, RunReport report) {
        h.append("<h2>Homes</h2>\n<table class=\"homes\">\n<tr><th>home</th><th>seller</th><th>buyer</th>")
                .append("<th>off</th><th>market kWh</th><th>grid kWh</th><th>balance (cents)</th>")
                .append("<th>grid only (cents)</th><th>savings (cents)</th><th>savings %</th></tr>\n");
        for (HomeSummary m : report.homes()) {
            h.append("<tr><td>").append(Html.escape(m.homeId())).append("</td>");
            num(h, Integer.toString(m.windowsAsSeller()));
            num(h, Integer.toString(m.windowsAsBuyer()));
            num(h, Integer.toString(m.windowsOff()));
            num(h, Numbers.kwh(m.marketEnergy()).toPlainString());
            num(h, Numbers.kwh(m.gridEnergy()).toPlainString());
            num(h, Numbers.money(m.balance()).toPlainString());
            num(h, Numbers.money(m.gridOnlyBalance()).toPlainString());
            num(h, Numbers.money(m.savings()).toPlainString());
            num(h, opt(m.savingsPct(), 2, ""));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void windowsTable(StringBuilder h, RunReport report) {
        h.append("<h2>Windows</h2>\n<details><summary>").append(report.windows().size())
                .append(" windows</summary>\n<table class=\"windows\">\n<tr><th>window</th><th>market</th>")
                .append("<th>price</th><th>reference</th><th>sellers</th><th>buyers</th><th>market kWh</th>")
                .append("<th>import kWh</th><th>export kWh</th><th>latency ms</th><th>bytes</th>")
                .append("<th>matches reference</th></tr>\n");
        for (WindowReport w : report.windows()) {
            WindowOutcome o = w.outcome();
            h.append("<tr>");
            num(h, Long.toString(w.index()));
            h.append("<td>").append(w.clearing().name()).append("</td>");
            num(h, priceText(w.price()));
            num(h, priceText(w.referencePrice()));
            num(h, Integer.toString(o.sellers()));
            num(h, Integer.toString(o.buyers()));
            num(h, Numbers.kwh(o.marketEnergy()).toPlainString());
            num(h, Numbers.kwh(o.gridImport()).toPlainString());
            num(h, Numbers.kwh(o.gridExport()).toPlainString());
            num(h, Numbers.text(w.metrics().onlineLatencyMs(), 1));
            num(h, Long.toString(w.metrics().bytesSubmitted()));
            h.append("<td>").append(w.reference().isEmpty() ? "-" : w.matchesReference() ? "yes" : "NO")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</details>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    private static void num(StringBuilder h, String value) {
        h.append("<td class=\"num\">").append(Html.escape(value)).append("</td>");
    }

    private static double cents(OptionalLong price) {
        return price.isPresent() ? price.getAsLong() / (double) Scales.PRICE : Double.NaN;
    }

    private static String priceText(OptionalLong price) {
        return price.isPresent() ? Numbers.cents(price.getAsLong()).toPlainString() : "-";
    }

    private static String pct(OptionalDouble v) {
        return opt(v, 2, " %");
    }

    private static String ms(OptionalDouble v) {
        return opt(v, 1, " ms");
    }

    private static String opt(OptionalDouble v, int scale, String unit) {
        return v.isPresent() ? Numbers.text(v.getAsDouble(), scale) + unit : "n/a";
    }
}
