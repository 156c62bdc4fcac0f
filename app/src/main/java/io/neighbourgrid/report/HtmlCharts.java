package io.neighbourgrid.report;

import io.neighbourgrid.market.Scales;
import io.neighbourgrid.sim.data.CommunityDay;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What the charts of the HTML report share: their colours, energy in kWh, and the time line on which every chart
 * draws the windows (clock times of the replayed data, elapsed time when the report has no inputs attached).
 */
final class HtmlCharts {

    /** Colours of the series, in order. */
    static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    /** Colour of generation. */
    static final String GENERATION_COLOR = "#2ca02c";
    /** Colour of load. */
    static final String LOAD_COLOR = "#d62728";

    private HtmlCharts() {
    }

    /**
     * Energy as a chart value.
     *
     * @param energyUnits energy units
     * @return kWh
     */
    static double kwh(long energyUnits) {
        return energyUnits / (double) Scales.ENERGY;
    }

    /**
     * Where the windows sit on the clock: x positions (window middles) and the axis.
     *
     * @param axis          the time axis
     * @param x             each window's middle, seconds from the start of the first window
     * @param windowSeconds the window length, seconds
     */
    record Timeline(SvgChart.TimeAxis axis, double[] x, double windowSeconds) {

        /**
         * The time line of a report's windows.
         *
         * @param report the report
         * @return clock times of the replayed data, or elapsed time when the report has no inputs attached
         */
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
}
