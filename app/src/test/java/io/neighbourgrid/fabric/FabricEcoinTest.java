package io.neighbourgrid.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.ecoin.EcoinAudit;
import io.neighbourgrid.ecoin.EcoinClient;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.ecoin.EcoinDay;
import io.neighbourgrid.sim.ecoin.EcoinDayResult;
import io.neighbourgrid.sim.ecoin.EcoinDaySettings;
import io.neighbourgrid.sim.ecoin.MicrogridProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The e-coin contract on the native network (scripts/fabric-test.sh): a short microgrid day whose bills balance and
 * pass the audit, unidentified steps under the community's shared client identity (the one after the meters'), and
 * a meter's own identity refused for them over the gateway. The e-coin contract is configured once per network, so
 * this is one test.
 */
@EnabledIfSystemProperty(named = FabricNetwork.CONNECTION_PROPERTY, matches = ".+")
class FabricEcoinTest {
    @Test
    void aMicrogridDayOnTheNetworkBalancesAndKeepsMetersOutOfUnidentifiedSteps() throws Exception {
        Path connection = Path.of(System.getProperty(FabricNetwork.CONNECTION_PROPERTY));
        Path dir = Files.isDirectory(connection) ? connection : connection.getParent();
        LocalDateTime day = LocalDateTime.of(2026, 6, 1, 0, 0);
        SimulationClock clock = new SimulationClock(day.toInstant(ZoneOffset.UTC));
        try (FabricLedgerProvider provider = FabricLedgerProvider.fromDirectory(dir)) {
            EcoinDayResult r = EcoinDay.run(provider, clock, day, MicrogridProfiles.generated(15, 4),
                    EcoinDaySettings.defaults().withMeters(1, 2).withSlotStride(24));
            assertTrue(r.balanced(), "bills " + r.billedCoins() + " vs grid " + r.period());
            assertTrue(r.billsMatchTrade());
            assertTrue(r.period().gridImports() + r.period().gridExports() + r.period().meterPairings() > 0);
            EcoinAudit.Report audit = EcoinAudit.audit(new EcoinClient(provider.connectOperator()), 0);
            assertTrue(audit.passed(), audit.findings().toString());
            EcoinClient meterOwn = new EcoinClient(provider.connectHome(0, "meter-a1"));
            LedgerException e = assertThrows(LedgerException.class,
                    () -> meterOwn.submit(EcoinTransaction.POST_REQUEST, "request-from-a-named-meter"));
            assertEquals(ErrorCode.NOT_SHARED_IDENTITY, e.contractError().orElseThrow(), e.getMessage());
        }
    }
}
