package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BatteryTest {

    @Nested
    class Dispatch {

        @Test
        void chargesAShareOfSurplusAndCoversDeficitsWithinLimits() {
            // 1 kWh capacity, 3.6 kW (0.06 kWh per minute), holding 0.05 kWh, charging half of a surplus
            Battery battery = new Battery(1_000_000L, 3_600L, 50_000L, 0.5);
            assertEquals(60_000L, battery.maxEnergyPerWindow(60));
            long[] g = {100_000L, 200_000L, 0L, 0L, 0L};
            long[] l = {20_000L, 0L, 100_000L, 30_000L, 10_000L};
            long[] b = battery.dispatch(g, l, 60);
            // +40000 (half of 80000), +60000 (rate limit), -60000 (rate limit), -30000, -10000
            assertArrayEquals(new long[] {40_000L, 60_000L, -60_000L, -30_000L, -10_000L}, b);
        }

        @Test
        void neverDischargesBelowEmptyOrChargesAboveFull() {
            Battery battery = new Battery(10_000L, 100_000L, 5_000L, 1.0);
            long[] b = battery.dispatch(new long[] {0L, 0L, 50_000L, 50_000L}, new long[] {4_000L, 4_000L, 0L, 0L},
                    60);
            assertArrayEquals(new long[] {-4_000L, -1_000L, 10_000L, 0L}, b);
        }

        @Test
        void invalidBatteriesAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new Battery(10L, 1L, 11L, 0.5));
            assertThrows(IllegalArgumentException.class, () -> new Battery(10L, 1L, 1L, 1.5));
            assertThrows(IllegalArgumentException.class, () -> new Battery(-1L, 1L, 0L, 0.5));
        }
    }
}
