package io.neighbourgrid.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small inline-SVG charts for the HTML report: line and point charts with horizontal reference lines, stacked bar
 * charts and histograms. The output is plain SVG markup with no external references, so a report opens offline.
 */
final class SvgChart {

    static final int WIDTH = 880;
    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 78;
    private static final int TOP = 40;
    private static final int BOTTOM = 44;

    /** How a series is drawn. */
    enum Style { LINE, DASHED, POINTS }

    /** A named series of values, one per x position; NaN marks a missing value. */
    record Series(String name, String color, double[] values, Style style) {
    }

    /** A horizontal reference line across the plot. */
    record Rule(String label, String color, double value) {
    }

    private final StringBuilder svg = new StringBuilder();
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    private SvgChart(String id, String title, double xMin, double xMax, double yMin, double yMax) {
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        svg.append("<svg id=\"").append(Html.escape(id)).append("\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"chart-title\">").append(Html.escape(title))
                .append("</text>\n");
    }

    /** A chart of lines or points over x, with optional horizontal rules. */
    static String lines(String id, String title, String xLabel, String yLabel, double[] x, List<Series> series,
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
        double[] yRange = paddedRange(lo, hi);
        double[] xRange = xRange(x);
        SvgChart c = new SvgChart(id, title, xRange[0], xRange[1], yRange[0], yRange[1]);
        c.axes(xLabel, yLabel);
        for (Rule r : rules) {
            double y = c.y(r.value());
            c.svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>%n", LEFT, y, WIDTH - RIGHT, y,
                    Html.escape(r.color())));
            // Rule labels sit in the right margin, clear of the data.
            c.svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"rule\" fill=\"%s\">%s"
                    + "</text>%n", WIDTH - RIGHT + 4, y + 3, Html.escape(r.color()), Html.escape(r.label())));
        }
        for (Series s : series) {
            c.series(x, s);
        }
        c.legend(series);
        return c.finish();
    }

    /** A stacked bar chart: one bar per x, one segment per series (values must be non-negative). */
    static String stackedBars(String id, String title, String xLabel, String yLabel, double[] x,
                              List<Series> stacks) {
        double hi = 0;
        for (int i = 0; i < x.length; i++) {
            double total = 0;
            for (Series s : stacks) {
                total += value(s.values(), i);
            }
            hi = Math.max(hi, total);
        }
        double[] xRange = xRange(x);
        double half = x.length > 1 ? (x[x.length - 1] - x[0]) / (x.length - 1) / 2 : 0.5;
        SvgChart c = new SvgChart(id, title, xRange[0] - half, xRange[1] + half, 0, niceCeiling(hi));
        c.axes(xLabel, yLabel);
        double barWidth = Math.max(0.5, (c.px(xRange[0] + 2 * half) - c.px(xRange[0])) * 0.8);
        for (int i = 0; i < x.length; i++) {
            double base = 0;
            for (Series s : stacks) {
                double v = value(s.values(), i);
                if (v <= 0) {
                    continue;
                }
                double top = c.y(base + v);
                double bottom = c.y(base);
                c.svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                        + "height=\"%.2f\" fill=\"%s\"><title>%s</title></rect>%n", c.px(x[i]) - barWidth / 2, top, barWidth,
                        Math.max(0.0, bottom - top), Html.escape(s.color()),
                        Html.escape(s.name() + " " + Numbers.text(x[i], 0) + ": " + Numbers.text(v, 3))));
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
        SvgChart c = new SvgChart(id, title, lo, hi, 0, niceCeiling(Math.max(1, most)));
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
                    Html.escape(Numbers.text(lo + b * width, 3) + " to " + Numbers.text(lo + (b + 1) * width, 3)
                            + ": " + counts[b])));
        }
        return c.finish();
    }

    /** An empty chart with a message, for runs without the data a chart needs. */
    static String empty(String id, String title, String message) {
        SvgChart c = new SvgChart(id, title, 0, 1, 0, 1);
        c.svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"note\">%s"
                + "</text>%n", WIDTH / 2, HEIGHT / 2, Html.escape(message)));
        return c.finish();
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

    private void axes(String xLabel, String yLabel) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, bottom - TOP));
        for (double t : ticks(yMin, yMax)) {
            double y = y(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>%n", LEFT, y,
                    WIDTH - RIGHT, y, LEFT - 6, y + 4, Html.escape(label(t))));
        }
        for (double t : ticks(xMin, xMax)) {
            double x = px(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"axis\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n", x, bottom, x,
                    bottom + 4, x, bottom + 17, Html.escape(label(t))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis-label\">"
                + "%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, Html.escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %d) rotate(-90)\" "
                + "text-anchor=\"middle\" class=\"axis-label\">%s</text>%n", (TOP + bottom) / 2, Html.escape(yLabel)));
    }

    private void legend(List<Series> series) {
        // Entries run leftwards from the plot's right edge, above the plot; the title sits on the left.
        double y = TOP - 10;
        double cursor = WIDTH - RIGHT;
        StringBuilder entries = new StringBuilder();
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            cursor -= 7.0 * s.name().length() + 22;
            entries.insert(0, String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"10\" "
                    + "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" class=\"legend\">%s</text>", cursor, y - 9,
                    Html.escape(s.color()), cursor + 16, y, Html.escape(s.name())));
        }
        svg.append("<g>").append(entries).append("</g>\n");
    }

    private String finish() {
        svg.append("</svg>\n");
        return svg.toString();
    }

    private double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double y(double v) {
        return HEIGHT - BOTTOM - (v - yMin) / (yMax - yMin) * (HEIGHT - BOTTOM - TOP);
    }

    private static double value(double[] values, int i) {
        return i < values.length ? values[i] : Double.NaN;
    }

    private static double[] xRange(double[] x) {
        if (x.length == 0) {
            return new double[] {0, 1};
        }
        double lo = x[0];
        double hi = x[x.length - 1];
        return hi > lo ? new double[] {lo, hi} : new double[] {lo - 0.5, hi + 0.5};
    }

    private static double[] paddedRange(double lo, double hi) {
        if (lo == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-9) {
            double pad = Math.max(1.0, Math.abs(lo) * 0.1);
            return new double[] {lo - pad, hi + pad};
        }
        double pad = (hi - lo) * 0.06;
        double low = lo - pad;
        if (lo >= 0 && low < 0) {
            low = 0;
        }
        return new double[] {low, hi + pad};
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static List<Double> ticks(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        double step = niceStep((hi - lo) / 5);
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    private static String label(double v) {
        double a = Math.abs(v);
        int scale = a >= 100 || a == Math.rint(a) ? 0 : a >= 1 ? 2 : 4;
        return Numbers.text(v, scale);
    }
}
