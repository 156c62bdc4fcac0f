package io.neighbourgrid.sim.ecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Table1Test {
    private final List<Table1.Row> rows = Table1.simulated(1);

    @Test
    void theSimulatedChannelGivesThePapersFiveSizes() {
        assertEquals(5, rows.size());
        assertEquals(List.of(2, 4, 6, 8, 10), rows.stream().map(Table1.Row::smA).toList());
        assertTrue(rows.stream().allMatch(r -> r.pairingsDso() > 0 && r.pairingsSms() > 0));
    }

    @Test
    void pairingTimeGrowsLinearlyWithTheMeters() {
        Table1.Row first = rows.get(0);
        for (int k = 1; k < rows.size(); k++) {
            double scale = k + 1;
            assertEquals(scale * first.offersByDsoSeconds(), rows.get(k).offersByDsoSeconds(),
                    0.05 * scale * first.offersByDsoSeconds());
            assertEquals(scale * first.offersBySmsSeconds(), rows.get(k).offersBySmsSeconds(),
                    0.05 * scale * first.offersBySmsSeconds());
        }
    }

    @Test
    void theSubstationsOffersAreWithinFifteenPercentOfThePaper() {
        for (Table1.Row r : rows) {
            assertTrue(Math.abs(r.dsoDeviation()) < 0.15, r.toString());
        }
    }

    @Test
    void onAnIdleChannelAGridPairingTakesThreeMessagesAfterTheRequest() {
        MicrogridProfiles one = new MicrogridProfiles(10, new long[] {100}, new long[] {0}, new long[] {0}, "test");
        ChannelModel.Result r = ChannelModel.simulate(one, 1, 0, 100, ChannelModel.PAPER_SLOT_SECONDS, false);
        assertEquals(1, r.pairingsDso());
        assertEquals(0, r.pairingsSms());
        assertEquals(4, r.messages(), "request, pairing, payment, receipt");
        assertEquals(3 * ChannelModel.PAPER_SLOT_SECONDS, r.offersByDsoSeconds(), 1e-9);
    }
}
