package io.neighbourgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.partners.AgreementKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code partners} object of {@code report.json} and the console line ({@link PartnersReport}). */
class PartnersJsonTest {
    private static final long KWH = Scales.ENERGY;
    private static final long CENT = Scales.MONEY;

    /** Alice gives 2 kWh to a hospital instead of exporting them; the hospital imports 2 kWh less. */
    private static PartnersReport donation(long hospitalMoneyOut) {
        return new PartnersReport(null, "1:hospital", List.of(new PartnersReport.AgreementTotals("tx1", "alice",
                "hospital", AgreementKind.DONATION, 0, 0, 3, 2 * KWH, 0, 0)),
                List.of(new PartnersReport.HomeTotals("alice", 2 * KWH, 0, 0, 0, 240 * CENT, 80 * CENT),
                        new PartnersReport.HomeTotals("hospital", 0, 2 * KWH, 0, hospitalMoneyOut,
                                -240 * CENT, -hospitalMoneyOut)),
                new PartnersReport.GridTotals(3 * KWH, 2 * KWH, KWH, 0), 3);
    }

    @Test
    void exactDecimalsPerAgreementAndHomeAndTheChecks() {
        JsonObject j = PartnersJson.toTree(donation(0));
        assertTrue(j.get("partners").isJsonNull());
        assertEquals("1:hospital", j.get("donations").getAsString());
        JsonObject community = j.getAsJsonObject("community");
        assertEquals("2", community.get("energyMovedKWh").getAsBigDecimal().toPlainString());
        assertEquals(80, community.get("communityGainCents").getAsInt());
        assertTrue(community.get("moneyBalanced").getAsBoolean());
        assertEquals(3, community.get("statementsCommitted").getAsInt());
        assertTrue(j.getAsJsonObject("grid").get("netUnchanged").getAsBoolean());
        JsonObject a = j.getAsJsonArray("agreements").get(0).getAsJsonObject();
        assertEquals("DONATION", a.get("kind").getAsString());
        assertEquals(2, a.get("gridEnergyKWh").getAsInt());
        JsonObject hospital = j.getAsJsonArray("homes").get(1).getAsJsonObject();
        assertEquals(240, hospital.get("gainCents").getAsInt());
    }

    @Test
    void aPaymentWithoutItsReceiptIsReportedAsUnbalanced() {
        PartnersReport p = donation(CENT);
        assertFalse(p.moneyBalanced());
        assertTrue(p.summaryLines().get(0).contains("money balanced: false"), p.summaryLines().get(0));
    }
}
