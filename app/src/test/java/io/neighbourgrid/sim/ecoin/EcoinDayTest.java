package io.neighbourgrid.sim.ecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.Party;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EcoinDayTest {
    static final LocalDateTime DAY = LocalDateTime.of(2026, 6, 1, 0, 0);
    static EcoinDayResult result;

    @BeforeAll
    static void runADay() throws Exception {
        SimulationClock clock = new SimulationClock(DAY.toInstant(ZoneOffset.UTC));
        try (EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(null, clock)) {
            result = EcoinDay.run(provider, clock, DAY, MicrogridProfiles.generated(15, 1),
                    EcoinDaySettings.defaults().withSlotStride(6));
        }
    }

    @Test
    void theBillsSumToWhatTheSubstationBoughtFromAndSoldToTheMainGrid() {
        assertTrue(result.period().gridImports() > 0, "no grid import in the day");
        assertTrue(result.period().gridExports() > 0, "no grid export in the day");
        assertTrue(result.period().meterPairings() > 0, "no local trade in the day");
        assertEquals(result.period().gridImports() - result.period().gridExports(), result.billedCoins());
        assertEquals(0, result.period().outstandingCoins());
        assertTrue(result.balanced());
    }

    @Test
    void everyBillIsWhatItsMeterBoughtMinusWhatItSold() {
        assertTrue(result.billsMatchTrade());
        for (Bill b : result.bills()) {
            assertEquals(b.netCoins() * EcoinDaySettings.defaults().coinValueMicros(), b.amountMicros());
        }
        assertTrue(result.bills().stream().anyMatch(b -> b.amountMicros() > 0), "nobody is charged");
        assertTrue(result.bills().stream().anyMatch(b -> b.amountMicros() < 0), "nobody is paid");
    }

    @Test
    void everyPairingOfTheDayClosed() {
        assertEquals(0, result.unfinished());
        assertEquals(result.period().meterPairings() + result.period().gridImports() + result.period().gridExports(),
                result.pairings().size());
        assertTrue(result.meanPairingSeconds(Party.GRID).isPresent());
        assertTrue(result.meanPairingSeconds(Party.METER).isPresent());
    }
}
