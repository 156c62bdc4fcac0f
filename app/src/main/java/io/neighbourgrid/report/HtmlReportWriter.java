package io.neighbourgrid.report;

import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
 * natural order of their ids ({@link HomeIds}). All text is escaped. The sections are written by
 * {@link HtmlTables}, {@link HtmlInputs} and {@link HtmlMarketCharts}.
 */
public final class HtmlReportWriter {

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
        HtmlTables.summary(h, s);
        assumptions(h, report);
        HtmlCharts.Timeline timeline = HtmlCharts.Timeline.of(report);
        HtmlInputs.write(h, report, timeline);
        HtmlMarketCharts.write(h, report, timeline);
        HtmlTables.configuration(h, report);
        HtmlTables.homes(h, report);
        HtmlBidding.write(h, report);
        HtmlCoalitions.write(h, report);
        HtmlPartners.write(h, report);
        HtmlTables.windows(h, report);
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
}
