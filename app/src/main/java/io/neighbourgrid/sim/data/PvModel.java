package io.neighbourgrid.sim.data;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * PV generation of a {@link SyntheticCommunity} home: a daily bell
 * {@code sin(pi (t - sunrise) / (sunset - sunrise))^1.3} scaled by capacity and a derating of 0.85, dimmed by
 * passing clouds ({@link CloudField}), which each home sees with its own time offset.
 */
final class PvModel {

    private static final double PV_DERATING = 0.85;
    private static final double BELL_EXPONENT = 1.3;

    private PvModel() {
    }

    /**
     * PV generation per window, the power sampled every minute (or once per window when windows are shorter) and
     * averaged over each window.
     *
     * @param kw            PV capacity, kWp
     * @param sky           the clouds over the neighbourhood
     * @param offsetSeconds how much later than the neighbourhood's clock this home sees the clouds, seconds
     * @param start         start of window 0
     * @param windows       number of windows
     * @param windowSeconds window length, seconds
     * @param sunrise       sunrise
     * @param sunset        sunset
     * @return {@code g} per window, energy units
     */
    static long[] generation(double kw, CloudField sky, double offsetSeconds, LocalDateTime start, int windows,
                                long windowSeconds, LocalTime sunrise, LocalTime sunset) {
        double rise = sunrise.toSecondOfDay();
        double set = sunset.toSecondOfDay();
        double startOfDay = start.toLocalTime().toSecondOfDay();
        long[] energy = new long[windows];
        long step = Math.min(SyntheticCommunity.SAMPLE_SECONDS, windowSeconds);
        long samples = (windowSeconds + step - 1) / step;
        for (int w = 0; w < windows; w++) {
            double sum = 0;
            for (long j = 0; j < samples; j++) {
                double elapsed = (double) w * windowSeconds + (j + 0.5) * windowSeconds / samples;
                double timeOfDay = (startOfDay + elapsed) % 86_400.0;
                double bell = 0;
                if (timeOfDay > rise && timeOfDay < set) {
                    bell = StrictMath.pow(StrictMath.sin(StrictMath.PI * (timeOfDay - rise) / (set - rise)),
                            BELL_EXPONENT);
                }
                sum += kw * 1000.0 * PV_DERATING * bell * sky.transmission(elapsed - offsetSeconds);
            }
            energy[w] = SyntheticCommunity.wattsToEnergy(sum / samples, windowSeconds);
        }
        return energy;
    }
}
