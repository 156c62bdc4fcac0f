package io.neighbourgrid.sim.ecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.billing.AlteringLedger;
import io.neighbourgrid.ecoin.EcoinAudit;
import io.neighbourgrid.ecoin.EcoinClient;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auditor's re-check of a day's bills, on the honest ledger and on answers that lie. */
class EcoinAuditTest {
    static final LocalDateTime DAY = LocalDateTime.of(2026, 6, 1, 0, 0);
    static EmbeddedLedgerProvider provider;
    static EcoinDayResult day;

    @BeforeAll
    static void runADay() throws Exception {
        SimulationClock clock = new SimulationClock(DAY.toInstant(ZoneOffset.UTC));
        provider = new EmbeddedLedgerProvider(null, clock);
        day = EcoinDay.run(provider, clock, DAY, MicrogridProfiles.generated(15, 3),
                EcoinDaySettings.defaults().withMeters(1, 2).withSlotStride(12));
    }

    @AfterAll
    static void close() {
        provider.close();
    }

    private static EcoinAudit.Report audit(EcoinTransaction query, UnaryOperator<String> lie) throws Exception {
        return EcoinAudit.audit(new EcoinClient(new AlteringLedger(provider.connectOperator(),
                query.qualifiedName(), lie)), 0);
    }

    @Test
    void anHonestLedgersBillsPass() throws Exception {
        EcoinAudit.Report r = EcoinAudit.audit(new EcoinClient(provider.connectOperator()), 0);
        assertTrue(r.passed(), r.findings().toString());
        assertEquals(0, r.heldCoins());
        assertEquals(day.bills(), r.bills());
    }

    @Test
    void aBillThatDisagreesWithItsAccountFails() throws Exception {
        EcoinAudit.Report r = audit(EcoinTransaction.LIST_BILLS, json -> json.replaceFirst("\"deposited\":(\\d)",
                "\"deposited\":9$1"));
        assertFalse(r.passed());
        assertTrue(r.findings().get(0).startsWith("bill of meter-"), r.findings().toString());
    }

    @Test
    void aMissingPairingFailsTheGridRecount() throws Exception {
        EcoinAudit.Report r = audit(EcoinTransaction.LIST_PAIRINGS, json -> "[" + json.substring(
                json.indexOf("},{\"closedAt\"") + 2));
        assertFalse(r.passed());
        assertTrue(r.findings().stream().anyMatch(f -> f.contains("closed pairings give")), r.findings().toString());
    }
}
