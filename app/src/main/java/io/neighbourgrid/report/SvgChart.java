package io.neighbourgrid.report;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Small inline-SVG charts for the HTML report: line and point charts with horizontal reference lines, stacked bar
 * charts and histograms over a clock-time or numeric x axis, and sparklines for tables. The output is plain SVG
 * markup with no external references, so a report opens offline.
 *
 * <p>Layout, top to bottom: the title; the plot (with reference-line labels in the right margin); the x axis's
 * tick labels and its label; the legend, in as many rows as its entries need. Nothing is drawn over the title or
 * the plot but the data, so labels do not overlap.
 */
final class SvgChart {

    static final int WIDTH = 880;
    private static final int LEFT = 64;
    private static final int RIGHT = 84;
    private static final int TOP = 34;
    private static final int PLOT_HEIGHT = 216;
    private static final int AXIS_SPACE = 42;
    private static final int LEGEND_ROW = 18;
    private static final double CHAR_WIDTH = 6.6;
    private static final long[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        10_800, 21_600, 43_200, 86_400};
    private static final int MAX_TIME_TICKS = 9;

    /** How a series is drawn. */
    enum Style { LINE, DASHED, POINTS }

    /** A named series of values, one per x position; NaN marks a missing value. */
    record Series(String name, String color, double[] values, Style style) {
    }

    /** A horizontal reference line across the plot. */
    record Rule(String label, String color, double value) {
    }

    /**
     * An x axis of time: x values are seconds since {@code origin}.
     *
     * @param origin the clock time at x = 0, or null to label elapsed time ({@code +00:05})
     * @param length the seconds shown, from 0
     * @param label  the axis label
     */
    record TimeAxis(LocalTime origin, double length, String label) {
    }

    private final StringBuilder svg = new StringBuilder();
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final TimeAxis time;
    private final int height;
    private final int bottom;
    private boolean integerTicks;

    private SvgChart(String id, String title, double xMin, double xMax, double yMin, double yMax, TimeAxis time,
                     int legendRows) {
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.time = time;
        this.bottom = TOP + PLOT_HEIGHT;
        this.height = bottom + AXIS_SPACE + legendRows * LEGEND_ROW + (legendRows > 0 ? 6 : 0);
        svg.append("<svg id=\"").append(Html.escape(id)).append("\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"chart-title\">").append(Html.escape(title))
                .append("</text>\n");
    }

    /** A chart of lines or points over time, with optional horizontal rules. */
    static String lines(String id, String title, TimeAxis axis, String yLabel, double[] x, List<Series> series,
                        List<Rule> rules) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (Rule r : rules) {
            lo = Math.min(lo, r.value());
            hi = Math.max(hi, r.value());
        }
        boolean counts = series.stream().allMatch(s -> java.util.Arrays.stream(s.values())
                .allMatch(v -> Double.isNaN(v) || v == Math.rint(v))) && rules.isEmpty();
        double[] yRange = counts ? countRange(lo, hi) : paddedRange(lo, hi);
        SvgChart c = new SvgChart(id, title, 0, Math.max(axis.length(), 1e-9), yRange[0], yRange[1], axis,
                legendRows(series));
        c.integerTicks = counts;
        c.axes(axis.label(), yLabel);
        c.rules(rules);
        for (Series s : series) {
            c.series(x, s);
        }
        c.legend(series);
        return c.finish();
    }

    /**
     * A stacked bar chart over time: one bar per x (centred, {@code barSeconds} wide), one segment per series
     * (values must be non-negative).
     */
    static String stackedBars(String id, String title, TimeAxis axis, String yLabel, double[] x, double barSeconds,
                              List<Series> stacks) {
        double hi = 0;
        for (int i = 0; i < x.length; i++) {
            double total = 0;
            for (Series s : stacks) {
                total += Math.max(0, value(s.values(), i));
            }
            hi = Math.max(hi, total);
        }
        SvgChart c = new SvgChart(id, title, 0, Math.max(axis.length(), 1e-9), 0, niceCeiling(hi), axis,
                legendRows(stacks));
        c.axes(axis.label(), yLabel);
        double barWidth = Math.max(0.5, (c.px(barSeconds) - c.px(0)) * 0.8);
        for (int i = 0; i < x.length; i++) {
            double base = 0;
            for (Series s : stacks) {
                double v = value(s.values(), i);
                if (!(v > 0)) {
                    continue;
                }
                double top = c.y(base + v);
                double bottom = c.y(base);
                c.svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                        + "height=\"%.2f\" fill=\"%s\"><title>%s</title></rect>%n", c.px(x[i]) - barWidth / 2, top,
                        barWidth, Math.max(0.0, bottom - top), Html.escape(s.color()),
                        Html.escape(s.name() + " " + c.timeLabel(x[i] - barSeconds / 2, true) + ": "
                                + Numbers.fixed(v, 1))));
                base += v;
            }
        }
        c.legend(stacks);
        return c.finish();
    }

    /** A histogram of values in the given number of bins. */
    static String histogram(String id, String title, String xLabel, String yLabel, double[] values, int bins,
                            String color) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 1;
        } else if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        int[] counts = new int[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        int most = 0;
        for (int n : counts) {
            most = Math.max(most, n);
        }
        SvgChart c = new SvgChart(id, title, lo, hi, 0, Math.max(niceCeiling(Math.max(1, most)), most), null, 0);
        c.integerTicks = true;
        c.axes(xLabel, yLabel);
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double left = c.px(lo + b * width);
            double right = c.px(lo + (b + 1) * width);
            double top = c.y(counts[b]);
            c.svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                    + "height=\"%.2f\" fill=\"%s\" stroke=\"#ffffff\"><title>%s</title></rect>%n", left, top,
                    Math.max(0.5, right - left), c.y(0) - top, Html.escape(color),
                    Html.escape(Numbers.fixed(lo + b * width, 2) + " to " + Numbers.fixed(lo + (b + 1) * width, 2)
                            + ": " + counts[b])));
        }
        return c.finish();
    }

    /** An empty chart with a message, for runs without the data a chart needs. */
    static String empty(String id, String title, String message) {
        SvgChart c = new SvgChart(id, title, 0, 1, 0, 1, null, 0);
        c.svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"note\">%s"
                + "</text>%n", WIDTH / 2, TOP + PLOT_HEIGHT / 2, Html.escape(message)));
        return c.finish();
    }

    /**
     * A small chart for a table cell: generation as a filled area and load as a line, per window, on a scale
     * shared by all homes so that their sizes compare.
     *
     * @param label      the accessible name and tooltip
     * @param generation per window, kWh
     * @param load       per window, kWh
     * @param yMax       the top of the shared scale, positive
     * @return the SVG element
     */
    static String sparkline(String label, double[] generation, double[] load, double yMax) {
        int w = 240;
        int h = 34;
        int n = Math.max(generation.length, load.length);
        double top = yMax > 0 ? yMax : 1;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"spark\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s\"><title>%s</title>", w, h, w, h, Html.escape(label),
                Html.escape(label)));
        s.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbbbbb\"/>", h - 1,
                w, h - 1));
        if (n > 0) {
            double step = (double) w / n;
            StringBuilder area = new StringBuilder(String.format(Locale.ROOT, "M0 %d ", h - 1));
            for (int i = 0; i < n; i++) {
                double y = sparkY(value(generation, i), top, h);
                area.append(String.format(Locale.ROOT, "L%.1f %.1f L%.1f %.1f ", i * step, y, (i + 1) * step, y));
            }
            area.append(String.format(Locale.ROOT, "L%d %d Z", w, h - 1));
            s.append("<path class=\"spark-generation\" fill=\"#2ca02c\" fill-opacity=\"0.45\" stroke=\"#2ca02c\" "
                    + "stroke-width=\"1\" d=\"").append(area).append("\"/>");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double y = sparkY(value(load, i), top, h);
                line.append(String.format(Locale.ROOT, "%s%.1f %.1f L%.1f %.1f ", i == 0 ? "M" : "L", i * step, y,
                        (i + 1) * step, y));
            }
            s.append("<path class=\"spark-load\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.3\" d=\"")
                    .append(line.toString().trim()).append("\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static double sparkY(double v, double top, int h) {
        double clamped = Double.isNaN(v) ? 0 : Math.max(0, Math.min(v, top));
        return (h - 1) - clamped / top * (h - 3);
    }

    private void series(double[] x, Series s) {
        String color = Html.escape(s.color());
        if (s.style() == Style.POINTS) {
            svg.append("<g fill=\"").append(color).append("\">");
            for (int i = 0; i < x.length; i++) {
                double v = value(s.values(), i);
                if (!Double.isNaN(v)) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.6\"/>", px(x[i]),
                            y(v)));
                }
            }
            svg.append("</g>\n");
            return;
        }
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < x.length; i++) {
            double v = value(s.values(), i);
            if (Double.isNaN(v)) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M').append(String.format(Locale.ROOT, "%.2f %.2f ", px(x[i]), y(v)));
            pen = true;
        }
        svg.append("<path fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\"");
        if (s.style() == Style.DASHED) {
            svg.append(" stroke-dasharray=\"4 3\"");
        }
        svg.append(" d=\"").append(d.toString().trim()).append("\"/>\n");
    }

    /** Rules with their labels in the right margin, pushed apart where two would touch. */
    private void rules(List<Rule> rules) {
        List<double[]> placed = new ArrayList<>();
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingDouble(r -> y(r.value())));
        double previous = Double.NEGATIVE_INFINITY;
        for (Rule r : sorted) {
            double y = y(r.value());
            double labelY = Math.max(y + 3, previous + 11);
            previous = labelY;
            placed.add(new double[] {y, labelY});
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>%n", LEFT, y, WIDTH - RIGHT, y,
                    Html.escape(r.color())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"rule\" fill=\"%s\">%s"
                    + "</text>%n", WIDTH - RIGHT + 4, labelY, Html.escape(r.color()), Html.escape(r.label())));
        }
    }

    private void axes(String xLabel, String yLabel) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, bottom - TOP));
        double yStep = integerTicks ? Math.max(1, niceStep((yMax - yMin) / 5)) : niceStep((yMax - yMin) / 5);
        for (double t : ticks(yMin, yMax, yStep)) {
            double y = y(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>%n", LEFT, y,
                    WIDTH - RIGHT, y, LEFT - 6, y + 4, Html.escape(label(t, yStep))));
        }
        if (time != null) {
            timeTicks();
        } else {
            double xStep = niceStep((xMax - xMin) / 5);
            for (double t : ticks(xMin, xMax, xStep)) {
                xTick(px(t), label(t, xStep));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis-label\">"
                + "%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, bottom + 34, Html.escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %d) rotate(-90)\" "
                + "text-anchor=\"middle\" class=\"axis-label\">%s</text>%n", (TOP + bottom) / 2, Html.escape(yLabel)));
    }

    private void xTick(double x, String text) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"axis\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n", x, bottom, x,
                bottom + 4, x, bottom + 17, Html.escape(text)));
    }

    /** Ticks on round clock times (11:00, 11:10, ...), at most {@link #MAX_TIME_TICKS}. */
    private void timeTicks() {
        double span = xMax - xMin;
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        // Whole minutes unless the axis is shorter than a few minutes.
        double finest = Math.min(60, span / 4);
        for (long s : TIME_STEPS) {
            if (s >= finest && span / s <= MAX_TIME_TICKS - 1) {
                step = s;
                break;
            }
        }
        double origin = time.origin() == null ? 0 : time.origin().toSecondOfDay();
        double first = Math.ceil((origin + xMin - 1e-9) / step) * step - origin;
        for (double t = first; t <= xMax + 1e-9; t += step) {
            xTick(px(t), timeLabel(t, step < 60));
        }
    }

    /** The clock time (or elapsed time) at x seconds. */
    String timeLabel(double x, boolean seconds) {
        long total = Math.round(x);
        String sign = "";
        if (time == null || time.origin() != null) {
            long origin = time == null || time.origin() == null ? 0 : time.origin().toSecondOfDay();
            total = Math.floorMod(origin + total, 86_400L);
        } else {
            sign = "+";
        }
        long h = total / 3600;
        long m = total / 60 % 60;
        long s = total % 60;
        return seconds ? String.format(Locale.ROOT, "%s%02d:%02d:%02d", sign, h, m, s)
                : String.format(Locale.ROOT, "%s%02d:%02d", sign, h, m);
    }

    private static int legendRows(List<Series> series) {
        return series.isEmpty() ? 0 : legendPositions(series).get(series.size() - 1)[1].intValue() + 1;
    }

    /** Left edge and row of each legend entry: left to right from the plot's left edge, wrapping at its right. */
    private static List<Double[]> legendPositions(List<Series> series) {
        List<Double[]> positions = new ArrayList<>();
        double cursor = LEFT;
        int row = 0;
        for (Series s : series) {
            double width = CHAR_WIDTH * s.name().length() + 34;
            if (cursor > LEFT && cursor + width > WIDTH - RIGHT) {
                cursor = LEFT;
                row++;
            }
            positions.add(new Double[] {cursor, (double) row});
            cursor += width;
        }
        return positions;
    }

    private void legend(List<Series> series) {
        List<Double[]> positions = legendPositions(series);
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double x = positions.get(i)[0];
            double y = bottom + AXIS_SPACE + 12 + positions.get(i)[1] * LEGEND_ROW;
            String swatch = s.style() == Style.POINTS
                    ? String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" rx=\"4.5\" "
                    + "fill=\"%s\"/>", x + 2, y - 8.5, Html.escape(s.color()))
                    : s.style() == Style.DASHED
                    ? String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>", x, y - 4, x + 14, y - 4, Html.escape(s.color()))
                    : String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>",
                    x, y - 9, Html.escape(s.color()));
            entries.append(swatch).append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"legend\">%s"
                    + "</text>", x + 19, y, Html.escape(s.name())));
        }
        svg.append("<g class=\"legend-box\">").append(entries).append("</g>\n");
    }

    private String finish() {
        svg.append("</svg>\n");
        return svg.toString();
    }

    private double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double y(double v) {
        return bottom - (v - yMin) / (yMax - yMin) * (bottom - TOP);
    }

    private static double value(double[] values, int i) {
        return i < values.length ? values[i] : Double.NaN;
    }

    private static double[] paddedRange(double lo, double hi) {
        if (lo == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-9) {
            double pad = Math.max(1.0, Math.abs(lo) * 0.1);
            return new double[] {lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad};
        }
        double pad = (hi - lo) * 0.06;
        double low = lo - pad;
        if (lo >= 0 && low < 0) {
            low = 0;
        }
        return new double[] {low, hi + pad};
    }

    /** A range for counts (homes): from zero, or from just below the smallest, to a whole number above. */
    private static double[] countRange(double lo, double hi) {
        if (lo == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        return new double[] {0, Math.max(1, Math.ceil(hi * 1.1 + 0.5))};
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    private static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static List<Double> ticks(double lo, double hi, double step) {
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    /** A tick label with as many decimals as the tick step needs (0.005 steps: three). */
    private static String label(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return Numbers.fixed(v, Math.min(decimals, 6));
    }
}
