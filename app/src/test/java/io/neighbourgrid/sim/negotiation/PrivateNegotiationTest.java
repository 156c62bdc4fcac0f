package io.neighbourgrid.sim.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PrivateNegotiationTest {
    @Test
    void probe() throws Exception {
        for (NegotiationCase c : new NegotiationCase[] {NegotiationCase.uncongested(), NegotiationCase.congested()}) {
            NegotiationScenario s = new NegotiationScenario(c, NegotiationSettings.defaults());
            try (EmbeddedLedgerProvider p = new EmbeddedLedgerProvider(null, Clock.systemUTC())) {
                ScenarioRun plain = s.plain(p);
                System.out.println(c.name() + " plain it=" + plain.result().iterations() + " s=" + plain.seconds());
            }
            try (EmbeddedLedgerProvider p = new EmbeddedLedgerProvider(null, Clock.systemUTC())) {
                ScenarioRun priv = s.privately(p, 512, new SecureRandom());
                Deviations d = Deviations.of(priv.result(), CentralisedWelfare.solve(c));
                System.out.println(c.name() + " private it=" + priv.result().iterations() + " s=" + priv.seconds() + " conv=" + priv.result().converged() + " " + d);
            }
        }
    }
}
