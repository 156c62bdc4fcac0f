package io.neighbourgrid.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import io.neighbourgrid.protocol.negotiation.TradeRecording;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.negotiation.CentralisedWelfare;
import io.neighbourgrid.sim.negotiation.Deviations;
import io.neighbourgrid.sim.negotiation.NegotiationScenario;
import io.neighbourgrid.sim.negotiation.ScenarioRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.EndorseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Seed 002's negotiation on the native Fabric network (run by {@code scripts/fabric-test.sh}): both cases, plain and
 * private, each a round of the negotiation contract on the same channel, against the ojAlgo optimum. The private
 * runs' pairs go in parallel (their keys are disjoint). Figures go to {@code app/target/fabric-negotiation.json}.
 */
@EnabledIfSystemProperty(named = FabricNetwork.CONNECTION_PROPERTY, matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricNegotiationTest {
    private static final int KEY_BITS = 2048;
    private static final int THREADS = 12;
    private FabricLedgerProvider fabric;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    @BeforeAll
    void connect() {
        fabric = FabricNetwork.fromSystemProperties().provider();
    }

    @AfterAll
    void close() throws Exception {
        if (fabric != null) {
            fabric.close();
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fabric-negotiation.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(figures) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void bothCasesReachTheOptimumInBothVariants() throws Exception {
        NegotiationSettings s = NegotiationSettings.defaults();
        for (NegotiationCase c : List.of(NegotiationCase.uncongested(), NegotiationCase.congested())) {
            CentralisedWelfare.Reference ref = CentralisedWelfare.solve(c);
            NegotiationScenario scenario = new NegotiationScenario(c, s);
            Map<String, Object> variants = new LinkedHashMap<>();
            for (String variant : List.of("plain", "private")) {
                ScenarioRun run = variant.equals("plain") ? scenario.plain(fabric)
                        : scenario.privately(fabric, KEY_BITS, new SecureRandom(), THREADS);
                Deviations d = Deviations.of(run.result(), ref);
                assertTrue(run.result().converged(), c.name() + " " + variant);
                assertTrue(d.maxTradeKw() <= 1e-3 && d.maxPrice() <= 1e-3, c.name() + " " + variant + " " + d);
                assertEquals(c.pairs().size(), run.recording().trades().size());
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("iterations", run.result().iterations());
                v.put("seconds", run.seconds());
                v.put("maxTradeDeviationKw", d.maxTradeKw());
                v.put("maxPriceDeviation", d.maxPrice());
                v.put("provenDecryptions", run.decryptions());
                variants.put(variant, v);
            }
            figures.put(c.name(), variants);
        }
        figures.put("keyBits", KEY_BITS);
        figures.put("pairThreads", THREADS);
        try (Ledger operator = fabric.connectOperator()) {
            byte[] r = operator.evaluate(NegotiationTransaction.GET_TRADES.qualifiedName());
            TradeRecording last = CanonicalJson.fromJson(new String(r, StandardCharsets.UTF_8), TradeRecording.class);
            assertTrue(last.trades().stream().allMatch(io.neighbourgrid.protocol.negotiation.TradeRecord::proven));
        }
    }

    @Test
    void aRejectionCarriesItsErrorCodeThroughTheGateway() throws Exception {
        try (Ledger home = fabric.connectHome(0, "S1")) {
            LedgerException e = assertThrows(LedgerException.class, () -> home.submit(
                    NegotiationTransaction.POST_LINE_PRICES.qualifiedName(), "0", "{}"));
            assertEquals(ErrorCode.UNAUTHORIZED_ORG, e.contractError().orElseThrow(), e.getMessage());
            assertInstanceOf(EndorseException.class, e.getCause(), "rejected at endorsement: " + e.getMessage());
        }
    }
}
