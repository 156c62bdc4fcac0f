package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MeterSeriesTest {

    private static final LocalDateTime MIDNIGHT = LocalDateTime.of(2012, 7, 1, 0, 0);

    private static MeterSeries halfHours(long... load) {
        return new MeterSeries("c-1", "test", MIDNIGHT, 1800L, load, new long[load.length], OptionalDouble.empty(),
                0);
    }

    @Nested
    class Resampling {

        @Test
        void eachHalfHourIsSpreadEvenlyOverOneMinuteWindows() {
            MeterSeries s = halfHours(900_000L, 300_000L);
            long[] w = s.loadPerWindow(MIDNIGHT, 60, 60);
            assertEquals(30_000L, w[0]);
            assertEquals(30_000L, w[29]);
            assertEquals(10_000L, w[30]);
        }

        @Test
        void windowsAcrossAStepBoundaryTakeTheirShareOfBothSteps() {
            MeterSeries s = halfHours(900_000L, 300_000L);
            // 20-minute windows: [0,20) = 600000, [20,40) = 300000 + 100000, [40,60) = 200000
            assertArrayEquals(new long[] {600_000L, 400_000L, 200_000L}, s.loadPerWindow(MIDNIGHT, 3, 1200));
        }

        @Test
        void roundingNeverCreatesOrLosesEnergy() {
            MeterSeries s = halfHours(1L, 7L, 1_000_003L);
            long[] w = s.loadPerWindow(MIDNIGHT, 90 * 60 / 7, 7);
            long covered = (90L * 60 / 7) * 7;
            long expected = 1L + 7L + 1_000_003L * (covered - 3600) / 1800;
            assertEquals(expected, Arrays.stream(w).sum());
        }

        @Test
        void windowsOutsideTheSeriesAreRejected() {
            MeterSeries s = halfHours(1L, 2L);
            assertFalse(s.covers(MIDNIGHT.plusMinutes(31), 30, 60));
            assertTrue(s.covers(MIDNIGHT.plusMinutes(30), 30, 60));
            assertThrows(IllegalArgumentException.class, () -> s.loadPerWindow(MIDNIGHT.minusMinutes(1), 1, 60));
            assertThrows(IllegalArgumentException.class, () -> s.loadPerWindow(MIDNIGHT, 61, 60));
        }
    }

    @Nested
    class Validation {

        @Test
        void idsAreRestrictedToLettersDigitsAndDashes() {
            assertThrows(IllegalArgumentException.class, () -> new MeterSeries("a b", "t", MIDNIGHT, 60,
                    new long[] {1}, new long[] {0}, OptionalDouble.empty(), 0));
        }

        @Test
        void negativeEnergyIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> halfHours(1L, -1L));
        }
    }
}
