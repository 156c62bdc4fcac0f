package io.neighbourgrid.sim.negotiation;

import java.util.List;
import java.util.Locale;

/**
 * A small inline-SVG line chart of values per iteration (the negotiation report's convergence plots), optionally on a
 * log10 y axis. Plain SVG markup with no external references, so the report opens offline.
 */
final class ConvergenceChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 150;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    /** One line: a name, a colour and a value per iteration (from iteration 1). */
    record Line(String name, String color, double[] values) {
    }

    private ConvergenceChart() {
    }

    /**
     * The chart.
     *
     * @param title  the title
     * @param yLabel the y axis label
     * @param logY   whether the y axis is log10 (non-positive values are left out)
     * @param lines  the lines
     * @return SVG markup
     */
    static String svg(String title, String yLabel, boolean logY, List<Line> lines) {
        int n = lines.stream().mapToInt(l -> l.values().length).max().orElse(1);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (double v : l.values()) {
                double y = y(v, logY);
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        if (!(max > min)) {
            min = Double.isFinite(min) ? min - 1 : 0;
            max = min + 2;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>", LEFT,
                escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>", LEFT, TOP, plotW, plotH));
        for (int t = 0; t <= 4; t++) {
            double v = min + (max - min) * t / 4;
            double py = TOP + plotH - plotH * (v - min) / (max - min);
            String label = logY ? String.format(Locale.ROOT, "1e%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4,
                    py + 4, label));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">iteration (1 to %d)"
                + "</text>", LEFT + plotW / 2, HEIGHT - 8, n));
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        int row = 0;
        for (Line l : lines) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < l.values().length; i++) {
                double y = y(l.values()[i], logY);
                if (!Double.isFinite(y)) {
                    continue;
                }
                double px = LEFT + (n == 1 ? 0 : plotW * (double) i / (n - 1));
                double py = TOP + plotH - plotH * (y - min) / (max - min);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.4\" "
                    + "points=\"%s\"/>", l.color(), pts.toString().trim()));
            int ly = TOP + 6 + 14 * row++;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>", WIDTH - RIGHT + 8, ly,
                    WIDTH - RIGHT + 24, ly, l.color(), WIDTH - RIGHT + 28, ly + 4, escape(l.name())));
        }
        return s.append("</svg>").toString();
    }

    private static double y(double v, boolean logY) {
        if (!logY) {
            return v;
        }
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
