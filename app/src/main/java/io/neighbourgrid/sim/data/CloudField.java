package io.neighbourgrid.sim.data;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Passing clouds over the neighbourhood, shared by the homes of a {@link SyntheticCommunity}: a list of dips, each
 * with a start, a length and a depth. Clouds arrive on average every 25 minutes, last 3-20 minutes and cut output
 * by 20-70 %, with one-minute ramps at both edges.
 */
final class CloudField {

    /** A clear sky: no clouds at all. */
    static final CloudField CLEAR = new CloudField(new double[0], new double[0], new double[0]);

    private final double[] starts;
    private final double[] lengths;
    private final double[] depths;

    private CloudField(double[] starts, double[] lengths, double[] depths) {
        this.starts = starts;
        this.lengths = lengths;
        this.depths = depths;
    }

    /**
     * Draws the clouds over a run.
     *
     * @param seed          seed of the clouds
     * @param start         start of window 0
     * @param windows       number of windows
     * @param windowSeconds window length, seconds
     * @return the clouds from a little before window 0 to the end of the last window
     */
    static CloudField generate(long seed, LocalDateTime start, int windows, long windowSeconds) {
        Random r = new Random(seed);
        List<double[]> events = new ArrayList<>();
        double horizon = (double) windows * windowSeconds;
        // Begin a little before window 0 so that the first windows may already be under a cloud.
        double t = -1200.0 - r.nextDouble() * 1500.0;
        while (t < horizon) {
            double length = 180.0 + r.nextDouble() * 1020.0;
            double depth = 0.2 + r.nextDouble() * 0.5;
            events.add(new double[] {t, length, depth});
            t += length - 1500.0 * StrictMath.log(1.0 - r.nextDouble());
        }
        double[] s = new double[events.size()];
        double[] l = new double[events.size()];
        double[] d = new double[events.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = events.get(i)[0];
            l[i] = events.get(i)[1];
            d[i] = events.get(i)[2];
        }
        return new CloudField(s, l, d);
    }

    /** Share of clear-sky output that gets through at a time (seconds since window 0). */
    double transmission(double t) {
        double factor = 1.0;
        for (int i = 0; i < starts.length; i++) {
            double into = t - starts[i];
            if (into <= 0 || into >= lengths[i]) {
                continue;
            }
            // One-minute ramps at both edges of a cloud.
            double edge = Math.min(1.0, Math.min(into, lengths[i] - into) / 60.0);
            factor *= 1.0 - depths[i] * edge;
        }
        return factor;
    }
}
