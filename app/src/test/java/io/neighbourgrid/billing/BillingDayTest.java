package io.neighbourgrid.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.DisputeKind;
import io.neighbourgrid.protocol.billing.state.Verdict;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.DayBilling;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A simulated day through the home agents on the embedded ledger, then billed: meter reports, settlement records,
 * market-balance checks, bills, each home's check of its bill, audits (also of a ledger whose answers were altered)
 * and disputes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingDayTest {
    private static final int KEY_BITS = 1024;
    private static final int HOMES = 6;
    private static final int WINDOWS = 3;
    private static final long LAST = WINDOWS - 1L;

    private EmbeddedLedgerProvider provider;
    private Community community;
    private DayBilling.Summary summary;
    private final List<Exception> errors = new ArrayList<>();

    @BeforeAll
    void runAndBillADay() throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(HOMES).windows(WINDOWS).seed(3).build().generate();
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        MarketConfig config = MarketConfig.of(params, KEY_BITS, 60);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        provider = new EmbeddedLedgerProvider(null, clock);
        AgentListener agents = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        community = new Community(provider, day, KEY_BITS, new KeyCache(null, "x".toCharArray(),
                new SecureRandom()), clock, agents, 2);
        RunReport report = new Simulator(community, day, config, 2, new Simulator.SimulationListener() { })
                .run(RunReport.builder(params), 0, WINDOWS);
        assertEquals(WINDOWS, report.windows().size());
        PaillierKeyPair billingKeys = TestKeys.paillier(1024, 0);
        summary = DayBilling.run(community, day, WINDOWS, billingKeys, new DayBilling.Options(0.5, 11, 2));
    }

    @AfterAll
    void close() {
        community.close();
    }

    private Auditor auditor(Ledger ledger) {
        return new Auditor(new MarketClient(ledger, provider.channel()), new BillingClient(ledger, provider.channel()),
                new EmbeddedChainEvidence(provider.ledger().engine()));
    }

    private String firstHome() {
        return community.agents().get(0).homeId();
    }

    @Nested
    class HonestBills {
        @Test
        void everyHomeIsBilledAndEveryBillVerifiesAgainstTheLedgerAndTheHomesRecords() {
            assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
            assertEquals(HOMES, summary.bills());
            assertEquals(HOMES, summary.billsVerified());
            assertEquals(HOMES * WINDOWS, summary.records());
            assertTrue(summary.deviatingWindows() > 0, "no window deviated");
            assertEquals(0, summary.unbalanced(), "a cleared window does not balance");
            assertTrue(summary.balanced() > 0, "no window cleared a market, so no committed volume was billed");
        }

        @Test
        void anAuditOfAHomeAndOfAWindowPasses() throws LedgerException {
            try (Ledger ledger = provider.connectOperator()) {
                AuditReport home = auditor(ledger).auditHome(firstHome(), 0, LAST);
                assertTrue(home.passed(), home.toText());
                assertTrue(home.findings().stream().anyMatch(f -> f.check().endsWith(": proof")
                        && f.status() == Finding.Status.PASS), home.toText());
                AuditReport window = auditor(ledger).auditWindow(1);
                assertTrue(window.passed(), window.toText());
                assertTrue(window.findings().stream().anyMatch(f -> f.check().equals("chain")
                        && f.status() == Finding.Status.PASS), window.toText());
            }
        }

        @Test
        void twoAuditsOfTheSameLedgerHaveTheSameEvidenceHash() throws LedgerException {
            try (Ledger a = provider.connectOperator(); Ledger b = provider.connectOperator()) {
                assertEquals(auditor(a).auditHome(firstHome(), 0, LAST).evidenceHash(),
                        auditor(b).auditHome(firstHome(), 0, LAST).evidenceHash());
            }
        }
    }

    @Nested
    class AlteredLedger {
        private AuditReport auditThrough(String transaction, UnaryOperator<String> alter) throws LedgerException {
            try (Ledger ledger = new AlteringLedger(provider.connectOperator(), transaction, alter)) {
                return auditor(ledger).auditHome(firstHome(), 0, LAST);
            }
        }

        private Bill bill() throws LedgerException {
            try (Ledger ledger = provider.connectOperator()) {
                return new BillingClient(ledger, provider.channel()).bill(firstHome(), 0, LAST).orElseThrow();
            }
        }

        @Test
        void aBillWhoseAmountWasAlteredFailsOnItsProof() throws LedgerException {
            Bill honest = bill();
            String altered = new BigInteger(honest.plaintext()).add(BigInteger.ONE
                    .shiftLeft(256)).toString();
            AuditReport report = auditThrough("listBills", json -> json.replace(honest.plaintext(), altered));
            assertFalse(report.passed());
            assertTrue(report.firstFailure().orElseThrow().check().endsWith(": proof"), report.toText());
        }

        @Test
        void aBillWhoseProofWasAlteredFailsOnItsProof() throws LedgerException {
            Bill honest = bill();
            // A character in the middle of the response z: every bit of it is significant.
            int at = honest.proof().length() - 40;
            char c = honest.proof().charAt(at);
            String tampered = honest.proof().substring(0, at) + (c == 'A' ? 'B' : 'A') + honest.proof().substring(at + 1);
            AuditReport report = auditThrough("listBills", json -> json.replace(honest.proof(), tampered));
            assertFalse(report.passed());
            assertTrue(report.failures().stream().anyMatch(f -> f.check().endsWith(": proof")), report.toText());
        }

        @Test
        void aBillWhoseUnderlyingRecordWasAlteredFailsOnItsAggregate() throws LedgerException {
            BillingPeriodView view;
            try (Ledger ledger = provider.connectOperator()) {
                view = new BillingClient(ledger, provider.channel()).records(firstHome(), 0, LAST);
            }
            String original = view.windows().get(1).record().gridImport();
            String replacement = view.windows().get(0).record().gridImport();
            AuditReport report = auditThrough("getBillingRecords", json -> json.replace(original, replacement));
            assertFalse(report.passed());
            assertTrue(report.failures().stream().anyMatch(f -> f.check().endsWith(": aggregate")
                    && f.detail().contains("differs")), report.toText());
        }

        @Test
        void aHomeDetectsABillThatDisagreesWithItsOwnRecords() throws LedgerException {
            Bill honest = bill();
            String wrongLine = new BigInteger(honest.lines().importEnergy()).add(BigInteger.TEN)
                    .toString();
            HomeBilling home;
            try (Ledger ledger = new AlteringLedger(provider.connectOperator(), "getBill",
                    json -> json.replace("\"importEnergy\":\"" + honest.lines().importEnergy() + "\"",
                            "\"importEnergy\":\"" + wrongLine + "\""))) {
                home = new HomeBilling(firstHome(), new BillingClient(ledger, provider.channel()),
                        community.agents().get(0).publicKey(), null, new SecureRandom());
                List<Finding> findings = home.checkBillOnLedger(0, LAST);
                assertTrue(findings.stream().anyMatch(f -> f.failed() && f.check().endsWith(": lines")),
                        findings.toString());
            }
        }
    }

    @Nested
    class Disputes {
        @Test
        void aDisputeOverACorrectBillIsRejectedWithTheAuditsEvidence() throws LedgerException {
            String home = community.agents().get(1).homeId();
            Dispute opened = new BillingClient(community.agents().get(1).client().ledger(), provider.channel())
                    .openDispute(DisputeKind.BILL, "0-" + LAST, "I think I was overcharged");
            try (Ledger resolverLedger = provider.connectOperator()) {
                AuditReport audit = auditor(resolverLedger).auditHome(home, 0, LAST);
                assertTrue(audit.passed(), audit.toText());
                BillingClient resolver = new BillingClient(resolverLedger, provider.channel());
                LedgerException contradicted = assertThrows(LedgerException.class,
                        () -> resolver.resolveDispute(opened.id(), Verdict.UPHELD, audit.evidenceHash()));
                assertEquals("VERDICT_CONTRADICTS_LEDGER", contradicted.errorCode());
                Dispute resolved = resolver.resolveDispute(opened.id(), Verdict.REJECTED, audit.evidenceHash());
                assertEquals(Verdict.REJECTED, resolved.resolution().verdict());
                assertEquals(audit.evidenceHash(), resolved.resolution().evidenceHash());
            }
        }
    }
}
