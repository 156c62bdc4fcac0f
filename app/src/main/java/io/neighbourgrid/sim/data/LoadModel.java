package io.neighbourgrid.sim.data;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Household load of a {@link SyntheticCommunity} home: a base load, morning and evening peaks (Gaussian bumps around
 * 7:30 and 19:00 with per-home heights and times), daytime occupancy, appliance events (about one every 100 minutes
 * between 6:00 and 23:00, 0.5-2.5 kW for 2-25 minutes) and multiplicative noise.
 */
final class LoadModel {

    private final double baseWatts;
    private final double morningWatts;
    private final double morningPeak;
    private final double eveningWatts;
    private final double eveningPeak;
    private final double daytimeWatts;

    private LoadModel(double baseWatts, double morningWatts, double morningPeak, double eveningWatts,
                      double eveningPeak, double daytimeWatts) {
        this.baseWatts = baseWatts;
        this.morningWatts = morningWatts;
        this.morningPeak = morningPeak;
        this.eveningWatts = eveningWatts;
        this.eveningPeak = eveningPeak;
        this.daytimeWatts = daytimeWatts;
    }

    /**
     * Draws a home's base load and the heights and times of its peaks.
     *
     * @param r the home's random source
     * @return the home's load model
     */
    static LoadModel random(Random r) {
        return new LoadModel(150.0 + r.nextDouble() * 250.0, 300.0 + r.nextDouble() * 900.0,
                7.5 * 3600 + (r.nextDouble() - 0.5) * 3600.0, 800.0 + r.nextDouble() * 1400.0,
                19.0 * 3600 + (r.nextDouble() - 0.5) * 5400.0, r.nextDouble() * 400.0);
    }

    private double profile(double timeOfDay) {
        double morning = gaussian(timeOfDay, morningPeak, 2700.0);
        double evening = gaussian(timeOfDay, eveningPeak, 4800.0);
        double daytime = timeOfDay > 8 * 3600 && timeOfDay < 17 * 3600 ? daytimeWatts : 0.0;
        return baseWatts + morningWatts * morning + eveningWatts * evening + daytime;
    }

    private static double gaussian(double t, double mean, double sd) {
        double z = (t - mean) / sd;
        return StrictMath.exp(-0.5 * z * z);
    }

    /**
     * Draws the appliance events and noise of a run and averages the load over each window.
     *
     * @param r             the home's random source
     * @param start         start of window 0
     * @param windows       number of windows
     * @param windowSeconds window length, seconds
     * @return load per window, energy units
     */
    long[] energyPerWindow(Random r, LocalDateTime start, int windows, long windowSeconds) {
        double startOfDay = start.toLocalTime().toSecondOfDay();
        long step = Math.min(SyntheticCommunity.SAMPLE_SECONDS, windowSeconds);
        long samples = (windowSeconds + step - 1) / step;
        double horizon = (double) windows * windowSeconds;
        // Appliance events: Poisson arrivals (mean gap 100 minutes) over the run, kept between 6:00 and 23:00.
        List<double[]> events = new ArrayList<>();
        double t = -r.nextDouble() * 3600.0;
        while (t < horizon) {
            double length = 120.0 + r.nextDouble() * 1380.0;
            double watts = 500.0 + r.nextDouble() * 2000.0;
            double tod = ((startOfDay + t) % 86_400.0 + 86_400.0) % 86_400.0;
            if (tod >= 6 * 3600 && tod < 23 * 3600) {
                events.add(new double[] {t, length, watts});
            }
            t += -6000.0 * StrictMath.log(1.0 - r.nextDouble());
        }
        long[] energy = new long[windows];
        double noise = 0.0;
        for (int w = 0; w < windows; w++) {
            double sum = 0;
            for (long j = 0; j < samples; j++) {
                double elapsed = (double) w * windowSeconds + (j + 0.5) * windowSeconds / samples;
                double timeOfDay = (startOfDay + elapsed) % 86_400.0;
                // AR(1) noise on the log scale: correlated from minute to minute, about 15 % in size.
                noise = 0.8 * noise + 0.09 * r.nextGaussian();
                double watts = profile(timeOfDay) * StrictMath.exp(noise);
                for (double[] e : events) {
                    if (elapsed >= e[0] && elapsed < e[0] + e[1]) {
                        watts += e[2];
                    }
                }
                sum += watts;
            }
            energy[w] = SyntheticCommunity.wattsToEnergy(sum / samples, windowSeconds);
        }
        return energy;
    }
}
