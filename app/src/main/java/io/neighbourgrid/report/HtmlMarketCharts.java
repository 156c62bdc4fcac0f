package io.neighbourgrid.report;

import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The market section of the HTML report, five charts: the price per window against the retail, feed-in and range
 * prices (with the plaintext reference when there is one), coalition sizes, energy traded in the market and with
 * the grid, the distribution of per-home savings, and latency per phase.
 */
final class HtmlMarketCharts {

    private HtmlMarketCharts() {
    }

    /**
     * Writes the market section.
     *
     * @param h        the page
     * @param report   the report
     * @param timeline where the windows sit on the clock
     */
    static void write(StringBuilder h, RunReport report, HtmlCharts.Timeline timeline) {
        List<WindowReport> windows = report.windows();
        int n = windows.size();
        double[] x = timeline.x();
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
            price[i] = cents(w.price());
            reference[i] = cents(w.referencePrice());
            anyReference |= w.reference().isPresent();
            sellers[i] = o.sellers();
            buyers[i] = o.buyers();
            market[i] = HtmlCharts.kwh(o.marketEnergy());
            imported[i] = HtmlCharts.kwh(o.gridImport());
            exported[i] = HtmlCharts.kwh(o.gridExport());
        }
        h.append("<h2 id=\"market\">Market</h2>\n");
        if (n == 0) {
            h.append(SvgChart.empty("price", "Market price per window", "no windows"));
            return;
        }
        MarketParameters p = report.parameters();
        List<SvgChart.Series> priceSeries = new ArrayList<>();
        priceSeries.add(new SvgChart.Series("market price", HtmlCharts.PALETTE[0], price, SvgChart.Style.POINTS));
        if (anyReference) {
            priceSeries.add(new SvgChart.Series("plaintext reference", HtmlCharts.PALETTE[1], reference,
                    SvgChart.Style.DASHED));
        }
        h.append(SvgChart.lines("price", "Market price per window (grid-only windows have none)", timeline.axis(),
                "cents per kWh", x, priceSeries, List.of(
                        new SvgChart.Rule("retail " + Numbers.cents(p.retailPrice()), "#b00020",
                                p.retailPrice() / (double) Scales.PRICE),
                        new SvgChart.Rule("p_h " + Numbers.cents(p.highPrice()), "#888888",
                                p.highPrice() / (double) Scales.PRICE),
                        new SvgChart.Rule("p_l " + Numbers.cents(p.lowPrice()), "#888888",
                                p.lowPrice() / (double) Scales.PRICE),
                        new SvgChart.Rule("feed-in " + Numbers.cents(p.feedInPrice()), "#2a7d2a",
                                p.feedInPrice() / (double) Scales.PRICE))));
        h.append(SvgChart.lines("coalitions", "Coalition sizes per window", timeline.axis(), "homes", x, List.of(
                new SvgChart.Series("sellers", HtmlCharts.PALETTE[2], sellers, SvgChart.Style.LINE),
                new SvgChart.Series("buyers", HtmlCharts.PALETTE[3], buyers, SvgChart.Style.LINE)), List.of()));
        h.append(SvgChart.lines("energy", "Energy per window: traded in the market and with the grid",
                timeline.axis(), "kWh per window", x, List.of(
                        new SvgChart.Series("traded in the market", HtmlCharts.PALETTE[0], market, SvgChart.Style.LINE),
                        new SvgChart.Series("bought from the grid", HtmlCharts.PALETTE[3], imported,
                                SvgChart.Style.LINE),
                        new SvgChart.Series("sold to the grid", HtmlCharts.PALETTE[2], exported, SvgChart.Style.LINE)),
                List.of()));
        double[] savings = report.homes().stream().mapToDouble(m -> m.savings() / (double) Scales.MONEY).toArray();
        int bins = Math.max(5, Math.min(20, (int) Math.ceil(Math.sqrt(savings.length))));
        h.append(SvgChart.histogram("savings", "Per-home savings over the run against grid only", "cents",
                "homes", savings, bins, HtmlCharts.PALETTE[4]));
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
                stacks.add(new SvgChart.Series(phase, HtmlCharts.PALETTE[c++ % HtmlCharts.PALETTE.length], values,
                        SvgChart.Style.LINE));
            }
            h.append(SvgChart.stackedBars("latency", "Latency per phase and window", timeline.axis(), "ms", x,
                    timeline.windowSeconds(), stacks));
        }
    }

    private static double cents(OptionalLong price) {
        return price.isPresent() ? price.getAsLong() / (double) Scales.PRICE : Double.NaN;
    }
}
