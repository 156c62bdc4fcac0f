package io.neighbourgrid.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The CPU time this process has used, over all its threads. */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used so far, or 0 where the platform does not tell. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.max(0, sun.getProcessCpuTime());
        }
        return 0;
    }
}
