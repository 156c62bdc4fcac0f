package io.neighbourgrid.agent;

import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small synthetic community on an embedded ledger in memory, with 1024-bit keys, its market configured and every
 * home registered: what the agent tests step window by window. The agents' failures are collected in
 * {@link #errors}.
 */
final class RegisteredCommunity implements AutoCloseable {
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    final SimulationClock clock;
    final EmbeddedLedgerProvider provider;
    final Community community;
    final OperatorAgent operator;

    RegisteredCommunity(int homes) throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(homes).windows(1).seed(5).build().generate();
        clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        AgentListener listener = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                errors.add(error);
            }
        };
        provider = new EmbeddedLedgerProvider(null, clock);
        community = new Community(provider, day, 1024, new KeyCache(null, "x".toCharArray(), new SecureRandom()),
                clock, listener, 2);
        operator = community.operator();
        operator.configure(MarketConfig.of(MarketParameters.defaults(), 1024, 60));
        for (HomeAgent a : community.agents()) {
            a.register(community.registrationProof(a));
        }
    }

    @Override
    public void close() {
        community.close();
        provider.close();
    }
}
