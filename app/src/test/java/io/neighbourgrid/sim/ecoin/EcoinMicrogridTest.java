package io.neighbourgrid.sim.ecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcoinMicrogridTest {
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 6, 1, 0, 0);

    @Test
    void oneMicrogridRunsGrowingDaysAsSuccessiveBillingPeriods() throws Exception {
        SimulationClock clock = new SimulationClock(DAY.toInstant(ZoneOffset.UTC));
        MicrogridProfiles p = MicrogridProfiles.generated(15, 1);
        EcoinDaySettings s = EcoinDaySettings.defaults().withMeters(2, 4).withSlotStride(8);
        try (EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(null, clock)) {
            EcoinMicrogrid grid = EcoinMicrogrid.configure(provider, 2, 4, p.slotMinutes(), s);
            EcoinDayResult small = EcoinDay.run(grid, clock, DAY, p, s.withMeters(1, 2));
            EcoinDayResult large = EcoinDay.run(grid, clock, DAY.plusDays(1), p, s);
            assertEquals(0, small.period().period());
            assertEquals(1, large.period().period());
            assertEquals(3, small.meters().size());
            assertEquals(6, large.meters().size());
            assertEquals(List.of("meter-a1", "meter-b1", "meter-b2"),
                    large.meters().stream().map(EcoinDayResult.MeterOutcome::meterId).filter(
                            id -> small.meters().stream().anyMatch(m -> m.meterId().equals(id))).toList(),
                    "the first day's meters keep their registration");
            for (EcoinDayResult r : List.of(small, large)) {
                assertTrue(r.balanced(), "bills " + r.billedCoins() + " vs grid " + r.period());
                assertTrue(r.billsMatchTrade());
                assertTrue(r.pairings().stream().allMatch(x -> x.closedAt() != null));
            }
            assertThrows(IllegalArgumentException.class,
                    () -> EcoinDay.run(grid, clock, DAY.plusDays(2), p, s.withMeters(3, 4)));
        }
    }
}
