package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.billing.AlteringLedger;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.proof.NoSmallFactorProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.ProofParameters;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration with the proof parameters, end to end on the embedded ledger: the operator's agent registers them
 * right after configuring the market (once), each home's agent checks them and proves that its key has no small
 * factor, and the auditor re-verifies every proof, also when a ledger's answers were altered.
 */
class RegistrationProofsTest {
    private static final MarketConfig CONFIG = MarketConfig.of(MarketParameters.defaults(), 1024, 60);
    private final List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private EmbeddedLedgerProvider provider;
    private Community community;

    @BeforeEach
    void setUp() throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(3).windows(1).seed(11).build().generate();
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        provider = new EmbeddedLedgerProvider(null, clock);
        community = new Community(provider, day, 1024, new KeyCache(null, "x".toCharArray(), new SecureRandom()),
                clock, new AgentListener() {
                    @Override
                    public void onError(String homeId, long window, Exception error) {
                        errors.add(error);
                    }
                }, 2);
    }

    @AfterEach
    void tearDown() {
        community.close();
    }

    private MarketClient operatorClient() {
        return community.operator().client();
    }

    private void registerAll() throws LedgerException {
        for (HomeAgent a : community.agents()) {
            assertTrue(a.register(community.registrationProof(a)));
        }
    }

    private Finding keyFinding(Ledger ledger, String homeId) throws LedgerException {
        AuditReport report = new Auditor(new MarketClient(ledger, provider.channel()),
                new BillingClient(ledger, provider.channel()), new EmbeddedChainEvidence(provider.ledger().engine()))
                .auditHome(homeId, 0, 0);
        return report.findings().stream().filter(f -> f.check().equals("key of " + homeId)).findFirst()
                .orElseThrow(() -> new AssertionError(report.toText()));
    }

    @Test
    void theOperatorRegistersTheParametersOnceRightAfterConfiguringTheMarket() throws Exception {
        assertTrue(operatorClient().proofParameters().isEmpty());
        community.operator().configure(CONFIG);
        ProofParameters registered = operatorClient().proofParameters().orElseThrow();
        assertEquals(2048, registered.bits());
        community.operator().configure(CONFIG);
        assertFalse(community.operator().registerProofParameters());
        assertEquals(registered, operatorClient().proofParameters().orElseThrow());
        assertEquals(1, JsonParser.parseString(operatorClient().history("PROOFPARAMS")).getAsJsonArray().size());
    }

    @Test
    void homesCannotRegisterBeforeTheParameters() throws Exception {
        operatorClient().configureMarket(CONFIG);
        HomeAgent first = community.agents().get(0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> first.register(community.registrationProof(first)));
        assertTrue(e.getMessage().contains("proof parameters"), e.getMessage());
        assertTrue(operatorClient().home(first.homeId()).isEmpty());
    }

    @Test
    void homesProveAgainstTheRegisteredParametersAndTheAuditorReverifies() throws Exception {
        community.operator().configure(CONFIG);
        registerAll();
        RingPedersenParameters params = RingPedersenParameters.fromBase64(
                operatorClient().proofParameters().orElseThrow().parameters());
        try (Ledger ledger = provider.connectOperator()) {
            for (HomeAgent a : community.agents()) {
                KeyProofRecord proofs = operatorClient().keyProof(a.homeId());
                assertEquals(params.fingerprint(), proofs.proofParameters());
                NoSmallFactorProof.fromBase64(proofs.factorProof()).verify(a.publicKey(), params,
                        ProofContexts.registration(provider.channel(), a.homeId()));
                Finding f = keyFinding(ledger, a.homeId());
                assertEquals(Finding.Status.PASS, f.status(), f.detail());
                assertTrue(f.detail().contains("no-small-factor"), f.detail());
                assertTrue(f.detail().contains("every prime factor is at least 2^" + (CONFIG.keyBits() / 2 - 258)),
                        f.detail());
            }
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theAuditorFailsAHomeWhoseFactorProofOrParametersWereAltered() throws Exception {
        community.operator().configure(CONFIG);
        registerAll();
        String first = community.agents().get(0).homeId();
        String second = community.agents().get(1).homeId();
        String own = operatorClient().keyProof(first).factorProof();
        String other = operatorClient().keyProof(second).factorProof();
        try (Ledger swapped = new AlteringLedger(provider.connectOperator(), "getKeyProof",
                json -> json.replace(own, other))) {
            Finding f = keyFinding(swapped, first);
            assertEquals(Finding.Status.FAIL, f.status());
            assertTrue(f.detail().contains("no-small-factor proof does not verify"), f.detail());
        }
        String parametersProof = operatorClient().proofParameters().orElseThrow().parametersProof();
        int at = parametersProof.length() / 2;
        String tampered = parametersProof.substring(0, at) + (parametersProof.charAt(at) == 'A' ? 'B' : 'A')
                + parametersProof.substring(at + 1);
        try (Ledger altered = new AlteringLedger(provider.connectOperator(), "getProofParameters",
                json -> json.replace(parametersProof, tampered))) {
            Finding f = keyFinding(altered, first);
            assertEquals(Finding.Status.FAIL, f.status());
            assertTrue(f.detail().contains("proof parameters do not verify"), f.detail());
        }
    }

    /** A home that is shown parameters whose proof fails refuses to prove: its primes would not stay hidden. */
    @Test
    void aHomeRefusesParametersWhoseProofFails() throws Exception {
        community.operator().configure(CONFIG);
        String parametersProof = operatorClient().proofParameters().orElseThrow().parametersProof();
        String tampered = parametersProof.substring(0, 20) + (parametersProof.charAt(20) == 'A' ? 'B' : 'A')
                + parametersProof.substring(21);
        HomeAgent original = community.agents().get(0);
        try (Ledger home = new AlteringLedger(provider.connectHome(0, original.homeId()), "getProofParameters",
                json -> json.replace(parametersProof, tampered))) {
            HomeAgent misled = new HomeAgent(original.homeId(), new MarketClient(home, provider.channel()),
                    community.keyPair(original.homeId()), t -> null, community.pools(), new SecureRandom(),
                    new AgentListener() { });
            assertThrows(InvalidProofException.class, () -> misled.register(community.registrationProof(original)));
            assertTrue(operatorClient().home(original.homeId()).isEmpty());
        }
    }
}
