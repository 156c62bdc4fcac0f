package io.neighbourgrid.sim.negotiation;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the negotiation report as {@code negotiation.json} and {@code negotiation.html} (tables and SVG plots). */
public final class NegotiationReportWriter {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"};
    /** Seed 002, Table 3: kW and USD/kW per pair as the paper reports them. */
    static final Map<String, double[]> PAPER_TABLE_3 = Map.ofEntries(
            Map.entry("S1/B1", new double[] {1.75, 1.21}), Map.entry("S1/B2", new double[] {1.50, 1.19}),
            Map.entry("S1/B3", new double[] {2.00, 1.24}), Map.entry("S2/B1", new double[] {1.33, 2.74}),
            Map.entry("S2/B2", new double[] {1.27, 2.72}), Map.entry("S2/B3", new double[] {1.37, 2.74}),
            Map.entry("S3/B1", new double[] {1.75, 1.21}), Map.entry("S3/B2", new double[] {1.50, 1.19}),
            Map.entry("S3/B3", new double[] {2.00, 1.24}), Map.entry("S4/B1", new double[] {1.67, 2.66}),
            Map.entry("S4/B2", new double[] {1.50, 1.24}), Map.entry("S4/B3", new double[] {1.75, 2.65}));

    private NegotiationReportWriter() {
    }

    /** Writes {@code negotiation.json} into {@code dir}. */
    public static Path writeJson(NegotiationReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("negotiation.json");
        Files.writeString(file, GSON.toJson(report) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Writes {@code negotiation.html} into {@code dir}. */
    public static Path writeHtml(NegotiationReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Negotiation report</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:")
                .append("collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}")
                .append("th{background:#f4f4f4}.over{color:#b00}</style></head><body>");
        h.append("<h1>Bilateral negotiation with line prices (seed 002)</h1><p>")
                .append(ConvergenceChart.escape(report.source())).append(".<br>Ledger: ")
                .append(ConvergenceChart.escape(report.ledger())).append("; producers' Paillier keys: ")
                .append(report.keyBits()).append(" bits. ").append(String.format(Locale.ROOT,
                        "rho %.3f, alpha %.3f (private: secret steps in [%.3f, %.3f]), gamma %.3f, tolerance %.0e kW.",
                        report.settings().rho(), report.settings().alpha(), report.settings().minStep(),
                        report.settings().maxStep(), report.settings().gamma(), report.settings().tolerance()))
                .append("</p>");
        h.append("<h2>Convergence</h2><table><tr><th>case</th><th>variant</th><th>converged</th><th>iterations</th>")
                .append("<th>seconds</th><th>max trade deviation (kW)</th><th>max price deviation (USD/kW)</th>")
                .append("<th>proven decryptions</th></tr>");
        for (NegotiationReport.CaseReport c : report.cases()) {
            for (NegotiationReport.RunReport r : c.runs()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%.2f</td>"
                                + "<td>%.2e</td><td>%.2e</td><td>%d</td></tr>", c.name(), r.variant(), r.converged(),
                        r.iterations(), r.seconds(), r.maxTradeDeviationKw(), r.maxPriceDeviation(),
                        r.provenDecryptions()));
            }
        }
        h.append("</table>");
        for (NegotiationReport.CaseReport c : report.cases()) {
            caseSection(h, c);
        }
        h.append("</body></html>\n");
        Path file = dir.resolve("negotiation.html");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static void caseSection(StringBuilder h, NegotiationReport.CaseReport c) {
        h.append("<h2>Case: ").append(c.name()).append("</h2>");
        NegotiationReport.RunReport priv = c.runs().get(c.runs().size() - 1);
        h.append("<h3>Trades and prices</h3><table><tr><th>pair</th><th>reference kW</th><th>reference USD/kW</th>");
        for (NegotiationReport.RunReport r : c.runs()) {
            h.append("<th>").append(r.variant()).append(" kW</th><th>").append(r.variant()).append(" USD/kW</th>");
        }
        h.append("<th>seed Table 3 kW</th><th>seed Table 3 USD/kW</th></tr>");
        for (int p = 0; p < c.reference().size(); p++) {
            NegotiationReport.PairLine ref = c.reference().get(p);
            String name = ref.producer() + "/" + ref.consumer();
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td>", name, ref.kw(),
                    ref.price()));
            for (NegotiationReport.RunReport r : c.runs()) {
                NegotiationReport.PairLine t = r.trades().get(p);
                h.append(String.format(Locale.ROOT, "<td>%.4f</td><td>%.4f</td>", t.kw(), t.price()));
            }
            double[] paper = PAPER_TABLE_3.get(name);
            h.append(String.format(Locale.ROOT, "<td>%.2f</td><td>%.2f</td></tr>", paper[0], paper[1]));
        }
        h.append("</table><h3>Injections</h3><table><tr>");
        for (NegotiationReport.Injection i : priv.injections()) {
            h.append("<th>").append(i.trader()).append("</th>");
        }
        h.append("</tr><tr>");
        for (NegotiationReport.Injection i : priv.injections()) {
            h.append(String.format(Locale.ROOT, "<td>%.4f</td>", i.kw()));
        }
        h.append("</tr></table><h3>Line flows (private run) against limits</h3><table><tr><th>line</th>")
                .append("<th>flow kW</th><th>limit kW</th></tr>");
        for (NegotiationReport.Flow f : priv.flows()) {
            boolean over = f.limitKw() != null && Math.abs(f.flowKw()) > f.limitKw() + 1e-3;
            h.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td>%.4f</td><td>%s</td></tr>",
                    over ? " class=\"over\"" : "", f.line(), f.flowKw(),
                    f.limitKw() == null ? "-" : String.format(Locale.ROOT, "%.1f", f.limitKw())));
        }
        h.append("</table><h3>Convergence plots</h3>");
        List<ConvergenceChart.Line> residuals = new ArrayList<>();
        int color = 0;
        for (NegotiationReport.RunReport r : c.runs()) {
            residuals.add(new ConvergenceChart.Line(r.variant() + " |P_nm+P_mn|", COLORS[color++], r.reciprocity()));
            residuals.add(new ConvergenceChart.Line(r.variant() + " overload", COLORS[color++], r.lineOverload()));
        }
        h.append(ConvergenceChart.svg(c.name() + ": largest reciprocity mismatch and line overload", "kW (log10)",
                true, residuals)).append("<br>");
        List<ConvergenceChart.Line> prices = new ArrayList<>();
        for (int p = 0; p < priv.prices().size(); p++) {
            prices.add(new ConvergenceChart.Line(priv.prices().get(p).pair(), COLORS[p % COLORS.length],
                    priv.prices().get(p).values()));
        }
        h.append(ConvergenceChart.svg(c.name() + ": pair prices, private run", "USD/kW", false, prices));
    }
}
