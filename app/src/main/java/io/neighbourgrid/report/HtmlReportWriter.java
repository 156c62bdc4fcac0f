package io.neighbourgrid.report;

import com.google.gson.JsonElement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataOrigin;
import io.neighbourgrid.sim.data.HomeProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes a {@link RunReport} as {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, no
 * fonts, no external references). Its title names the data (file and layout, or the generator's seed) and the
 * replayed day; then a summary table; the assumptions the run made; the inputs (the community's generation, load
 * and battery per window, and every home's inputs over the day, so that one home's fault stands out); five market
 * charts (price against the retail and feed-in prices, coalition sizes, energy in the market and with the grid,
 * the distribution of per-home savings, latency per phase), the configuration, every home and every window.
 *
 * <p>Every time axis shows clock times of the replayed data (elapsed time when the report has no inputs
 * attached). Energy is shown with three decimals in kWh, money and prices with two in cents; homes are listed in
 * natural order of their ids ({@link HomeIds}). All text is escaped.
 */
public final class HtmlReportWriter {

    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String GENERATION_COLOR = "#2ca02c";
    private static final String LOAD_COLOR = "#d62728";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:24px;"
                    + "color:#222;max-width:960px}",
            "h1{font-size:1.45em;margin-bottom:0.2em;overflow-wrap:anywhere}h2{font-size:1.15em;margin-top:1.6em}",
            "h3{font-size:1em;margin:1.2em 0 0.3em}",
            "p.sub{color:#555;margin-top:0.2em}p.note{color:#555;font-size:0.9em;margin:0.3em 0}",
            ".scroll{overflow-x:auto}",
            "table{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}",
            "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:middle}",
            "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}",
            "th.num{text-align:right}",
            "td.id,th.id{white-space:nowrap}td.spark-cell{padding:2px 6px}",
            "th{background:#f2f2f2}",
            "svg.chart{display:block;margin:12px 0;background:#fff;font-size:11px}svg.spark{display:block}",
            ".plot{fill:#fafafa;stroke:#999}.grid{stroke:#e4e4e4}.axis{stroke:#999}",
            ".tick{fill:#444}.axis-label{fill:#222;font-size:12px}.chart-title{font-size:14px;font-weight:600}",
            ".legend{fill:#222}.rule{font-size:10px}.note{fill:#777;font-size:14px}",
            "ul.assumptions li{margin:0.35em 0}ul.assumptions .kind{font-weight:600}",
            ".tag{display:inline-block;white-space:nowrap;font-size:0.85em;padding:0 5px;margin:1px 2px;"
                    + "border-radius:3px;background:#eef3fb;color:#1f4f8b}",
            ".tag.synthetic{background:#fdf1e3;color:#8a4b00}.tag.none{background:#f3f3f3;color:#666}",
            ".swatch{display:inline-block;width:12px;height:8px;margin:0 3px 0 8px}",
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
        Optional<String> data = report.dataTitle();
        String title = "Neighbourgrid run report" + data.map(d -> ": " + d).orElse("");
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        source(h, report);
        RunSummary s = report.summary();
        h.append("<p class=\"sub\">").append(s.windows()).append(" windows, ").append(report.homes().size())
                .append(" homes; ").append(s.generalWindows()).append(" general, ").append(s.extremeWindows())
                .append(" extreme, ").append(s.gridOnlyWindows()).append(" grid only.</p>\n");
        summaryTable(h, s);
        assumptions(h, report);
        Timeline timeline = Timeline.of(report);
        inputs(h, report, timeline);
        charts(h, report, timeline);
        configurationTable(h, report);
        homesTable(h, report);
        windowsTable(h, report);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The data line under the title: file and layout (or seed), replayed day and windows. */
    private static void source(StringBuilder h, RunReport report) {
        Optional<CommunityDay> inputs = report.inputs();
        if (inputs.isEmpty()) {
            h.append("<p class=\"sub source\">Data source not recorded in this report.</p>\n");
            return;
        }
        CommunityDay day = inputs.get();
        DataOrigin origin = day.origin();
        h.append("<p class=\"sub source\">Data: ");
        if (DataOrigin.FILE.equals(origin.kind())) {
            h.append("<b>").append(Html.escape(origin.file())).append("</b> (").append(Html.escape(origin.layout()))
                    .append(')');
        } else {
            h.append("<b>").append(Html.escape(origin.label())).append("</b>");
        }
        report.span().ifPresent(span -> h.append("; replayed day <b>").append(span[0].toLocalDate())
                .append("</b>, ").append(RunReport.HH_MM.format(span[0])).append("\u2013")
                .append(RunReport.HH_MM.format(span[1])));
        h.append("; ").append(day.homes().size()).append(" homes, windows of ").append(day.windowSeconds())
                .append(" s.</p>\n");
    }

    private static void summaryTable(StringBuilder h, RunSummary s) {
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

    /** Every assumption the run made, so that invented inputs are not taken for measured ones. */
    private static void assumptions(StringBuilder h, RunReport report) {
        h.append("<h2 id=\"assumptions\">Assumptions</h2>\n");
        List<Assumption> list = report.assumptions();
        if (list.isEmpty()) {
            h.append("<p class=\"note\">").append(report.inputs().isPresent()
                    ? "The run made no assumptions: every input was read from the data."
                    : "No assumptions are recorded: the run's inputs were not attached to this report.")
                    .append("</p>\n");
            return;
        }
        h.append("<ul class=\"assumptions\">\n");
        for (Assumption a : list) {
            h.append("<li data-kind=\"").append(Html.escape(a.kind())).append("\"><span class=\"kind\">")
                    .append(Html.escape(kindTitle(a.kind()))).append(":</span> ").append(Html.escape(a.description()))
                    .append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static String kindTitle(String kind) {
        switch (kind) {
            case Assumption.GENERATED_DATA:
                return "Generated data";
            case Assumption.SYNTHETIC_BATTERIES:
                return "Synthetic batteries";
            case Assumption.SYNTHETIC_PV:
                return "Synthetic PV";
            case Assumption.SYNTHETIC_PREFERENCES:
                return "Synthetic preferences k";
            case Assumption.STAND_IN_HOMES:
                return "Stand-in homes";
            case Assumption.DATE_ORDER:
                return "Inferred date order";
            case Assumption.ESTIMATED_READINGS:
                return "Estimated readings";
            case Assumption.RESAMPLING:
                return "Resampling";
            default:
                return kind;
        }
    }

    /** Where the windows sit on the clock: x positions (window middles) and the axis. */
    private record Timeline(SvgChart.TimeAxis axis, double[] x, double windowSeconds) {

        static Timeline of(RunReport report) {
            List<WindowReport> windows = report.windows();
            long windowSeconds = report.inputs().map(CommunityDay::windowSeconds)
                    .orElse(report.parameters().windowSeconds());
            long first = windows.stream().mapToLong(WindowReport::index).min().orElse(0);
            long last = windows.stream().mapToLong(WindowReport::index).max().orElse(0);
            double[] x = new double[windows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (windows.get(i).index() - first + 0.5) * windowSeconds;
            }
            Optional<LocalDateTime> start = report.windowStart(first);
            String label = start.isPresent() ? "time of day, " + start.get().toLocalDate()
                    + " (each window drawn at its middle)" : "time since the first window";
            return new Timeline(new SvgChart.TimeAxis(start.map(LocalDateTime::toLocalTime).orElse(null),
                    (last - first + 1) * (double) windowSeconds, label), x, windowSeconds);
        }
    }

    /** The community's inputs per window, and each home's over the run. */
    private static void inputs(StringBuilder h, RunReport report, Timeline timeline) {
        h.append("<h2 id=\"inputs\">Inputs</h2>\n");
        Optional<CommunityDay> inputs = report.inputs();
        if (inputs.isEmpty() || report.windows().isEmpty()) {
            h.append(SvgChart.empty("inputs-community", "Community generation, load and battery per window",
                    inputs.isEmpty() ? "the run's inputs were not attached to this report" : "no windows"));
            return;
        }
        CommunityDay day = inputs.get();
        List<WindowReport> windows = report.windows();
        int n = windows.size();
        double[] generation = new double[n];
        double[] load = new double[n];
        double[] charge = new double[n];
        double[] discharge = new double[n];
        for (int i = 0; i < n; i++) {
            Optional<InputTotals> t = InputTotals.window(day, windows.get(i).index());
            generation[i] = t.map(v -> kwh(v.generation())).orElse(Double.NaN);
            load[i] = t.map(v -> kwh(v.load())).orElse(Double.NaN);
            charge[i] = t.map(v -> kwh(v.charge())).orElse(Double.NaN);
            discharge[i] = t.map(v -> kwh(v.discharge())).orElse(Double.NaN);
        }
        List<SvgChart.Series> series = new ArrayList<>();
        series.add(new SvgChart.Series("generation", GENERATION_COLOR, generation, SvgChart.Style.LINE));
        series.add(new SvgChart.Series("load", LOAD_COLOR, load, SvgChart.Style.LINE));
        boolean batteries = day.homes().stream().anyMatch(HomeProfile::hasBattery);
        if (batteries) {
            series.add(new SvgChart.Series("battery charging", PALETTE[0], charge, SvgChart.Style.DASHED));
            series.add(new SvgChart.Series("battery discharging", PALETTE[4], discharge, SvgChart.Style.DASHED));
        }
        h.append(SvgChart.lines("inputs-community", "Community generation, load and battery per window"
                + (batteries ? "" : " (no home has a battery)"), timeline.axis(), "kWh per window", timeline.x(),
                series, List.of()));
        homeInputs(h, report, day);
    }

    /** One row per home: equipment, totals and a sparkline of generation and load on a shared scale. */
    private static void homeInputs(StringBuilder h, RunReport report, CommunityDay day) {
        List<WindowReport> windows = report.windows();
        Set<String> syntheticPv = homesOf(report, Assumption.SYNTHETIC_PV);
        Set<String> syntheticBatteries = homesOf(report, Assumption.SYNTHETIC_BATTERIES);
        Set<String> standIns = homesOf(report, Assumption.STAND_IN_HOMES);
        boolean generated = DataOrigin.GENERATED.equals(day.origin().kind());
        List<HomeProfile> homes = new ArrayList<>(day.homes());
        homes.sort((a, b) -> HomeIds.compare(a.homeId(), b.homeId()));
        double top = 0;
        for (HomeProfile p : homes) {
            for (WindowReport w : windows) {
                if (w.index() < day.windows()) {
                    top = Math.max(top, Math.max(kwh(p.generation((int) w.index())), kwh(p.load((int) w.index()))));
                }
            }
        }
        h.append("<h3>Each home's inputs</h3>\n<p class=\"note\">Generation <span class=\"swatch\" style=\"background:")
                .append(GENERATION_COLOR).append("\"></span>(area) and load <span class=\"swatch\" style=\"background:")
                .append(LOAD_COLOR).append("\"></span>(line) per window from ")
                .append(report.span().map(s -> RunReport.HH_MM.format(s[0]) + " to " + RunReport.HH_MM.format(s[1]))
                        .orElse("the first to the last window"))
                .append(", on one scale for every home (top: ").append(Numbers.fixed(top, 3))
                .append(" kWh per window), so a home whose PV stops or never starts shows a flat or broken area. ")
                .append("Net = generation \u2212 load \u2212 battery charging + discharging.</p>\n");
        h.append("<div class=\"scroll\"><table class=\"home-inputs\">\n<tr><th class=\"id\">home</th>")
                .append("<th>equipment</th>")
                .append("<th class=\"num\">k</th><th class=\"num\">generation kWh</th><th class=\"num\">load kWh</th>")
                .append("<th class=\"num\">battery in / out kWh</th><th class=\"num\">net kWh</th>")
                .append("<th>over the run</th></tr>\n");
        for (HomeProfile p : homes) {
            InputTotals t = InputTotals.home(day, p, windows);
            double[] g = new double[windows.size()];
            double[] l = new double[windows.size()];
            for (int i = 0; i < windows.size(); i++) {
                long idx = windows.get(i).index();
                g[i] = idx < day.windows() ? kwh(p.generation((int) idx)) : Double.NaN;
                l[i] = idx < day.windows() ? kwh(p.load((int) idx)) : Double.NaN;
            }
            h.append("<tr><td class=\"id\">").append(Html.escape(p.homeId())).append("</td><td>");
            if (t.generation() > 0) {
                tag(h, "PV", generated || syntheticPv.contains(p.homeId()));
            } else {
                h.append("<span class=\"tag none\">no generation</span>");
            }
            if (p.hasBattery()) {
                tag(h, "battery", generated || syntheticBatteries.contains(p.homeId()));
            }
            if (standIns.contains(p.homeId())) {
                h.append("<span class=\"tag synthetic\">stand-in</span>");
            }
            h.append("</td>");
            num(h, Numbers.display(Numbers.scaled(p.traits().preference(), Scales.PREFERENCE), 1));
            num(h, Numbers.kwhText(t.generation()));
            num(h, Numbers.kwhText(t.load()));
            num(h, Numbers.kwhText(t.charge()) + " / " + Numbers.kwhText(t.discharge()));
            num(h, Numbers.kwhText(t.net()));
            h.append("<td class=\"spark-cell\">").append(SvgChart.sparkline(p.homeId() + ": generation "
                    + Numbers.kwhText(t.generation()) + " kWh, load " + Numbers.kwhText(t.load()) + " kWh", g, l, top))
                    .append("</td></tr>\n");
        }
        h.append("</table></div>\n");
    }

    private static void tag(StringBuilder h, String what, boolean synthetic) {
        h.append("<span class=\"tag").append(synthetic ? " synthetic" : "").append("\">").append(what)
                .append(synthetic ? " (synthetic)" : "").append("</span>");
    }

    private static Set<String> homesOf(RunReport report, String kind) {
        Set<String> homes = new HashSet<>();
        for (Assumption a : report.assumptions()) {
            if (a.kind().equals(kind)) {
                homes.addAll(a.homes());
            }
        }
        return homes;
    }

    private static void charts(StringBuilder h, RunReport report, Timeline timeline) {
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
            market[i] = kwh(o.marketEnergy());
            imported[i] = kwh(o.gridImport());
            exported[i] = kwh(o.gridExport());
        }
        h.append("<h2 id=\"market\">Market</h2>\n");
        if (n == 0) {
            h.append(SvgChart.empty("price", "Market price per window", "no windows"));
            return;
        }
        MarketParameters p = report.parameters();
        List<SvgChart.Series> priceSeries = new ArrayList<>();
        priceSeries.add(new SvgChart.Series("market price", PALETTE[0], price, SvgChart.Style.POINTS));
        if (anyReference) {
            priceSeries.add(new SvgChart.Series("plaintext reference", PALETTE[1], reference, SvgChart.Style.DASHED));
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
                new SvgChart.Series("sellers", PALETTE[2], sellers, SvgChart.Style.LINE),
                new SvgChart.Series("buyers", PALETTE[3], buyers, SvgChart.Style.LINE)), List.of()));
        h.append(SvgChart.lines("energy", "Energy per window: traded in the market and with the grid",
                timeline.axis(), "kWh per window", x, List.of(
                        new SvgChart.Series("traded in the market", PALETTE[0], market, SvgChart.Style.LINE),
                        new SvgChart.Series("bought from the grid", PALETTE[3], imported, SvgChart.Style.LINE),
                        new SvgChart.Series("sold to the grid", PALETTE[2], exported, SvgChart.Style.LINE)),
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
            h.append(SvgChart.stackedBars("latency", "Latency per phase and window", timeline.axis(), "ms", x,
                    timeline.windowSeconds(), stacks));
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

    private static void windowsTable(StringBuilder h, RunReport report) {
        boolean seconds = report.inputs().map(d -> d.windowSeconds() % 60 != 0).orElse(false);
        h.append("<h2>Windows</h2>\n<details><summary>").append(report.windows().size())
                .append(" windows</summary>\n<div class=\"scroll\"><table class=\"windows\">\n<tr>")
                .append("<th class=\"num\">window</th><th>start</th><th>market</th>")
                .append("<th class=\"num\">price</th><th class=\"num\">reference</th><th class=\"num\">sellers</th>")
                .append("<th class=\"num\">buyers</th><th class=\"num\">market kWh</th>")
                .append("<th class=\"num\">import kWh</th><th class=\"num\">export kWh</th>")
                .append("<th class=\"num\">latency ms</th><th class=\"num\">bytes</th>")
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
            h.append("<td>").append(w.reference().isEmpty() ? "-" : w.matchesReference() ? "yes" : "NO")
                    .append("</td></tr>\n");
        }
        h.append("</table></div>\n</details>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    private static void num(StringBuilder h, String value) {
        h.append("<td class=\"num\">").append(Html.escape(value)).append("</td>");
    }

    private static double kwh(long energyUnits) {
        return energyUnits / (double) Scales.ENERGY;
    }

    private static double cents(OptionalLong price) {
        return price.isPresent() ? price.getAsLong() / (double) Scales.PRICE : Double.NaN;
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
