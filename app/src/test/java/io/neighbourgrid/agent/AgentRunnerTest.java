package io.neighbourgrid.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Home agents running unattended on ledger events and polls, with only the operator driving the phases. */
class AgentRunnerTest {
    @Test
    void unattendedAgentsCarryAWindowToItsSettlement() throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(6).windows(2).seed(11).build().generate();
        MarketParameters params = MarketParameters.defaults();
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        List<Exception> errors = new CopyOnWriteArrayList<>();
        AgentListener listener = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        KeyCache keys = new KeyCache(null, "x".toCharArray(), new SecureRandom());
        try (EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(null, clock);
             Community community = new Community(provider, day, 1024, keys, clock, listener, 2)) {
            OperatorAgent operator = community.operator();
            operator.configure(MarketConfig.of(params, 1024, 60));
            for (HomeAgent a : community.agents()) {
                a.register(community.registrationProof(a));
            }
            List<AgentRunner> runners = new ArrayList<>();
            for (HomeAgent a : community.agents()) {
                AgentRunner r = new AgentRunner(a, a.client(), Duration.ofMillis(200));
                r.start(0);
                runners.add(r);
            }
            operator.open(0);
            WindowPhase phase = WindowPhase.ROLES;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (phase != WindowPhase.SETTLED && System.nanoTime() < deadline) {
                Thread.sleep(100);
                phase = operator.advance(0);
            }
            assertEquals(WindowPhase.SETTLED, phase, "the window did not settle within a minute");
            for (AgentRunner r : runners) {
                r.drain();
            }
            // The last poll computes each home's settlement from the settled window.
            Thread.sleep(500);
            for (AgentRunner r : runners) {
                r.drain();
                r.close();
            }
            for (HomeAgent a : community.agents()) {
                assertTrue(a.settlement(0).isPresent(), a.homeId() + " has no settlement");
            }
            assertTrue(errors.isEmpty(), "agents reported errors: " + errors);
        }
    }
}
