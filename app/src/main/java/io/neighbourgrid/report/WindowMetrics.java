package io.neighbourgrid.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What was measured while one window of the private run was cleared.
 *
 * @param onlineLatencyMs wall-clock time from opening the window to its settlement, milliseconds, excluding
 *                        precomputation (encryption randomness prepared while idle, as in PEM Section VII-B)
 * @param phaseLatencyMs  time per protocol phase in the order the phases ran (e.g. roles, contributions,
 *                        comparison, decryptions, settlement), milliseconds
 * @param bytesSubmitted  bytes of transaction payload the homes and the operator submitted for this window
 * @param cpuMs           CPU time of the whole process (every thread: homes, operator, ledger) while the window ran,
 *                        milliseconds; 0 where not measured
 * @param transactions    transactions submitted for this window by the homes, their representatives and the
 *                        operator; 0 where not measured
 */
public record WindowMetrics(double onlineLatencyMs, Map<String, Double> phaseLatencyMs, long bytesSubmitted,
                            double cpuMs, long transactions) {

    /**
     * Validates the metrics and copies the phases, keeping their order.
     *
     * @throws IllegalArgumentException if a time is negative or not finite, or the byte count is negative
     */
    public WindowMetrics {
        requireTime(onlineLatencyMs, "online latency");
        Objects.requireNonNull(phaseLatencyMs, "phaseLatencyMs");
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : phaseLatencyMs.entrySet()) {
            Objects.requireNonNull(e.getKey(), "phase name");
            Objects.requireNonNull(e.getValue(), "phase latency");
            requireTime(e.getValue(), "latency of phase " + e.getKey());
            copy.put(e.getKey(), e.getValue());
        }
        phaseLatencyMs = Collections.unmodifiableMap(copy);
        if (bytesSubmitted < 0) {
            throw new IllegalArgumentException("bytes submitted must be non-negative, got " + bytesSubmitted);
        }
        requireTime(cpuMs, "CPU time");
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must be non-negative, got " + transactions);
        }
    }

    /** Metrics without a transaction count. */
    public WindowMetrics(double onlineLatencyMs, Map<String, Double> phaseLatencyMs, long bytesSubmitted,
                         double cpuMs) {
        this(onlineLatencyMs, phaseLatencyMs, bytesSubmitted, cpuMs, 0L);
    }

    /** Metrics without a CPU measurement. */
    public WindowMetrics(double onlineLatencyMs, Map<String, Double> phaseLatencyMs, long bytesSubmitted) {
        this(onlineLatencyMs, phaseLatencyMs, bytesSubmitted, 0.0);
    }

    /**
     * Metrics of a window that was not measured (for example a reference-only run).
     *
     * @return zero latency, no phases, no bytes
     */
    public static WindowMetrics none() {
        return new WindowMetrics(0.0, Map.of(), 0L);
    }

    private static void requireTime(double ms, String what) {
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException(what + " must be a non-negative number of milliseconds, got " + ms);
        }
    }
}
