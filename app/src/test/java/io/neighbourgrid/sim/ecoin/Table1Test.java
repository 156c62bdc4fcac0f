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
    void bothColumnsAreWithinFifteenPercentOfThePaper() {
        for (Table1.Row r : rows) {
            assertTrue(Math.abs(r.dsoDeviation()) < 0.15, r.toString());
            assertTrue(Math.abs(r.smsDeviation()) < 0.15, r.toString());
        }
    }

    @Test
    void pairingsWithAMetersOfferTakeAboutSevenSixthsOfThoseWithTheSubstations() {
        for (Table1.Row r : rows) {
            double ratio = r.offersBySmsSeconds() / r.offersByDsoSeconds();
            assertTrue(ratio > 1.10 && ratio < 1.25, "SMs/DSO " + ratio + " in " + r);
        }
    }

    @Test
    void onAnIdleChannelAGridPairingConcludesWithThePayment() {
        MicrogridProfiles one = new MicrogridProfiles(10, new long[] {100}, new long[] {0}, new long[] {0}, "test");
        ChannelModel.Result r = ChannelModel.simulate(one, 1, 0, 100, ChannelModel.PAPER_SLOT_SECONDS, 1);
        assertEquals(1, r.pairingsDso());
        assertEquals(0, r.pairingsSms());
        assertEquals(3, r.messages(), "request, pairing, payment");
        assertEquals(3 * ChannelModel.PAPER_SLOT_SECONDS, r.offersByDsoSeconds(), 1e-9);
    }

    @Test
    void onAnIdleChannelAMetersOfferCostsTheCheckTheFreshCoinAndTheReceipt() {
        MicrogridProfiles one = new MicrogridProfiles(10, new long[] {100}, new long[] {0}, new long[] {200}, "test");
        double slot = ChannelModel.PAPER_SLOT_SECONDS;
        boolean offerFirst = false;
        boolean requestFirst = false;
        for (long seed = 1; seed <= 20; seed++) {
            ChannelModel.Result r = ChannelModel.simulate(one, 1, 1, 100, slot, seed);
            if (r.pairingsSms() == 1) {
                offerFirst = true;
                assertEquals(9, r.messages(), "offer, request, pairing, payment, check, check result, withdrawal, "
                        + "blind signature, receipt");
                assertEquals(9 * slot, r.offersBySmsSeconds(), 1e-9, "from the request handed to the channel");
            } else {
                requestFirst = true;
                assertEquals(1, r.pairingsDso());
                assertEquals(11, r.messages(), "the grid pairing's three, the offer, and the substation buying it");
                assertEquals(4 * slot, r.offersByDsoSeconds(), 1e-9, "request, offer, pairing, payment");
            }
        }
        assertTrue(offerFirst && requestFirst, "the meters' messages reach the channel in either order");
    }
}
