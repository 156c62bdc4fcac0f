package io.neighbourgrid.report;

import io.neighbourgrid.market.Scales;
import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataOrigin;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs section of the HTML report: a chart of the community's generation, load and battery per window, then
 * one row per home with its equipment (synthetic parts tagged as such), its totals and a sparkline of generation and
 * load on a scale shared by every home, so that one home's fault stands out. Homes are listed in natural order of
 * their ids ({@link HomeIds}).
 */
final class HtmlInputs {

    private HtmlInputs() {
    }

    /**
     * Writes the inputs section.
     *
     * @param h        the page
     * @param report   the report
     * @param timeline where the windows sit on the clock
     */
    static void write(StringBuilder h, RunReport report, HtmlCharts.Timeline timeline) {
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
            generation[i] = t.map(v -> HtmlCharts.kwh(v.generation())).orElse(Double.NaN);
            load[i] = t.map(v -> HtmlCharts.kwh(v.load())).orElse(Double.NaN);
            charge[i] = t.map(v -> HtmlCharts.kwh(v.charge())).orElse(Double.NaN);
            discharge[i] = t.map(v -> HtmlCharts.kwh(v.discharge())).orElse(Double.NaN);
        }
        List<SvgChart.Series> series = new ArrayList<>();
        series.add(new SvgChart.Series("generation", HtmlCharts.GENERATION_COLOR, generation, SvgChart.Style.LINE));
        series.add(new SvgChart.Series("load", HtmlCharts.LOAD_COLOR, load, SvgChart.Style.LINE));
        boolean batteries = day.homes().stream().anyMatch(HomeProfile::hasBattery);
        if (batteries) {
            series.add(new SvgChart.Series("battery charging", HtmlCharts.PALETTE[0], charge,
                    SvgChart.Style.DASHED));
            series.add(new SvgChart.Series("battery discharging", HtmlCharts.PALETTE[4], discharge,
                    SvgChart.Style.DASHED));
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
                    top = Math.max(top, Math.max(HtmlCharts.kwh(p.generation((int) w.index())),
                            HtmlCharts.kwh(p.load((int) w.index()))));
                }
            }
        }
        h.append("<h3>Each home's inputs</h3>\n<p class=\"note\">Generation <span class=\"swatch\" style=\"background:")
                .append(HtmlCharts.GENERATION_COLOR)
                .append("\"></span>(area) and load <span class=\"swatch\" style=\"background:")
                .append(HtmlCharts.LOAD_COLOR).append("\"></span>(line) per window from ")
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
                g[i] = idx < day.windows() ? HtmlCharts.kwh(p.generation((int) idx)) : Double.NaN;
                l[i] = idx < day.windows() ? HtmlCharts.kwh(p.load((int) idx)) : Double.NaN;
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
            HtmlTables.num(h, Numbers.display(Numbers.scaled(p.traits().preference(), Scales.PREFERENCE), 1));
            HtmlTables.num(h, Numbers.kwhText(t.generation()));
            HtmlTables.num(h, Numbers.kwhText(t.load()));
            HtmlTables.num(h, Numbers.kwhText(t.charge()) + " / " + Numbers.kwhText(t.discharge()));
            HtmlTables.num(h, Numbers.kwhText(t.net()));
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
}
